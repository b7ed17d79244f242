// The JSON forms of search results, one owner for the CLI (--json: one
// line per article, in grouped order) and the server (GET /v1/search).
// Highlights are [begin, end) byte offsets: the title's into the title, the
// snippet's into the snippet, which starts at snippet_start bytes into the
// article's clean body (the `text` of GET /v1/articles/{id}).
#pragma once

#include <nlohmann/json.hpp>

#include "search/searcher.h"

namespace sipur::search {

// {"id","story","event","score","title","snippet","snippet_start",
//  "highlights":{"title":[[b,e],...],"snippet":[[b,e],...]},"source","lang","published"}
[[nodiscard]] nlohmann::ordered_json hit_json(const SearchHit& hit);

// {"query","notes","matches","unindexed","stories":[{"story","label",
//  "matches","events","articles":[hit_json...]}]}
[[nodiscard]] nlohmann::ordered_json results_json(const SearchResults& results);

}  // namespace sipur::search
