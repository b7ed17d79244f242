// sipur: news articles in, events and stories out. A thin shell over the
// engine library; each subcommand lives in its own file.
#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "core/main_guard.h"

namespace {

int run(int argc, char** argv) {
  CLI::App app{"sipur: turns streams of news articles into events and stories"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "sipur 0.1.0");
  int exit_status = sipur::cli::kExitOk;
  sipur::cli::add_ingest_command(app, exit_status);
  sipur::cli::add_export_command(app, exit_status);
  sipur::cli::add_analyze_command(app, exit_status);
  sipur::cli::add_train_command(app, exit_status);
  sipur::cli::add_dups_command(app, exit_status);
  sipur::cli::add_events_command(app, exit_status);
  sipur::cli::add_stories_command(app, exit_status);
  sipur::cli::add_explain_command(app, exit_status);
  sipur::cli::add_eval_command(app, exit_status);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : sipur::cli::kExitUsage;
  }
  return exit_status;
}

}  // namespace

int main(int argc, char** argv) {
  return sipur::guard_main("sipur", sipur::cli::kExitFailure, [&] { return run(argc, argv); });
}
