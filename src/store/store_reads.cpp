// The store's reads for the views (src/views): one event, a story's events,
// events from the most recently active, the members of an event or story,
// an article's copies. Statements are prepared at first use; each read ends
// its statement, so that a reader holding its connection for long sees the
// newest commit at its next read (or transaction).
#include <sqlite3.h>

#include "store/sqlite_columns.h"
#include "store/store.h"

namespace sipur::store {
namespace {

EventRow read_event(sqlite3_stmt* s) {
  return {column_text(s, 0), column_text(s, 1),          column_text(s, 2),     column_text(s, 3),
          column_text(s, 4), sqlite3_column_int64(s, 5), column_optional(s, 6), column_optional(s, 7)};
}

MemberRow read_member(sqlite3_stmt* s) {
  return {column_text(s, 0), column_text(s, 1), column_text(s, 2), column_text(s, 3),
          column_text(s, 4), column_text(s, 5), column_text(s, 6), column_optional(s, 7)};
}

CopyRow read_copy(sqlite3_stmt* s) {
  return {column_text(s, 0),           column_text(s, 1),           column_text(s, 2), sqlite3_column_double(s, 3),
          sqlite3_column_double(s, 4), sqlite3_column_double(s, 5), column_text(s, 6)};
}

void bind(sqlite3_stmt* s, int i, const std::string& v) {
  sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}

// Statement texts are literals: cached() keys prepared statements by their address.
#define SIPUR_EVENT_COLUMNS "id, story, label, terms, entities, size, first_utc, last_utc"
constexpr const char* kEvent = "SELECT " SIPUR_EVENT_COLUMNS " FROM events WHERE id = ?";
constexpr const char* kEventsOfStory = "SELECT " SIPUR_EVENT_COLUMNS " FROM events WHERE story = ? ORDER BY number";
constexpr const char* kStoryLast = "SELECT count(*), max(last_utc) FROM events WHERE story = ?";
// Story numbers: "s12" -> 12. The ORDER BY uses events_by_last for the
// first key and sorts only runs of equal times by the second.
constexpr const char* kRecent = "SELECT " SIPUR_EVENT_COLUMNS
                                ", CAST(substr(story, 2) AS INTEGER) AS sn FROM events "
                                "WHERE last_utc IS NOT NULL ORDER BY last_utc DESC, sn DESC";
constexpr const char* kRecentFrom = "SELECT " SIPUR_EVENT_COLUMNS
                                    ", CAST(substr(story, 2) AS INTEGER) AS sn FROM events "
                                    "WHERE last_utc <= ? ORDER BY last_utc DESC, sn DESC";
constexpr const char* kUndated = "SELECT " SIPUR_EVENT_COLUMNS
                                 ", CAST(substr(story, 2) AS INTEGER) AS sn FROM events "
                                 "WHERE last_utc IS NULL ORDER BY sn DESC";
#undef SIPUR_EVENT_COLUMNS
#define SIPUR_MEMBER_SELECT                                                                      \
  "SELECT a.id, a.event, a.story, ar.title, ar.source, ar.lang, ar.published, ar.published_utc " \
  "FROM assignments a LEFT JOIN articles ar ON ar.id = a.id "
constexpr const char* kMembersOfEvent = SIPUR_MEMBER_SELECT "WHERE a.event = ? ORDER BY a.seq";
constexpr const char* kMembersOfStory =
    SIPUR_MEMBER_SELECT "WHERE a.event IN (SELECT id FROM events WHERE story = ?) ORDER BY a.seq";
#undef SIPUR_MEMBER_SELECT
constexpr const char* kCopiesOf =
    "SELECT a, b, kind, score, jaccard, containment, passages FROM copies WHERE a = ?1 "
    "UNION ALL SELECT a, b, kind, score, jaccard, containment, passages FROM copies WHERE b = ?1 AND a <> ?1 "
    "ORDER BY 1, 2";
constexpr const char* kCopyPairs = "SELECT a, b, kind, score, 0, 0, '' FROM copies ORDER BY a, b";
constexpr const char* kStoryFigures =
    "SELECT count(*), sum(size), min(first_utc), max(last_utc) FROM events WHERE story = ?";
constexpr const char* kStoryLabel = "SELECT label FROM events WHERE story = ? ORDER BY size DESC, number LIMIT 1";
// The members' rows are looked up by id; only their first columns are read.
constexpr const char* kStoryCells =
    "SELECT CASE WHEN ar.published_utc IS NULL THEN '' ELSE strftime('%Y-%m-%d', ar.published_utc, 'unixepoch') END "
    "AS day, ar.source, ar.lang, count(*) FROM assignments a JOIN articles ar ON ar.id = a.id "
    "WHERE a.event IN (SELECT id FROM events WHERE story = ?) GROUP BY day, ar.source, ar.lang "
    "ORDER BY day, ar.source, ar.lang";
constexpr const char* kCountEvents = "SELECT count(*) FROM events";
constexpr const char* kCountStories = "SELECT count(DISTINCT story) FROM events";

// Ends a statement's result when the read returns, however it returns.
class Finish {
 public:
  explicit Finish(sqlite3_stmt* s) : s_(s) {}
  ~Finish() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
  Finish(const Finish&) = delete;
  Finish& operator=(const Finish&) = delete;

