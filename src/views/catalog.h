// Events and stories as the views read them: events from the store with
// their stored terms and entities decoded, stories derived from the events
// that name them (a story has no row of its own), and their JSON forms.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "store/store.h"

namespace sipur::views {

struct EventView {
  std::string id;
  std::string story;
  std::string label;
  std::vector<std::string> terms;
  std::vector<std::string> entities;
  std::int64_t size = 0;
  std::optional<std::int64_t> first, last;
};

struct StoryView {
  std::string id;
  std::vector<std::string> events;  // in event order
  std::int64_t size = 0;            // articles
  std::optional<std::int64_t> first, last;
  std::string label;                  // of its largest event, ties by lower event number
  std::vector<std::string> entities;  // union over its events, weighted by event size
};

// kStorage if a stored terms or entities value is not a JSON array of strings.
[[nodiscard]] Result<EventView> event_view(const store::EventRow& row);

// Every event in number order (e1, e2, ...).
[[nodiscard]] Result<std::vector<EventView>> load_events(store::Store& store);

// Stories in number order (s1, s2, ...), each from the events that name it.
[[nodiscard]] std::vector<StoryView> group_stories(const std::vector<EventView>& events);

// One event or one story by id, without reading the others; nullopt if
// there is none.
[[nodiscard]] Result<std::optional<EventView>> find_event(store::Store& store, const std::string& id);
[[nodiscard]] Result<std::optional<StoryView>> find_story(store::Store& store, const std::string& id);
// A story's events in number order, with the story they make.
struct StoryEvents {
  StoryView story;
  std::vector<EventView> events;
};
[[nodiscard]] Result<std::optional<StoryEvents>> find_story_events(store::Store& store, const std::string& id);

// The number in "s12" or "e12"; nullopt for an id of another shape.
[[nodiscard]] std::optional<std::uint64_t> id_number(const std::string& id, char prefix);

// {"id","story","size","first","last","label","terms","entities"}
[[nodiscard]] nlohmann::ordered_json event_json(const EventView& e);
// {"id","events","size","first","last","label","entities"}
[[nodiscard]] nlohmann::ordered_json story_json(const StoryView& s);

// "2019-04-02T10:00:00Z", or "-" when unknown.
[[nodiscard]] std::string time_text(std::optional<std::int64_t> epoch_seconds);
// The same as a JSON string, or null when unknown.
[[nodiscard]] nlohmann::ordered_json time_json(std::optional<std::int64_t> epoch_seconds);

// A JSON value as one line; invalid UTF-8 in stored text becomes U+FFFD.
[[nodiscard]] std::string json_line(const nlohmann::ordered_json& value);

// Reads of several statements that must agree (an event and its members)
// inside one read transaction: one snapshot of the store, whatever a writer
// commits meanwhile. Does nothing if a transaction is already open.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(store::Store& store) : store_(store), open_(store.begin_read().ok()) {}
  ~ReadSnapshot() {
    if (open_) store_.end_read();
  }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  store::Store& store_;
  bool open_;
};

}  // namespace sipur::views
