// The CLI's subcommands. Each registers its options on the app and returns
// the exit status through the callback it installs.
#pragma once

#include <CLI/CLI.hpp>

namespace sipur::cli {

// Exit statuses, documented in the README.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;   // nothing more could be done: store or I/O failure
inline constexpr int kExitUsage = 2;     // bad command line
inline constexpr int kExitRejected = 3;  // finished, but some inputs were rejected (each reported on stderr)

void add_ingest_command(CLI::App& app, int& exit_status);
void add_export_command(CLI::App& app, int& exit_status);
void add_analyze_command(CLI::App& app, int& exit_status);
void add_train_command(CLI::App& app, int& exit_status);
void add_dups_command(CLI::App& app, int& exit_status);
void add_events_command(CLI::App& app, int& exit_status);
void add_stories_command(CLI::App& app, int& exit_status);
void add_explain_command(CLI::App& app, int& exit_status);
void add_eval_command(CLI::App& app, int& exit_status);
void add_serve_command(CLI::App& app, int& exit_status);
void add_extract_command(CLI::App& app, int& exit_status);
void add_train_events_command(CLI::App& app, int& exit_status);
void add_search_command(CLI::App& app, int& exit_status);
void add_reindex_command(CLI::App& app, int& exit_status);

}  // namespace sipur::cli