 private:
  sqlite3_stmt* s_;
};

}  // namespace

Result<sqlite3_stmt*> Store::cached(const char* sql) {
  auto& slot = cached_[sql];
  if (!slot) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr) != SQLITE_OK) {
      cached_.erase(sql);
      return make_error(ErrorKind::kStorage, sqlite3_errmsg(db_), {sqlite3_db_filename(db_, "main")});
    }
    slot.reset(s);
  }
  sqlite3_reset(slot.get());
  return slot.get();
}

Result<std::optional<EventRow>> Store::event(const std::string& id) {
  Result<sqlite3_stmt*> prepared = cached(kEvent);
  if (!prepared) return prepared.error();
  sqlite3_stmt* s = prepared.value();
  const Finish done(s);
  bind(s, 1, id);
  const int rc = sqlite3_step(s);
  if (rc == SQLITE_DONE) return std::optional<EventRow>();
  if (rc != SQLITE_ROW) return make_error(ErrorKind::kStorage, sqlite3_errmsg(db_));
  return std::optional<EventRow>(read_event(s));
}

Status Store::for_each_event_of_story(const std::string& story, const std::function<void(const EventRow&)>& visit) {
  Result<sqlite3_stmt*> prepared = cached(kEventsOfStory);
  if (!prepared) return prepared.error();
  sqlite3_stmt* s = prepared.value();
  const Finish done(s);
  bind(s, 1, story);
  return each_row(s, [&] { visit(read_event(s)); });
}

Result<std::optional<std::optional<std::int64_t>>> Store::story_last(const std::string& story) {
  using Answer = std::optional<std::optional<std::int64_t>>;
  Result<sqlite3_stmt*> prepared = cached(kStoryLast);
  if (!prepared) return prepared.error();
  sqlite3_stmt* s = prepared.value();
  const Finish done(s);
  bind(s, 1, story);
  if (sqlite3_step(s) != SQLITE_ROW) return make_error(ErrorKind::kStorage, sqlite3_errmsg(db_));
  if (sqlite3_column_int64(s, 0) == 0) return Answer();
  return Answer(column_optional(s, 1));
}

Status Store::for_each_event_by_recency(const std::optional<RecencyKey>& after,
                                        const std::function<bool(const EventRow&)>& visit) {
  // Two walks: the dated events, newest first, then the undated ones.
  bool stopped = false;
  auto walk = [&](const char* sql, const std::optional<std::int64_t>& from) -> Status {
    Result<sqlite3_stmt*> prepared = cached(sql);
    if (!prepared) return prepared.error();
    sqlite3_stmt* s = prepared.value();
    const Finish done(s);
    if (from) sqlite3_bind_int64(s, 1, *from);
    int rc = 0;
    while (!stopped && (rc = sqlite3_step(s)) == SQLITE_ROW) {
      const EventRow row = read_event(s);
      const auto story_number = static_cast<std::uint64_t>(sqlite3_column_int64(s, 8));
      // Rows at the key itself or before it in the order are behind the walk.
      if (after && row.last == after->last && story_number >= after->story_number) continue;
      stopped = !visit(row);
    }
    if (!stopped && rc != SQLITE_DONE) return make_error(ErrorKind::kStorage, sqlite3_errmsg(db_));
    return Ok{};
  };
  if (!after || after->last) {
    const Status dated = after ? walk(kRecentFrom, after->last) : walk(kRecent, std::nullopt);
    if (!dated) return dated;
  }
  if (stopped) return Ok{};
  return walk(kUndated, std::nullopt);
}

