#include "analysis/hebrew_analyzer.h"

#include <algorithm>
#include <cmath>

#include "core/byte_io.h"
#include "text/utf8.h"

namespace sipur::analysis {
namespace {

constexpr std::size_t kHebrewLetterBytes = 2;  // every Hebrew letter is two bytes of UTF-8
constexpr std::size_t kMinBaseBytes = 2 * kHebrewLetterBytes;
constexpr std::size_t kMaxCache = 200000;
constexpr std::size_t kMaxPrefixBytes = 3 * kHebrewLetterBytes;  // ומה, שכש: longer chains are not prefixes
// A rest shorter than three letters after different prefixes is too often
// chance (בין, מין) to vouch for a split.
constexpr std::size_t kMinGluedRestBytes = 3 * kHebrewLetterBytes;
// Evidence per different prefix a rest was seen after, and of a listed name.
constexpr double kGluedEvidence = 0.3;
constexpr std::size_t kMaxGluedPrefixes = 8;
constexpr double kNameEvidence = 1.0;
// Weight of Hspell's word when it knows it only as noun + pronoun suffix: the
// rarer reading, often wrong for names after a prefix (מסוריה).
constexpr double kSuffixOnlyEvidence = 0.1;
// What save_state writes first (and load_state wants).
constexpr std::string_view kStateMagic = "sipur-hebrew-corpus 1\n";

std::string first_code_point(std::string_view s) {
  std::size_t pos = 0;
  if (!s.empty()) (void)text::next_code_point(s, pos);
  return std::string(s.substr(0, pos));
}

const char* upos_of_letter(std::string_view letter) {
  if (letter == "ו") return "CCONJ";
  if (letter == "ה") return "DET";
  if (letter == "ש") return "SCONJ";
  return "ADP";
}

// Hspell's part of speech (first field of its description) as a UPOS tag.
std::string upos_of(const HspellReading& r) {
  const std::string_view d = r.description;
  if (d.starts_with("ע,פרטי")) return "PROPN";
  if (d.starts_with("ע")) return "NOUN";
  if (d.starts_with("פ")) return "VERB";
  if (d.starts_with("ת")) return "ADJ";
  return "X";
}

// The pronoun a Hspell suffix description names ("כינוי/ז,3,רבים" -> הם).
std::string pronoun_of(std::string_view description) {
  const std::size_t at = description.find("כינוי/");
  if (at == std::string_view::npos) return "הוא";
  const std::string_view s = description.substr(at);
  const bool fem = s.find("נ,") != std::string_view::npos;
  const bool plural = s.find("רבים") != std::string_view::npos;
  if (s.find(",1,") != std::string_view::npos || s.find("/1,") != std::string_view::npos) {
    return plural ? "אנחנו" : "אני";
  }
  if (s.find(",2,") != std::string_view::npos) return plural ? (fem ? "אתן" : "אתם") : (fem ? "את" : "אתה");
  return plural ? (fem ? "הן" : "הם") : (fem ? "היא" : "הוא");
}

template <class T>
int total(const std::vector<Counted<T>>& list) {
  int n = 0;
  for (const auto& c : list) n += c.count;
  return n;
}

std::vector<LemmaChoice> lemma_shares(const std::vector<Counted<TokenAnalysis>>& list) {
  std::vector<LemmaChoice> out;
  const double n = std::max(1, total(list));
  for (const auto& c : list) {
    auto it = std::find_if(out.begin(), out.end(), [&](const LemmaChoice& l) { return l.lemma == c.value.base.lemma; });
    if (it == out.end()) {
      out.push_back({c.value.base.lemma, c.count / n});
    } else {
      it->score += c.count / n;
    }
  }
  return out;
}

// Prefix chains a rest was seen after, not counting a chain that only adds
// letters before another one seen (ומירב beside מירב: ירב after מ once).
int distinct_prefixes(const std::vector<std::string>& prefixes) {
  int n = 0;
  for (const std::string& p : prefixes) {
    n += std::none_of(prefixes.begin(), prefixes.end(),
                      [&](const std::string& q) { return q.size() < p.size() && p.ends_with(q); });
  }
  return n;
}

}  // namespace

HebrewAnalyzer::HebrewAnalyzer(std::shared_ptr<const HebrewModel> model, std::shared_ptr<const HspellDictionary> hspell)
    : model_(std::move(model)), hspell_(std::move(hspell)) {}

void HebrewAnalyzer::observe(std::string_view standalone_word) {
  if (corpus_words_.size() < 4 * kMaxCache && corpus_words_.emplace(standalone_word).second) {
    forget_readings_with_base(standalone_word);
  }
  if (glued_rests_.size() >= 4 * kMaxCache) return;
  for (std::size_t k = kHebrewLetterBytes; k <= kMaxPrefixBytes && k + kMinGluedRestBytes <= standalone_word.size();
       k += kHebrewLetterBytes) {
    const std::string prefix(standalone_word.substr(0, k));
    if (!model_->prefixes.contains(prefix)) continue;
    const std::string_view rest = standalone_word.substr(k);
    std::vector<std::string>& seen = glued_rests_[std::string(rest)];
    if (seen.size() < kMaxGluedPrefixes && std::find(seen.begin(), seen.end(), prefix) == seen.end()) {
      seen.push_back(prefix);
      // Evidence only from two different prefixes on (analyze_unseen).
      if (distinct_prefixes(seen) >= 2) forget_readings_with_base(rest);
    }
  }
}

// The cache holds readings of unseen words, which depend on what the
// corpus has shown of their rest after a prefix: when that changes, the
// readings of the prefixed forms go, so that a word reads the same however
// long it has been cached (and a run resumed from saved state reads it as
// one that never stopped).
void HebrewAnalyzer::forget_readings_with_base(std::string_view base) {
  const auto it = cached_by_base_.find(std::string(base));
  if (it == cached_by_base_.end()) return;
  for (const std::string& word : it->second) cache_.erase(word);
  cached_by_base_.erase(it);
}

std::string HebrewAnalyzer::save_state() const {
  // Sorted, so that the same evidence gives the same bytes.
  std::vector<std::string_view> words(corpus_words_.begin(), corpus_words_.end());
  std::sort(words.begin(), words.end());
  std::vector<std::pair<std::string_view, const std::vector<std::string>*>> rests;
  rests.reserve(glued_rests_.size());
  for (const auto& [rest, prefixes] : glued_rests_) rests.emplace_back(rest, &prefixes);
  std::sort(rests.begin(), rests.end());
  auto write = [&](ByteWriter& w) {
    w.put_bytes(kStateMagic);
    w.put_varint(words.size());
    for (const std::string_view word : words) w.put_varint_string(word);
    w.put_varint(rests.size());
    for (const auto& [rest, prefixes] : rests) {
      w.put_varint_string(rest);
      w.put_varint(prefixes->size());
      for (const std::string& prefix : *prefixes) w.put_varint_string(prefix);  // in the order seen
    }
  };
  return ByteWriter::write_sized(write);
}

bool HebrewAnalyzer::load_state(std::string_view bytes) {
  ByteReader r(bytes);
  if (r.get_bytes(kStateMagic.size()) != kStateMagic) return false;
  absl::flat_hash_set<std::string> words;
  absl::flat_hash_map<std::string, std::vector<std::string>> rests;
  const std::size_t n = r.get_varint_count(1);
  for (std::size_t i = 0; i < n && r.ok(); ++i) words.emplace(r.get_varint_string_view());
  const std::size_t m = r.get_varint_count(2);
  for (std::size_t i = 0; i < m && r.ok(); ++i) {
    std::vector<std::string>& prefixes = rests[std::string(r.get_varint_string_view())];
    const std::size_t k = r.get_varint_count(1);
    for (std::size_t j = 0; j < k && r.ok(); ++j) prefixes.emplace_back(r.get_varint_string_view());
  }
  if (!r.ok() || !r.at_end()) return false;
  corpus_words_ = std::move(words);
  glued_rests_ = std::move(rests);
  cache_.clear();
  cached_by_base_.clear();
  return true;
}

void HebrewAnalyzer::add_known_names(const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    if (name.size() >= kMinBaseBytes && name.find(' ') == std::string::npos) known_names_.insert(name);
  }
  cache_.clear();
  cached_by_base_.clear();
}

