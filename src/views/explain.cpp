#include "views/explain.h"

#include "views/records.h"

namespace sipur::views {

std::string decision_string(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

Result<std::string> event_label(store::Store& store, const std::string& id) {
  Result<std::optional<store::EventRow>> row = store.event(id);
  if (!row) return row.error();
  return row.value() ? row.value()->label : std::string();
}

Result<std::string> story_label(store::Store& store, const std::string& id) {
  Result<std::optional<StoryView>> story = find_story(store, id);
  if (!story) return story.error();
  return story.value() ? story.value()->label : std::string();
}

Result<std::optional<ArticleExplanation>> explain_article(store::Store& store, const std::string& id) {
  const ReadSnapshot snapshot(store);
  Result<std::optional<Article>> article = store.get(id);
  if (!article) return article.error();
  if (!article.value()) return std::optional<ArticleExplanation>();
  ArticleExplanation out;
  out.article = std::move(*article.value());
  out.time_in_text = timex::find_time_mentions(copy_text(out.article), out.article.lang, out.article.published_utc);
  out.text_time = timex::estimate_text_time(out.time_in_text, out.article.published_utc);
  Result<std::optional<store::AssignmentRow>> assigned = store.assignment(id);
  if (!assigned) return assigned.error();
  out.assignment = std::move(assigned).value();
  if (!out.assignment) return std::optional<ArticleExplanation>(std::move(out));
  Result<nlohmann::json> decision = decode_decision(out.assignment->decision, out.article.id);
  if (!decision) return decision.error();
  out.decision = std::move(decision).value();
  Result<std::string> label = event_label(store, out.assignment->event);
  if (!label) return label.error();
  out.event_label = std::move(label).value();
  label = story_label(store, out.assignment->story);
  if (!label) return label.error();
  out.story_label = std::move(label).value();
  if (const std::string runner_up = decision_string(out.decision, "runner_up"); !runner_up.empty()) {
    label = event_label(store, runner_up);
    if (!label) return label.error();
    out.runner_up_label = std::move(label).value();
  }
  return std::optional<ArticleExplanation>(std::move(out));
}

Result<std::optional<EventExplanation>> explain_event(store::Store& store, const std::string& id) {
  const ReadSnapshot snapshot(store);
  Result<std::optional<EventView>> event = find_event(store, id);
  if (!event) return event.error();
  if (!event.value()) return std::optional<EventExplanation>();
  EventExplanation out;
  out.event = std::move(*event.value());
  Result<std::string> label = story_label(store, out.event.story);
  if (!label) return label.error();
  out.story_label = std::move(label).value();
  const Status listed =
      store.for_each_member_of_event(id, [&](const store::MemberRow& m) { out.articles.push_back(m); });
  if (!listed) return listed.error();
  return std::optional<EventExplanation>(std::move(out));
}

Result<std::optional<StoryExplanation>> explain_story(store::Store& store, const std::string& id) {
  const ReadSnapshot snapshot(store);
  Result<std::optional<StoryEvents>> found = find_story_events(store, id);
  if (!found) return found.error();
  if (!found.value()) return std::optional<StoryExplanation>();
  StoryExplanation out;
  out.story = std::move(found.value()->story);
  out.events = std::move(found.value()->events);
  const Status listed =
      store.for_each_member_of_story(id, [&](const store::MemberRow& m) { out.articles.push_back(m); });
  if (!listed) return listed.error();
  return std::optional<StoryExplanation>(std::move(out));
}

nlohmann::ordered_json explanation_json(const ArticleExplanation& e) {
  const Article& a = e.article;
  nlohmann::ordered_json out = {
      {"id", a.id},
      {"title", a.title},
      {"source", a.source},
      {"published", a.published.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(a.published)},
      {"event", nullptr},
      {"event_label", nullptr},
      {"story", nullptr},
      {"story_label", nullptr},
      {"runner_up_label", nullptr},
      {"decision", nullptr}};
  if (e.assignment) {
    out["event"] = e.assignment->event;
    out["event_label"] = e.event_label;
    out["story"] = e.assignment->story;
    out["story_label"] = e.story_label;
    if (!decision_string(e.decision, "runner_up").empty()) out["runner_up_label"] = e.runner_up_label;
    out["decision"] = e.decision;
  }
  out["time_in_text"] = nlohmann::ordered_json::array();
  for (const timex::TimeMention& m : e.time_in_text) {
    nlohmann::ordered_json days = nullptr;
    if (m.days) days = {timex::format_day(m.days->first), timex::format_day(m.days->last)};
    out["time_in_text"].push_back({{"text", m.text},
                                   {"kind", timex::kind_name(m.kind)},
                                   {"resolution", timex::resolution_name(m.resolution)},
                                   {"days", days},
                                   {"relative", m.days ? std::string() : timex::describe_relative(m)}});
  }
  nlohmann::ordered_json days = nlohmann::ordered_json::array();
  for (const timex::DayCount& d : e.text_time.days) days.push_back(timex::format_day(d.day));
  nlohmann::ordered_json best = nullptr;
  if (e.text_time.best) best = {timex::format_day(e.text_time.best->first), timex::format_day(e.text_time.best->last)};
  out["text_time"] = {{"days", days},
                      {"best", best},
                      {"granularity", e.text_time.best ? timex::granularity_name(e.text_time.best_granularity) : ""}};
  return out;
}

nlohmann::ordered_json explanation_json(const EventExplanation& e) {
  nlohmann::ordered_json out = event_json(e.event);
  out["story_label"] = e.story_label;
  out["articles"] = nlohmann::ordered_json::array();
  for (const store::MemberRow& m : e.articles) out["articles"].push_back({{"id", m.id}, {"title", m.title}});
  return out;
}

nlohmann::ordered_json explanation_json(const StoryExplanation& e) {
  nlohmann::ordered_json out = story_json(e.story);
  out["articles"] = nlohmann::ordered_json::array();
  for (const store::MemberRow& m : e.articles) {
    out["articles"].push_back({{"id", m.id}, {"event", m.event}, {"title", m.title}});
  }
  return out;
}

}  // namespace sipur::views
