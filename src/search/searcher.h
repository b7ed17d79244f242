// Searching a store: a query string in, the matching articles out, ranked
// by BM25 (title above body) and grouped by story and event, so that the
// reports and copies of one event do not fill the page; each shown article
// with its snippet and highlighted words. Read-only; one Searcher per
// thread, like the store it reads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "core/error.h"
#include "search/query_plan.h"
#include "search/ranking.h"
#include "search/snippet.h"
#include "store/store.h"

struct sqlite3_stmt;

namespace sipur::search {

struct SearchOptions {
  std::size_t stories = 10;      // groups returned (a story, or an article not in any event)
  std::size_t per_story = 3;     // articles shown per group, distinct events first
  std::size_t candidates = 200;  // best-scoring matches grouped; more are counted, not grouped
  // Matches scored, at most (ranking.h says which; 0: every match).
  std::size_t scored = kScoredMatches;
  SortOrder sort = SortOrder::kRelevance;
  // false: every article its own group, so groups are the plain ranking
  // (the relevance evaluation scores that).
  bool group_by_story = true;
};

struct SearchHit {
  std::string id;
  std::string event;  // "" when the article is in no event yet
  std::string story;
  double score = 0;  // BM25, higher is better, to three decimals
  std::string title;
  std::vector<Span> title_highlights;
  Snippet snippet;
  std::string source;
  std::string lang;
  std::string published;  // as stored; "" if unknown
};

struct SearchGroup {
  std::string story;                // "" for an article in no event
  std::string label;                // the story's label, else the article's title
  std::size_t matches = 0;          // matching articles of the story among the candidates
  std::vector<std::string> events;  // distinct events of those matches, best first
  std::vector<SearchHit> hits;      // the ones shown
};

struct SearchResults {
  std::string query;               // as sipur read it (describe())
  std::vector<std::string> notes;  // words set aside or matched as written, each with why
  std::int64_t matches = 0;        // every matching article, counted in full
  std::int64_t unindexed = 0;      // articles stored but not in the index yet
  std::vector<SearchGroup> groups;
};

class Searcher {
 public:
  // kNotFound (saying to run `sipur reindex`) when the store has no index;
  // an analyzer error when the Hebrew resources cannot be read.
  [[nodiscard]] static Result<std::unique_ptr<Searcher>> open(store::Store& store,
                                                              const analysis::AnalyzerOptions& options);
  ~Searcher();
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  // The query errors of parse_query and QueryPlanner::plan, or kStorage.
  [[nodiscard]] Result<SearchResults> search(std::string_view query, const SearchOptions& options);

 private:
  Searcher(store::Store& store, std::unique_ptr<QueryPlanner> planner, std::unique_ptr<analysis::Analyzer> snippets);
  [[nodiscard]] std::int64_t frequency(const std::string& term);
  [[nodiscard]] Result<sqlite3_stmt*> statement(const std::string& sql);

  store::Store& store_;
  std::unique_ptr<QueryPlanner> planner_;
  // Reads results' texts for snippets; like the planner's, never shown the corpus.
  std::unique_ptr<analysis::Analyzer> snippets_;
  struct Statements;
  std::unique_ptr<Statements> statements_;
};

}  // namespace sipur::search