HebrewReading HebrewAnalyzer::analyze(std::string_view word, std::string_view previous) const {
  const std::string key(word);
  if (const auto it = model_->in_context.find(std::string(previous) + "\t" + key); it != model_->in_context.end()) {
    return {it->second.front().value, lemma_shares(it->second), "context", true, {}};
  }
  if (const auto it = model_->tokens.find(key); it != model_->tokens.end()) {
    return {it->second.front().value, lemma_shares(it->second), "treebank", true, {}};
  }
  if (const auto it = cache_.find(key); it != cache_.end()) return it->second;
  HebrewReading reading = analyze_unseen(word);
  if (cache_.size() >= kMaxCache) {  // bounded on an endless stream
    cache_.clear();
    cached_by_base_.clear();
  }
  cache_.emplace(key, reading);
  // Filed under each rest it has after a prefix, for forget_readings_with_base.
  // (The prefixes analyze_unseen tries: it stops at the first one past
  // three letters that is not a prefix.)
  for (std::size_t k = kHebrewLetterBytes; k + kMinBaseBytes <= key.size(); k += kHebrewLetterBytes) {
    if (model_->prefixes.contains(key.substr(0, k))) {
      cached_by_base_[key.substr(k)].push_back(key);
    } else if (k > 3 * kHebrewLetterBytes) {
      break;
    }
  }
  return reading;
}

