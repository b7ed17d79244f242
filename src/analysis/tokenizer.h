// Splits clean text into tokens with byte offsets, following the
// conventions of the Hebrew Universal Dependencies treebanks where they are
// sensible for matching: gershayim acronyms (צה"ל) and geresh words (ג'ון,
// פרופ') are one token; Hebrew hyphen compounds split at the hyphen
// (בין-משרדית -> בין - משרדית); Latin/digit compounds stay whole (S-300,
// 2000-2010); a Hebrew word glued to digits is one token (ב50, to be
// segmented later); numbers keep their inner separators (1.5, 14:26,
// 1,000); URLs and e-mail addresses are single tokens; every other
// punctuation mark is a token of its own. Typographic quotes, geresh,
// gershayim and hyphens, which clean text keeps as written, break words as
// their ASCII forms do (text::fold_punctuation): צה״ל, don’t and ב־2019
// give the tokens of צה"ל, don't and ב-2019, with offsets into the text as
// written.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace sipur::analysis {

enum class TokenKind {
  kHebrew,        // Hebrew letters, maybe with ' or " inside (acronyms)
  kHebrewDigits,  // Hebrew letters glued to a number: ב50, ה80
  kLatin,         // words in Latin or other alphabetic scripts, maybe with digits and inner hyphens
  kNumber,        // 2019, 1.5, 14:26, 1,000, 2000-2010
  kUrl,
  kEmail,
  kPunct,  // one punctuation mark or symbol
};

struct Token {
  std::size_t begin = 0;  // byte offsets in the text given to tokenize()
  std::size_t end = 0;
  TokenKind kind = TokenKind::kPunct;
  bool space_after = true;  // false if the next token follows without whitespace

  [[nodiscard]] std::string_view text(std::string_view source) const { return source.substr(begin, end - begin); }
};

// `text` must be valid UTF-8 (clean text). Newlines are whitespace.
[[nodiscard]] std::vector<Token> tokenize(std::string_view text);

[[nodiscard]] bool is_hebrew_letter(char32_t cp);

}  // namespace sipur::analysis
