#include "store/store.h"

#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include <chrono>

#include "store/sqlite_columns.h"
#include "text/opening.h"

static_assert(sipur::text::kOpeningBytes <= 200, "the replay query reads 200 characters of a body");

namespace sipur::store {
namespace {

// "sipr" as the SQLite application_id: tells a sipur store from any other
// SQLite file.
constexpr int kApplicationId = 0x73697072;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS articles (
  seq INTEGER PRIMARY KEY,          -- ingest order
  id TEXT NOT NULL UNIQUE,
  source TEXT NOT NULL,
  url TEXT NOT NULL,
  lang TEXT NOT NULL,
  lang_given TEXT NOT NULL,
  lang_method TEXT NOT NULL,
  published TEXT NOT NULL,          -- as normalized; '' if unknown
  published_utc INTEGER,            -- NULL if unknown
  published_zone_known INTEGER NOT NULL,
  title TEXT NOT NULL,
  lead TEXT NOT NULL,
  body TEXT NOT NULL,               -- clean text
  raw_body TEXT NOT NULL,           -- body as read; body_map points into it
  body_map BLOB NOT NULL,
  removed TEXT NOT NULL,            -- JSON [{"kind","text"}]
  raw BLOB NOT NULL,                -- the record exactly as read
  format TEXT NOT NULL,
  origin TEXT NOT NULL,
  ingested_at INTEGER NOT NULL,
  published_source TEXT NOT NULL DEFAULT ''  -- Article::published_source; schema 8
);
CREATE INDEX IF NOT EXISTS articles_by_time ON articles(published_utc IS NULL, published_utc, id);
CREATE TABLE IF NOT EXISTS fingerprints (
  seq INTEGER PRIMARY KEY,          -- ingest order
  id TEXT NOT NULL UNIQUE,
  published_utc INTEGER,
  content_hash INTEGER NOT NULL,
  content_words INTEGER NOT NULL,
  shingles BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS copies (
  a TEXT NOT NULL,                  -- source: earlier, or the smaller id without times
  b TEXT NOT NULL,
  kind TEXT NOT NULL,
  score REAL NOT NULL,
  jaccard REAL NOT NULL,
  containment REAL NOT NULL,
  passages TEXT NOT NULL,
  PRIMARY KEY (a, b)
);
CREATE TABLE IF NOT EXISTS assignments (
  seq INTEGER PRIMARY KEY,          -- clustering order
  id TEXT NOT NULL UNIQUE,
  event TEXT NOT NULL,
  story TEXT NOT NULL,
  decision TEXT NOT NULL,
  features BLOB NOT NULL            -- cluster::serialize_features; schema 4 and older stores hold JSON text, still read
);
CREATE TABLE IF NOT EXISTS events (
  id TEXT PRIMARY KEY,
  number INTEGER NOT NULL,
  story TEXT NOT NULL,
  label TEXT NOT NULL,
  terms TEXT NOT NULL,
  entities TEXT NOT NULL,
  size INTEGER NOT NULL,
  first_utc INTEGER,
  last_utc INTEGER
);
CREATE TABLE IF NOT EXISTS cluster_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),  -- one row: the latest state
  assignment_seq INTEGER NOT NULL,        -- the state includes assignments up to this seq
  article_seq INTEGER NOT NULL,           -- and every article stored up to this seq is assigned
  state BLOB NOT NULL                     -- cluster::EventClusterer::save_state
);
-- Articles not yet in the search index (src/search/search_index.h), by seq;
-- the trigger lists every article stored, the index removes what it holds.
CREATE TABLE IF NOT EXISTS search_pending (seq INTEGER PRIMARY KEY);
CREATE TRIGGER IF NOT EXISTS articles_await_search AFTER INSERT ON articles
BEGIN INSERT OR IGNORE INTO search_pending (seq) VALUES (new.seq); END;
CREATE TABLE IF NOT EXISTS ingest_runs (
  run INTEGER PRIMARY KEY,
  started_at INTEGER NOT NULL,
  inputs TEXT NOT NULL,
  read INTEGER NOT NULL, stored INTEGER NOT NULL, duplicates INTEGER NOT NULL, rejected INTEGER NOT NULL
);
)sql";

