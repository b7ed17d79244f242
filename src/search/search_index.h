// The search index: an FTS5 table (kIndexTable) in the store's own file,
// one row per article (rowid = the article's seq), its title and body as
// index terms (index_terms.h). Made in the ingest pipeline as each article
// is analyzed, and written inside the same transaction as the article,
// just before it commits (Store::CommitHook): FTS5 writes the postings it
// holds as a new segment at every statement savepoint of the transaction
// (the store's inserts open one for their triggers), so rows written
// article by article made one segment per article, and FTS5 spent most of
// the index's ingest cost merging them. The store's search_pending table
// lists what the index does not hold yet (an older store, a run with
// --no-copies or --no-search-index, an older sipur writing), which
// index_pending() catches up on and clear() starts over from.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
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
  // table if the store has none (a store opened for writing). With
  // `hold_rows` > 0, rows wait across commits until that many do (or
  // write_held()), so that FTS5 writes one segment for many small
  // transactions (a server's group commits); their articles stay on the
  // pending list until then, so a crash loses no more than index work.
  [[nodiscard]] static Result<std::unique_ptr<SearchIndex>> open(store::Store& store, std::size_t hold_rows = 0);
  ~SearchIndex();
  SearchIndex(const SearchIndex&) = delete;
  SearchIndex& operator=(const SearchIndex&) = delete;

  // Indexes a stored article from its tokens (views::copy_text order: title,
  // then body), inside the caller's transaction: its row is written when
  // the store commits (or sooner, when the rows waiting pass kStagedBytes),
  // and dropped if it rolls back. An article the index holds already, or
  // one not in the store, changes nothing.
  [[nodiscard]] Status add(const Article& article, const std::vector<analysis::AnalyzedToken>& tokens);

  // Rows held (hold_rows > 0) for articles whose transactions committed or
  // are open; write_held() writes them inside the caller's transaction.
  [[nodiscard]] std::size_t held() const { return staged_.size(); }
  [[nodiscard]] Status write_held() { return write_staged(); }

  // Articles stored but not indexed.
  [[nodiscard]] Result<std::int64_t> pending();

  // Indexes every pending article in ingest order, committing every
  // `batch` articles; `progress` gets the count done so far.
  [[nodiscard]] Status index_pending(const AnalyzeArticle& analyze, std::size_t batch,
                                     const std::function<void(std::int64_t)>& progress);

  // Drops the index and lists every article as pending (then index_pending).
  [[nodiscard]] Status clear();

 private:
  SearchIndex(store::Store& store, std::size_t hold_rows);
  [[nodiscard]] Status prepare();
  [[nodiscard]] Status exec(const std::string& sql);
  // Writes the rows added since the last write (Store::commit calls it),
  // and with held rows takes their articles off the pending list.
  [[nodiscard]] Status write_staged();
  // Whether the article at `seq` still waits for the index, taking it off
  // the pending list unless its row is to be held.
  [[nodiscard]] Result<bool> claim(std::int64_t seq);
  [[nodiscard]] Status before_commit();
  void after_rollback();
  store::Store& store_;
  struct Statements;
  std::unique_ptr<Statements> statements_;
  struct StagedRow {
    std::int64_t seq = 0;
    std::string title, body;
  };
  std::vector<StagedRow> staged_;
  std::size_t staged_bytes_ = 0;
  std::size_t hold_rows_ = 0;
  std::size_t committed_rows_ = 0;  // of staged_, those whose articles' transactions committed
};

// Rows waiting for the commit are written sooner past this size (a run
// with very large transactions), as FTS5 would write its postings anyway.
inline constexpr std::size_t kStagedBytes = std::size_t{16} << 20;

// Registers the tokenizer and checks that `store` holds an index: kNotFound,
// saying to run `sipur reindex`, when it does not (a store from before
// search, or an index of another format).
[[nodiscard]] Status check_index(store::Store& store);

}  // namespace sipur::search
