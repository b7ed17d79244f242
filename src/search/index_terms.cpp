#include "search/index_terms.h"

#include <algorithm>

#include "crosslang/name_key.h"
#include "text/normalize.h"

namespace sipur::search {
namespace {

constexpr std::size_t kHebrewLetterBytes = 2;  // every Hebrew letter is two bytes of UTF-8
constexpr std::size_t kMinimumStrippedLetters = 3;

bool all_hebrew_letters(std::string_view w) {
  if (w.empty() || w.size() % kHebrewLetterBytes != 0) return false;
  for (std::size_t i = 0; i < w.size(); i += kHebrewLetterBytes) {
    const auto lead = static_cast<unsigned char>(w[i]);
    const auto next = static_cast<unsigned char>(w[i + 1]);
    // U+05D0..U+05EA: D7 90..D7 AA.
    if (lead != 0xD7 || next < 0x90 || next > 0xAA) return false;
  }
  return true;
}

// The prefix sequences Hebrew writes before a word: an optional ו, then
// an optional ש (or כש, מש, לכש), then an optional one of ב כ ל מ, then an
// optional ה (written after מ and ש: מהקרמלין, שהגיע).
bool is_prefix_sequence(std::string_view p) {
  auto take = [&p](std::string_view piece) {
    if (!p.starts_with(piece)) return false;
    p.remove_prefix(piece.size());
    return true;
  };
  (void)take("ו");
  for (std::string_view s : {"לכש", "כש", "מש", "ש"}) {
    if (take(s)) break;
  }
  for (std::string_view s : {"ב", "כ", "ל", "מ"}) {
    if (take(s)) break;
  }
  (void)take("ה");
  return p.empty();
}

std::string_view without_closing_geresh(std::string_view word) {
  for (std::string_view geresh : {"'", "׳"}) {
    if (word.size() > geresh.size() + kHebrewLetterBytes && word.ends_with(geresh)) {
      return word.substr(0, word.size() - geresh.size());
    }
  }
  return word;
}

void add_unique(std::vector<std::string>& terms, std::string term) {
  if (term.size() > 1 && std::find(terms.begin(), terms.end(), term) == terms.end()) terms.push_back(std::move(term));
}

}  // namespace

std::string fold(std::string_view word) {
  // Most lemmas are plain ASCII (Snowball stems) or Hebrew letters alone,
  // which fold without ICU: a term per token is made for every article.
  const bool ascii = std::all_of(word.begin(), word.end(), [](char c) { return (c & 0x80) == 0; });
  if (ascii) {
    std::string out(word);
    for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    return out;
  }
  if (all_hebrew_letters(word)) {
    // The final forms (ך ם ן ף ץ: D7 9A, 9D, 9F, A3, A5) sit one code point
    // before their ordinary forms.
    std::string out(word);
    for (std::size_t i = 1; i < out.size(); i += kHebrewLetterBytes) {
      const auto b = static_cast<unsigned char>(out[i]);
      if (b == 0x9A || b == 0x9D || b == 0x9F || b == 0xA3 || b == 0xA5) out[i] = static_cast<char>(b + 1);
    }
    return out;
  }
  return text::fold_for_matching(word);
}

bool is_indexed(const analysis::AnalyzedToken& token) {
  return !token.punctuation && token.token.kind != analysis::TokenKind::kPunct && !token.normalized.empty();
}

bool is_name_like(const analysis::AnalyzedToken& token) {
  const std::string_view source = token.source;
  return token.token.kind == analysis::TokenKind::kHebrew &&
         (token.entity_candidate || source == "unknown" || source == "corpus");
}

std::vector<std::string> prefix_strips(std::string_view folded_word) {
  std::vector<std::string> out;
  if (!all_hebrew_letters(folded_word)) return out;
  const std::size_t letters = folded_word.size() / kHebrewLetterBytes;
  // At most four prefix letters (וכשה, ומה, ...).
  for (std::size_t cut = 1; cut <= 4 && letters - cut >= kMinimumStrippedLetters; ++cut) {
    if (is_prefix_sequence(folded_word.substr(0, cut * kHebrewLetterBytes))) {
      out.emplace_back(folded_word.substr(cut * kHebrewLetterBytes));
    }
  }
  return out;
}

std::vector<std::string> lemma_variants(std::string_view folded_lemma) {
  // A geresh closing a word marks a sound Hebrew letters lack (יחימוביץ',
  // ג'ורג'): readers type the name without it as often as with it.
  const std::string_view bare = without_closing_geresh(folded_lemma);
  if (bare.size() == folded_lemma.size()) return {};
  return {std::string(bare)};
}

std::vector<std::string> terms_of(const analysis::AnalyzedToken& token, std::string_view lang) {
  std::vector<std::string> terms;
  if (!is_indexed(token)) return terms;
  terms.reserve(4);
  add_unique(terms, kExactMark + token.normalized);
  const std::string lemma = token.lemma.empty() ? token.normalized : fold(token.lemma);
  // A lemma spelled as the word itself is not stored twice: a query looks
  // a lemma up as a lemma and as an exact form (query_plan.cpp). Most words
  // are written in their lemma's form, so this saves most lemma postings.
  if (lemma != token.normalized) add_unique(terms, kLemmaMark + lemma);
  for (const std::string& bare : lemma_variants(lemma)) add_unique(terms, kLemmaMark + bare);
  const bool hebrew_name = is_name_like(token);
  if (hebrew_name) {
    for (std::string& rest : prefix_strips(token.normalized)) add_unique(terms, kWeakMark + std::move(rest));
  }
  if (token.entity_candidate || hebrew_name) {
    // The key of the word as the analyzer read it, and of each weak reading:
    // בקרמלין read whole still offers קרמלין's key.
    // Latin names by their written form: Snowball stems names too (Jones: jone).
    const std::string& name = token.token.kind == analysis::TokenKind::kHebrew ? lemma : token.normalized;
    add_unique(terms, kNameKeyMark + crosslang::name_key(name, lang));
    if (hebrew_name) {
      for (const std::string& rest : prefix_strips(token.normalized)) {
        add_unique(terms, kNameKeyMark + crosslang::name_key(rest, lang));
      }
    }
  }
  return terms;
}

std::string encode_field(const std::vector<analysis::AnalyzedToken>& tokens, std::size_t begin, std::size_t end,
                         std::string_view lang) {
  std::string out;
  for (const analysis::AnalyzedToken& t : tokens) {
    if (t.token.begin < begin || t.token.end > end) continue;
    const std::vector<std::string> terms = terms_of(t, lang);
    if (terms.empty()) continue;
    if (!out.empty()) out.push_back(kPositionSeparator);
    for (std::size_t i = 0; i < terms.size(); ++i) {
      if (i > 0) out.push_back(kTermSeparator);
      out += terms[i];
    }
  }
  return out;
}

}  // namespace sipur::search