// What the views (src/views) look up by event, story and copy, and walk
// from the most recently active event.
constexpr const char* kViewIndexes = R"sql(
CREATE INDEX IF NOT EXISTS assignments_by_event ON assignments(event);
CREATE INDEX IF NOT EXISTS events_by_story ON events(story, last_utc);
CREATE INDEX IF NOT EXISTS events_by_last ON events(last_utc);
CREATE INDEX IF NOT EXISTS copies_by_copy ON copies(b);
)sql";

constexpr const char* kColumns =
    "id, source, url, lang, lang_given, lang_method, published, published_utc, published_zone_known, title, lead, "
    "body, raw_body, body_map, removed, raw, format, origin, published_source";

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

struct StmtDeleter {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Stmt = std::unique_ptr<sqlite3_stmt, StmtDeleter>;

// Resets a statement read for one row when the read is done: a statement
// left mid-result keeps its read transaction open, and a long-lived
// connection would go on reading that old snapshot.
class ResetOnExit {
 public:
  explicit ResetOnExit(sqlite3_stmt* s) : s_(s) {}
  ~ResetOnExit() { sqlite3_reset(s_); }
  ResetOnExit(const ResetOnExit&) = delete;
  ResetOnExit& operator=(const ResetOnExit&) = delete;

 private:
  sqlite3_stmt* s_;
};

Article read_row(sqlite3_stmt* s) {
  Article a;
  a.id = column_text(s, 0);
  a.source = column_text(s, 1);
  a.url = column_text(s, 2);
  a.lang = column_text(s, 3);
  a.lang_given = column_text(s, 4);
  a.lang_method = column_text(s, 5);
  a.published = column_text(s, 6);
  a.published_utc = column_optional(s, 7);
  a.published_zone_known = sqlite3_column_int(s, 8) != 0;
  a.title = column_text(s, 9);
  a.lead = column_text(s, 10);
  a.body = column_text(s, 11);
  a.raw_body = column_text(s, 12);
  if (a.raw_body.empty()) a.raw_body = a.body;  // stored empty when cleaning changed nothing (see insert)
  // A damaged map is not fatal to reading the article; it just maps nothing.
  (void)text::OffsetMap::deserialize(column_text(s, 13), a.body_map);
  const auto removed = nlohmann::json::parse(column_text(s, 14), nullptr, false);
  if (removed.is_array()) {
    for (const auto& r : removed) {
      if (r.is_object()) a.removed.push_back({r.value("kind", ""), r.value("text", "")});
    }
  }
  a.raw = column_text(s, 15);
  a.format = column_text(s, 16);
  a.origin = column_text(s, 17);
  a.published_source = column_text(s, 18);
  return a;
}

}  // namespace

struct Store::Statements {
  Stmt insert;
  Stmt get;
  Stmt all;
  Stmt count;
  Stmt insert_fingerprint;
  Stmt insert_copy;
  Stmt copies;
  Stmt recent_fingerprints;
  Stmt insert_assignment;
  Stmt assignments;
  Stmt assignment;
  Stmt upsert_event;
  Stmt events;
  Stmt unassigned;
  Stmt replay_assignments;
  Stmt save_cluster_state;
  Stmt cluster_state;
};

Store::Store(sqlite3* db) : db_(db), statements_(std::make_unique<Statements>()) {}

void Store::StmtDeleter::operator()(sqlite3_stmt* s) const {
  sqlite3_finalize(s);
}

Store::~Store() {
  statements_.reset();
  cached_.clear();
  sqlite3_close_v2(db_);
}

