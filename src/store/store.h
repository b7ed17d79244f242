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
#include <unordered_map>
#include <vector>

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
// (older records are still read); 8: articles.published_source (where the
// publication time came from), added to older stores when opened for writing;
// 9: search_pending, the articles the search index (src/search) does not
// hold yet, kept by a trigger on articles so that any writer, even an older
// sipur, leaves a record of them; an older store gets every article listed.
inline constexpr int kSchemaVersion = 9;

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

// An article as the views list it: its assignment and a summary of the
// article (empty texts and no time when the article row is missing).
struct MemberRow {
  std::string id;
  std::string event;
  std::string story;
  std::string title;
  std::string source;
  std::string lang;
  std::string published;  // as normalized; '' if unknown
  std::optional<std::int64_t> published_utc;
};

// A story in figures, from the events that name it.
struct StoryFigures {
  std::int64_t events = 0;
  std::int64_t size = 0;  // articles
  std::optional<std::int64_t> first, last;
  std::string label;  // of its largest event, ties by lower event number
};

// Articles of a story on one day (UTC, "YYYY-MM-DD"; "" for undated
// articles) from one source in one language.
struct StoryCell {
  std::string day;
  std::string source;
  std::string lang;
  std::int64_t count = 0;
};

// Where a walk over events from the most recently active stopped: the
// event's last time (nullopt: undated) and its story's number.
struct RecencyKey {
  std::optional<std::int64_t> last;
  std::uint64_t story_number = 0;
};

// How much of a commit survives: kProcessCrash (SQLite's synchronous=NORMAL
// in WAL) keeps every commit when the process dies but may lose the last
// ones on power loss; kPowerLoss (synchronous=FULL) syncs the WAL at every
// commit.
enum class Durability { kProcessCrash, kPowerLoss };

// A Store is used by one thread at a time (it opens SQLite without its
// per-connection mutex); a server gives each worker its own.
class Store {
 public:
  // Opens or creates the store at path. kStorage if the file is not a sipur
  // store or was written by a newer schema.
  [[nodiscard]] static Result<std::unique_ptr<Store>> open(const std::string& path);
  // Opens an existing store for reading only (a server's readers, beside
  // one writer: WAL lets them read while it writes). kStorage as open(), and
  // if the file is no store yet.
  [[nodiscard]] static Result<std::unique_ptr<Store>> open_read_only(const std::string& path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  [[nodiscard]] Status begin();
  [[nodiscard]] Status commit();
  void rollback();
  // `work` in a write transaction of its own: committed when it succeeds,
  // rolled back when it or the commit fails.
  [[nodiscard]] Status in_transaction(const std::function<Status()>& work);

  // Work done inside a write transaction just before commit() commits it,
  // and what rollback() tells the same owner. The search index writes its
  // rows there, all at once (src/search/search_index.h says why). A
  // failing before_commit fails the commit, which the caller rolls back.
  struct CommitHook {
    const void* owner = nullptr;
    std::function<Status()> before_commit;
    std::function<void()> after_rollback;
  };
  void add_commit_hook(CommitHook hook);
  void remove_commit_hooks(const void* owner);
  // A read transaction: every read until end_read() sees one snapshot.
  [[nodiscard]] Status begin_read();
  void end_read();
  [[nodiscard]] Status set_durability(Durability durability);

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
  // The last `limit` fingerprints in ingest order, oldest first.
  [[nodiscard]] Status for_each_recent_fingerprint(std::size_t limit,
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

  // Reads for the views (store_reads.cpp). Each ends its statement, so that
  // a long-lived reader's next read sees a newer snapshot.
  [[nodiscard]] Result<std::optional<EventRow>> event(const std::string& id);
  // The events of one story, in number order.
  [[nodiscard]] Status for_each_event_of_story(const std::string& story,
                                               const std::function<void(const EventRow&)>& visit);
  // The newest last time among a story's events (nullopt inside: all
  // undated); nullopt outside if no event names the story.
  [[nodiscard]] Result<std::optional<std::optional<std::int64_t>>> story_last(const std::string& story);
  // Events from the most recently active: last time descending, undated
  // ones after every dated one, ties by story number descending; strictly
  // after `after` when given. `visit` returns false to stop the walk.
  [[nodiscard]] Status for_each_event_by_recency(const std::optional<RecencyKey>& after,
                                                 const std::function<bool(const EventRow&)>& visit);
  // A story's figures without reading its events' terms; nullopt if no event names it.
  [[nodiscard]] Result<std::optional<StoryFigures>> story_figures(const std::string& story);
  // The label of a story's largest event (the oldest of equals); empty for
  // a story without events. story_figures gives it with the rest.
  [[nodiscard]] Result<std::string> story_label(const std::string& story);
  // A story's articles counted by day, source and language, in that order
  // (the undated first, with day "").
  [[nodiscard]] Status for_each_story_cell(const std::string& story,
                                           const std::function<void(const StoryCell&)>& visit);
  // The articles of an event, or of every event of a story, in the order
  // they were assigned.
  [[nodiscard]] Status for_each_member_of_event(const std::string& event,
                                                const std::function<void(const MemberRow&)>& visit);
  [[nodiscard]] Status for_each_member_of_story(const std::string& story,
                                                const std::function<void(const MemberRow&)>& visit);
  // The copy relations an article is part of (as source or copy), by source then copy id.
  [[nodiscard]] Status for_each_copy_of(const std::string& id, const std::function<void(const CopyRow&)>& visit);
  // Every copy relation's pair (kind and score, no passages), by source then copy id.
  [[nodiscard]] Status for_each_copy_pair(const std::function<void(const CopyRow&)>& visit);
  [[nodiscard]] Result<std::int64_t> count_events();
  [[nodiscard]] Result<std::int64_t> count_stories();

  // The connection, for the search index (src/search), which keeps its own
  // FTS5 table and statements in this file and needs its tokenizer
  // registered on the connection that reads or writes it. Same thread rule.
  [[nodiscard]] sqlite3* connection() { return db_; }

 private:
  explicit Store(sqlite3* db);
  [[nodiscard]] static Result<std::unique_ptr<Store>> open_with(const std::string& path, bool read_only);
  [[nodiscard]] Status exec(const char* sql);
  // A statement prepared at its first use and kept (the views' reads).
  [[nodiscard]] Result<sqlite3_stmt*> cached(const char* sql);
  [[nodiscard]] Status prepare_statements();
  // Steps a reset, bound statement to its end, calling on_row at each row.
  [[nodiscard]] Status each_row(sqlite3_stmt* s, const std::function<void()>& on_row);

  struct Statements;
  struct StmtDeleter {
    void operator()(sqlite3_stmt* s) const;
  };
  sqlite3* db_;
  std::unique_ptr<Statements> statements_;
  std::unordered_map<const char*, std::unique_ptr<sqlite3_stmt, StmtDeleter>> cached_;  // by SQL literal
  std::vector<CommitHook> commit_hooks_;
};

}  // namespace sipur::store