double HebrewAnalyzer::prefix_probability(std::string_view word, std::size_t prefix_bytes) const {
  if (prefix_bytes == 0) {
    const std::string first = first_code_point(word);
    const auto all = model_->first_letter.find(first);
    const auto bare = model_->bare_first_letter.find(first);
    const double n = all == model_->first_letter.end() ? 0 : all->second;
    const double b = bare == model_->bare_first_letter.end() ? 0 : bare->second;
    return (b + 1) / (n + 2);
  }
  const auto it = model_->prefixes.find(std::string(word.substr(0, prefix_bytes)));
  if (it == model_->prefixes.end()) return 0;
  return (it->second.split + 0.5) / (it->second.total + 1.0);
}

SegmentList HebrewAnalyzer::prefix_words(std::string_view letters) const {
  const auto it = model_->prefixes.find(std::string(letters));
  if (it != model_->prefixes.end() && !it->second.patterns.empty()) return it->second.patterns.front().value;
  SegmentList out;
  for (std::size_t i = 0; i + kHebrewLetterBytes <= letters.size(); i += kHebrewLetterBytes) {
    const std::string letter(letters.substr(i, kHebrewLetterBytes));
    out.push_back({letter, letter, upos_of_letter(letter)});
  }
  return out;
}

std::string HebrewAnalyzer::rule_lemma(std::string_view base) const {
  std::vector<std::size_t> starts;  // byte offset of each code point
  std::size_t pos = 0;
  while (pos < base.size()) {
    starts.push_back(pos);
    (void)text::next_code_point(base, pos);
  }
  for (std::size_t n = std::min<std::size_t>(3, starts.size() - 1); n >= 1; --n) {
    const auto it = model_->lemma_rules.find(std::string(base.substr(starts[starts.size() - n])));
    if (it == model_->lemma_rules.end() || it->second.front().count < 2) continue;
    const LemmaRule& rule = it->second.front().value;
    if (rule.strip >= starts.size()) continue;
    const std::size_t keep = rule.strip == 0 ? base.size() : starts[starts.size() - rule.strip];
    return std::string(base.substr(0, keep)) + rule.add;
  }
  return std::string(base);
}

std::string HebrewAnalyzer::known_rule_lemma(std::string_view base) const {
  std::string lemma = rule_lemma(base);
  if (lemma != base && !model_->lemmas.contains(lemma)) lemma = std::string(base);
  return lemma;
}

