// Hspell (Debian `hspell`, AGPL-3+) as sipur sees it: for a Hebrew word,
// every legal split into prefix letters and a base word, with the base's
// lemma candidates and their morphological descriptions. Hspell speaks
// ISO-8859-8; conversion happens here, at the boundary.
//
// Hspell keeps its dictionary in global state: one dictionary per process,
// loaded once, read-only afterwards.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace sipur::analysis {

struct HspellReading {
  std::size_t prefix_letters = 0;  // how many leading letters are prefixes (ו, ה, ב, ...)
  std::string base;                // the word after the prefixes
  std::string lemma;               // Hspell's lemma ("" when Hspell gives only a function-word class)
  std::string description;  // e.g. "ע,נ,יחיד,כינוי/ז,3,רבים" (noun, fem., sing., 3rd masc. pl. suffix)
  bool has_suffix_pronoun() const { return description.find("כינוי/") != std::string::npos; }
};

class HspellDictionary {
 public:
  // Loads the dictionary (default: Hspell's compiled-in path, usually
  // /usr/share/hspell/hebrew.wgz). kNotFound with the path when it is absent.
  [[nodiscard]] static Result<std::shared_ptr<const HspellDictionary>> load(const std::string& path = "");

  // Whether the dictionary's files are all there (kNotFound naming the
  // first missing one), without loading them: about 40 ms that a run with
  // no Hebrew word need not spend.
  [[nodiscard]] static Status check(const std::string& path = "");

  // All readings of a word in clean UTF-8; empty if Hspell does not know it
  // under any split (names, foreign words, typos) or it is not Hebrew.
  [[nodiscard]] std::vector<HspellReading> readings(std::string_view word) const;

  // True if Hspell accepts the word with some prefix split.
  [[nodiscard]] bool knows(std::string_view word) const { return !readings(word).empty(); }

 private:
  HspellDictionary() = default;
};

}  // namespace sipur::analysis
