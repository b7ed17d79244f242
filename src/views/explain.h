// Explanations: why an article is in its event and story (the stored
// decision with the labels it names), and what an event or a story holds.
// `sipur explain` prints them; the server's /explain route sends the JSON.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/article.h"
#include "core/error.h"
#include "store/store.h"
#include "timex/timex.h"
#include "views/catalog.h"

namespace sipur::views {

struct ArticleExplanation {
  Article article;
  std::optional<store::AssignmentRow> assignment;  // nullopt: not clustered yet
  nlohmann::json decision;                         // the stored decision (an object) when assigned
  std::string event_label;                         // "" when unknown
  std::string story_label;
  std::string runner_up_label;  // of the decision's runner-up event, when it names one
  // The time expressions of its text (src/timex), placed on the calendar
  // against its publication time where it has one: from the text, never
  // its time.
  std::vector<timex::TimeMention> time_in_text;
  timex::TextTimeEstimate text_time;  // what they add up to (estimate_text_time)
};

// nullopt if no article has the id. kStorage if the stored decision is not
// a JSON object.
[[nodiscard]] Result<std::optional<ArticleExplanation>> explain_article(store::Store& store, const std::string& id);

struct EventExplanation {
  EventView event;
  std::string story_label;
  std::vector<store::MemberRow> articles;  // in assignment order
};
[[nodiscard]] Result<std::optional<EventExplanation>> explain_event(store::Store& store, const std::string& id);

struct StoryExplanation {
  StoryView story;
  std::vector<EventView> events;           // in number order
  std::vector<store::MemberRow> articles;  // in assignment order
};
[[nodiscard]] Result<std::optional<StoryExplanation>> explain_story(store::Store& store, const std::string& id);

// The label of an event or story by id, "" if there is none.
[[nodiscard]] Result<std::string> event_label(store::Store& store, const std::string& id);
[[nodiscard]] Result<std::string> story_label(store::Store& store, const std::string& id);

// {"id","title","source","published","event","event_label","story",
//  "story_label","runner_up_label","decision","time_in_text"} (nulls when
// not clustered); time_in_text: [{"text","kind","resolution","days"
// ([first, last] ISO dates, or null), "relative" (what an unresolved
// relative expression says, or "")}]; text_time: {"days" (the days the
// text names, most named first), "best" ([first, last] of the date it
// writes, or null), "granularity"}.
[[nodiscard]] nlohmann::ordered_json explanation_json(const ArticleExplanation& e);
// event_json + "story_label" + "articles":[{"id","title"}]
[[nodiscard]] nlohmann::ordered_json explanation_json(const EventExplanation& e);
// story_json + "articles":[{"id","event","title"}]
[[nodiscard]] nlohmann::ordered_json explanation_json(const StoryExplanation& e);

// A string field of a decision, "" when absent or of another type.
[[nodiscard]] std::string decision_string(const nlohmann::json& decision, const char* key);

}  // namespace sipur::views