void HebrewAnalyzer::fill_base(std::string_view base, const std::vector<HspellReading>& readings,
                               HebrewReading& out) const {
  TokenAnalysis& a = out.analysis;
  if (const auto it = model_->bases.find(std::string(base)); it != model_->bases.end()) {
    a.base = it->second.front().value;
    const double n = std::max(1, total(it->second));
    for (const auto& c : it->second) out.alternatives.push_back({c.value.lemma, c.count / n});
    return;
  }
  if (readings.empty()) {
    // A word neither Hspell nor the treebanks know is most often a name
    // (פומפאו, Pompeo): an ending rule learned from the treebanks applies
    // only where it leaves a lemma they know, so that a name keeps its
    // written form instead of losing a "suffix" (פומפא). Lemma F1 in the
    // dev cross-validation moves by at most 0.03; media-2026's same-language
    // event pairwise F1 rises from 0.709 to 0.716.
    const std::string lemma = known_rule_lemma(base);
    a.base = {std::string(base), lemma, "X"};
    out.alternatives.push_back({lemma, 1.0});
    return;
  }
  // Prefer readings whose lemma the treebanks know well; readings with a
  // pronoun suffix are the rarer analysis of a word that has both.
  const HspellReading* best = nullptr;
  double best_weight = -1;
  double sum = 0;
  std::vector<std::pair<std::string, double>> weights;
  for (const HspellReading& r : readings) {
    const std::string lemma = r.lemma.empty() ? r.base : r.lemma;
    const auto known = model_->lemmas.find(lemma);
    // Proper-noun readings lose ties: ערב is "evening" before "Arabia". So
    // do verb readings (תושבי: "residents of" before "will be seated"):
    // nouns outnumber verbs in the treebanks, and this raised lemma F1 in
    // their cross-validation by 0.35-0.7 (README, scripts/eval-analysis).
    const std::string upos = upos_of(r);
    const double weight = (known == model_->lemmas.end() ? 1.0 : 1.0 + known->second) *
                          (r.has_suffix_pronoun() ? 0.3 : 1.0) * (upos == "PROPN" || upos == "VERB" ? 0.9 : 1.0);
    weights.emplace_back(lemma, weight);
    sum += weight;
    if (weight > best_weight) {
      best_weight = weight;
      best = &r;
    }
  }
  const std::string hspell_lemma = best->lemma.empty() ? best->base : best->lemma;
  std::string lemma = hspell_lemma;
  // Hspell gives adjectives the lemma of the noun they come from
  // (האמריקניים -> אמריקה); UD wants the adjective's own base form.
  if (best->description.starts_with("ת") && !best->has_suffix_pronoun()) {
    lemma = rule_lemma(base);
    if (lemma != hspell_lemma) out.match_lemma = hspell_lemma;
  }
  out.alternatives.push_back({lemma, best_weight / sum});
  for (const auto& candidate : weights) {
    const std::string& l = candidate.first;
    if (l == hspell_lemma && l != lemma) continue;  // replaced by the adjective's own lemma
    if (std::none_of(out.alternatives.begin(), out.alternatives.end(),
                     [&](const LemmaChoice& c) { return c.lemma == l; })) {
      out.alternatives.push_back({l, candidate.second / sum});
    }
  }
  const std::string upos = upos_of(*best);
  if (!best->has_suffix_pronoun()) {
    a.base = {std::string(base), lemma, upos};
    return;
  }
  const std::string pronoun = pronoun_of(best->description);
  if (model_->scheme == "htb") {
    a.base = {lemma + "_", lemma, upos};
    a.suffix = {{"_של_", "של", "ADP"}, {"_" + pronoun, "הוא", "PRON"}};
    return;
  }
  // IAHLT writes the surface pieces: the longest pronoun ending the
  // treebanks know that leaves a real word.
  std::string suffix;
  int suffix_count = 0;
  for (const auto& [form, count] : model_->suffix_forms) {
    if (base.size() >= form.size() + kMinBaseBytes && base.ends_with(form) &&
        (form.size() > suffix.size() || (form.size() == suffix.size() && count > suffix_count))) {
      suffix = form;
      suffix_count = count;
    }
  }
  if (suffix.empty()) {
    a.base = {std::string(base), lemma, upos};
    return;
  }
  a.base = {std::string(base.substr(0, base.size() - suffix.size())), lemma, upos};
  a.suffix = {{suffix, "הוא", "PRON"}};
}

