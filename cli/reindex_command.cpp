// `sipur reindex`: builds the search index of a store, or catches it up:
// articles stored by a run that did not index them (an older store, an
// older sipur, --no-copies) are analyzed and indexed; with --full the index
// is dropped and built again from every article.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "cli/analyzer_options.h"
#include "cli/commands.h"
#include "pipeline/search_catch_up.h"

namespace sipur::cli {
namespace {

struct ReindexArgs {
  std::string db;
  bool full = false;
  bool quiet = false;
  std::size_t batch = 1000;
  analysis::AnalyzerOptions analyzer;
};

int run(const ReindexArgs& args) {
  Result<std::unique_ptr<store::Store>> opened = store::Store::open(args.db);
  if (!opened) {
    std::cerr << "sipur reindex: " << opened.error().describe() << '\n';
    return kExitFailure;
  }
  const auto start = std::chrono::steady_clock::now();
  const bool terminal = !args.quiet && isatty(STDERR_FILENO) != 0;
  auto seconds = [&start] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  std::int64_t committed = 0;
  pipeline::SearchCatchUp how;
  how.full = args.full;
  how.batch = args.batch;
  how.analyzer = args.analyzer;
  how.progress = [&](std::int64_t n) {
    committed = n;
    if (terminal) (void)std::fprintf(stderr, "\r\033[K  indexed %lld", static_cast<long long>(n));
  };
  const Result<std::int64_t> indexed = pipeline::catch_up_search_index(*opened.value(), how);
  if (terminal) (void)std::fputs("\r\033[K", stderr);
  if (!indexed) {
    std::cerr << "sipur reindex: " << indexed.error().describe() << " (" << committed
              << " articles indexed were committed)\n";
    return kExitFailure;
  }
  if (!args.quiet) {
    const double secs = seconds();
    std::cerr << "indexed " << indexed.value() << " articles in " << secs << " s ("
              << (secs > 0 ? static_cast<double>(indexed.value()) / secs : 0.0) << " articles/s)\n";
  }
  return kExitOk;
}

}  // namespace

void add_reindex_command(CLI::App& app, int& exit_status) {
  auto args = std::make_shared<ReindexArgs>();
  CLI::App* cmd = app.add_subcommand("reindex", "Build the search index, or add the stored articles it lacks");
  cmd->add_option("--db", args->db, "SQLite store file")->required()->check(CLI::ExistingFile);
  cmd->add_flag("--full", args->full, "Drop the index and build it again from every article");
  cmd->add_option("--batch", args->batch, "Articles per transaction (1000)")->check(CLI::PositiveNumber);
  cmd->add_flag("-q,--quiet", args->quiet, "No progress and no summary");
  add_analyzer_options(cmd, args->analyzer);
  cmd->callback([args, &exit_status] { exit_status = run(*args); });
}

}  // namespace sipur::cli
