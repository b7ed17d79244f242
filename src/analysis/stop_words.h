// Stop words: function words (articles, pronouns, prepositions,
// conjunctions, auxiliaries) that carry no event content and would only
// make unrelated articles look alike. Time words ("היום", "today") and
// reporting verbs ("said", "אמר") are deliberately not stop words: they
// matter when telling news events apart.
//
// Languages: he, en, de, fr, es, it, pt, nl, ru, ar. Any other language has
// no stop words.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace sipur::analysis {

// `lang` is an ISO 639-1 code as langid produces it. `word` is lowercased
// (see lowercase() in stemmer.h) and unstemmed. For Hebrew it is the lemma or
// the word without its prefix letters, final letters as normally written
// ("של", "הוא"); the prefix letters alone (ו, ה, ב, ל, מ, כ, ש, כש) are stop
// words too, for segmenters that emit them as tokens.
[[nodiscard]] bool is_stop_word(std::string_view lang, std::string_view word);

// How many stop words `lang` has; 0 for a language without a list.
[[nodiscard]] std::size_t stop_word_count(std::string_view lang);

// The whole list for `lang`, sorted by UTF-8 bytes; empty for a language
// without one. For tests and for tools that print the configuration.
[[nodiscard]] std::span<const std::string_view> stop_word_list(std::string_view lang);

}  // namespace sipur::analysis
