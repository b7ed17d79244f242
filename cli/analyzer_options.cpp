#include "cli/analyzer_options.h"

namespace sipur::cli {

void add_analyzer_options(CLI::App* cmd, analysis::AnalyzerOptions& options) {
  // The model's first line is checked at the start; the rest of it and the
  // dictionary load at the first Hebrew word (README, "Analysis"). A named
  // model or list that is not there is a usage error before anything runs,
  // so a mistyped path leaves no new store behind.
  cmd->add_option("--model", options.hebrew_model,
                  "Hebrew model file, as `sipur train-analyzer` writes it (default: the shipped "
                  "model/he-iahlt.model; loaded at the first Hebrew word)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--hspell-dictionary", options.hspell_dictionary,
                  "Hspell dictionary path (default: Hspell's own; loaded at the first Hebrew word)");
  cmd->add_option("--acronyms", options.hebrew_acronyms,
                  "Hebrew acronym list, acronym<TAB>expansion per line (default: the shipped model/he-acronyms.tsv)")
      ->check(CLI::ExistingFile);
}

void add_lexicon_options(CLI::App* cmd, LexiconOptions& options) {
  // Checked line by line when loaded (src/crosslang/lexicon.h); the MUSE
  // lists are CC BY-NC, so sipur reads them from where the user keeps them.
  cmd->add_option("--lexicon", options.lexicon,
                  "Bilingual word list, word<TAB>translation per line (MUSE format, he-en or en-he)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--names", options.names,
                  "Name pairs, English name<TAB>Hebrew name per line (Wikidata format); also lets unknown "
                  "Hebrew names lose their prefixes")
      ->check(CLI::ExistingFile);
}

}  // namespace sipur::cli
