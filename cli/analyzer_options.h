// The analyzer's resources as command-line options, the same for every
// command that analyzes text (`analyze`, `ingest`).
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "analysis/analyzer.h"

namespace sipur::cli {

// --model, --hspell-dictionary and --acronyms, filling `options`.
void add_analyzer_options(CLI::App* cmd, analysis::AnalyzerOptions& options);

// The bilingual resources a user may supply (none ship with sipur).
struct LexiconOptions {
  std::string lexicon;  // MUSE-style word<TAB>translation
  std::string names;    // Wikidata-style English name<TAB>Hebrew name
};

// --lexicon and --names, filling `options`.
void add_lexicon_options(CLI::App* cmd, LexiconOptions& options);

}  // namespace sipur::cli
