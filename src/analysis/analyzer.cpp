#include "analysis/analyzer.h"

#include <fstream>

#include "analysis/stop_words.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace sipur::analysis {
namespace {

bool is_upper_ascii_start(std::string_view s) {
  return !s.empty() && s[0] >= 'A' && s[0] <= 'Z';
}

// Acronyms are read in their matching form (gershayim as ", see
// matching_word), so one test finds צה"ל, צה״ל and צה”ל.
bool is_acronym(std::string_view s) {
  return s.find('"') != std::string_view::npos;
}

// The word as the analysis reads it: clean text keeps typographic quotes,
// geresh, gershayim and hyphens as written (text/normalize.h), and the
// lexicon, the model and the acronym list know the ASCII forms. A view of
// `surface` when nothing folds (nearly always); else of `storage`.
std::string_view matching_word(const std::string& surface, std::string& storage) {
  if (!text::has_foldable_punctuation(surface)) return surface;
  storage = text::fold_punctuation(surface);
  return storage;
}

}  // namespace

std::string default_hebrew_model_path() {
  return std::string(SIPUR_MODEL_DIR) + "/he-iahlt.model";
}

std::string default_hebrew_acronyms_path() {
  return std::string(SIPUR_MODEL_DIR) + "/he-acronyms.tsv";
}

Analyzer::Analyzer(std::string model_path, std::string hspell_path, std::vector<AcronymLine> acronym_lines)
    : model_path_(std::move(model_path)),
      hspell_path_(std::move(hspell_path)),
      acronym_lines_(std::move(acronym_lines)) {}

Result<std::unique_ptr<Analyzer>> Analyzer::create(const AnalyzerOptions& options) {
  if (Status present = HspellDictionary::check(options.hspell_dictionary); !present) return present.error();
  std::string model_path = options.hebrew_model.empty() ? default_hebrew_model_path() : options.hebrew_model;
  if (Status model = HebrewModel::check(model_path); !model) return model.error();
  auto lines =
      read_acronym_lines(options.hebrew_acronyms.empty() ? default_hebrew_acronyms_path() : options.hebrew_acronyms);
  if (!lines) return lines.error();
  return std::unique_ptr<Analyzer>(
      new Analyzer(std::move(model_path), options.hspell_dictionary, std::move(lines).value()));
}

Result<std::vector<Analyzer::AcronymLine>> Analyzer::read_acronym_lines(const std::string& path) {
  std::ifstream in(path);
  if (!in) return make_error(ErrorKind::kNotFound, "cannot open the Hebrew acronym list", {path});
  std::vector<AcronymLine> lines;
  std::string line;
  for (std::uint64_t number = 1; std::getline(in, line); ++number) {
    if (line.empty() || line[0] == '#') continue;
    const std::size_t tab = line.find('\t');
    if (tab == std::string::npos || tab == 0 || tab + 1 == line.size()) {
      return make_error(ErrorKind::kInvalidInput, "expected acronym<TAB>expansion", {path, number});
    }
    if (tokenize(std::string_view(line).substr(0, tab)).size() != 1) {
      return make_error(ErrorKind::kInvalidInput, "the acronym is not one Hebrew word", {path, number});
    }
    lines.push_back({line.substr(0, tab), line.substr(tab + 1)});
  }
  return lines;
}

absl::flat_hash_map<std::string, std::vector<ExpandedWord>> Analyzer::key_acronyms(
    const std::shared_ptr<const HebrewModel>& model, const std::shared_ptr<const HspellDictionary>& hspell) const {
  Analyzer reader(model_path_, hspell_path_, {});
  reader.hebrew_ = std::make_unique<HebrewAnalyzer>(model, hspell);
  absl::flat_hash_map<std::string, std::vector<ExpandedWord>> acronyms;
  for (const AcronymLine& line : acronym_lines_) {
    // The key is what the analyzer gives the acronym as its lemma.
    const std::vector<AnalyzedToken> acronym = reader.analyze(line.acronym, "he", Detail::kMatching);
    std::vector<ExpandedWord> words;
    for (const AnalyzedToken& t : reader.analyze(line.expansion, "he", Detail::kMatching)) {
      if (!t.punctuation) words.push_back({t.lemma, t.stop_word, t.entity_candidate});
    }
    acronyms[acronym.front().lemma] = std::move(words);
  }
  return acronyms;
}

