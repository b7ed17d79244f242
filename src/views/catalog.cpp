#include "views/catalog.h"

#include <algorithm>
#include <map>

#include "core/time.h"
#include "views/records.h"

namespace sipur::views {

std::optional<std::uint64_t> id_number(const std::string& id, char prefix) {
  if (id.size() < 2 || id.size() > 19 || id[0] != prefix) return std::nullopt;
  std::uint64_t n = 0;
  for (std::size_t i = 1; i < id.size(); ++i) {
    if (id[i] < '0' || id[i] > '9') return std::nullopt;
    n = n * 10 + static_cast<std::uint64_t>(id[i] - '0');
  }
  return n;
}

Result<EventView> event_view(const store::EventRow& row) {
  Result<std::vector<std::string>> terms = decode_strings(row.terms, "event " + row.id + ": terms");
  if (!terms) return terms.error();
  Result<std::vector<std::string>> entities = decode_strings(row.entities, "event " + row.id + ": entities");
  if (!entities) return entities.error();
  return EventView{row.id,   row.story, row.label, std::move(terms).value(), std::move(entities).value(),
                   row.size, row.first, row.last};
}

namespace {

// The events a walk of the store visits, as views; a damaged row is the
// error, and the rows after it are passed over.
template <class Walk>
Result<std::vector<EventView>> event_views(const Walk& walk) {
  std::vector<EventView> events;
  std::optional<Error> damaged;
  const Status status = walk([&](const store::EventRow& row) {
    if (damaged) return;
    Result<EventView> event = event_view(row);
    if (!event) {
      damaged = event.error();
      return;
    }
    events.push_back(std::move(event).value());
  });
  if (!status) return status.error();
  if (damaged) return *damaged;
  return events;
}

}  // namespace

Result<std::vector<EventView>> load_events(store::Store& store) {
  return event_views([&](const auto& visit) { return store.for_each_event(visit); });
}

std::vector<StoryView> group_stories(const std::vector<EventView>& events) {
  std::map<std::string, StoryView> by_id;
  std::map<std::string, std::int64_t> largest;  // story -> size of the event its label comes from
  std::map<std::string, std::map<std::string, std::int64_t>> entity_weight;
  for (const EventView& e : events) {
    StoryView& s = by_id[e.story];
    s.id = e.story;
    s.events.push_back(e.id);
    s.size += e.size;
    if (e.first && (!s.first || *e.first < *s.first)) s.first = e.first;
    if (e.last && (!s.last || *e.last > *s.last)) s.last = e.last;
    // Events come in number order, so strictly larger keeps the lower number on ties.
    if (const auto it = largest.find(e.story); it == largest.end() || e.size > it->second) {
      largest[e.story] = e.size;
      s.label = e.label;
    }
    for (const std::string& entity : e.entities) entity_weight[e.story][entity] += e.size;
  }
  std::vector<StoryView> stories;
  for (auto& [id, s] : by_id) {
    std::vector<std::pair<std::int64_t, std::string>> weighted;
    for (const auto& [entity, weight] : entity_weight[id]) weighted.emplace_back(weight, entity);
    std::stable_sort(weighted.begin(), weighted.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
    for (std::size_t i = 0; i < weighted.size() && i < 5; ++i) s.entities.push_back(weighted[i].second);
    stories.push_back(std::move(s));
  }
  std::stable_sort(stories.begin(), stories.end(), [](const StoryView& x, const StoryView& y) {
    const auto nx = id_number(x.id, 's');
    const auto ny = id_number(y.id, 's');
    if (nx && ny) return *nx < *ny;
    return nx.has_value() && !ny.has_value();  // ids of another shape last, in id order
  });
  return stories;
}

Result<std::optional<EventView>> find_event(store::Store& store, const std::string& id) {
  Result<std::optional<store::EventRow>> row = store.event(id);
  if (!row) return row.error();
  if (!row.value()) return std::optional<EventView>();
  Result<EventView> event = event_view(*row.value());
  if (!event) return event.error();
  return std::optional<EventView>(std::move(event).value());
}

Result<std::optional<StoryEvents>> find_story_events(store::Store& store, const std::string& id) {
  Result<std::vector<EventView>> found =
      event_views([&](const auto& visit) { return store.for_each_event_of_story(id, visit); });
  if (!found) return found.error();
  std::vector<EventView> events = std::move(found).value();
  if (events.empty()) return std::optional<StoryEvents>();
  // Grouping only this story's events gives what grouping all of them gives
  // for it: a story's figures come from its own events alone.
  std::vector<StoryView> grouped = group_stories(events);
  return std::optional<StoryEvents>(StoryEvents{std::move(grouped.front()), std::move(events)});
}

Result<std::optional<StoryView>> find_story(store::Store& store, const std::string& id) {
  Result<std::optional<StoryEvents>> found = find_story_events(store, id);
  if (!found) return found.error();
  if (!found.value()) return std::optional<StoryView>();
  return std::optional<StoryView>(std::move(found.value()->story));
}

std::string time_text(std::optional<std::int64_t> epoch_seconds) {
  if (!epoch_seconds) return "-";
  return format_time(ParsedTime{*epoch_seconds, true});
}

nlohmann::ordered_json time_json(std::optional<std::int64_t> t) {
  return t ? nlohmann::ordered_json(time_text(t)) : nlohmann::ordered_json();
}

nlohmann::ordered_json event_json(const EventView& e) {
  return {{"id", e.id},
          {"story", e.story},
          {"size", e.size},
          {"first", time_json(e.first)},
          {"last", time_json(e.last)},
          {"label", e.label},
          {"terms", e.terms},
          {"entities", e.entities}};
}

nlohmann::ordered_json story_json(const StoryView& s) {
  return {{"id", s.id},
          {"events", s.events},
          {"size", s.size},
          {"first", time_json(s.first)},
          {"last", time_json(s.last)},
          {"label", s.label},
          {"entities", s.entities}};
}

std::string json_line(const nlohmann::ordered_json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace sipur::views