Status Store::exec(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : sqlite3_errmsg(db_);
    sqlite3_free(message);
    return make_error(ErrorKind::kStorage, text, {sqlite3_db_filename(db_, "main")});
  }
  return Ok{};
}

Result<std::unique_ptr<Store>> Store::open(const std::string& path) {
  return open_with(path, false);
}

Result<std::unique_ptr<Store>> Store::open_read_only(const std::string& path) {
  return open_with(path, true);
}

Result<std::unique_ptr<Store>> Store::open_with(const std::string& path, bool read_only) {
  // No allocation statistics: sipur never reads them, and keeping them takes
  // a process-wide mutex on every SQLite allocation. Only possible before
  // SQLite initializes, so once per process; later calls are refused harmlessly.
  static const int memstatus_off = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)memstatus_off;
  sqlite3* raw = nullptr;
  // One thread per Store (see store.h): SQLite's own per-call mutex is not needed.
  const int mode = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, mode | SQLITE_OPEN_NOMUTEX, nullptr);
  std::unique_ptr<Store> store(new Store(raw));
  if (rc != SQLITE_OK) {
    return make_error(ErrorKind::kStorage, std::string("cannot open store: ") + sqlite3_errstr(rc), {path});
  }
  sqlite3_busy_timeout(raw, 5000);

  // Identify the file before touching it: an empty file becomes a store, a
  // foreign SQLite file or a newer schema is refused untouched.
  auto pragma_int = [&](const char* sql) -> Result<int> {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(raw, sql, -1, &s, nullptr) != SQLITE_OK) {
      return make_error(ErrorKind::kStorage, std::string("not a sipur store: ") + sqlite3_errmsg(raw), {path});
    }
    Stmt owned(s);
    if (sqlite3_step(s) != SQLITE_ROW) {
      return make_error(ErrorKind::kStorage, std::string("not a sipur store: ") + sqlite3_errmsg(raw), {path});
    }
    return sqlite3_column_int(s, 0);
  };
  Result<int> app = pragma_int("PRAGMA application_id");
  if (!app) return app.error();
  Result<int> version = pragma_int("PRAGMA user_version");
  if (!version) return version.error();
  Result<int> tables = pragma_int("SELECT count(*) FROM sqlite_master");
  if (!tables) return tables.error();
  if (tables.value() > 0 && app.value() != kApplicationId) {
    return make_error(ErrorKind::kStorage, "not a sipur store (an SQLite file of another application)", {path});
  }
  if (version.value() > kSchemaVersion) {
    return make_error(ErrorKind::kStorage,
                      "store has schema version " + std::to_string(version.value()) + ", this sipur reads up to " +
                          std::to_string(kSchemaVersion) + "; upgrade sipur",
                      {path});
  }
  if (read_only) {
    if (tables.value() == 0) return make_error(ErrorKind::kStorage, "not a sipur store (no tables yet)", {path});
    if (version.value() < 8) {
      return make_error(ErrorKind::kStorage,
                        "store has schema version " + std::to_string(version.value()) + ", older than this sipur's " +
                            std::to_string(kSchemaVersion) + "; open it for writing once (sipur ingest) to upgrade it",
                        {path});
    }
    if (Status s = store->prepare_statements(); !s) return s.error();
    return store;
  }
  // A new store gets 16 KiB pages (SQLite's default is 4 KiB): an article
  // with its raw record, raw and clean body fills a few pages, not a chain
  // of overflow pages, and ingest writes a quarter of the pages. Measured:
  // 10% less ingest time on full articles, 5% on headlines (README, "Store").
  // The page size of an existing store is fixed; this changes nothing there.
  if (tables.value() == 0) {
    if (Status s = store->exec("PRAGMA page_size=16384;"); !s) return s.error();
  }
  // WAL: readers do not block the writer, and a crash keeps every committed
  // transaction. synchronous=NORMAL is durable against process crashes; FULL
  // would add an fsync per commit for power loss.
  // A checkpoint every 8,192 pages rather than SQLite's 1,000: ingest
  // rewrites hot pages less often. That is 128 MiB of WAL at 16 KiB pages
  // (32 MiB in a store made with 4 KiB pages).
  if (Status s = store->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                             "PRAGMA wal_autocheckpoint=8192;");
      !s) {
    return s.error();
  }
  if (tables.value() == 0 || version.value() < kSchemaVersion) {
    // New store, or an older schema: every table is CREATE IF NOT EXISTS, so
    // upgrading only adds what is missing (and the columns added since).
    const std::string columns = tables.value() > 0 && version.value() < 8
                                    ? "ALTER TABLE articles ADD COLUMN published_source TEXT NOT NULL DEFAULT '';"
                                    : "";
    // A store from before the search index: every article waits for it
    // (`sipur reindex` builds it; searching says so until then).
    const std::string unindexed = tables.value() > 0 && version.value() < 9
                                      ? "INSERT OR IGNORE INTO search_pending (seq) SELECT seq FROM articles;"
                                      : "";
    const std::string init = std::string("BEGIN;") + columns + kSchema + unindexed +
                             "PRAGMA application_id=" + std::to_string(kApplicationId) +
                             "; PRAGMA user_version=" + std::to_string(kSchemaVersion) + "; COMMIT;";
    if (Status s = store->exec(init.c_str()); !s) return s.error();
  }
  // Outside the schema version: a store of any version gets them, and an
  // older sipur writing to the store keeps them up to date unknowingly.
  if (Status s = store->exec(kViewIndexes); !s) return s.error();
  if (Status s = store->prepare_statements(); !s) return s.error();
  return store;
}

