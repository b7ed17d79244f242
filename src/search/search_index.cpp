#include "search/search_index.h"

#include <sqlite3.h>

#include <algorithm>
#include <string>

#include "search/fts_tokenizer.h"
#include "search/index_terms.h"
#include "views/records.h"

namespace sipur::search {
namespace {

struct StmtDeleter {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Stmt = std::unique_ptr<sqlite3_stmt, StmtDeleter>;

Error storage_error(sqlite3* db, const std::string& what) {
  return make_error(ErrorKind::kStorage, what + ": " + sqlite3_errmsg(db), {sqlite3_db_filename(db, "main")});
}

Result<bool> table_exists(sqlite3* db, const char* name) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE name = ?", -1, &raw, nullptr) != SQLITE_OK) {
    return storage_error(db, "cannot read the schema");
  }
  Stmt s(raw);
  sqlite3_bind_text(raw, 1, name, -1, SQLITE_STATIC);
  const int rc = sqlite3_step(raw);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return storage_error(db, "cannot read the schema");
  return rc == SQLITE_ROW;
}

std::string create_table_sql() {
  // Contentless: the store keeps the text; the index keeps only postings
  // (detail=full, for phrases). Column sizes are kept: BM25 needs them.
  return std::string("CREATE VIRTUAL TABLE IF NOT EXISTS ") + kIndexTable +
         " USING fts5(title, body, content='', tokenize='" + kTokenizerName + "')";
}

// FTS5 collects new postings in memory and writes them out as a segment
// when they pass `hashsize` (1 MB by default) or the transaction ends; a
// full article fills a megabyte in a few dozen, and each segment written
// is later merged. 16 MB writes fewer, larger segments.
const std::string kTuning =
    std::string("INSERT INTO ") + kIndexTable + " (" + kIndexTable + ", rank) VALUES ('hashsize', 16777216)";

}  // namespace

struct SearchIndex::Statements {
  Stmt seq_of;   // an article's seq by id
  Stmt insert;   // a row of the index
  Stmt done;     // off the pending list
  Stmt listed;   // on it?
  Stmt pending;  // how many wait
  Stmt pending_ids;
};

SearchIndex::SearchIndex(store::Store& store, std::size_t hold_rows)
    : store_(store), statements_(std::make_unique<Statements>()), hold_rows_(hold_rows) {}
SearchIndex::~SearchIndex() {
  store_.remove_commit_hooks(this);
}

Status SearchIndex::exec(const std::string& sql) {
  char* message = nullptr;
  sqlite3* db = store_.connection();
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : sqlite3_errmsg(db);
    sqlite3_free(message);
    return make_error(ErrorKind::kStorage, "search index: " + text, {sqlite3_db_filename(db, "main")});
  }
  return Ok{};
}

Result<std::unique_ptr<SearchIndex>> SearchIndex::open(store::Store& store, std::size_t hold_rows) {
  if (Status s = register_tokenizer(store.connection()); !s) return s.error();
  std::unique_ptr<SearchIndex> index(new SearchIndex(store, hold_rows));
  if (Status s = index->exec(create_table_sql()); !s) return s.error();
  if (Status s = index->exec(kTuning); !s) return s.error();
  if (Status s = index->prepare(); !s) return s.error();
  SearchIndex* self = index.get();
  store.add_commit_hook({self, [self] { return self->before_commit(); }, [self] { self->after_rollback(); }});
  return index;
}

Status SearchIndex::prepare() {
  sqlite3* db = store_.connection();
  Statements& st = *statements_;
  const std::string table = kIndexTable;
  const std::pair<std::string, Stmt*> statements[] = {
      {"SELECT seq FROM articles WHERE id = ?", &st.seq_of},
      {"INSERT INTO " + table + " (rowid, title, body) VALUES (?,?,?)", &st.insert},
      {"DELETE FROM search_pending WHERE seq = ?", &st.done},
      {"SELECT 1 FROM search_pending WHERE seq = ?", &st.listed},
      {"SELECT count(*) FROM search_pending", &st.pending},
      {"SELECT a.id FROM search_pending p JOIN articles a ON a.seq = p.seq ORDER BY p.seq", &st.pending_ids},
  };
  for (const auto& [sql, out] : statements) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v3(db, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr) != SQLITE_OK) {
      return storage_error(db, "search index");
    }
    out->reset(s);
  }
  return Ok{};
}

Status SearchIndex::add(const Article& article, const std::vector<analysis::AnalyzedToken>& tokens) {
  sqlite3* db = store_.connection();
  Statements& st = *statements_;
  sqlite3_reset(st.seq_of.get());
  sqlite3_bind_text(st.seq_of.get(), 1, article.id.data(), static_cast<int>(article.id.size()), SQLITE_STATIC);
  const int found = sqlite3_step(st.seq_of.get());
  if (found == SQLITE_DONE) return Ok{};
  if (found != SQLITE_ROW) return storage_error(db, "search index");
  const sqlite3_int64 seq = sqlite3_column_int64(st.seq_of.get(), 0);
  sqlite3_reset(st.seq_of.get());

  Result<bool> claimed = claim(seq);
  if (!claimed) return claimed.error();
  if (!claimed.value()) return Ok{};

  const std::size_t body_begin = views::body_offset_in_copy_text(article);
  StagedRow row{seq, encode_field(tokens, 0, article.title.size(), article.lang),
                encode_field(tokens, body_begin, body_begin + article.body.size(), article.lang)};
  staged_bytes_ += row.title.size() + row.body.size();
  staged_.push_back(std::move(row));
  return staged_bytes_ >= kStagedBytes ? write_staged() : Status(Ok{});
}

