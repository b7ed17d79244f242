// The query language, parsed without the analyzer (query_plan.h analyzes
// what this finds):
//   words              every word must match, by lemma (פגישה finds בפגישתם)
//   "a phrase"         these exact forms in a row
//   +word              required (what a plain word already is; accepted for
//                      users of Lucene and Xapian syntax)
//   -word, -"phrase"   must not match
//   a OR b             either; OR binds the words or phrases beside it
//   lang:he source:ynet from:2019-01-01 to:2019-04-30   filters (dates in UTC, inclusive)
// A " between two Hebrew letters is gershayim (צה"ל, ארה"ב), part of the
// word, not a quote. Mistakes are errors that say what and where, never an
// empty answer: see tests/search_query_test.cpp for the table.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace sipur::search {

// A query longer than this is refused rather than cut: a cut query would
// answer a question nobody asked.
inline constexpr std::size_t kMaxQueryBytes = 1024;
inline constexpr std::size_t kMaxQueryWords = 32;

struct QueryTerm {
  std::string text;  // a word, or a phrase's words as typed (cleaned)
  bool phrase = false;
  friend bool operator==(const QueryTerm&, const QueryTerm&) = default;
};

// One condition: any of its alternatives matches (a OR b); an excluded
// clause has one alternative, which must not match.
struct QueryClause {
  std::vector<QueryTerm> alternatives;
  bool excluded = false;
  friend bool operator==(const QueryClause&, const QueryClause&) = default;
};

struct QueryFilters {
  std::string lang;                  // ISO 639-1, as given lowercased; "" for any
  std::string source;                // an outlet as stored; "" for any
  std::optional<std::int64_t> from;  // UTC seconds, inclusive
  std::optional<std::int64_t> to;    // UTC seconds, exclusive (the day after the date given)
  friend bool operator==(const QueryFilters&, const QueryFilters&) = default;
};

struct ParsedQuery {
  std::vector<QueryClause> clauses;
  QueryFilters filters;
};

// kInvalidUtf8, kTooLarge (over kMaxQueryBytes or kMaxQueryWords) or
// kInvalidInput (empty, unbalanced quotes, an operator without a word, an
// unknown filter value, nothing but exclusions); the error's offset is the
// byte where the problem starts.
[[nodiscard]] Result<ParsedQuery> parse_query(std::string_view text);

// The query as sipur read it, for messages and --explain: clauses and
// filters in a canonical form ("פגישה (פוטין OR Putin) -טלפון lang:he").
[[nodiscard]] std::string describe(const ParsedQuery& query);

}  // namespace sipur::search