Status Store::prepare_statements() {
  const std::string cols = kColumns;
  const std::string assignment_cols = "SELECT a.id, a.event, a.story, a.decision, a.features FROM assignments a";
  Statements& st = *statements_;
  const std::pair<std::string, Stmt*> statements[] = {
      {"INSERT INTO articles (" + cols +
           ", ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO NOTHING",
       &st.insert},
      {"SELECT " + cols + " FROM articles WHERE id = ?", &st.get},
      {"SELECT " + cols + " FROM articles ORDER BY published_utc IS NULL, published_utc, id", &st.all},
      {"SELECT count(*) FROM articles", &st.count},
      {"INSERT INTO fingerprints (id, published_utc, content_hash, content_words, shingles) "
       "VALUES (?,?,?,?,?) ON CONFLICT(id) DO NOTHING",
       &st.insert_fingerprint},
      {"INSERT INTO copies (a, b, kind, score, jaccard, containment, passages) "
       "VALUES (?,?,?,?,?,?,?) ON CONFLICT(a, b) DO NOTHING",
       &st.insert_copy},
      {"SELECT a, b, kind, score, jaccard, containment, passages FROM copies ORDER BY a, b", &st.copies},
      {"SELECT id, published_utc, content_hash, content_words, shingles FROM "
       "(SELECT * FROM fingerprints ORDER BY seq DESC LIMIT ?1) ORDER BY seq",
       &st.recent_fingerprints},
      {"INSERT INTO assignments (id, event, story, decision, features) VALUES (?,?,?,?,?) "
       "ON CONFLICT(id) DO NOTHING",
       &st.insert_assignment},
      {assignment_cols + " ORDER BY a.seq", &st.assignments},
      {assignment_cols + " WHERE a.id = ?", &st.assignment},
      // The start of the body, for the label of an article whose title gives
      // no terms: 200 characters hold at least text::kOpeningBytes bytes
      // (static_assert above).
      {"SELECT a.id, a.event, a.story, a.decision, a.features, ar.published_utc, ar.title, substr(ar.body, 1, 200) "
       "FROM assignments a LEFT JOIN articles ar ON ar.id = a.id WHERE a.seq > ? ORDER BY a.seq",
       &st.replay_assignments},
      {"INSERT OR REPLACE INTO cluster_state (id, assignment_seq, article_seq, state) VALUES "
       "(1, (SELECT coalesce(max(seq), 0) FROM assignments), (SELECT coalesce(max(seq), 0) FROM articles), ?)",
       &st.save_cluster_state},
      {"SELECT assignment_seq, article_seq, state FROM cluster_state WHERE id = 1 AND "
       "assignment_seq <= (SELECT coalesce(max(seq), 0) FROM assignments)",
       &st.cluster_state},
      {"INSERT INTO events (id, number, story, label, terms, entities, size, first_utc, last_utc) "
       "VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET story=excluded.story, "
       "label=excluded.label, terms=excluded.terms, entities=excluded.entities, "
       "size=excluded.size, first_utc=excluded.first_utc, last_utc=excluded.last_utc",
       &st.upsert_event},
      {"SELECT id, story, label, terms, entities, size, first_utc, last_utc FROM events ORDER BY number", &st.events},
      {"SELECT " + cols + " FROM articles WHERE seq > ? AND id NOT IN (SELECT id FROM assignments) ORDER BY seq",
       &st.unassigned},
  };
  for (const auto& [sql, out] : statements) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v3(db_, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr) != SQLITE_OK) {
      return make_error(ErrorKind::kStorage, sqlite3_errmsg(db_), {sqlite3_db_filename(db_, "main")});
    }
    out->reset(s);
  }
  return Ok{};
}

