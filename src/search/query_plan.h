// A parsed query read by the analyzer: each word becomes the index terms it
// may match (its lemma, its reading without a prefix the corpus supports,
// its name key), each phrase the exact forms in a row; then the FTS5 MATCH
// expression over them. The same terms tell the snippet which words to
// highlight, so what is highlighted is what matched.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "core/error.h"
#include "search/query.h"

namespace sipur::search {

// Any of these index terms at one position.
using TermChoice = std::vector<std::string>;

// A word (one position) or a phrase (a run of positions).
struct Matcher {
  std::vector<TermChoice> positions;
  // A word's exact form as typed (one of positions[0]); "" for a phrase,
  // whose terms are exact forms already.
  std::string typed;
};

struct PlannedClause {
  std::vector<Matcher> alternatives;
  bool excluded = false;
};

struct QueryPlan {
  std::vector<PlannedClause> clauses;  // only those left with something to match
  QueryFilters filters;
  std::vector<std::string> notes;  // words set aside or read otherwise, each with why ("של: a stop word")
  std::string match;               // the FTS5 MATCH expression
  // Narrower expressions, each matching a part of `match`, in the order
  // their matches are scored when a query has too many to score all
  // (ranking.h): the words as typed in titles, then any match in titles.
  // What must not match still must not, anywhere.
  std::vector<std::string> first_scored;
};

// How many articles hold an index term (0 when none): what the corpus has
// seen decides whether a name-like query word loses a prefix.
using DocumentFrequency = std::function<std::int64_t(const std::string& term)>;

class QueryPlanner {
 public:
  [[nodiscard]] static Result<std::unique_ptr<QueryPlanner>> create(const analysis::AnalyzerOptions& options);

  // Stop words beside other words are set aside (named in `notes`); a
  // query of nothing but stop words matches them as written instead (and
  // says so). kInvalidInput when nothing is left to find (only
  // punctuation); the message names the words.
  [[nodiscard]] Result<QueryPlan> plan(const ParsedQuery& query, const DocumentFrequency& frequency);

 private:
  explicit QueryPlanner(std::unique_ptr<analysis::Analyzer> analyzer) : analyzer_(std::move(analyzer)) {}
  // nullopt when the term gives nothing to match, with the reason in `why`.
  enum class StopWords { kSetAside, kAsWritten };
  std::optional<Matcher> plan_term(const QueryTerm& term, const std::string& lang_filter,
                                   const DocumentFrequency& frequency, StopWords stop_words, std::string& why);
  QueryPlan plan_clauses(const ParsedQuery& query, const DocumentFrequency& frequency, StopWords stop_words);
  TermChoice word_terms(const analysis::AnalyzedToken& token, const std::string& lang,
                        const DocumentFrequency& frequency);

  // Never shown the corpus (Analyzer::observe): a query's reading must not
  // depend on the queries asked before it.
  std::unique_ptr<analysis::Analyzer> analyzer_;
};

// A term quoted for an FTS5 expression.
[[nodiscard]] std::string quote_term(const std::string& term);

}  // namespace sipur::search
