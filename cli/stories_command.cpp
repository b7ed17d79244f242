// `sipur stories`: stories as the events that name them (a story has no row
// of its own in the store), one row each (a table, or JSONL with --json).
#include <iostream>

#include "cli/commands.h"
#include "cli/views.h"

namespace sipur::cli {
namespace {

struct StoriesArgs {
  std::string db;
  bool json = false;
  std::size_t limit = 0;
  bool limited = false;
};

constexpr std::size_t kLabelWidth = 48;
constexpr std::size_t kEntitiesWidth = 40;
constexpr std::size_t kEventsShown = 8;

std::string event_list(const std::vector<std::string>& events) {
  if (events.size() <= kEventsShown) return terminal_safe(join(events, " "));
  const std::vector<std::string> shown(events.begin(), events.begin() + kEventsShown);
  return terminal_safe(join(shown, " ")) + " … (+" + std::to_string(events.size() - kEventsShown) + ")";
}

int run(const StoriesArgs& args) {
  Result<std::unique_ptr<store::Store>> opened = store::Store::open(args.db);
  if (!opened) {
    std::cerr << "sipur stories: " << opened.error().describe() << '\n';
    return kExitFailure;
  }
  Result<std::vector<EventView>> events = load_events(*opened.value());
  if (!events) {
    std::cerr << "sipur stories: " << events.error().describe() << '\n';
    return kExitFailure;
  }
  std::vector<StoryView> stories = group_stories(events.value());
  if (args.limited && stories.size() > args.limit) stories.resize(args.limit);

  if (args.json) {
    std::string out;
    for (const StoryView& s : stories) out.append(json_line(story_json(s))).push_back('\n');
    return put(out) ? kExitOk : kExitFailure;
  }
  if (stories.empty()) return put("no stories\n") ? kExitOk : kExitFailure;
  using Align = Table::Align;
  Table table({{"story"},
               {"events", Align::kRight},
               {"size", Align::kRight},
               {"first"},
               {"last"},
               {"label"},
               {"entities"},
               {"event ids"}});
  for (const StoryView& s : stories) {
    table.add({fit(s.id, 12, Pad::kNo), std::to_string(s.events.size()), std::to_string(s.size), time_text(s.first),
               time_text(s.last), fit(s.label, kLabelWidth, Pad::kNo),
               fit(join(s.entities, ", "), kEntitiesWidth, Pad::kNo), event_list(s.events)});
  }
  return put(table.render()) ? kExitOk : kExitFailure;
}

}  // namespace

void add_stories_command(CLI::App& app, int& exit_status) {
  auto args = std::make_shared<StoriesArgs>();
  CLI::App* cmd = app.add_subcommand("stories", "List the stories: their events, size, label and entities");
  cmd->add_option("--db", args->db, "SQLite store file")->required()->check(CLI::ExistingFile);
  cmd->add_flag("--json", args->json, "JSONL {\"id\",\"events\",\"size\",\"first\",\"last\",\"label\",\"entities\"}");
  CLI::Option* limit =
      cmd->add_option("--limit", args->limit, "At most this many stories")->check(CLI::NonNegativeNumber);
  cmd->callback([args, limit, &exit_status] {
    args->limited = limit->count() > 0;
    exit_status = run(*args);
  });
}

}  // namespace sipur::cli
