// Chooses a segmentation and lemma for each Hebrew token: the token's own
// history in the treebanks first (in context, then alone); otherwise every
// prefix split Hspell allows, scored by how often those prefix letters are
// really prefixes and by what is known of the remaining word (treebank
// words, Hspell, words this corpus has shown on their own); lemma from the
// treebank, then Hspell, then learned suffix rules. Words Hspell does not
// know (names: לפוטין) lose a prefix only when the rest occurs by itself,
// follows other prefixes elsewhere in the text (בקרמלין, מהקרמלין), or is a
// name on a list the caller loaded.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>

#include "analysis/hebrew_model.h"
#include "analysis/hspell_dictionary.h"

namespace sipur::analysis {

struct LemmaChoice {
  std::string lemma;
  double score = 0;  // share among the candidates considered, 0..1
};

struct HebrewReading {
  TokenAnalysis analysis;
  std::vector<LemmaChoice> alternatives;  // best first; the chosen lemma is alternatives[0]
  const char* source = "";                // "context", "treebank", "hspell", "corpus", "unknown"
  bool known_to_hspell = false;
  // The key event matching uses where it is not the lemma: Hspell's noun
  // for an adjective it derives from one, which for nationality adjectives
  // is the country (הרוסי, האמריקני: רוסיה, אמריקה; UD lemmas keep the
  // adjective). Empty: the lemma.
  std::string match_lemma;
};

class HebrewAnalyzer {
 public:
  HebrewAnalyzer(std::shared_ptr<const HebrewModel> model, std::shared_ptr<const HspellDictionary> hspell);

  // Words seen standing alone in the text being analyzed; they license
  // stripping a prefix from a glued form of the same word.
  void observe(std::string_view standalone_word);

  // What observe() has gathered (the words seen alone, the rests seen after
  // prefixes), as bytes, so that a later run resumes reading words as this
  // one would; load_state is false, changing nothing, on bytes it did not
  // write.
  [[nodiscard]] std::string save_state() const;
  [[nodiscard]] bool load_state(std::string_view bytes);

  // Names known from a list (a Wikidata names file): an unknown word loses
  // a prefix when the rest is one of them (לנתניהו, במוסקבה).
  void add_known_names(const std::vector<std::string>& names);

  // `word` is a Hebrew token (letters, maybe ' or "); `previous` the token
  // before it in the sentence ("<s>" at the start).
  [[nodiscard]] HebrewReading analyze(std::string_view word, std::string_view previous) const;

  [[nodiscard]] const HebrewModel& model() const { return *model_; }

 private:
  struct Candidate;
  [[nodiscard]] HebrewReading analyze_unseen(std::string_view word) const;
  void forget_readings_with_base(std::string_view base);
  [[nodiscard]] double prefix_probability(std::string_view word, std::size_t prefix_bytes) const;
  [[nodiscard]] SegmentList prefix_words(std::string_view letters) const;
  void fill_base(std::string_view base, const std::vector<HspellReading>& readings, HebrewReading& out) const;
  [[nodiscard]] std::string rule_lemma(std::string_view base) const;
  // rule_lemma where it leaves a lemma the treebanks know, else the base as
  // written: a word the rules do not fit keeps its form.
  [[nodiscard]] std::string known_rule_lemma(std::string_view base) const;

  std::shared_ptr<const HebrewModel> model_;
  std::shared_ptr<const HspellDictionary> hspell_;
  absl::flat_hash_set<std::string> corpus_words_;
  // For a word seen after prefix letters, which prefix chains: a rest seen
  // after two or more different ones (בקרמלין, מהקרמלין) is a word of its
  // own even if never seen alone.
  absl::flat_hash_map<std::string, std::vector<std::string>> glued_rests_;
  absl::flat_hash_set<std::string> known_names_;
  // Readings of unseen words: a memo, emptied of a word's readings when the
  // corpus evidence they rest on changes (observe), so never a reason for a
  // word to read differently.
  mutable absl::flat_hash_map<std::string, HebrewReading> cache_;
  // The cached words by what follows a prefix in them: לפוטין under פוטין.
  mutable absl::flat_hash_map<std::string, std::vector<std::string>> cached_by_base_;
};

}  // namespace sipur::analysis