Status Store::each_row(sqlite3_stmt* s, const std::function<void()>& on_row) {
  int rc = 0;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) on_row();
  if (rc != SQLITE_DONE) return make_error(ErrorKind::kStorage, sqlite3_errmsg(db_));
  return Ok{};
}

Status Store::begin() {
  return exec("BEGIN IMMEDIATE");
}
Status Store::commit() {
  for (const CommitHook& hook : commit_hooks_) {
    if (Status s = hook.before_commit(); !s) return s;
  }
  return exec("COMMIT");
}
void Store::rollback() {
  (void)exec("ROLLBACK");
  for (const CommitHook& hook : commit_hooks_) hook.after_rollback();
}
Status Store::in_transaction(const std::function<Status()>& work) {
  if (Status s = begin(); !s) return s;
  Status done = work();
  if (done) done = commit();
  if (!done) rollback();
  return done;
}
void Store::add_commit_hook(CommitHook hook) {
  commit_hooks_.push_back(std::move(hook));
}
void Store::remove_commit_hooks(const void* owner) {
  std::erase_if(commit_hooks_, [owner](const CommitHook& h) { return h.owner == owner; });
}
Status Store::begin_read() {
  return exec("BEGIN DEFERRED");
}
void Store::end_read() {
  (void)exec("COMMIT");
}
Status Store::set_durability(Durability durability) {
  return exec(durability == Durability::kPowerLoss ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
}

Result<bool> Store::insert(const Article& a) {
  sqlite3_stmt* s = statements_->insert.get();
  sqlite3_reset(s);
  int i = 0;
  auto text = [&](std::string_view v) {
    // Never a null pointer: SQLite would bind NULL, not an empty text.
    sqlite3_bind_text(s, ++i, v.empty() ? "" : v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  };
  auto blob = [&](const std::string& v) {
    sqlite3_bind_blob(s, ++i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  };
  nlohmann::json removed = nlohmann::json::array();
  for (const Removed& r : a.removed) removed.push_back({{"kind", r.kind}, {"text", r.text}});
  const std::string removed_json = removed.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  const std::string map = a.body_map.serialize();
  text(a.id);
  text(a.source);
  text(a.url);
  text(a.lang);
  text(a.lang_given);
  text(a.lang_method);
  text(a.published);
  if (a.published_utc) {
    sqlite3_bind_int64(s, ++i, *a.published_utc);
  } else {
    sqlite3_bind_null(s, ++i);
  }
  sqlite3_bind_int(s, ++i, a.published_zone_known ? 1 : 0);
  text(a.title);
  text(a.lead);
  text(a.body);
  // A body that cleaning left as it was is not stored twice: an empty
  // raw_body stands for the clean body (cleaning never makes text from none).
  text(a.raw_body == a.body ? std::string_view() : std::string_view(a.raw_body));
  blob(map);
  text(removed_json);
  blob(a.raw);
  text(a.format);
  text(a.origin);
  text(a.published_source);
  sqlite3_bind_int64(s, ++i, now_seconds());
  if (sqlite3_step(s) != SQLITE_DONE) {
    return make_error(ErrorKind::kStorage, std::string("insert failed: ") + sqlite3_errmsg(db_), {a.origin});
  }
  return sqlite3_changes(db_) > 0;
}

Result<std::int64_t> Store::count_articles() {
  sqlite3_stmt* s = statements_->count.get();
  const ResetOnExit done(s);
  sqlite3_reset(s);
  if (sqlite3_step(s) != SQLITE_ROW) return make_error(ErrorKind::kStorage, sqlite3_errmsg(db_));
  return static_cast<std::int64_t>(sqlite3_column_int64(s, 0));
}

Result<std::optional<Article>> Store::get(const std::string& id) {
  sqlite3_stmt* s = statements_->get.get();
  const ResetOnExit done(s);
  sqlite3_reset(s);
  sqlite3_bind_text(s, 1, id.data(), static_cast<int>(id.size()), SQLITE_TRANSIENT);
  const int rc = sqlite3_step(s);
  if (rc == SQLITE_DONE) return std::optional<Article>();
  if (rc != SQLITE_ROW) return make_error(ErrorKind::kStorage, sqlite3_errmsg(db_));
  return std::optional<Article>(read_row(s));
}

Status Store::for_each_article(const std::function<void(const Article&)>& visit) {
  sqlite3_stmt* s = statements_->all.get();
  sqlite3_reset(s);
  return each_row(s, [&] { visit(read_row(s)); });
}

Status Store::record_run(const IngestRun& run, const std::string& inputs) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db_,
                         "INSERT INTO ingest_runs (started_at, inputs, read, stored, duplicates, rejected) "
                         "VALUES (?,?,?,?,?,?)",
                         -1, &raw, nullptr) != SQLITE_OK) {
    return make_error(ErrorKind::kStorage, sqlite3_errmsg(db_));
  }
  Stmt s(raw);
  sqlite3_bind_int64(raw, 1, now_seconds());
  sqlite3_bind_text(raw, 2, inputs.data(), static_cast<int>(inputs.size()), SQLITE_TRANSIENT);
  sqlite3_bind_int64(raw, 3, run.read);
  sqlite3_bind_int64(raw, 4, run.stored);
  sqlite3_bind_int64(raw, 5, run.duplicates);
  sqlite3_bind_int64(raw, 6, run.rejected);
  if (sqlite3_step(raw) != SQLITE_DONE) return make_error(ErrorKind::kStorage, sqlite3_errmsg(db_));
  return Ok{};
}