HebrewAnalyzer* Analyzer::hebrew() {
  if (hebrew_ || hebrew_error_) return hebrew_.get();
  Result<HebrewModel> loaded = HebrewModel::load(model_path_);
  if (!loaded) {
    hebrew_error_ = loaded.error();
    return nullptr;
  }
  Result<std::shared_ptr<const HspellDictionary>> hspell = HspellDictionary::load(hspell_path_);
  if (!hspell) {
    hebrew_error_ = hspell.error();
    return nullptr;
  }
  const auto model = std::make_shared<const HebrewModel>(std::move(loaded).value());
  acronyms_ = key_acronyms(model, hspell.value());
  hebrew_ = std::make_unique<HebrewAnalyzer>(model, hspell.value());
  if (!known_names_.empty()) hebrew_->add_known_names(known_names_);
  return hebrew_.get();
}

std::string Analyzer::save_state() const {
  return hebrew_ ? hebrew_->save_state() : std::string();
}

bool Analyzer::load_state(std::string_view bytes) {
  if (bytes.empty()) return true;
  HebrewAnalyzer* hebrew = this->hebrew();
  return hebrew != nullptr && hebrew->load_state(bytes);
}

void Analyzer::add_known_names(std::vector<std::string> names) {
  if (hebrew_) hebrew_->add_known_names(names);
  known_names_.insert(known_names_.end(), std::make_move_iterator(names.begin()), std::make_move_iterator(names.end()));
}

Status Analyzer::hebrew_status() const {
  if (hebrew_error_) return *hebrew_error_;
  return Ok{};
}

void Analyzer::observe(std::string_view text) {
  observe_tokens(text, tokenize(text));
}

void Analyzer::observe_tokens(std::string_view text, const std::vector<Token>& tokens) {
  std::string folded;
  for (const Token& t : tokens) {
    if (t.kind != TokenKind::kHebrew) continue;
    std::string_view word = t.text(text);
    if (text::has_foldable_punctuation(word)) {
      folded = text::fold_punctuation(word);
      word = folded;
    }
    if (HebrewAnalyzer* hebrew = this->hebrew()) hebrew->observe(word);
  }
}

void Analyzer::analyze_hebrew(AnalyzedToken& out, std::string_view word, std::string_view previous, Detail detail) {
  HebrewAnalyzer* hebrew = this->hebrew();
  if (hebrew == nullptr) {  // the model or Hspell failed to load (hebrew_status()): the word as written
    out.lemma = out.normalized;
    if (detail == Detail::kFull) out.words = {{out.surface, out.lemma, "X"}};
    return;
  }
  const HebrewReading reading = hebrew->analyze(word, previous);
  const TokenAnalysis& a = reading.analysis;
  if (detail == Detail::kFull) {
    out.words = a.prefixes;
    out.base_word = out.words.size();
    out.words.push_back(a.base);
    out.words.insert(out.words.end(), a.suffix.begin(), a.suffix.end());
    out.alternatives = reading.alternatives;
  }
  out.lemma = a.base.lemma;
  out.match_lemma = reading.match_lemma;
  out.source = reading.source;
  out.stop_word = is_stop_word("he", out.lemma) || is_stop_word("he", word);
  out.entity_candidate =
      !out.stop_word && (a.base.upos == "PROPN" || is_acronym(a.base.form) ||
                         (!reading.known_to_hspell && std::string_view(reading.source) != "treebank" &&
                          std::string_view(reading.source) != "context"));
  if (!acronyms_.empty() && is_acronym(out.lemma)) {
    if (const auto it = acronyms_.find(out.lemma); it != acronyms_.end()) out.expansion = it->second;
  }
}

Analyzer::Language& Analyzer::language(std::string_view lang) {
  // Consecutive tokens are nearly always in the same language: look it up
  // once per run of them, not once per token.
  if (last_language_ != nullptr && last_language_code_ == lang) return *last_language_;
  auto it = languages_.find(std::string(lang));
  if (it == languages_.end()) {
    Result<Stemmer> stemmer = Stemmer::for_language(lang);
    Language language;
    if (stemmer) language.stemmer = std::make_unique<Stemmer>(std::move(stemmer).value());
    it = languages_.emplace(std::string(lang), std::move(language)).first;
  }
  last_language_code_ = it->first;
  last_language_ = &it->second;
  return it->second;
}

