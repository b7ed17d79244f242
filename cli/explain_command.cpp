// `sipur explain`: why an article is where it is (its event and story, the
// stored decision: new or joined, the scores, shared terms, the runner-up
// event), or what an event or story holds.
//
// The decision is printed from whatever the stored JSON holds: every number
// and every list of strings, the known ones first, so sub-scores a later
// clusterer adds show up without changes here.
#include <algorithm>
#include <array>
#include <iostream>
#include <map>
#include <string_view>

#include "cli/commands.h"
#include "cli/views.h"
#include "views/explain.h"

namespace sipur::cli {
namespace {

struct ExplainArgs {
  std::string db;
  std::string id;
  bool json = false;
  bool article = false;
};

constexpr std::array<const char*, 7> kKnownScores = {"probability", "threshold", "score", "title",
                                                     "body",        "entities",  "time"};
constexpr std::array<const char*, 1> kKnownLists = {"shared_terms"};
constexpr const char* kRunnerUpScore = "runner_up_score";  // printed with the runner-up

// "key  value" lines with the values aligned.
class Fields {
 public:
  void add(std::string key, std::string value) { fields_.emplace_back(std::move(key), std::move(value)); }
  [[nodiscard]] std::string render() const {
    std::size_t width = 0;
    for (const auto& [key, value] : fields_) width = std::max(width, code_points(key));
    std::string out;
    for (const auto& [key, value] : fields_) {
      out.append(key).append(width - code_points(key) + 2, ' ').append(value).push_back('\n');
    }
    return out;
  }

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

std::string with_label(const std::string& id, const std::string& label) {
  return label.empty() ? terminal_safe(id) : terminal_safe(id) + "  " + terminal_safe(label);
}

std::string or_dash(const std::string& text) {
  return text.empty() ? "-" : terminal_safe(text);
}

std::string number_text(const nlohmann::json& value) {
  if (value.is_number_integer() || value.is_number_unsigned()) return value.dump();
  return three_decimals(value.get<double>());
}

bool is_string_list(const nlohmann::json& value) {
  if (!value.is_array()) return false;
  for (const auto& item : value) {
    if (!item.is_string()) return false;
  }
  return true;
}

bool flag_field(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_boolean() && it->get<bool>();
}

template <std::size_t N>
bool is_known(const std::string& key, const std::array<const char*, N>& known) {
  for (const char* k : known) {
    if (key == k) return true;
  }
  return false;
}

// "score 0.512  title 0.610  ...": the known sub-scores in their order, then
// any other number in key order (nlohmann::json keeps keys sorted).
std::string scores_text(const nlohmann::json& decision) {
  std::vector<std::string> parts;
  auto add = [&](const std::string& key, const nlohmann::json& value) {
    parts.push_back(terminal_safe(key) + " " + number_text(value));
  };
  // A title the score left out (the article or the event had none) shows
  // as "title -", not as a mismatch.
  const auto weighed = decision.find("title_weighed");
  const bool title_left_out = weighed != decision.end() && weighed->is_boolean() && !weighed->get<bool>();
  for (const char* key : kKnownScores) {
    const auto it = decision.find(key);
    if (title_left_out && std::string_view(key) == "title") {
      parts.emplace_back("title -");
    } else if (it != decision.end() && it->is_number()) {
      add(key, *it);
    }
  }
  for (const auto& [key, value] : decision.items()) {
    if (value.is_number() && !is_known(key, kKnownScores) && key != kRunnerUpScore) add(key, value);
  }
  return join(parts, "  ");
}

void add_lists(const nlohmann::json& decision, Fields& fields) {
  auto add = [&](const std::string& key, const nlohmann::json& value) {
    const auto items = value.get<std::vector<std::string>>();
    fields.add(terminal_safe(key), items.empty() ? "-" : terminal_safe(join(items, ", ")));
  };
  for (const char* key : kKnownLists) {
    const auto it = decision.find(key);
    if (it != decision.end() && is_string_list(*it)) add(key, *it);
  }
  for (const auto& [key, value] : decision.items()) {
    if (is_string_list(value) && !is_known(key, kKnownLists)) add(key, value);
  }
}

// The text's time expressions, each with where it falls (or, without a
// publication time to count from, what it says): "אתמול 2019-04-01",
// "last week (-1 week)"; the first kShownMentions of them.
std::string time_in_text(const std::vector<timex::TimeMention>& mentions) {
  constexpr std::size_t kShownMentions = 8;
  std::vector<std::string> parts;
  for (const timex::TimeMention& m : mentions) {
    if (parts.size() == kShownMentions) {
      parts.push_back("(" + std::to_string(mentions.size() - kShownMentions) + " more)");
      break;
    }
    std::string where;
    if (m.days) {
      where = timex::format_day(m.days->first);
      if (m.days->last != m.days->first) where += ".." + timex::format_day(m.days->last);
    } else {
      const std::string says = timex::describe_relative(m);
      where = "(" + (says.empty() ? std::string("not placed") : says) + ")";
    }
    parts.push_back(terminal_safe(m.text) + " " + where);
  }
  return parts.empty() ? "-" : join(parts, " · ");
}

// The days the text names, most named first, else the month or year it
// writes: "2019-04-12, 2019-04-11" or "2019-01-01..2019-12-31 (year)".
std::string text_days(const timex::TextTimeEstimate& estimate) {
  std::vector<std::string> days;
  for (const timex::DayCount& d : estimate.days) days.push_back(timex::format_day(d.day));
  if (!days.empty()) return join(days, ", ");
  if (!estimate.best) return "-";
  return timex::format_day(estimate.best->first) + ".." + timex::format_day(estimate.best->last) + " (" +
         std::string(timex::granularity_name(estimate.best_granularity)) + ")";
}

std::string decision_text(const nlohmann::json& d) {
  const std::string event = terminal_safe(views::decision_string(d, "event"));
  const std::string story = terminal_safe(views::decision_string(d, "story"));
  if (const std::string copy_of = views::decision_string(d, "copy_of"); !copy_of.empty()) {
    return "copy of " + terminal_safe(copy_of) + " (joins its event " + event + ")";
  }
  if (!flag_field(d, "new_event")) return "joined event " + event;
  return "new event " + event + (flag_field(d, "new_story") ? ", new story " : ", joined story ") + story;
}

int show_article(const views::ArticleExplanation& explained, const ExplainArgs& args) {
  if (args.json) return put(json_line(views::explanation_json(explained)) + "\n") ? kExitOk : kExitFailure;
  const Article& a = explained.article;
  const std::optional<store::AssignmentRow>& assigned = explained.assignment;
  const nlohmann::json& decision = explained.decision;
  Fields fields;
  fields.add("article", terminal_safe(a.id));
  fields.add("title", or_dash(a.title));
  fields.add("source", or_dash(a.source));
  fields.add("published", or_dash(a.published));
  fields.add("time in text", time_in_text(explained.time_in_text));
  fields.add("text's days", text_days(explained.text_time));
  if (!assigned) {
    fields.add("event", "not clustered yet (the next ingest clusters it)");
    return put(fields.render()) ? kExitOk : kExitFailure;
  }
  fields.add("event", with_label(assigned->event, explained.event_label));
  fields.add("story", with_label(assigned->story, explained.story_label));
  fields.add("decision", decision_text(decision));
  if (views::decision_string(decision, "copy_of").empty()) {
    std::string scores = scores_text(decision);
    if (flag_field(decision, "new_event")) {
      // No event was good enough: the scores are those of the best candidate, if any.
      scores += views::decision_string(decision, "runner_up").empty() ? "  (no candidate event)"
                                                                      : "  (against the runner-up)";
    }
    fields.add("scores", scores);
    add_lists(decision, fields);
    if (const std::string runner_up = views::decision_string(decision, "runner_up"); !runner_up.empty()) {
      std::string text = terminal_safe(runner_up);
      if (const auto it = decision.find(kRunnerUpScore); it != decision.end() && it->is_number()) {
        text += "  score " + number_text(*it);
      }
      if (!explained.runner_up_label.empty()) text += "  " + terminal_safe(explained.runner_up_label);
      fields.add("runner-up", text);
    } else {
      fields.add("runner-up", "-");
    }
  }
  return put(fields.render()) ? kExitOk : kExitFailure;
}

void add_summary(Fields& fields, std::optional<std::int64_t> first, std::optional<std::int64_t> last,
                 const std::string& label, const std::vector<std::string>& entities) {
  fields.add("first", time_text(first));
  fields.add("last", time_text(last));
  fields.add("label", or_dash(label));
  fields.add("entities", entities.empty() ? "-" : terminal_safe(join(entities, ", ")));
}

int show_event(const views::EventExplanation& explained, const ExplainArgs& args) {
  if (args.json) return put(json_line(views::explanation_json(explained)) + "\n") ? kExitOk : kExitFailure;
  const EventView& e = explained.event;
  Fields fields;
  fields.add("event", terminal_safe(e.id));
  fields.add("story", with_label(e.story, explained.story_label));
  fields.add("size", std::to_string(e.size));
  add_summary(fields, e.first, e.last, e.label, e.entities);
  fields.add("terms", e.terms.empty() ? "-" : terminal_safe(join(e.terms, ", ")));
  Table articles({{"article"}, {"title"}});
  for (const store::MemberRow& m : explained.articles) articles.add({terminal_safe(m.id), terminal_safe(m.title)});
  return put(fields.render() + "\n" + articles.render()) ? kExitOk : kExitFailure;
}

int show_story(const views::StoryExplanation& explained, const ExplainArgs& args) {
  if (args.json) return put(json_line(views::explanation_json(explained)) + "\n") ? kExitOk : kExitFailure;
  const StoryView& s = explained.story;
  Fields fields;
  fields.add("story", terminal_safe(s.id));
  fields.add("events", std::to_string(s.events.size()));
  fields.add("size", std::to_string(s.size));
  add_summary(fields, s.first, s.last, s.label, s.entities);
  Table events({{"event"}, {"size", Table::Align::kRight}, {"label"}});
  for (const EventView& e : explained.events) {
    events.add({terminal_safe(e.id), std::to_string(e.size), terminal_safe(e.label)});
  }
  Table articles({{"article"}, {"event"}, {"title"}});
  for (const store::MemberRow& m : explained.articles) {
    articles.add({terminal_safe(m.id), terminal_safe(m.event), terminal_safe(m.title)});
  }
  const std::string out = fields.render() + "\n" + events.render() + "\n" + articles.render();
  return put(out) ? kExitOk : kExitFailure;
}

int fail(const Error& error) {
  std::cerr << "sipur explain: " << error.describe() << '\n';
  return kExitFailure;
}

int run(const ExplainArgs& args) {
  Result<std::unique_ptr<store::Store>> opened = store::Store::open(args.db);
  if (!opened) return fail(opened.error());
  store::Store& store = *opened.value();
  // Every stored event is checked, whatever ID is: damage anywhere is
  // reported rather than shown in part.
  if (Result<std::vector<EventView>> events = load_events(store); !events) return fail(events.error());

  Result<std::optional<Article>> article = store.get(args.id);
  if (!article) return fail(article.error());
  if (!args.article) {
    Result<std::optional<views::EventExplanation>> event = views::explain_event(store, args.id);
    if (!event) return fail(event.error());
    std::optional<views::StoryExplanation> story;
    if (!event.value()) {
      Result<std::optional<views::StoryExplanation>> found = views::explain_story(store, args.id);
      if (!found) return fail(found.error());
      story = std::move(found).value();
    }
    if (event.value() || story) {
      if (article.value()) {
        std::cerr << "sipur explain: " << args.id << " is also an article id; --article explains the article\n";
      }
      return event.value() ? show_event(*event.value(), args) : show_story(*story, args);
    }
  }
  if (!article.value()) {
    std::cerr << "sipur explain: no " << (args.article ? "article" : "article, event or story") << " with id '"
              << terminal_safe(args.id) << "' in " << args.db << '\n';
    return kExitFailure;
  }
  Result<std::optional<views::ArticleExplanation>> explained = views::explain_article(store, args.id);
  if (!explained) return fail(explained.error());
  if (!explained.value()) return fail(make_error(ErrorKind::kNotFound, "article " + args.id + " vanished"));
  return show_article(*explained.value(), args);
}

}  // namespace

void add_explain_command(CLI::App& app, int& exit_status) {
  auto args = std::make_shared<ExplainArgs>();
  CLI::App* cmd = app.add_subcommand("explain", "Why an article is in its event and story; or an event or story");
  cmd->add_option("--db", args->db, "SQLite store file")->required()->check(CLI::ExistingFile);
  cmd->add_option("id", args->id, "An article id, an event id (e12) or a story id (s3)")->required();
  cmd->add_flag("--json", args->json, "One JSON object: the stored decision with the labels");
  cmd->add_flag("--article", args->article, "Read ID as an article id even if an event or story has it");
  cmd->callback([args, &exit_status] { exit_status = run(*args); });
}

}  // namespace sipur::cli
