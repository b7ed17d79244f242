// Copy groups: articles linked by copy relations (connected through any
// chain of them), each relation with its kind, score and the passages the
// two share quoted from both texts. `sipur dups` prints them; the server
// pages through them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "store/store.h"

namespace sipur::views {

struct CopyGroupArticle {
  std::string id;
  std::string source;
  std::string published;  // as normalized; "" if unknown
  std::string title;
};

struct QuotedPassage {
  std::uint64_t words = 0;
  std::string a_text;  // from the source's copy text, cut to max_passage_chars bytes, line breaks as spaces
  std::string b_text;
};

struct CopyRelationView {
  std::string a;  // source
  std::string b;  // copy
  std::string kind;
  double score = 0;
  std::vector<QuotedPassage> passages;
};

struct CopyGroup {
  std::vector<CopyGroupArticle> articles;   // by id
  std::vector<CopyRelationView> relations;  // by source then copy id
};

struct CopyGroupOptions {
  std::size_t max_passage_chars = 300;  // bytes, cut on a character boundary, "…" marking the cut
};

// Every group, in the order its first relation comes by (source, copy) id.
[[nodiscard]] Result<std::vector<CopyGroup>> copy_groups(store::Store& store, const CopyGroupOptions& options);

// Groups ordered by their smallest article id, at most `limit`, those whose
// smallest id is greater than `after` (a cursor: the last page's last
// group's smallest id).
struct CopyGroupPage {
  std::vector<CopyGroup> groups;
  std::optional<std::string> next;  // the cursor of the next page, if there is one
};
[[nodiscard]] Result<CopyGroupPage> copy_group_page(store::Store& store, std::size_t limit,
                                                    const std::optional<std::string>& after,
                                                    const CopyGroupOptions& options);

// {"articles":[{"id","source","published","title"}],
//  "relations":[{"a","b","kind","score","passages":[{"words","a_text","b_text"}]}]}
[[nodiscard]] nlohmann::ordered_json copy_group_json(const CopyGroup& group);

}  // namespace sipur::views