Status Store::insert_fingerprint(const FingerprintRow& row) {
  sqlite3_stmt* s = statements_->insert_fingerprint.get();
  sqlite3_reset(s);
  sqlite3_bind_text(s, 1, row.id.data(), static_cast<int>(row.id.size()), SQLITE_STATIC);
  if (row.published) {
    sqlite3_bind_int64(s, 2, *row.published);
  } else {
    sqlite3_bind_null(s, 2);
  }
  sqlite3_bind_int64(s, 3, static_cast<sqlite3_int64>(row.content_hash));
  sqlite3_bind_int64(s, 4, row.content_words);
  sqlite3_bind_blob(s, 5, row.shingles.data(), static_cast<int>(row.shingles.size()), SQLITE_STATIC);
  if (sqlite3_step(s) != SQLITE_DONE) return make_error(ErrorKind::kStorage, sqlite3_errmsg(db_));
  return Ok{};
}

Status Store::insert_copy(const CopyRow& row) {
  sqlite3_stmt* s = statements_->insert_copy.get();
  sqlite3_reset(s);
  int i = 0;
  for (const std::string* v : {&row.a, &row.b, &row.kind}) {
    sqlite3_bind_text(s, ++i, v->data(), static_cast<int>(v->size()), SQLITE_STATIC);
  }
  for (const double v : {row.score, row.jaccard, row.containment}) sqlite3_bind_double(s, ++i, v);
  sqlite3_bind_text(s, ++i, row.passages.data(), static_cast<int>(row.passages.size()), SQLITE_STATIC);
  if (sqlite3_step(s) != SQLITE_DONE) return make_error(ErrorKind::kStorage, sqlite3_errmsg(db_));
  return Ok{};
}

