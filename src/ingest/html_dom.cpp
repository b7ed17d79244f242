// Internal to the HTML reader: text and Gumbo tree helpers shared by html_meta,
// html_body and html_nesting (declared in html_dom.h).
#include "ingest/html_dom.h"

#include <utility>
#include <vector>

#include "text/utf8.h"

namespace sipur::ingest::detail {

// ---------------------------------------------------------------- text

bool is_space(char c) {
  return text::is_ascii_space(c);
}

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}

std::string trimmed(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

std::size_t append_collapsed(std::string& out, std::string_view text) {
  std::size_t solid = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool nbsp = text[i] == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0';
    if (is_space(text[i]) || nbsp) {
      i += nbsp ? 1 : 0;
      if (!out.empty() && out.back() != ' ' && out.back() != '\n') out.push_back(' ');
      continue;
    }
    out.push_back(text[i]);
    ++solid;
  }
  return solid;
}

std::string collapse(std::string_view text) {
  std::string out;
  append_collapsed(out, text);
  return trimmed(out);
}

std::size_t word_count(std::string_view s) {
  std::size_t words = 0;
  bool in_word = false;
  for (const char c : s) {
    if (!is_space(c) && !in_word) ++words;
    in_word = !is_space(c);
  }
  return words;
}

// ---------------------------------------------------------------- Gumbo nodes

bool is_element(const GumboNode* n) {
  return n != nullptr && n->type == GUMBO_NODE_ELEMENT;
}
bool is_text(const GumboNode* n) {
  return n != nullptr &&
         (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA || n->type == GUMBO_NODE_WHITESPACE);
}
GumboTag tag_of(const GumboNode* n) {
  return is_element(n) ? n->v.element.tag : GUMBO_TAG_LAST;
}
std::string_view text_of(const GumboNode* n) {
  return is_text(n) && n->v.text.text != nullptr ? std::string_view(n->v.text.text) : std::string_view{};
}

std::string_view attr(const GumboNode* n, const char* name) {
  if (!is_element(n)) return {};
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a != nullptr && a->value != nullptr ? std::string_view(a->value) : std::string_view{};
}
bool has_attr(const GumboNode* n, const char* name) {
  return is_element(n) && gumbo_get_attribute(&n->v.element.attributes, name) != nullptr;
}

void walk(const GumboNode* root, const std::function<bool(const GumboNode*)>& enter,
          const std::function<void(const GumboNode*)>& leave) {
  std::vector<std::pair<const GumboNode*, bool>> stack{{root, false}};
  while (!stack.empty()) {
    const auto [node, leaving] = stack.back();
    stack.pop_back();
    if (node == nullptr) continue;
    if (leaving) {
      if (leave) leave(node);
      continue;
    }
    if (!enter(node)) continue;
    stack.emplace_back(node, true);
    const GumboVector* kids = node->type == GUMBO_NODE_DOCUMENT  ? &node->v.document.children
                              : node->type == GUMBO_NODE_ELEMENT ? &node->v.element.children
                                                                 : nullptr;
    if (kids == nullptr || kids->data == nullptr) continue;
    for (unsigned i = kids->length; i-- > 0;) stack.emplace_back(static_cast<const GumboNode*>(kids->data[i]), false);
  }
}

bool is_inline(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_A:
    case GUMBO_TAG_ABBR:
    case GUMBO_TAG_ACRONYM:
    case GUMBO_TAG_B:
    case GUMBO_TAG_BDI:
    case GUMBO_TAG_BDO:
    case GUMBO_TAG_BIG:
    case GUMBO_TAG_CITE:
    case GUMBO_TAG_CODE:
    case GUMBO_TAG_DATA:
    case GUMBO_TAG_DEL:
    case GUMBO_TAG_DFN:
    case GUMBO_TAG_EM:
    case GUMBO_TAG_FONT:
    case GUMBO_TAG_I:
    case GUMBO_TAG_IMG:
    case GUMBO_TAG_INS:
    case GUMBO_TAG_KBD:
    case GUMBO_TAG_LABEL:
    case GUMBO_TAG_MARK:
    case GUMBO_TAG_NOBR:
    case GUMBO_TAG_Q:
    case GUMBO_TAG_RB:
    case GUMBO_TAG_RP:
    case GUMBO_TAG_RT:
    case GUMBO_TAG_RUBY:
    case GUMBO_TAG_S:
    case GUMBO_TAG_SAMP:
    case GUMBO_TAG_SMALL:
    case GUMBO_TAG_SPAN:
    case GUMBO_TAG_STRIKE:
    case GUMBO_TAG_STRONG:
    case GUMBO_TAG_SUB:
    case GUMBO_TAG_SUP:
    case GUMBO_TAG_TIME:
    case GUMBO_TAG_TT:
    case GUMBO_TAG_U:
    case GUMBO_TAG_VAR:
    case GUMBO_TAG_WBR:
      return true;
    default:
      return false;
  }
}

// What a <noscript> says when it is more than a note to turn JavaScript on: some sites put their
// whole text there for readers without scripts.
constexpr std::size_t kNoscriptText = 300;

std::size_t text_bytes(const GumboNode* root, std::size_t enough) {
  std::size_t bytes = 0;
  walk(root, [&](const GumboNode* n) {
    bytes += text_of(n).size();
    return bytes < enough && is_element(n);
  });
  return bytes;
}

bool is_invisible(const GumboNode* n) {
  switch (tag_of(n)) {
    case GUMBO_TAG_NOSCRIPT:
      return text_bytes(n, kNoscriptText) < kNoscriptText;
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_NOFRAMES:
    case GUMBO_TAG_NOEMBED:
      return true;
    default:
      break;
  }
  if (has_attr(n, "hidden") || lowercase(attr(n, "aria-hidden")) == "true") return true;
  std::string style;
  for (const char c : attr(n, "style")) {
    if (!is_space(c)) style.push_back(c);
  }
  return lowercase(style).find("display:none") != std::string::npos;
}

// ---------------------------------------------------------------- visible text

TextStats measure(const GumboNode* root, std::size_t node_limit) {
  TextStats stats;
  int in_link = 0;
  std::size_t visited = 0;
  walk(
      root,
      [&](const GumboNode* n) {
        if (++visited > node_limit) stats.truncated = true;
        if (stats.truncated) return false;
        if (is_text(n)) {
          const std::size_t solid = append_collapsed(stats.text, text_of(n));
          stats.solid += solid;
          stats.linked += in_link > 0 ? solid : 0;
          return false;
        }
        if (!is_element(n) || is_invisible(n)) return n->type == GUMBO_NODE_DOCUMENT;
        in_link += tag_of(n) == GUMBO_TAG_A ? 1 : 0;
        if (!is_inline(tag_of(n))) append_collapsed(stats.text, " ");
        return true;
      },
      [&](const GumboNode* n) {
        in_link -= tag_of(n) == GUMBO_TAG_A ? 1 : 0;
        if (!is_inline(tag_of(n))) append_collapsed(stats.text, " ");
      });
  stats.text = trimmed(stats.text);
  return stats;
}

}  // namespace sipur::ingest::detail
