// Ranking a query's matches by BM25 (title above body): which matches are
// scored, and the best of them kept for grouping. FTS5 computes BM25 match
// by match (each match's positions and length are read), so scoring is
// most of what a frequent word costs; a query matching more articles than
// a budget has only a chosen part of them scored, the rest counted. The
// choice is fixed by the query and the index, never by chance or by time
// spent, so the same store and query always give the same page.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "search/query_plan.h"

struct sqlite3;
struct sqlite3_stmt;

namespace sipur::search {

enum class SortOrder {
  kRelevance,  // best score first; among equal scores the newer first
  kTime,       // newest first (undated last); the score breaks ties
};

// Matches of one query scored, at most, by default. Beyond it, relevance
// scores first the matches with the words as typed in a title, then the
// other matches in titles, then the newest of the rest (most recently
// ingested first) while the budget lasts; a time order scores the newest.
// docs/SEARCH.md ("The scoring budget") says what that gives up and when.
inline constexpr std::size_t kScoredMatches = 10000;

struct RankOptions {
  SortOrder sort = SortOrder::kRelevance;
  std::size_t keep = 200;               // best matches returned
  std::size_t scored = kScoredMatches;  // 0: every match
};

// A match before it is grouped.
struct Candidate {
  std::int64_t seq = 0;
  double score = 0;                       // BM25, higher is better, to three decimals
  std::optional<std::int64_t> published;  // read only when filters or the time order join the article
};

// Relevance: score, then newer, then later ingested. Time: newer (undated
// last), then score, then later ingested.
[[nodiscard]] bool before(const Candidate& a, const Candidate& b, SortOrder sort);

struct Ranked {
  std::vector<Candidate> best;  // best first
  std::int64_t matches = 0;     // every match, counted in full
  std::int64_t scored = 0;      // of which scored
};

// A prepared statement for `sql`, reset, kept by the caller.
using StatementOf = std::function<Result<sqlite3_stmt*>(const std::string& sql)>;

// Registers on `db` the SQL function the ranking's statements call.
[[nodiscard]] Status register_ranking(sqlite3* db);

// The plan's matches (filters applied), ranked. kStorage on an SQLite error.
[[nodiscard]] Result<Ranked> rank_matches(const StatementOf& statement, sqlite3* db, const QueryPlan& plan,
                                          const RankOptions& options);

}  // namespace sipur::search
