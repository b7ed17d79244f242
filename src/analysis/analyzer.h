// The analysis stage: clean text in, one AnalyzedToken per token out, with
// what later stages match on (the lemma of the content word, prefixes
// removed), and flags (stop word, number, entity candidate). Hebrew goes
// through HebrewAnalyzer (Hspell + treebank statistics), languages Snowball
// covers are lowercased and stemmed, others lowercased.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <absl/container/flat_hash_map.h>

#include "analysis/hebrew_analyzer.h"
#include "analysis/stemmer.h"
#include "analysis/tokenizer.h"
#include "core/error.h"

namespace sipur::analysis {

// A word of what an acronym stands for (ת"א: תל, אביב), as the analyzer
// reads it in the spelled-out form.
struct ExpandedWord {
  std::string lemma;
  bool stop_word = false;
  bool entity_candidate = false;
};

struct AnalyzedToken {
  Token token;
  std::string surface;        // the token as written in clean text (typographic quotes and dashes kept)
  std::string normalized;     // matching form: punctuation folded (’ ״ ־ as ' " -), NFKC case-folded,
                              // Hebrew final letters folded
  SegmentList words;          // syntactic words (prefixes, base, suffix) in the model's scheme
  std::size_t base_word = 0;  // index of the content word in `words`
  std::string lemma;          // the content word's lemma (stem for Snowball languages)
  std::string match_lemma;    // what event matching uses instead of the lemma, if anything (HebrewReading)
  std::vector<LemmaChoice> alternatives;
  const char* source = "";  // how the Hebrew reading was chosen
  bool stop_word = false;
  bool number = false;
  bool punctuation = false;
  bool entity_candidate = false;  // a name: unknown to Hspell, a capitalized span, an acronym
  // A Hebrew acronym in the acronym list: the words it stands for, which
  // matching uses in its place (ת"א and תל אביב then share words).
  std::vector<ExpandedWord> expansion;
};

struct AnalyzerOptions {
  std::string hebrew_model;       // path; default: the model shipped with sipur
  std::string hspell_dictionary;  // path; default: Hspell's own
  std::string hebrew_acronyms;    // path; default: the list shipped with sipur
};

// The model shipped with sipur (model/he-iahlt.model in the source tree).
[[nodiscard]] std::string default_hebrew_model_path();
// The acronym list shipped with sipur (model/he-acronyms.tsv): lines of
// acronym<TAB>expansion; # starts a comment.
[[nodiscard]] std::string default_hebrew_acronyms_path();

class Analyzer {
 public:
  // Reads the acronym list and checks that Hspell's dictionary is there and
  // that the Hebrew model's first line is one this sipur reads; a missing
  // file, a model of another format or a malformed list line is an Error
  // naming the file (and line), not a crash. The model and Hspell's
  // dictionary themselves, and the acronyms' keys (their lemmas, which need
  // both), load at the first Hebrew word: about 45 ms that a run with no
  // Hebrew (English news) does not spend.
  [[nodiscard]] static Result<std::unique_ptr<Analyzer>> create(const AnalyzerOptions& options);

  // Ok, or why the Hebrew resources failed to load when first needed (a
  // model or a dictionary that is there but damaged). From then on Hebrew
  // words are read as written; a caller checks this after analyzing Hebrew
  // text and stops, as it would have at create().
  [[nodiscard]] Status hebrew_status() const;

  // Registers standalone words of a text before analyzing it, so that a
  // name glued to a prefix (לפוטין) can lose the prefix when the name also
  // appears alone (פוטין). Optional; analyze() works without it.
  void observe(std::string_view text);

  // What observe() has gathered of the Hebrew corpus, as bytes ("" if no
  // Hebrew was read), and back: a run that loads the state a stopped one
  // saved reads every later word as the stopped one would have. load_state
  // ("" is a fresh start) is false, changing nothing, on bytes that are not
  // such a state, and loads the Hebrew resources if they are.
  [[nodiscard]] std::string save_state() const;
  [[nodiscard]] bool load_state(std::string_view bytes);

  // Hebrew names from a list (crosslang::Lexicon::hebrew_words() of a
  // names file): a word Hspell does not know loses a prefix when the rest
  // is one of them (לנתניהו, בקרמלין). Optional.
  void add_known_names(std::vector<std::string> names);

  // How much of an AnalyzedToken to fill. kMatching leaves `words`,
  // `base_word` and `alternatives` empty: the ingest pipeline matches on
  // lemmas and flags only, and building those per token cost allocations.
  enum class Detail { kFull, kMatching };

  // `lang` is an ISO 639-1 code ("he", "en", ...); text is clean UTF-8.
  [[nodiscard]] std::vector<AnalyzedToken> analyze(std::string_view text, std::string_view lang,
                                                   Detail detail = Detail::kFull);

  // observe(text) then analyze(text, ...), tokenizing the text once.
  [[nodiscard]] std::vector<AnalyzedToken> observe_and_analyze(std::string_view text, std::string_view lang,
                                                               Detail detail = Detail::kFull);

 private:
  struct AcronymLine {
    std::string acronym, expansion;
  };
  Analyzer(std::string model_path, std::string hspell_path, std::vector<AcronymLine> acronym_lines);
  // The Hebrew analyzer, loading the model and Hspell and keying the
  // acronyms the first time; nullptr if that failed (hebrew_status() says why).
  HebrewAnalyzer* hebrew();
  [[nodiscard]] static Result<std::vector<AcronymLine>> read_acronym_lines(const std::string& path);
  void observe_tokens(std::string_view text, const std::vector<Token>& tokens);
  std::vector<AnalyzedToken> analyze_tokens(std::string_view text, const std::vector<Token>& tokens,
                                            std::string_view lang, Detail detail);
  // `word` is the token's surface as matching reads it (text::fold_punctuation).
  void analyze_hebrew(AnalyzedToken& out, std::string_view word, std::string_view previous, Detail detail);
  struct Language;
  void analyze_other(std::string_view lang, Language& latin, AnalyzedToken& out, std::string_view word,
                     bool sentence_start, Detail detail);
  // Analyzes each acronym and its expansion with a separate Hebrew
  // analyzer, so that doing so leaves no trace in this one's caches.
  [[nodiscard]] absl::flat_hash_map<std::string, std::vector<ExpandedWord>> key_acronyms(
      const std::shared_ptr<const HebrewModel>& model, const std::shared_ptr<const HspellDictionary>& hspell) const;

  std::string model_path_;
  std::string hspell_path_;
  std::vector<std::string> known_names_;    // given to the Hebrew analyzer when it loads
  std::vector<AcronymLine> acronym_lines_;  // read at create(), keyed when the model and Hspell load
  std::unique_ptr<HebrewAnalyzer> hebrew_;  // nullptr until the first Hebrew word
  std::optional<Error> hebrew_error_;
  absl::flat_hash_map<std::string, std::vector<ExpandedWord>> acronyms_;  // by the acronym's lemma
  struct Language {
    struct Word {
      std::string lemma;  // the Snowball stem, or the word itself
      bool stop_word = false;
    };
    std::unique_ptr<Stemmer> stemmer;              // nullptr: no Snowball stemmer
    absl::flat_hash_map<std::string, Word> words;  // lowercased word -> its analysis, bounded
  };
  Language& language(std::string_view lang);
  std::unordered_map<std::string, Language> languages_;  // node-based: the pointer below stays valid
  std::string_view last_language_code_;                  // a key of languages_
  Language* last_language_ = nullptr;
};

}  // namespace sipur::analysis