Status Store::for_each_copy(const std::function<void(const CopyRow&)>& visit) {
  sqlite3_stmt* s = statements_->copies.get();
  sqlite3_reset(s);
  return each_row(s, [&] {
    visit({column_text(s, 0), column_text(s, 1), column_text(s, 2), sqlite3_column_double(s, 3),
           sqlite3_column_double(s, 4), sqlite3_column_double(s, 5), column_text(s, 6)});
  });
}

Status Store::for_each_recent_fingerprint(std::size_t limit, const std::function<void(const FingerprintRow&)>& visit) {
  sqlite3_stmt* s = statements_->recent_fingerprints.get();
  sqlite3_reset(s);
  sqlite3_bind_int64(s, 1, static_cast<sqlite3_int64>(limit));
  return each_row(s, [&] {
    FingerprintRow row;
    row.id = column_text(s, 0);
    row.published = column_optional(s, 1);
    row.content_hash = static_cast<std::uint64_t>(sqlite3_column_int64(s, 2));
    row.content_words = static_cast<std::uint32_t>(sqlite3_column_int64(s, 3));
    row.shingles = column_text(s, 4);
    visit(row);
  });
}

namespace {

void bind_text(sqlite3_stmt* s, int i, const std::string& v) {
  sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
}

void bind_optional(sqlite3_stmt* s, int i, const std::optional<std::int64_t>& v) {
  if (v) {
    sqlite3_bind_int64(s, i, *v);
  } else {
    sqlite3_bind_null(s, i);
  }
}

// Columns 5 and 6, the article's time and title, when the statement has them.
AssignmentRow read_assignment(sqlite3_stmt* s) {
  AssignmentRow row;
  row.id = column_text(s, 0);
  row.event = column_text(s, 1);
  row.story = column_text(s, 2);
  row.decision = column_text(s, 3);
  row.features = column_text(s, 4);
  if (sqlite3_column_count(s) > 7) {
    row.published = column_optional(s, 5);
    row.title = column_text(s, 6);
    row.opening = column_text(s, 7);
  }
  return row;
}

}  // namespace

Status Store::for_each_unassigned_article(std::int64_t after_seq, const std::function<void(const Article&)>& visit) {
  sqlite3_stmt* s = statements_->unassigned.get();
  sqlite3_reset(s);
  sqlite3_bind_int64(s, 1, after_seq);
  return each_row(s, [&] { visit(read_row(s)); });
}

Status Store::insert_assignment(const AssignmentRow& row) {
  sqlite3_stmt* s = statements_->insert_assignment.get();
  sqlite3_reset(s);
  bind_text(s, 1, row.id);
  bind_text(s, 2, row.event);
  bind_text(s, 3, row.story);
  bind_text(s, 4, row.decision);
  sqlite3_bind_blob(s, 5, row.features.data(), static_cast<int>(row.features.size()), SQLITE_STATIC);
  if (sqlite3_step(s) != SQLITE_DONE) return make_error(ErrorKind::kStorage, sqlite3_errmsg(db_));
  return Ok{};
}

