#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "analysis/analyzer.h"
#include "cli/analyzer_options.h"
#include "cli/commands.h"
#include "cli/event_model_options.h"
#include "pipeline/ingest_job.h"

namespace sipur::cli {
namespace {

struct IngestArgs {
  std::string db;
  std::vector<std::string> inputs;
  std::size_t max_file_mb = 512;
  std::size_t max_record_mb = 32;
  std::size_t batch = 1000;
  std::size_t reorder_window = pipeline::IngestOptions{}.reorder_window;
  double active_days = static_cast<double>(cluster::ClusterOptions{}.active_seconds) / 86400;
  bool json = false;
  bool quiet = false;
  bool no_copies = false;
  bool no_search_index = false;
  double window_days = 7;
  bool force_lsh_collisions = false;
  analysis::AnalyzerOptions analyzer;
  cluster::ClusterOptions clusters;
  EventModelOptions event_model;
};

// A one-line progress display on stderr, redrawn at most ten times a second,
// only when stderr is a terminal.
class Progress {
 public:
  explicit Progress(bool enabled) : enabled_(enabled), start_(Clock::now()), last_(start_) {}

  void update(const pipeline::IngestSummary& s, bool force = false) {
    if (!enabled_) return;
    const auto now = Clock::now();
    if (!force && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    const double secs = std::chrono::duration<double>(now - start_).count();
    (void)std::fprintf(stderr, "\r\033[K  read %lld  stored %lld  duplicates %lld  rejected %lld  %.0f articles/s",
                       static_cast<long long>(s.read), static_cast<long long>(s.stored),
                       static_cast<long long>(s.duplicates), static_cast<long long>(s.rejected),
                       secs > 0 ? static_cast<double>(s.read) / secs : 0.0);
    drawn_ = true;
  }
  // Clears the line before other output goes to stderr.
  void clear() {
    if (enabled_ && drawn_) (void)std::fputs("\r\033[K", stderr);
    drawn_ = false;
  }
  double seconds() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  bool drawn_ = false;
  Clock::time_point start_;
  Clock::time_point last_;
};

int run(const IngestArgs& args) {
  // The analyzer's resources are checked before the store is opened, so that
  // a model of another format or a damaged acronym list leaves no new store
  // behind (the check reads only their first bytes; the run makes its own).
  if (!args.no_copies) {
    if (auto checked = analysis::Analyzer::create(args.analyzer); !checked) {
      std::cerr << "sipur ingest: " << checked.error().describe() << '\n';
      return kExitFailure;
    }
  }
  // The event model is checked (format, features, self-tests) before the
  // store is opened, like the analyzer's resources.
  std::shared_ptr<const cluster::EventModel> event_model;
  if (!args.no_copies) {
    Result<std::shared_ptr<const cluster::EventModel>> loaded = load_event_model(args.event_model);
    if (!loaded) {
      std::cerr << "sipur ingest: " << loaded.error().describe() << '\n';
      return kExitFailure;
    }
    event_model = loaded.value();
  }
  Result<std::unique_ptr<store::Store>> opened = store::Store::open(args.db);
  if (!opened) {
    std::cerr << "sipur ingest: " << opened.error().describe() << '\n';
    return kExitFailure;
  }
  pipeline::IngestOptions options;
  options.read.max_file_bytes = args.max_file_mb << 20;
  options.read.max_record_bytes = args.max_record_mb << 20;
  options.batch_size = args.batch;
  options.analyzer = args.analyzer;
  options.reorder_window = args.reorder_window;
  options.detect_copies = !args.no_copies;
  options.search_index = !args.no_search_index;
  options.copies.window_seconds = static_cast<std::int64_t>(args.window_days * 86400);
  options.copies.force_lsh_collisions = args.force_lsh_collisions;
  options.clusters = args.clusters;
  options.clusters.model = event_model;
  options.clusters.active_seconds = static_cast<std::int64_t>(args.active_days * 86400);

  Progress progress(!args.quiet && isatty(STDERR_FILENO) != 0);
  pipeline::IngestCallbacks callbacks;
  callbacks.on_reject = [&](const Error& e) {
    progress.clear();
    std::cerr << "rejected: " << e.describe() << '\n';
  };
  options.read.on_warning = [&](const Error& e) {
    progress.clear();
    std::cerr << "warning: " << e.describe() << '\n';
  };
  callbacks.on_progress = [&](const pipeline::IngestSummary& s) { progress.update(s); };

  Result<pipeline::IngestSummary> result = pipeline::run_ingest(*opened.value(), args.inputs, options, callbacks);
  progress.clear();
  if (!result) {
    std::cerr << "sipur ingest: " << result.error().describe()
              << "\nsipur ingest: stopped; articles committed before this point are kept\n";
    return kExitFailure;
  }
  const pipeline::IngestSummary& s = result.value();
  const double secs = progress.seconds();
  if (args.json) {
    nlohmann::json out = {{"read", s.read},         {"stored", s.stored}, {"duplicates", s.duplicates},
                          {"rejected", s.rejected}, {"copies", s.copies}, {"bytes", s.bytes},
                          {"seconds", secs}};
    std::cout << out.dump() << '\n';
  } else if (!args.quiet) {
    std::printf("read %lld, stored %lld, duplicates %lld, rejected %lld, copies %lld (%.2f s)\n",
                static_cast<long long>(s.read), static_cast<long long>(s.stored), static_cast<long long>(s.duplicates),
                static_cast<long long>(s.rejected), static_cast<long long>(s.copies), secs);
  }
  return s.rejected > 0 ? kExitRejected : kExitOk;
}

}  // namespace

void add_ingest_command(CLI::App& app, int& exit_status) {
  auto args = std::make_shared<IngestArgs>();
  CLI::App* cmd = app.add_subcommand("ingest",
                                     "Read articles (.txt, .jsonl/.ndjson or - for stdin, .html, "
                                     ".warc[.gz], directories) into the store");
  cmd->add_option("--db", args->db, "SQLite store file (created if missing)")->required();
  cmd->add_option("inputs", args->inputs, "Files and directories to read")->required();
  cmd->add_option("--max-file-mb", args->max_file_mb, "Reject .txt/.html files larger than this")
      ->capture_default_str();
  cmd->add_option("--max-record-mb", args->max_record_mb, "Reject JSONL lines and WARC records larger than this")
      ->capture_default_str();
  cmd->add_option("--batch", args->batch, "Articles per transaction")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--json", args->json, "Print the summary as JSON");
  cmd->add_flag("-q,--quiet", args->quiet, "No progress and no summary");
  cmd->add_flag("--no-copies", args->no_copies, "Skip analysis, copy detection and clustering (store only)");
  cmd->add_flag("--no-search-index", args->no_search_index,
                "Leave the articles out of the search index (`sipur reindex` adds them later)");
  cmd->add_option("--window-days", args->window_days, "Copies are looked for among articles this close in time")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  add_event_model_options(cmd, args->event_model);
  auto* c = &args->clusters;
  cmd->add_option("--event-threshold", c->threshold, "Least score to join an event (title alone; with --hand-rule)")
      ->capture_default_str();
  cmd->add_option("--body-threshold", c->body_threshold,
                  "Least score to join an event (article with a full body; with --hand-rule)")
      ->capture_default_str();
  cmd->add_option("--large-event-articles", c->large_event_articles,
                  "An event of this many articles takes new ones at a lower threshold (0: never)")
      ->capture_default_str();
  cmd->add_option("--large-event-factor", c->large_event_factor, "The threshold factor of a large event")
      ->capture_default_str();
  cmd->add_option("--full-body-terms", c->full_body_terms, "Distinct body terms of a full body")->capture_default_str();
  cmd->add_option("--title-weight", c->title_weight, "Weight of title similarity")->capture_default_str();
  cmd->add_option("--body-weight", c->body_weight, "Weight of body similarity")->capture_default_str();
  cmd->add_option("--entity-weight", c->entity_weight, "Weight of shared entities")->capture_default_str();
  cmd->add_option("--time-scale-hours", c->time_scale_hours, "Time decay scale of event similarity")
      ->capture_default_str();
  cmd->add_option("--story-threshold", c->story_threshold, "Least title similarity to join a story")
      ->capture_default_str();
  cmd->add_option("--story-entity-weight", c->story_entity_weight, "Weight of shared entities in joining a story")
      ->capture_default_str();
  cmd->add_option("--story-time-scale-hours", c->story_time_scale_hours,
                  "Time scale of the decay of a story's score with the time since its last article (0: none)")
      ->capture_default_str();
  cmd->add_option("--story-time-floor", c->story_time_floor,
                  "Least share of a story's score left by that decay, however long the story was quiet")
      ->capture_default_str();
  cmd->add_option("--story-defer-articles", c->story_defer_articles,
                  "A new event's story is decided once it has this many articles (1: at once)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--story-defer-hours", c->story_defer_hours,
                  "... or once an article comes this many hours after its first, or at the end of the run")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--active-days", args->active_days, "Events take no new articles after this many days")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--reorder-window", args->reorder_window,
                  "Articles clustered in time order together (a longer run is clustered window by window)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  add_analyzer_options(cmd, args->analyzer);
  cmd->add_flag("--debug-force-lsh-collisions", args->force_lsh_collisions,
                "Debug: put every article in every LSH bucket (exercises exact verification)");
  cmd->callback([args, &exit_status] { exit_status = run(*args); });
}

}  // namespace sipur::cli
