// What the search index holds for a word: the terms one token stands for,
// all at the token's position (FTS5_TOKEN_COLOCATED), so that a phrase can
// match on any of them. A term's first byte says its kind:
//   '='  the exact form as written (case and final letters folded): quoted phrases
//   '.'  the lemma (Hebrew: prefixes and inflection removed; other
//        languages: the Snowball stem): plain query words; left out when
//        it is the exact form (a lemma is looked up as both)
//   '?'  a name-like Hebrew word read without a possible prefix (בקרמלין:
//        ?קרמלין), whatever the analyzer chose: a name query finds it even
//        when the corpus had not shown the bare name when it was indexed
//   '~'  the cross-language key of a name (פוטין and Putin: ~ptn)
// The index stores a field as these terms, positions joined by
// kPositionSeparator and the terms of one position by kTermSeparator
// (fts_tokenizer.h reads it back). Neither byte occurs in clean text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analysis/analyzer.h"

namespace sipur::search {

inline constexpr char kExactMark = '=';
inline constexpr char kLemmaMark = '.';
inline constexpr char kWeakMark = '?';
inline constexpr char kNameKeyMark = '~';
inline constexpr char kPositionSeparator = '\x1f';
inline constexpr char kTermSeparator = '\x1e';

// Hebrew letters, final forms folded, and Latin case folded: how every
// term's text is compared (text::fold_for_matching).
[[nodiscard]] std::string fold(std::string_view word);

// Punctuation is not indexed: it has no position, so a phrase matches across it.
[[nodiscard]] bool is_indexed(const analysis::AnalyzedToken& token);

// Hebrew words unknown to Hspell (names, mostly): the ones whose possible
// prefixes are also stripped without the analyzer's say, and whose name
// key is kept.
[[nodiscard]] bool is_name_like(const analysis::AnalyzedToken& token);

// The word without each prefix it may carry (ו, ה, ב, כ, ל, מ, ש and
// their sequences: ול, שב, וכש, ...), leaving at least three letters;
// longest remainder first. Folded Hebrew in, folded Hebrew out.
[[nodiscard]] std::vector<std::string> prefix_strips(std::string_view folded_word);

// Other spellings of a lemma that mean the same word: without a closing
// geresh (יחימוביץ' and יחימוביץ). Empty for most words.
[[nodiscard]] std::vector<std::string> lemma_variants(std::string_view folded_lemma);

// Every term of one token, each with its mark, without repeats, in a
// fixed order: exact, lemma, weak readings, name keys.
[[nodiscard]] std::vector<std::string> terms_of(const analysis::AnalyzedToken& token, std::string_view lang);

// The stored form of the tokens whose bytes lie in [begin, end) of the
// analyzed text.
[[nodiscard]] std::string encode_field(const std::vector<analysis::AnalyzedToken>& tokens, std::size_t begin,
                                       std::size_t end, std::string_view lang);

}  // namespace sipur::search
