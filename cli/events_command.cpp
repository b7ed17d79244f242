// `sipur events`: the stored events, one row each (a table, or JSONL with
// --json), in event order or largest first.
#include <algorithm>
#include <iostream>

#include "cli/commands.h"
#include "cli/views.h"

namespace sipur::cli {
namespace {

struct EventsArgs {
  std::string db;
  bool json = false;
  std::string story;
  std::size_t limit = 0;
  bool limited = false;
  std::int64_t min_size = 0;
  std::string sort = "id";
};

constexpr std::size_t kLabelWidth = 48;

int run(const EventsArgs& args) {
  Result<std::unique_ptr<store::Store>> opened = store::Store::open(args.db);
  if (!opened) {
    std::cerr << "sipur events: " << opened.error().describe() << '\n';
    return kExitFailure;
  }
  Result<std::vector<EventView>> loaded = load_events(*opened.value());
  if (!loaded) {
    std::cerr << "sipur events: " << loaded.error().describe() << '\n';
    return kExitFailure;
  }
  std::vector<EventView> events;
  bool story_seen = false;
  for (EventView& e : loaded.value()) {
    if (!args.story.empty() && e.story != args.story) continue;
    story_seen = true;
    if (e.size >= args.min_size) events.push_back(std::move(e));
  }
  if (!args.story.empty() && !story_seen) {
    std::cerr << "sipur events: no story " << args.story << " in " << args.db << '\n';
    return kExitFailure;
  }
  if (args.sort == "size") {
    // Stored order is event order, so ties stay in it.
    std::stable_sort(events.begin(), events.end(),
                     [](const EventView& x, const EventView& y) { return x.size > y.size; });
  }
  if (args.limited && events.size() > args.limit) events.resize(args.limit);

  if (args.json) {
    std::string out;
    for (const EventView& e : events) out.append(json_line(event_json(e))).push_back('\n');
    return put(out) ? kExitOk : kExitFailure;
  }
  if (events.empty()) return put("no events\n") ? kExitOk : kExitFailure;
  using Align = Table::Align;
  Table table({{"event"}, {"story"}, {"size", Align::kRight}, {"first"}, {"last"}, {"label"}, {"terms"}});
  for (const EventView& e : events) {
    table.add({fit(e.id, 12, Pad::kNo), fit(e.story, 12, Pad::kNo), std::to_string(e.size), time_text(e.first),
               time_text(e.last), fit(e.label, kLabelWidth, Pad::kNo), terminal_safe(join(e.terms, ", "))});
  }
  return put(table.render()) ? kExitOk : kExitFailure;
}

}  // namespace

void add_events_command(CLI::App& app, int& exit_status) {
  auto args = std::make_shared<EventsArgs>();
  CLI::App* cmd = app.add_subcommand("events", "List the stored events");
  cmd->add_option("--db", args->db, "SQLite store file")->required()->check(CLI::ExistingFile);
  cmd->add_flag("--json", args->json,
                "JSONL {\"id\",\"story\",\"size\",\"first\",\"last\",\"label\",\"terms\",\"entities\"}");
  cmd->add_option("--story", args->story, "Only the events of this story (e.g. s3)");
  CLI::Option* limit =
      cmd->add_option("--limit", args->limit, "At most this many events")->check(CLI::NonNegativeNumber);
  cmd->add_option("--min-size", args->min_size, "Only events of at least this many articles")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--sort", args->sort, "id: event order; size: largest first (ties in event order)")
      ->check(CLI::IsMember({"id", "size"}))
      ->capture_default_str();
  cmd->callback([args, limit, &exit_status] {
    args->limited = limit->count() > 0;
    exit_status = run(*args);
  });
}

}  // namespace sipur::cli
