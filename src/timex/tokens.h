// The scanner's tokens: Hebrew words (with their prefix letters split off
// for lookup), Latin words, numbers with their inner separators (12.4.2019,
// 14:30, 2019-04-12) and single punctuation marks, each with its byte span.
// Spaces, bidi marks and zero-width characters only separate. Internal to
// the scanner.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "timex/lexicon.h"

namespace sipur::timex {

enum class TokenKind : std::uint8_t { kHebrew, kLatin, kNumber, kPunct, kOther };

struct Token {
  std::size_t begin = 0;
  std::size_t end = 0;
  // Hebrew: letters without niqqud, gershayim as ASCII ("); Latin: lowercased (short words only);
  // number: the bytes; punctuation: the bytes.
  std::string_view key;
  char32_t punct = 0;  // the code point of a punctuation token
  TokenKind kind = TokenKind::kPunct;
  bool space_before = false;  // something separated it from the previous token
  bool capitalized = false;   // Latin word starting with an upper-case letter
  std::uint32_t sentence = 0;
  // The lexicon's reading: for Hebrew after `prefix` letters (a chain of ו ב כ ל מ ה ש); for Latin the
  // lowercased word. nullptr when the word is not a time word.
  const lex::Entry* entry = nullptr;
  std::string_view prefix;   // Hebrew prefix letters taken off (UTF-8)
  std::string_view stem;     // Hebrew key without the prefix
  bool prefix_only = false;  // a Hebrew token made only of prefix letters: ב in ב-2019
};

class TokenList {
 public:
  explicit TokenList(std::string_view text);
  // Keys point into owned_: a copy would point into the original's.
  TokenList(const TokenList&) = delete;
  TokenList& operator=(const TokenList&) = delete;
  [[nodiscard]] std::size_t size() const { return tokens_.size(); }
  [[nodiscard]] const Token& operator[](std::size_t i) const { return tokens_[i]; }

 private:
  void add_word(std::size_t begin, std::size_t end, TokenKind kind, bool needs_copy, bool space_before,
                std::uint32_t sentence);
  // A token whose key is its bytes as written (a number, letters of another script).
  void add_as_written(std::size_t begin, std::size_t end, TokenKind kind, bool space_before, std::uint32_t sentence);
  std::string_view text_;
  std::vector<Token> tokens_;
  std::deque<std::string> owned_;  // keys that differ from the text's bytes (niqqud, case, ״)
};

// The last prefix letter ('\0' when none), as one of "ובכלמהש" spelled in ASCII: w b k l m h s.
[[nodiscard]] char last_prefix_letter(const Token& token);
[[nodiscard]] bool prefix_contains(const Token& token, char letter);

}  // namespace sipur::timex
