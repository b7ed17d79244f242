// Internal to the HTML reader: the pre-scan of the markup (declared in html_nesting.h).
#include "ingest/html_nesting.h"

#include <gumbo.h>

#include <cstddef>

#include "ingest/html_dom.h"

namespace sipur::ingest::detail {
namespace {

// Gumbo scans the whole stack of open elements for many start tags, so parse time grows with
// depth times tags; past this many open elements further start tags are dropped before parsing.
constexpr std::size_t kMaxNesting = 1024;

bool counts_for_nesting(GumboTag tag) {
  switch (tag) {
    // void elements, elements closed by their next sibling, and the implied ones
    case GUMBO_TAG_AREA:
    case GUMBO_TAG_BASE:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_COL:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_IMG:
    case GUMBO_TAG_IMAGE:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_KEYGEN:
    case GUMBO_TAG_LINK:
    case GUMBO_TAG_META:
    case GUMBO_TAG_PARAM:
    case GUMBO_TAG_SOURCE:
    case GUMBO_TAG_TRACK:
    case GUMBO_TAG_WBR:
    case GUMBO_TAG_BASEFONT:
    case GUMBO_TAG_BGSOUND:
    case GUMBO_TAG_FRAME:
    case GUMBO_TAG_ISINDEX:
    case GUMBO_TAG_P:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_OPTION:
    case GUMBO_TAG_OPTGROUP:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_RB:
    case GUMBO_TAG_RT:
    case GUMBO_TAG_RTC:
    case GUMBO_TAG_RP:
    case GUMBO_TAG_COLGROUP:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_BODY:
      return false;
    default:
      return true;
  }
}

// Elements whose content is text up to their end tag, so "<div" inside them is no tag.
bool is_raw_text(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_XMP:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_NOEMBED:
    case GUMBO_TAG_NOFRAMES:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_PLAINTEXT:
      return true;
    default:
      return false;
  }
}

bool is_ascii_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// One past the '>' closing the tag whose name ends at i; '>' inside quoted values does not count.
std::size_t tag_end(std::string_view html, std::size_t i) {
  char quote = 0;
  char previous = 0;
  for (; i < html.size(); ++i) {
    const char c = html[i];
    if (quote != 0) {
      quote = c == quote ? 0 : quote;
      continue;
    }
    if ((c == '"' || c == '\'') && previous == '=') quote = c;
    if (c == '>') return i + 1;
    if (!is_space(c)) previous = c;
  }
  return html.size();
}

std::size_t find_end_tag(std::string_view html, std::size_t from, std::string_view name) {
  for (std::size_t i = html.find("</", from); i != std::string_view::npos; i = html.find("</", i + 2)) {
    if (lowercase(html.substr(i + 2, name.size())) == name) return i;
  }
  return html.size();
}

}  // namespace

std::optional<std::string> prepare_markup(std::string_view html) {
  std::string out;
  std::size_t copied = 0, depth = 0, excess = 0;
  bool changed = false;
  const auto drop = [&](std::size_t from, std::size_t to) {
    out.append(html.substr(copied, from - copied));
    copied = to;
    changed = true;
  };
  for (std::size_t i = html.find('<'); i != std::string_view::npos; i = html.find('<', i)) {
    if (html.compare(i, 4, "<!--") == 0) {
      const std::size_t close = html.find("-->", i + 4);
      i = close == std::string_view::npos ? html.size() : close + 3;
      continue;
    }
    const bool closing = i + 1 < html.size() && html[i + 1] == '/';
    const std::size_t name = i + (closing ? 2 : 1);
    if (name >= html.size() || !is_ascii_alpha(html[name])) {
      ++i;
      continue;
    }
    std::size_t name_end = name + 1;
    while (name_end < html.size() && !is_space(html[name_end]) && html[name_end] != '/' && html[name_end] != '>') {
      ++name_end;
    }
    const std::size_t end = tag_end(html, name_end);
    const GumboTag tag = gumbo_tagn_enum(html.data() + name, static_cast<unsigned>(name_end - name));
    if (!closing && is_raw_text(tag)) {
      const std::size_t close = find_end_tag(html, end, lowercase(html.substr(name, name_end - name)));
      // Scripts and styles are never shown, and tokenizing them was a third of parsing: their
      // text goes (JSON-LD stays: it holds the publication time and the text).
      const bool unseen =
          tag == GUMBO_TAG_STYLE ||
          (tag == GUMBO_TAG_SCRIPT && lowercase(html.substr(i, end - i)).find("json") == std::string::npos);
      if (unseen && close > end) drop(end, close);
      i = close;
      continue;
    }
    const bool self_closing = end >= 2 && html[end - 2] == '/';
    if (counts_for_nesting(tag) && !(self_closing && !closing)) {
      if (!closing && depth < kMaxNesting) {
        ++depth;
      } else if (!closing) {
        ++excess;
        drop(i, end);
      } else if (excess > 0) {
        --excess;
        drop(i, end);
      } else if (depth > 0) {
        --depth;
      }
    }
    i = end;
  }
  if (!changed) return std::nullopt;
  out.append(html.substr(copied));
  return out;
}

}  // namespace sipur::ingest::detail
