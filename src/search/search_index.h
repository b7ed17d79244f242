// The search index: an FTS5 table (kIndexTable) in the store's own file,
// one row per article (rowid = the article's seq), its title and body as
// index terms (index_terms.h). Written in the ingest pipeline as each
// article is analyzed, inside the same transaction as the article; the
// store's search_pending table lists what it does not hold yet (an older
// store, a run with --no-copies, an older sipur writing), which
// index_pending() catches up on and rebuild() starts over from.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "analysis/analyzer.h"
#include "core/article.h"
#include "core/error.h"
#include "store/store.h"

struct sqlite3_stmt;

namespace sipur::search {

// The table's name carries the format of its terms: a sipur that writes
// other terms names another table, and an index in an older format reads
// as absent (search says to run `sipur reindex`) instead of as wrong.
inline constexpr const char* kIndexTable = "search_v1";

// BM25 weights of the index's columns: a word in the title counts three
// times one in the body.
inline constexpr double kTitleWeight = 3.0;
inline constexpr double kBodyWeight = 1.0;

// The tokens of views::copy_text(article), as the pipeline's analysis stage
// gives them (pipeline::ArticleAnalysis::tokens).
using AnalyzeArticle = std::function<Result<std::vector<analysis::AnalyzedToken>>(const Article&)>;

class SearchIndex {
 public:
  // Registers the tokenizer on the store's connection and creates the
  // table if the store has none (a store opened for writing).
  [[nodiscard]] static Result<std::unique_ptr<SearchIndex>> open(store::Store& store);
  ~SearchIndex();
  SearchIndex(const SearchIndex&) = delete;
  SearchIndex& operator=(const SearchIndex&) = delete;

  // Indexes a stored article from its tokens (views::copy_text order: title,
  // then body). Inside the caller's transaction. An article the index holds
  // already, or one not in the store, changes nothing.
  [[nodiscard]] Status add(const Article& article, const std::vector<analysis::AnalyzedToken>& tokens);

  // Articles stored but not indexed.
  [[nodiscard]] Result<std::int64_t> pending();

  // Indexes every pending article in ingest order, committing every
  // `batch` articles; `progress` gets the count done so far.
  [[nodiscard]] Status index_pending(const AnalyzeArticle& analyze, std::size_t batch,
                                     const std::function<void(std::int64_t)>& progress);

  // Drops the index and lists every article as pending (then index_pending).
  [[nodiscard]] Status clear();

 private:
  explicit SearchIndex(store::Store& store);
  [[nodiscard]] Status prepare();
  [[nodiscard]] Status exec(const std::string& sql);
  store::Store& store_;
  struct Statements;
  std::unique_ptr<Statements> statements_;
};

// Registers the tokenizer and checks that `store` holds an index: kNotFound,
// saying to run `sipur reindex`, when it does not (a store from before
// search, or an index of another format).
[[nodiscard]] Status check_index(store::Store& store);

}  // namespace sipur::search