Status Store::for_each_assignment(const std::function<void(const AssignmentRow&)>& visit) {
  sqlite3_stmt* s = statements_->assignments.get();
  sqlite3_reset(s);
  return each_row(s, [&] { visit(read_assignment(s)); });
}

Status Store::for_each_assignment_to_replay(std::int64_t after_seq,
                                            const std::function<void(const AssignmentRow&)>& visit) {
  sqlite3_stmt* s = statements_->replay_assignments.get();
  sqlite3_reset(s);
  sqlite3_bind_int64(s, 1, after_seq);
  return each_row(s, [&] { visit(read_assignment(s)); });
}

Status Store::save_cluster_state(std::string_view state) {
  sqlite3_stmt* s = statements_->save_cluster_state.get();
  sqlite3_reset(s);
  sqlite3_bind_blob64(s, 1, state.data(), state.size(), SQLITE_STATIC);
  if (sqlite3_step(s) != SQLITE_DONE) return make_error(ErrorKind::kStorage, sqlite3_errmsg(db_));
  return Ok{};
}

Result<std::optional<ClusterStateRow>> Store::cluster_state() {
  sqlite3_stmt* s = statements_->cluster_state.get();
  const ResetOnExit done(s);
  sqlite3_reset(s);
  const int rc = sqlite3_step(s);
  if (rc == SQLITE_DONE) return std::optional<ClusterStateRow>();
  if (rc != SQLITE_ROW) return make_error(ErrorKind::kStorage, sqlite3_errmsg(db_));
  ClusterStateRow row;
  row.assignment_seq = sqlite3_column_int64(s, 0);
  row.article_seq = sqlite3_column_int64(s, 1);
  row.state = column_text(s, 2);  // a blob: column_text reads bytes, not C strings
  return std::optional<ClusterStateRow>(std::move(row));
}

Result<std::optional<AssignmentRow>> Store::assignment(const std::string& id) {
  sqlite3_stmt* s = statements_->assignment.get();
  const ResetOnExit done(s);
  sqlite3_reset(s);
  sqlite3_bind_text(s, 1, id.data(), static_cast<int>(id.size()), SQLITE_TRANSIENT);
  const int rc = sqlite3_step(s);
  if (rc == SQLITE_DONE) return std::optional<AssignmentRow>();
  if (rc != SQLITE_ROW) return make_error(ErrorKind::kStorage, sqlite3_errmsg(db_));
  return std::optional<AssignmentRow>(read_assignment(s));
}

Status Store::upsert_event(const EventRow& row) {
  sqlite3_stmt* s = statements_->upsert_event.get();
  sqlite3_reset(s);
  bind_text(s, 1, row.id);
  std::int64_t number = 0;
  for (std::size_t i = 1; i < row.id.size(); ++i) number = number * 10 + (row.id[i] - '0');
  sqlite3_bind_int64(s, 2, number);
  bind_text(s, 3, row.story);
  bind_text(s, 4, row.label);
  bind_text(s, 5, row.terms);
  bind_text(s, 6, row.entities);
  sqlite3_bind_int64(s, 7, row.size);
  bind_optional(s, 8, row.first);
  bind_optional(s, 9, row.last);
  if (sqlite3_step(s) != SQLITE_DONE) return make_error(ErrorKind::kStorage, sqlite3_errmsg(db_));
  return Ok{};
}

Status Store::for_each_event(const std::function<void(const EventRow&)>& visit) {
  sqlite3_stmt* s = statements_->events.get();
  sqlite3_reset(s);
  return each_row(s, [&] {
    visit({column_text(s, 0), column_text(s, 1), column_text(s, 2), column_text(s, 3), column_text(s, 4),
           sqlite3_column_int64(s, 5), column_optional(s, 6), column_optional(s, 7)});
  });
}

}  // namespace sipur::store
