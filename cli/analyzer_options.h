// The analyzer's resources as command-line options, the same for every
// command that analyzes text (`analyze`, `ingest`).
#pragma once

#include <CLI/CLI.hpp>

#include "analysis/analyzer.h"

namespace sipur::cli {

// --model, --hspell-dictionary and --acronyms, filling `options`.
void add_analyzer_options(CLI::App* cmd, analysis::AnalyzerOptions& options);

}  // namespace sipur::cli
