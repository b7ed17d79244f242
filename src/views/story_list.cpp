#include "views/story_list.h"

#include <algorithm>
#include <charconv>
#include <set>
#include <unordered_set>

#include "core/time.h"

namespace sipur::views {
namespace {

bool parse_int(std::string_view text, std::int64_t& out) {
  if (text.empty()) return false;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc() && end == text.data() + text.size();
}

bool active_in(const StoryView& s, const StoryQuery& q) {
  if (q.from && (!s.last || *s.last < *q.from)) return false;
  if (q.to && (!s.first || *s.first > *q.to)) return false;
  return true;
}

bool contains(const std::vector<std::string>& sorted, const std::string& item) {
  return std::binary_search(sorted.begin(), sorted.end(), item);
}

}  // namespace

std::string day_of(std::int64_t epoch_seconds) {
  return format_time(ParsedTime{epoch_seconds, true}).substr(0, 10);
}

Result<StorySummary> summarize_story(store::Store& store, StoryView story, std::int64_t event_count,
                                     std::vector<TimelineCell>* timeline) {
  StorySummary out;
  std::set<std::string> sources, languages;
  const Status counted = store.for_each_story_cell(story.id, [&](const store::StoryCell& cell) {
    sources.insert(cell.source);
    languages.insert(cell.lang);
    if (cell.day.empty()) return;  // undated: in no day
    if (out.daily.empty() || out.daily.back().day != cell.day) out.daily.push_back({cell.day, 0});
    out.daily.back().count += cell.count;
    if (timeline) timeline->push_back({cell.day, cell.source, cell.lang, cell.count});
  });
  if (!counted) return counted.error();
  out.sources.assign(sources.begin(), sources.end());
  out.languages.assign(languages.begin(), languages.end());
  out.story = std::move(story);
  out.event_count = event_count;
  return out;
}

std::optional<StorySummaryCache::Entry> StorySummaryCache::find(const std::string& story, std::int64_t events,
                                                                std::int64_t size, std::optional<std::int64_t> last) {
  const std::lock_guard<std::mutex> lock(mutex_);
  const auto it = entries_.find(story);
  if (it == entries_.end() || it->second.events != events || it->second.size != size || it->second.last != last) {
    return std::nullopt;
  }
  return it->second;
}

void StorySummaryCache::put(const std::string& story, Entry entry) {
  const std::lock_guard<std::mutex> lock(mutex_);
  if (entries_.size() >= kMaxEntries) entries_.clear();  // rebuilt from the store as pages are asked for
  entries_[story] = std::move(entry);
}

Result<StoryListPage> list_stories(store::Store& store, const StoryQuery& query, StorySummaryCache* cache) {
  const ReadSnapshot snapshot(store);
  StoryListPage page;
  if (query.limit == 0) return page;
  std::unordered_set<std::string> seen;
  std::size_t scanned = 0;
  std::optional<Error> failed;
  std::optional<store::RecencyKey> position;  // of the last event looked at
  bool more = false;                          // stopped with events left
  const Status walked = store.for_each_event_by_recency(query.after, [&](const store::EventRow& e) {
    const std::uint64_t number = id_number(e.story, 's').value_or(0);
    if (page.stories.size() >= query.limit || scanned >= query.max_scanned_events) {
      more = true;
      return false;
    }
    // Every story later in the order was last active before `from`.
    if (query.from && (!e.last || *e.last < *query.from)) return false;
    ++scanned;
    position = store::RecencyKey{e.last, number};
    if (!seen.insert(e.story).second) return true;
    // A story has its place at its newest event; met at an older one, it
    // was shown before (or skipped before the cursor).
    Result<std::optional<std::optional<std::int64_t>>> last = store.story_last(e.story);
    if (!last) {
      failed = last.error();
      return false;
    }
    if (!last.value() || *last.value() != e.last) return true;
    Result<std::optional<store::StoryFigures>> figures = store.story_figures(e.story);
    if (!figures) {
      failed = figures.error();
      return false;
    }
    if (!figures.value()) return true;
    StoryView story;
    story.id = e.story;
    story.size = figures.value()->size;
    story.first = figures.value()->first;
    story.last = figures.value()->last;
    story.label = figures.value()->label;
    if (story.size < query.min_size || !active_in(story, query)) return true;
    const store::StoryFigures& f = *figures.value();
    std::optional<StorySummaryCache::Entry> cached =
        cache ? cache->find(e.story, f.events, f.size, f.last) : std::nullopt;
    Result<StorySummary> summary = StorySummary{};
    if (cached) {
      summary = StorySummary{std::move(story), f.events, std::move(cached->sources), std::move(cached->languages),
                             std::move(cached->daily)};
    } else {
      summary = summarize_story(store, std::move(story), f.events);
      if (!summary) {
        failed = summary.error();
        return false;
      }
      if (cache) {
        cache->put(e.story, {f.events, f.size, f.last, summary.value().sources, summary.value().languages,
                             summary.value().daily});
      }
    }
    if (!query.lang.empty() && !contains(summary.value().languages, query.lang)) return true;
    if (!query.source.empty() && !contains(summary.value().sources, query.source)) return true;
    page.stories.push_back(std::move(summary).value());
    return true;
  });
  if (!walked) return walked.error();
  if (failed) return *failed;
  if (more) page.next = position;
  return page;
}

std::string encode_cursor(const store::RecencyKey& key) {
  return (key.last ? std::to_string(*key.last) : std::string("-")) + "." + std::to_string(key.story_number);
}

std::optional<store::RecencyKey> decode_cursor(std::string_view text) {
  const std::size_t dot = text.rfind('.');
  if (dot == std::string_view::npos) return std::nullopt;
  store::RecencyKey key;
  const std::string_view last = text.substr(0, dot);
  if (last != "-") {
    std::int64_t t = 0;
    if (!parse_int(last, t)) return std::nullopt;
    key.last = t;
  }
  std::int64_t number = 0;
  if (!parse_int(text.substr(dot + 1), number) || number < 0) return std::nullopt;
  key.story_number = static_cast<std::uint64_t>(number);
  return key;
}

nlohmann::ordered_json story_list_json(const StoryListPage& page) {
  nlohmann::ordered_json stories = nlohmann::ordered_json::array();
  for (const StorySummary& s : page.stories) {
    nlohmann::ordered_json daily = nlohmann::ordered_json::array();
    for (const DayCount& d : s.daily) daily.push_back({{"day", d.day}, {"count", d.count}});
    stories.push_back({{"id", s.story.id},
                       {"label", s.story.label},
                       {"size", s.story.size},
                       {"events", s.event_count},
                       {"sources", s.sources},
                       {"languages", s.languages},
                       {"first", time_json(s.story.first)},
                       {"last", time_json(s.story.last)},
                       {"daily", std::move(daily)}});
  }
  return {{"stories", std::move(stories)},
          {"next_cursor", page.next ? nlohmann::ordered_json(encode_cursor(*page.next)) : nlohmann::ordered_json()}};
}

}  // namespace sipur::views