HebrewReading HebrewAnalyzer::analyze_unseen(std::string_view word) const {
  const std::vector<HspellReading> readings = hspell_->readings(word);
  struct Scored {
    std::size_t prefix_bytes;
    double score;
    const char* source;
  };
  std::vector<Scored> scored;
  for (std::size_t k = 0; k + kMinBaseBytes <= word.size(); k += kHebrewLetterBytes) {
    if (k > 0 && !model_->prefixes.count(std::string(word.substr(0, k)))) {
      if (k > 3 * kHebrewLetterBytes) break;
      continue;
    }
    const std::string base(word.substr(k));
    bool by_hspell = false;
    bool only_suffixed = true;  // Hspell reads it only as noun + pronoun (מסוריה = מסורי + ה)
    for (const HspellReading& r : readings) {
      if (r.prefix_letters * kHebrewLetterBytes != k) continue;
      by_hspell = true;
      only_suffixed = only_suffixed && r.has_suffix_pronoun();
    }
    const auto trained = model_->bases.find(base);
    const bool by_treebank = trained != model_->bases.end();
    // A token trivially "occurs alone" itself: the corpus vouches only for
    // what remains after a prefix.
    const bool by_corpus = k > 0 && corpus_words_.count(base) > 0;
    // For a word Hspell does not know (a name), two more witnesses: the
    // rest glued to two or more different prefixes in the text, and a
    // name list. Known words keep Hspell's judgement.
    int glued_after = 0;
    bool by_name = false;
    if (readings.empty()) {
      if (k > 0 && base.size() >= kMinGluedRestBytes) {
        if (const auto it = glued_rests_.find(base); it != glued_rests_.end())
          glued_after = distinct_prefixes(it->second);
        if (glued_after < 2) glued_after = 0;
      }
      by_name = known_names_.contains(base);
    }
    // Never blind stripping: a split needs Hspell, the treebanks, the
    // corpus (the rest standing alone or after other prefixes elsewhere) or
    // a name list to vouch for the rest.
    if (k > 0 && !by_hspell && !by_treebank && !by_corpus && glued_after == 0 && !by_name) continue;
    double evidence = 0.02;
    if (by_hspell) evidence += only_suffixed ? kSuffixOnlyEvidence : 1.0;
    if (by_treebank) evidence += 1.0 + std::log1p(total(trained->second));
    if (by_corpus) evidence += 0.5;
    evidence += kGluedEvidence * glued_after;
    if (by_name) evidence += kNameEvidence;
    const double p = prefix_probability(word, k);
    if (p <= 0) continue;
    const char* source = by_hspell                      ? "hspell"
                         : by_treebank                  ? "treebank-word"
                         : by_name                      ? "names"
                         : by_corpus || glued_after > 0 ? "corpus"
                                                        : "unknown";
    scored.push_back({k, std::log(p) + std::log(evidence), source});
  }
  const Scored best = scored.empty()
                          ? Scored{0, 0, "unknown"}
                          : *std::max_element(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) {
                              return a.score < b.score || (a.score == b.score && a.prefix_bytes > b.prefix_bytes);
                            });
  HebrewReading out;
  out.source = best.source;
  out.known_to_hspell = !readings.empty();
  out.analysis.prefix_letters = best.prefix_bytes;
  if (best.prefix_bytes > 0) out.analysis.prefixes = prefix_words(word.substr(0, best.prefix_bytes));
  std::vector<HspellReading> matching;
  for (const HspellReading& r : readings) {
    if (r.prefix_letters * kHebrewLetterBytes == best.prefix_bytes) matching.push_back(r);
  }
  fill_base(word.substr(best.prefix_bytes), matching, out);
  return out;
}

}  // namespace sipur::analysis
