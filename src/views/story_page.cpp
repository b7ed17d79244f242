#include "views/story_page.h"

#include <map>
#include <set>

namespace sipur::views {
namespace {

std::vector<std::string> languages_of(const std::vector<store::MemberRow>& articles) {
  std::set<std::string> out;
  for (const store::MemberRow& m : articles) out.insert(m.lang);
  return {out.begin(), out.end()};
}

}  // namespace

Result<std::optional<StoryPage>> story_page(store::Store& store, const std::string& id) {
  const ReadSnapshot snapshot(store);
  Result<std::optional<StoryEvents>> found = find_story_events(store, id);
  if (!found) return found.error();
  if (!found.value()) return std::optional<StoryPage>();
  StoryPage page;
  const auto event_count = static_cast<std::int64_t>(found.value()->events.size());
  Result<StorySummary> summary = summarize_story(store, std::move(found.value()->story), event_count, &page.timeline);
  if (!summary) return summary.error();
  page.summary = std::move(summary).value();
  std::map<std::string, std::size_t> event_index;
  for (EventView& e : found.value()->events) {
    event_index[e.id] = page.events.size();
    page.events.push_back({std::move(e), {}, {}});
  }
  // One walk over the story's members, in assignment order, shared out to their events.
  const Status listed = store.for_each_member_of_story(id, [&](const store::MemberRow& m) {
    if (const auto it = event_index.find(m.event); it != event_index.end()) {
      page.events[it->second].articles.push_back(m);
    }
  });
  if (!listed) return listed.error();
  for (EventWithArticles& e : page.events) e.languages = languages_of(e.articles);
  return std::optional<StoryPage>(std::move(page));
}

Result<std::optional<EventWithArticles>> event_page(store::Store& store, const std::string& id) {
  const ReadSnapshot snapshot(store);
  Result<std::optional<EventView>> event = find_event(store, id);
  if (!event) return event.error();
  if (!event.value()) return std::optional<EventWithArticles>();
  EventWithArticles out{std::move(*event.value()), {}, {}};
  const Status listed =
      store.for_each_member_of_event(id, [&](const store::MemberRow& m) { out.articles.push_back(m); });
  if (!listed) return listed.error();
  out.languages = languages_of(out.articles);
  return std::optional<EventWithArticles>(std::move(out));
}

nlohmann::ordered_json member_json(const store::MemberRow& m) {
  return {{"id", m.id},
          {"title", m.title},
          {"source", m.source},
          {"lang", m.lang},
          {"published", m.published.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(m.published)}};
}

namespace {

nlohmann::ordered_json members_json(const std::vector<store::MemberRow>& articles) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const store::MemberRow& m : articles) out.push_back(member_json(m));
  return out;
}

}  // namespace

nlohmann::ordered_json story_page_json(const StoryPage& page) {
  const StoryView& s = page.summary.story;
  nlohmann::ordered_json events = nlohmann::ordered_json::array();
  for (const EventWithArticles& e : page.events) {
    events.push_back({{"id", e.event.id},
                      {"label", e.event.label},
                      {"size", e.event.size},
                      {"first", time_json(e.event.first)},
                      {"last", time_json(e.event.last)},
                      {"languages", e.languages},
                      {"articles", members_json(e.articles)}});
  }
  nlohmann::ordered_json timeline = nlohmann::ordered_json::array();
  for (const TimelineCell& c : page.timeline) {
    timeline.push_back({{"day", c.day}, {"source", c.source}, {"lang", c.lang}, {"count", c.count}});
  }
  return {{"id", s.id},
          {"label", s.label},
          {"size", s.size},
          {"sources", page.summary.sources},
          {"languages", page.summary.languages},
          {"first", time_json(s.first)},
          {"last", time_json(s.last)},
          {"events", std::move(events)},
          {"timeline", std::move(timeline)}};
}

nlohmann::ordered_json event_page_json(const EventWithArticles& e) {
  return {{"id", e.event.id},
          {"story", e.event.story},
          {"label", e.event.label},
          {"size", e.event.size},
          {"first", time_json(e.event.first)},
          {"last", time_json(e.event.last)},
          {"languages", e.languages},
          {"terms", e.event.terms},
          {"entities", e.event.entities},
          {"articles", members_json(e.articles)}};
}

}  // namespace sipur::views