Result<std::optional<StoryFigures>> Store::story_figures(const std::string& story) {
  Result<sqlite3_stmt*> prepared = cached(kStoryFigures);
  if (!prepared) return prepared.error();
  sqlite3_stmt* s = prepared.value();
  StoryFigures out;
  {
    const Finish done(s);
    bind(s, 1, story);
    if (sqlite3_step(s) != SQLITE_ROW) return make_error(ErrorKind::kStorage, sqlite3_errmsg(db_));
    out.events = sqlite3_column_int64(s, 0);
    if (out.events == 0) return std::optional<StoryFigures>();
    out.size = sqlite3_column_int64(s, 1);
    out.first = column_optional(s, 2);
    out.last = column_optional(s, 3);
  }
  Result<std::string> label = story_label(story);
  if (!label) return label.error();
  out.label = std::move(label).value();
  return std::optional<StoryFigures>(std::move(out));
}

Result<std::string> Store::story_label(const std::string& story) {
  Result<sqlite3_stmt*> prepared = cached(kStoryLabel);
  if (!prepared) return prepared.error();
  sqlite3_stmt* s = prepared.value();
  const Finish done(s);
  bind(s, 1, story);
  const int found = sqlite3_step(s);
  if (found == SQLITE_ROW) return column_text(s, 0);
  if (found != SQLITE_DONE) return make_error(ErrorKind::kStorage, sqlite3_errmsg(db_));
  return std::string();
}

Status Store::for_each_story_cell(const std::string& story, const std::function<void(const StoryCell&)>& visit) {
  Result<sqlite3_stmt*> prepared = cached(kStoryCells);
  if (!prepared) return prepared.error();
  sqlite3_stmt* s = prepared.value();
  const Finish done(s);
  bind(s, 1, story);
  return each_row(s, [&] {
    visit({column_text(s, 0), column_text(s, 1), column_text(s, 2), sqlite3_column_int64(s, 3)});
  });
}

Status Store::for_each_member_of_event(const std::string& event, const std::function<void(const MemberRow&)>& visit) {
  Result<sqlite3_stmt*> prepared = cached(kMembersOfEvent);
  if (!prepared) return prepared.error();
  sqlite3_stmt* s = prepared.value();
  const Finish done(s);
  bind(s, 1, event);
  return each_row(s, [&] { visit(read_member(s)); });
}

Status Store::for_each_member_of_story(const std::string& story, const std::function<void(const MemberRow&)>& visit) {
  Result<sqlite3_stmt*> prepared = cached(kMembersOfStory);
  if (!prepared) return prepared.error();
  sqlite3_stmt* s = prepared.value();
  const Finish done(s);
  bind(s, 1, story);
  return each_row(s, [&] { visit(read_member(s)); });
}

Status Store::for_each_copy_of(const std::string& id, const std::function<void(const CopyRow&)>& visit) {
  Result<sqlite3_stmt*> prepared = cached(kCopiesOf);
  if (!prepared) return prepared.error();
  sqlite3_stmt* s = prepared.value();
  const Finish done(s);
  bind(s, 1, id);
  return each_row(s, [&] { visit(read_copy(s)); });
}

Status Store::for_each_copy_pair(const std::function<void(const CopyRow&)>& visit) {
  Result<sqlite3_stmt*> prepared = cached(kCopyPairs);
  if (!prepared) return prepared.error();
  sqlite3_stmt* s = prepared.value();
  const Finish done(s);
  return each_row(s, [&] { visit(read_copy(s)); });
}

namespace {

Result<std::int64_t> single_count(sqlite3* db, sqlite3_stmt* s) {
  const Finish done(s);
  if (sqlite3_step(s) != SQLITE_ROW) return make_error(ErrorKind::kStorage, sqlite3_errmsg(db));
  return static_cast<std::int64_t>(sqlite3_column_int64(s, 0));
}

}  // namespace

Result<std::int64_t> Store::count_events() {
  Result<sqlite3_stmt*> prepared = cached(kCountEvents);
  if (!prepared) return prepared.error();
  return single_count(db_, prepared.value());
}

Result<std::int64_t> Store::count_stories() {
  Result<sqlite3_stmt*> prepared = cached(kCountStories);
  if (!prepared) return prepared.error();
  return single_count(db_, prepared.value());
}

}  // namespace sipur::store
