// One story or one event with its articles: what the server's
// GET /v1/stories/{id} and GET /v1/events/{id} show.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "store/store.h"
#include "views/catalog.h"
#include "views/story_list.h"

namespace sipur::views {

struct EventWithArticles {
  EventView event;
  std::vector<std::string> languages;      // sorted
  std::vector<store::MemberRow> articles;  // in assignment order
};

struct StoryPage {
  StorySummary summary;
  std::vector<EventWithArticles> events;  // in number order
  std::vector<TimelineCell> timeline;     // by day, source, language; undated articles are not counted
};

// nullopt if there is no such story or event.
[[nodiscard]] Result<std::optional<StoryPage>> story_page(store::Store& store, const std::string& id);
[[nodiscard]] Result<std::optional<EventWithArticles>> event_page(store::Store& store, const std::string& id);

// {"id","label","size","sources","languages","first","last",
//  "events":[{"id","label","size","first","last","languages","articles":[...]}],
//  "timeline":[{"day","source","lang","count"}]}
[[nodiscard]] nlohmann::ordered_json story_page_json(const StoryPage& page);
// {"id","story","label","size","first","last","languages","terms","entities","articles":[...]}
[[nodiscard]] nlohmann::ordered_json event_page_json(const EventWithArticles& event);
// {"id","title","source","lang","published"} (published null when unknown)
[[nodiscard]] nlohmann::ordered_json member_json(const store::MemberRow& m);

}  // namespace sipur::views
