// sipur: news articles in, events and stories out. A thin shell over the
// engine library; each subcommand lives in its own file.
#include <CLI/CLI.hpp>
#include <string_view>

#include "cli/commands.h"
#include "core/main_guard.h"

#ifdef SIPUR_WITH_MIMALLOC
#include <mimalloc.h>
#endif

namespace {

#ifdef SIPUR_WITH_MIMALLOC
// Transparent huge pages (2 MB) for mimalloc's heap: faulting in a fresh heap
// 4 KB at a time was about a tenth of an ingest (README, "Dependencies").
// Set from the executable's preinit array, which runs before any library's
// constructor: those already allocate, and mimalloc reserves its first
// segment (most of a run's heap) then, so setting it in main() is too late.
// MIMALLOC_LARGE_OS_PAGES in the environment still decides.
// (getenv() cannot be used yet: the C library sets `environ` up later.)
void prefer_huge_pages(int /*argc*/, char** /*argv*/, char** envp) {
  for (char** e = envp; e != nullptr && *e != nullptr; ++e) {
    if (std::string_view(*e).starts_with("MIMALLOC_LARGE_OS_PAGES=")) return;
  }
  mi_option_set_enabled(mi_option_large_os_pages, true);
}
[[gnu::section(".preinit_array"), gnu::used]] constexpr auto kPreferHugePages = &prefer_huge_pages;
#endif

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
  sipur::cli::add_serve_command(app, exit_status);
  sipur::cli::add_extract_command(app, exit_status);
  sipur::cli::add_train_events_command(app, exit_status);
  sipur::cli::add_search_command(app, exit_status);
  sipur::cli::add_reindex_command(app, exit_status);
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
