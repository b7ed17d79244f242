// sipur: news articles in, events and stories out. A thin shell over the
// engine library; each subcommand lives in its own file.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>

#include "cli/commands.h"

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
  // Expected failures come back as results; an exception that reaches here
  // is a bug (or memory ran out): say so instead of an unexplained abort.
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    (void)std::fprintf(stderr, "sipur: internal error: %s\n", e.what());
  } catch (...) {
    (void)std::fputs("sipur: internal error\n", stderr);
  }
  return sipur::cli::kExitFailure;
}
