// Internal to the HTML reader: which part of a page holds the article. Two
// walks measure every element (visible text, linked text, the prose blocks
// below it) and read what its tag, role and class/id names say (navigation,
// comments, share bars... or the article's body); the content is the element
// holding the most prose for the least of everything else.
#pragma once

#include <gumbo.h>

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ingest/html_extract.h"
#include "ingest/html_meta.h"

namespace sipur::ingest::detail {

// What an element's tag, role and class/id names say it is.
enum class Furniture : std::uint8_t {
  kNone,
  kChrome,   // navigation, header and footer, share bars, forms, cookie notices, ads: "page-chrome"
  kRelated,  // related or recommended articles, "more from": "related-list"
  kComments,
  kCredit,  // a figure caption: "photo-credit"
  kByline,  // who wrote it and when: "byline"
};

struct NodeInfo {
  std::uint32_t chars = 0;            // visible characters below (code points; spaces not counted)
  std::uint32_t linked = 0;           // of them inside <a>
  std::uint32_t prose = 0;            // characters in prose blocks below, outside furniture
  std::uint32_t any_prose = 0;        // the same, furniture or not
  std::uint32_t plain = 0;            // characters in other blocks below outside furniture, not linked
  std::uint32_t loose_links = 0;      // ... and linked
  std::uint32_t furniture_chars = 0;  // visible characters below in furniture
  std::int8_t name_weight = 0;  // +1 article-like names (content, post, entry...), -1 doubtful ones (meta, tool...)
  Furniture furniture = Furniture::kNone;  // what the element's own tag and names say
  bool named_furniture = false;            // ... and it was the names
  bool byline_names = false;               // names of a byline ("byline", "author"): furniture if short
  bool in_furniture = false;               // this element or one above it is furniture

  [[nodiscard]] double link_density() const { return chars == 0 ? 0.0 : static_cast<double>(linked) / chars; }
};

// Every element of the page under `root`, measured once.
class PageIndex {
 public:
  PageIndex(const GumboNode* root, const ExtractOptions& options);

  // nullptr for nodes outside the index (text nodes, invisible elements).
  [[nodiscard]] const NodeInfo* find(const GumboNode* n) const {
    const auto it = nodes_.find(n);
    return it == nodes_.end() ? nullptr : &it->second;
  }
  [[nodiscard]] const GumboNode* root() const { return root_; }
  [[nodiscard]] std::uint32_t prose_total() const { return prose_total_; }

 private:
  const GumboNode* root_;
  std::unordered_map<const GumboNode*, NodeInfo> nodes_;
  std::uint32_t prose_total_ = 0;
};

// What an element's tag, role and class/id names say, regardless of where it is.
[[nodiscard]] Furniture furniture_of(const GumboNode* n);
[[nodiscard]] std::string_view removed_kind(Furniture f);

// Characters in `text` as the index counts them (code points that are not spaces).
[[nodiscard]] std::uint32_t visible_chars(std::string_view text);

// Where the article is.
struct Content {
  const GumboNode* root = nullptr;
  // Before the root, outside it: the article's lead (subtitle, standfirst) where the page keeps it
  // apart from the text.
  std::vector<const GumboNode*> leads;
};

// itemprop=articleBody when it holds prose; else, on a page with prose, the element that holds the
// most prose for the least other text (ExtractOptions weigh the other text); else <body>.
[[nodiscard]] Content find_content(const PageMeta& page, const GumboNode* document, const PageIndex& index,
                                   const ExtractOptions& options);

}  // namespace sipur::ingest::detail