void Analyzer::analyze_other(std::string_view lang, Language& latin, AnalyzedToken& out, std::string_view word,
                             bool sentence_start, Detail detail) {
  constexpr std::size_t kMaxCachedWords = 200000;
  // For an ASCII word the matching form already is its lowercase (case
  // folding and lowercasing differ only beyond ASCII, as for ß).
  std::string non_ascii_lower;
  if (!text::is_ascii(word)) non_ascii_lower = lowercase(word);
  const std::string& lower = non_ascii_lower.empty() ? out.normalized : non_ascii_lower;
  auto known = latin.words.find(lower);
  if (known == latin.words.end()) {
    if (latin.words.size() >= kMaxCachedWords) latin.words.clear();  // bounded on an endless stream
    Language::Word entry{latin.stemmer ? latin.stemmer->stem(lower) : lower, is_stop_word(lang, lower)};
    known = latin.words.emplace(lower, std::move(entry)).first;
  }
  out.lemma = known->second.lemma;
  if (detail == Detail::kFull) {
    out.words = {{out.surface, out.lemma, "X"}};
    out.alternatives = {{out.lemma, 1.0}};
  }
  out.stop_word = known->second.stop_word;
  out.entity_candidate = !out.stop_word && !sentence_start && is_upper_ascii_start(out.surface);
}

std::vector<AnalyzedToken> Analyzer::analyze(std::string_view text, std::string_view lang, Detail detail) {
  return analyze_tokens(text, tokenize(text), lang, detail);
}

std::vector<AnalyzedToken> Analyzer::observe_and_analyze(std::string_view text, std::string_view lang, Detail detail) {
  const std::vector<Token> tokens = tokenize(text);
  observe_tokens(text, tokens);
  return analyze_tokens(text, tokens, lang, detail);
}

std::vector<AnalyzedToken> Analyzer::analyze_tokens(std::string_view text, const std::vector<Token>& tokens,
                                                    std::string_view lang, Detail detail) {
  std::vector<AnalyzedToken> out;
  out.reserve(tokens.size());
  const bool full = detail == Detail::kFull;
  // A token read as one word: its lemma is the word as matching reads it
  // (” as ").
  auto as_itself = [full](AnalyzedToken& a, std::string_view word, const char* upos) {
    a.lemma = std::string(word);
    if (full) a.words = {{a.surface, a.lemma, upos}};
  };
  // Latin-script words of a Hebrew text are read as English.
  const std::string_view latin_lang = lang == "he" ? "en" : lang;
  Language* latin = nullptr;  // looked up at the first Latin word
  // The last token's word as the analysis reads it: a view of its surface
  // (`out` is reserved, so it stays put) or of previous_folded.
  std::string_view previous = "<s>";
  std::string previous_folded;
  std::string folded;
  bool sentence_start = true;
  for (const Token& token : tokens) {
    // Built in place: `out` is reserved, and a token moved in would cost a
    // second construction and destruction per token.
    AnalyzedToken& a = out.emplace_back();
    a.token = token;
    a.surface = std::string(token.text(text));
    a.normalized = text::fold_for_matching(a.surface);
    const std::string_view word = matching_word(a.surface, folded);
    switch (token.kind) {
      case TokenKind::kHebrew:
        analyze_hebrew(a, word, previous, detail);
        break;
      case TokenKind::kHebrewDigits: {
        // ב50, ה80: prefix letters glued to a number.
        std::size_t digits = 0;
        while (digits < word.size() && !(word[digits] >= '0' && word[digits] <= '9')) ++digits;
        const std::string letters(word.substr(0, digits));
        const std::string number(word.substr(digits));
        if (full) {
          if (HebrewAnalyzer* hebrew = this->hebrew()) {
            const HebrewReading reading = hebrew->analyze(letters, "<prefix>");
            for (const Segment& s : reading.analysis.prefixes) a.words.push_back(s);
            if (reading.analysis.prefixes.empty()) a.words.push_back(reading.analysis.base);
          } else {
            a.words.push_back({letters, letters, "X"});
          }
          a.base_word = a.words.size();
          a.words.push_back({number, number, "NUM"});
        }
        a.lemma = number;
        a.number = true;
        break;
      }
      case TokenKind::kNumber:
        as_itself(a, word, "NUM");
        a.number = true;
        break;
      case TokenKind::kPunct:
        as_itself(a, word, "PUNCT");
        a.punctuation = true;
        break;
      case TokenKind::kUrl:
      case TokenKind::kEmail:
        as_itself(a, word, "X");
        break;
      case TokenKind::kLatin:
        if (latin == nullptr) latin = &language(latin_lang);
        analyze_other(latin_lang, *latin, a, word, sentence_start, detail);
        break;
    }
    sentence_start = a.punctuation && (a.surface == "." || a.surface == "!" || a.surface == "?");
    if (word.data() == folded.data()) {
      previous_folded.swap(folded);
      previous = previous_folded;
    } else {
      previous = a.surface;
    }
  }
  return out;
}

}  // namespace sipur::analysis
