// The statistics that choose among Hebrew analyses: learned from Universal
// Dependencies treebanks by `sipur train-analyzer`, stored as a small text
// file with a version and self-test samples that are checked at load.
//
// A "scheme" names the treebank conventions the model writes: "iahlt"
// (words are exactly the surface pieces: בבית = ב + בית) or "htb" (the
// Haaretz treebank: implicit articles and pronouns spelled out: ב + ה_ +
// בית, שלו = של_ + _הוא).
#pragma once

#include <string>
#include <vector>

#include <absl/container/flat_hash_map.h>

#include "analysis/conllu.h"
#include "core/error.h"

namespace sipur::analysis {

struct Segment {
  std::string form;
  std::string lemma;
  std::string upos;
  bool operator==(const Segment&) const = default;
};
using SegmentList = std::vector<Segment>;

template <class T>
struct Counted {
  T value;
  int count = 0;
};

// How a whole token was analyzed in training.
struct TokenAnalysis {
  SegmentList prefixes;  // ו, ה, ב, ל, מ, ש, כ, כש ... (HTB may hold ה_ with no letter)
  Segment base;
  SegmentList suffix;              // pronoun pieces: IAHLT "ו"; HTB "_של_", "_הוא"
  std::size_t prefix_letters = 0;  // letters of the surface the prefixes use
  bool operator==(const TokenAnalysis&) const = default;
};

struct PrefixStat {
  int split = 0;  // tokens starting with these letters whose prefix was exactly these letters
  int total = 0;  // tokens starting with these letters (and longer than them by 2+)
  std::vector<Counted<SegmentList>> patterns;  // how the prefix letters were written as words
};

// "Strip `strip` letters from the end of the form, add `add`" for lemmas of
// unseen words, keyed by the form's last letters.
struct LemmaRule {
  std::size_t strip = 0;
  std::string add;
  bool operator==(const LemmaRule&) const = default;
};

struct HebrewModel {
  static constexpr int kFormatVersion = 1;

  std::string scheme = "iahlt";
  absl::flat_hash_map<std::string, std::vector<Counted<TokenAnalysis>>> tokens;      // by surface
  absl::flat_hash_map<std::string, std::vector<Counted<TokenAnalysis>>> in_context;  // by "previous\ttoken"
  absl::flat_hash_map<std::string, std::vector<Counted<Segment>>> bases;             // base surface -> base word
  absl::flat_hash_map<std::string, int> lemmas;                                      // lemma frequencies
  absl::flat_hash_map<std::string, PrefixStat> prefixes;                             // by prefix letters
  absl::flat_hash_map<std::string, int> bare_first_letter;  // tokens with no prefix, by first letter
  absl::flat_hash_map<std::string, int> first_letter;       // all tokens, by first letter
  absl::flat_hash_map<std::string, std::vector<Counted<LemmaRule>>> lemma_rules;  // by last 1-3 letters
  absl::flat_hash_map<std::string, int> suffix_forms;           // IAHLT pronoun suffix surfaces (ו, ה, יו, ...)
  std::vector<std::pair<std::string, std::string>> self_tests;  // token -> expected base lemma

  // Learns from treebank sentences.
  [[nodiscard]] static HebrewModel train(const std::vector<ConlluSentence>& sentences, const std::string& scheme);

  [[nodiscard]] Status save(const std::string& path) const;
  // kInvalidInput naming the line for a damaged file, kUnsupported for a
  // newer format version.
  [[nodiscard]] static Result<HebrewModel> load(const std::string& path);
  // The cheap part of load(): the file opens and its first line is a model
  // of this format version. The same errors as load() for those.
  [[nodiscard]] static Status check(const std::string& path);
};

// Splits a training token into prefixes / base / suffix (exposed for tests).
[[nodiscard]] TokenAnalysis decompose(const ConlluToken& token);

}  // namespace sipur::analysis
