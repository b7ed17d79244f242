// Stories from the most recently active, a page at a time, with filters:
// what the server's GET /v1/stories lists. A story's place in the order is
// its newest event's last time (undated stories after every dated one),
// ties broken by story number, newest first; a cursor names the place of the
// last story shown, so a page starts where the last ended whatever was
// added meanwhile (a story that became active since moves to the top and
// is not shown again further down).
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "store/store.h"
#include "views/catalog.h"

namespace sipur::views {

struct StoryQuery {
  std::size_t limit = 20;
  std::optional<store::RecencyKey> after;  // from a cursor
  std::string lang;                        // only stories with an article in this language
  std::string source;                      // ... from this source
  std::optional<std::int64_t> from, to;    // only stories active in [from, to] (epoch seconds)
  std::int64_t min_size = 0;               // only stories of at least this many articles
  // Events looked at per page at most: a selective filter then gives a
  // short page (with a cursor to go on from) rather than a slow one.
  std::size_t max_scanned_events = 20000;
};

struct DayCount {
  std::string day;  // YYYY-MM-DD (UTC)
  std::int64_t count = 0;
};

// Articles of a story per day, source and language.
struct TimelineCell {
  std::string day;
  std::string source;
  std::string lang;
  std::int64_t count = 0;
};

struct StorySummary {
  StoryView story;  // in a list, without its event ids and entities (not shown there)
  std::int64_t event_count = 0;
  std::vector<std::string> sources;    // sorted
  std::vector<std::string> languages;  // sorted
  std::vector<DayCount> daily;         // by day; undated articles are not counted
};

struct StoryListPage {
  std::vector<StorySummary> stories;
  std::optional<store::RecencyKey> next;  // where the next page starts; nullopt after the last
};

// What a story's articles add up to (sources, languages, days), kept
// between requests: it changes only when the story gains articles, so an
// entry is used while the story's figures (events, size, last time) are
// those it was made with. Shared by threads; bounded.
class StorySummaryCache {
 public:
  struct Entry {
    std::int64_t events = 0, size = 0;
    std::optional<std::int64_t> last;
    std::vector<std::string> sources, languages;
    std::vector<DayCount> daily;
  };
  [[nodiscard]] std::optional<Entry> find(const std::string& story, std::int64_t events, std::int64_t size,
                                          std::optional<std::int64_t> last);
  void put(const std::string& story, Entry entry);

 private:
  static constexpr std::size_t kMaxEntries = 20000;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

[[nodiscard]] Result<StoryListPage> list_stories(store::Store& store, const StoryQuery& query,
                                                 StorySummaryCache* cache = nullptr);

// A story with the articles of its events counted (by SQL, without
// reading them one by one); shared with the story page, which also takes
// the timeline.
[[nodiscard]] Result<StorySummary> summarize_story(store::Store& store, StoryView story, std::int64_t event_count,
                                                   std::vector<TimelineCell>* timeline = nullptr);

// An opaque cursor ("<last>.<story number>", "-" for undated) and back;
// nullopt for text that is no cursor.
[[nodiscard]] std::string encode_cursor(const store::RecencyKey& key);
[[nodiscard]] std::optional<store::RecencyKey> decode_cursor(std::string_view text);

// "YYYY-MM-DD" of an instant (UTC).
[[nodiscard]] std::string day_of(std::int64_t epoch_seconds);

// {"stories":[{"id","label","size","events","sources","languages","first","last","daily":[{"day","count"}]}],
//  "next_cursor":string|null}; "events" is the number of events.
[[nodiscard]] nlohmann::ordered_json story_list_json(const StoryListPage& page);

}  // namespace sipur::views
