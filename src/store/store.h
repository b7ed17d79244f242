// The embedded store: one SQLite file in WAL mode. Articles are written in
// transactions, insert-only: re-ingesting an id changes nothing, and a failed
// or interrupted run can lose only its own uncommitted batch, never what an
// earlier commit acknowledged.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/article.h"
#include "core/error.h"

struct sqlite3;
struct sqlite3_stmt;

namespace sipur::store {

// Bumped when the schema changes; a store written by a newer sipur is refused
// with both versions named.
// 2: fingerprints and copies; 3: events and stories; 4: clusterer state; 5:
// binary features; 6: an unchanged raw body stored empty, varint features and
// shingles; 7: features with display forms, which sipur 6 cannot read
// (older records are still read).
inline constexpr int kSchemaVersion = 7;

struct IngestRun {
  std::int64_t read = 0;
  std::int64_t stored = 0;
  std::int64_t duplicates = 0;
  std::int64_t rejected = 0;
};

// What copy detection keeps per article so it can resume after a restart.
struct FingerprintRow {
  std::string id;
  std::optional<std::int64_t> published;
  std::uint64_t content_hash = 0;
  std::uint32_t content_words = 0;
  std::string shingles;  // dedup::serialize_shingles
};

struct CopyRow {
  std::string a;  // source
  std::string b;
  std::string kind;  // exact | near | partial
  double score = 0;
  double jaccard = 0;
  double containment = 0;
  std::string passages;  // JSON [[a_begin, a_end, b_begin, b_end, words], ...] in title + "\n\n" + body
};

// Which event and story an article joined, and why (JSON, for explain).
struct AssignmentRow {
  std::string id;
  std::string event;
  std::string story;
  std::string decision;  // JSON
  std::string features;  // cluster::serialize_features (a blob), to rebuild events in a later run
  // Read by for_each_assignment_to_replay only (insert_assignment ignores
  // them): the article's time, title and the start of its body (for the
  // label of an article whose title gives no terms), which a replay needs
  // as much as its terms.
  std::optional<std::int64_t> published;
  std::string title;
  std::string opening;  // the body's first 200 characters: enough for text::opening()
};

struct ClusterStateRow {
  std::int64_t assignment_seq = 0;  // the state includes assignments up to this seq
  std::int64_t article_seq = 0;     // every article up to this seq was assigned when it was saved
  std::string state;
};

struct EventRow {
  std::string id;
  std::string story;
  std::string label;
  std::string terms;     // JSON array
  std::string entities;  // JSON array
  std::int64_t size = 0;
  std::optional<std::int64_t> first, last;
};

// A Store is used by one thread at a time (it opens SQLite without its
// per-connection mutex); a server gives each worker its own.
class Store {
 public:
  // Opens or creates the store at path. kStorage if the file is not a sipur
  // store or was written by a newer schema.
  [[nodiscard]] static Result<std::unique_ptr<Store>> open(const std::string& path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  [[nodiscard]] Status begin();
  [[nodiscard]] Status commit();
  void rollback();

  // true if stored, false if an article with this id already exists.
  [[nodiscard]] Result<bool> insert(const Article& article);

  [[nodiscard]] Result<std::int64_t> count_articles();
  [[nodiscard]] Result<std::optional<Article>> get(const std::string& id);

  // Every article in a stable order: publication time (unknown last), then id.
  [[nodiscard]] Status for_each_article(const std::function<void(const Article&)>& visit);

  [[nodiscard]] Status record_run(const IngestRun& run, const std::string& inputs);

  [[nodiscard]] Status insert_fingerprint(const FingerprintRow& row);
  [[nodiscard]] Status insert_copy(const CopyRow& row);  // a second relation for the same pair changes nothing
  // Copies ordered by source then copy id.
  [[nodiscard]] Status for_each_copy(const std::function<void(const CopyRow&)>& visit);
  // The newest publication time among the last `limit` fingerprints.
  [[nodiscard]] Result<std::optional<std::int64_t>> newest_fingerprint_time(std::size_t limit);
  // The last `limit` fingerprints in ingest order, oldest first, but for
  // those published before min_published (undated ones are all visited).
  [[nodiscard]] Status for_each_recent_fingerprint(std::size_t limit, std::int64_t min_published,
                                                   const std::function<void(const FingerprintRow&)>& visit);

  // Stored articles after article seq `after_seq` that have no event yet (a
  // run stopped before clustering), in ingest order.
  [[nodiscard]] Status for_each_unassigned_article(std::int64_t after_seq,
                                                   const std::function<void(const Article&)>& visit);

  [[nodiscard]] Status insert_assignment(const AssignmentRow& row);
  // Assignments in the order they were made.
  [[nodiscard]] Status for_each_assignment(const std::function<void(const AssignmentRow&)>& visit);
  // The same after seq `after_seq`, with each article's time and title.
  [[nodiscard]] Status for_each_assignment_to_replay(std::int64_t after_seq,
                                                     const std::function<void(const AssignmentRow&)>& visit);

  // The clusterer's state as of the newest assignment and article, replacing
  // the one saved before (call inside a transaction, after the assignments).
  [[nodiscard]] Status save_cluster_state(std::string_view state);
  // The saved state, unless there is none or it claims assignments the store
  // does not hold (then a run replays them all).
  [[nodiscard]] Result<std::optional<ClusterStateRow>> cluster_state();
  [[nodiscard]] Result<std::optional<AssignmentRow>> assignment(const std::string& id);
  [[nodiscard]] Status upsert_event(const EventRow& row);
  // Events ordered by their number (e1, e2, ...).
  [[nodiscard]] Status for_each_event(const std::function<void(const EventRow&)>& visit);

 private:
  explicit Store(sqlite3* db);
  [[nodiscard]] Status exec(const char* sql);
  [[nodiscard]] Status prepare_statements();
  // Steps a reset, bound statement to its end, calling on_row at each row.
  [[nodiscard]] Status each_row(sqlite3_stmt* s, const std::function<void()>& on_row);

  struct Statements;
  sqlite3* db_;
  std::unique_ptr<Statements> statements_;
};

}  // namespace sipur::store