Result<bool> SearchIndex::claim(std::int64_t seq) {
  // Only articles still pending go in: a second add would double the row's
  // postings (a contentless table cannot tell). Off the list now, in this
  // transaction, so that a rollback puts it back with the staged row gone;
  // a held row's article leaves the list when the row is written.
  sqlite3* db = store_.connection();
  sqlite3_stmt* s = hold_rows_ > 0 ? statements_->listed.get() : statements_->done.get();
  sqlite3_reset(s);
  sqlite3_bind_int64(s, 1, seq);
  const int rc = sqlite3_step(s);
  sqlite3_reset(s);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return storage_error(db, "search index");
  return hold_rows_ > 0 ? rc == SQLITE_ROW : sqlite3_changes(db) > 0;
}

Status SearchIndex::before_commit() {
  if (hold_rows_ == 0 || staged_.size() >= hold_rows_) {
    if (Status s = write_staged(); !s) return s;
  }
  committed_rows_ = staged_.size();
  return Ok{};
}

void SearchIndex::after_rollback() {
  // The rows of the transaction rolled back go; those of committed
  // articles still wait (their articles are still pending).
  staged_.resize(std::min(committed_rows_, staged_.size()));
  staged_bytes_ = 0;
  for (const StagedRow& row : staged_) staged_bytes_ += row.title.size() + row.body.size();
}

Status SearchIndex::write_staged() {
  sqlite3* db = store_.connection();
  for (const StagedRow& row : staged_) {
    sqlite3_stmt* s = statements_->insert.get();
    sqlite3_reset(s);
    sqlite3_bind_int64(s, 1, row.seq);
    sqlite3_bind_text(s, 2, row.title.data(), static_cast<int>(row.title.size()), SQLITE_STATIC);
    sqlite3_bind_text(s, 3, row.body.data(), static_cast<int>(row.body.size()), SQLITE_STATIC);
    if (sqlite3_step(s) != SQLITE_DONE) {
      return storage_error(db, "search index: cannot add article " + std::to_string(row.seq));
    }
    if (hold_rows_ > 0) {
      sqlite3_stmt* done = statements_->done.get();
      sqlite3_reset(done);
      sqlite3_bind_int64(done, 1, row.seq);
      if (sqlite3_step(done) != SQLITE_DONE) return storage_error(db, "search index");
    }
  }
  staged_.clear();
  staged_bytes_ = 0;
  committed_rows_ = 0;
  return Ok{};
}

Result<std::int64_t> SearchIndex::pending() {
  sqlite3_stmt* s = statements_->pending.get();
  sqlite3_reset(s);
  if (sqlite3_step(s) != SQLITE_ROW) return storage_error(store_.connection(), "search index");
  const std::int64_t n = sqlite3_column_int64(s, 0);
  sqlite3_reset(s);
  return n;
}

Status SearchIndex::index_pending(const AnalyzeArticle& analyze, std::size_t batch,
                                  const std::function<void(std::int64_t)>& progress) {
  // The ids first: the walk must not hold a statement open over the writes.
  std::vector<std::string> ids;
  sqlite3_stmt* s = statements_->pending_ids.get();
  sqlite3_reset(s);
  int rc = 0;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    ids.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)),
                     static_cast<std::size_t>(sqlite3_column_bytes(s, 0)));
  }
  sqlite3_reset(s);
  if (rc != SQLITE_DONE) return storage_error(store_.connection(), "search index");
  std::int64_t done = 0;
  std::size_t in_batch = 0;
  if (Status st = store_.begin(); !st) return st;
  for (const std::string& id : ids) {
    Result<std::optional<Article>> article = store_.get(id);
    if (!article) {
      store_.rollback();
      return article.error();
    }
    if (!article.value()) continue;
    Result<std::vector<analysis::AnalyzedToken>> tokens = analyze(*article.value());
    Status added = tokens ? add(*article.value(), tokens.value()) : Status(tokens.error());
    if (!added) {
      store_.rollback();
      return added;
    }
    ++done;
    if (++in_batch >= batch) {
      if (Status st = store_.commit(); !st) return st;
      if (progress) progress(done);
      if (Status st = store_.begin(); !st) return st;
      in_batch = 0;
    }
  }
  if (Status st = store_.commit(); !st) return st;
  if (progress) progress(done);
  return Ok{};
}

Status SearchIndex::clear() {
  // Statements on the table must go before it does; rows not written yet
  // are written again from the pending list.
  statements_ = std::make_unique<Statements>();
  staged_.clear();
  staged_bytes_ = 0;
  committed_rows_ = 0;
  const std::string sql = std::string("BEGIN; DROP TABLE IF EXISTS ") + kIndexTable + "; " + create_table_sql() + "; " +
                          kTuning + "; INSERT OR IGNORE INTO search_pending (seq) SELECT seq FROM articles; COMMIT;";
  if (Status s = exec(sql); !s) {
    (void)exec("ROLLBACK");
    return s;
  }
  return prepare();
}

Status check_index(store::Store& store) {
  if (Status s = register_tokenizer(store.connection()); !s) return s;
  Result<bool> exists = table_exists(store.connection(), kIndexTable);
  if (!exists) return exists.error();
  if (!exists.value()) {
    return make_error(ErrorKind::kNotFound,
                      "this store has no search index (it was made before sipur could search, or by a sipur "
                      "whose index differs); run `sipur reindex --db FILE` once to build it",
                      {sqlite3_db_filename(store.connection(), "main")});
  }
  return Ok{};
}

}  // namespace sipur::search
