// Internal to the HTML reader: main text extraction (declared in html_body.h).
#include "ingest/html_body.h"

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/html_dom.h"

namespace sipur::ingest::detail {
namespace {

constexpr std::size_t kMaxRemovedBytes = 2000;
constexpr std::size_t kLinkListMaxWords = 25;
// A related-article item is a link, maybe a picture and a byline; anything bigger is content.
constexpr std::size_t kMaxLinkItemNodes = 256;

// Cuts at most kMaxRemovedBytes without splitting a UTF-8 sequence.
std::string capped(std::string text) {
  if (text.size() <= kMaxRemovedBytes) return text;
  std::size_t cut = kMaxRemovedBytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  return text;
}

// ---------------------------------------------------------------- chrome and link lists

// Class and id fragments that mark navigation, promos and the like on news sites.
constexpr std::array<std::string_view, 26> kChromeMarkers = {
    "nav",        "menu",       "footer",     "site-header",  "page-header", "masthead", "sidebar",
    "related",    "promo",      "share",      "social",       "comment",     "advert",   "ad-slot",
    "breadcrumb", "newsletter", "subscribe",  "cookie",       "recommend",   "outbrain", "taboola",
    "widget",     "tags",       "author-bio", "more-stories", "read-more",
};

// The Removed kind for an element that is page furniture rather than article text, or "".
std::string_view chrome_kind(const GumboNode* n) {
  switch (tag_of(n)) {
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_MENU:
      return "page-chrome";
    case GUMBO_TAG_FIGCAPTION:
      return "photo-credit";
    default:
      break;
  }
  const std::string role = lowercase(attr(n, "role"));
  if (role == "navigation" || role == "banner" || role == "contentinfo" || role == "complementary" || role == "menu" ||
      role == "menubar" || role == "search") {
    return "page-chrome";
  }
  const std::string names = lowercase(attr(n, "class")) + " " + lowercase(attr(n, "id"));
  for (const std::string_view marker : kChromeMarkers) {
    if (names.find(marker) != std::string::npos) return "page-chrome";
  }
  return "";
}

bool mostly_links(const TextStats& stats) {
  return !stats.truncated && stats.solid > 0 && stats.linked * 10 >= stats.solid * 7 &&
         word_count(stats.text) < kLinkListMaxWords;
}

// A <ul>/<ol> whose items are mostly short links (related articles, "more from"): its text
// with one item a line, or nullopt for an ordinary list.
std::optional<std::string> link_list_text(const GumboNode* list) {
  const GumboVector& kids = list->v.element.children;
  std::size_t items = 0;
  std::size_t linky = 0;
  std::string text;
  for (unsigned i = 0; kids.data != nullptr && i < kids.length; ++i) {
    const auto* kid = static_cast<const GumboNode*>(kids.data[i]);
    if (tag_of(kid) != GUMBO_TAG_LI) continue;
    const TextStats item = measure(kid, kMaxLinkItemNodes);
    if (item.solid == 0) continue;
    ++items;
    linky += mostly_links(item) ? 1 : 0;
    text += (text.empty() ? "" : "\n") + item.text;
  }
  if (items < 2 || linky * 2 <= items) return std::nullopt;
  return text;
}

// ---------------------------------------------------------------- blocks

// Turns the content root into "\n\n"-separated blocks, moving chrome and link lists to removed.
class BodyBuilder {
 public:
  explicit BodyBuilder(Article& article) : article_(article) {}

  std::string build(const GumboNode* root) {
    root_ = root;
    walk(
        root, [this](const GumboNode* n) { return enter(n); }, [this](const GumboNode* n) { leave(n); });
    flush();
    std::string body;
    for (const std::string& block : blocks_) body += (body.empty() ? "" : "\n\n") + block;
    return body;
  }

 private:
  void remove(std::string_view kind, std::string text) {
    if (!text.empty()) article_.removed.push_back(Removed{std::string(kind), capped(std::move(text))});
  }

  bool enter(const GumboNode* n) {
    if (is_text(n)) {
      const std::size_t solid = append_collapsed(block_, text_of(n));
      solid_ += solid;
      linked_ += in_link_ > 0 ? solid : 0;
      return false;
    }
    if (!is_element(n)) return n->type == GUMBO_NODE_DOCUMENT;
    const GumboTag tag = tag_of(n);
    if (n != root_) {
      if (is_invisible(n)) return false;
      if (const std::string_view kind = chrome_kind(n); !kind.empty()) {
        remove(kind, measure(n).text);
        return false;
      }
      if (tag == GUMBO_TAG_UL || tag == GUMBO_TAG_OL) {
        if (auto text = link_list_text(n)) {
          flush();
          remove("related-list", std::move(*text));
          return false;
        }
      }
    }
    if (tag == GUMBO_TAG_BR) {
      line_break();
      return false;
    }
    in_link_ += tag == GUMBO_TAG_A ? 1 : 0;
    boundary(tag);
    return true;
  }

  void leave(const GumboNode* n) {
    if (tag_of(n) == GUMBO_TAG_A && in_link_ > 0) --in_link_;
    boundary(tag_of(n));
  }

  // Known block elements end the current block; unknown (custom) elements only separate words.
  void boundary(GumboTag tag) {
    if (tag == GUMBO_TAG_UNKNOWN) {
      append_collapsed(block_, " ");
    } else if (!is_inline(tag)) {
      flush();
    }
  }

  void line_break() {
    while (!block_.empty() && block_.back() == ' ') block_.pop_back();
    if (!block_.empty() && !block_.ends_with("\n\n")) block_.push_back('\n');
  }

  void flush() {
    std::string block = trimmed(block_);
    const TextStats stats{block, solid_, linked_};
    block_.clear();
    solid_ = linked_ = 0;
    if (block.empty()) return;
    if (!title_seen_ && block == article_.title) {
      title_seen_ = true;  // the page's own headline above the text
      remove("repeated-headline", std::move(block));
    } else if (mostly_links(stats)) {
      remove("link-list", std::move(block));
    } else {
      blocks_.push_back(std::move(block));
    }
  }

  Article& article_;
  const GumboNode* root_ = nullptr;
  std::vector<std::string> blocks_;
  std::string block_;
  std::size_t solid_ = 0;
  std::size_t linked_ = 0;
  int in_link_ = 0;
  bool title_seen_ = false;
};

}  // namespace

const GumboNode* content_root(const PageMeta& page, const GumboNode* document) {
  if (page.article_body != nullptr) return page.article_body;
  const GumboNode* best = nullptr;
  std::size_t best_solid = 0;
  for (const GumboNode* candidate : page.articles) {
    const std::size_t solid = measure(candidate).solid;
    if (best == nullptr || solid > best_solid) best = candidate, best_solid = solid;
  }
  if (best != nullptr) return best;
  if (page.main != nullptr) return page.main;
  return page.body != nullptr ? page.body : document;
}

std::string build_body(const GumboNode* root, Article& article) {
  return BodyBuilder(article).build(root);
}

}  // namespace sipur::ingest::detail
