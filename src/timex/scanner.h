// The scanner behind find_time_mentions: one pass over the tokens, trying at
// each token the patterns that can start there (each looks a few tokens
// ahead), taking the first that matches and going on after it. Numbers,
// Hebrew and English patterns live in scan_numbers.cpp, scan_hebrew.cpp and
// scan_english.cpp. Internal.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "timex/timex.h"
#include "timex/tokens.h"

namespace sipur::timex {

// A mention with the sentence it was found in (clock times look for a date there).
struct FoundMention {
  TimeMention mention;
  std::uint32_t sentence = 0;
};

class Scanner {
 public:
  Scanner(std::string_view text, bool day_first);
  [[nodiscard]] std::vector<FoundMention> run();

 private:
  // Each matcher returns the index after the last token it took, or 0 when nothing matched.
  std::size_t match_number(std::size_t first, std::size_t number);
  std::size_t match_hebrew(std::size_t i);
  std::size_t match_english(std::size_t i);

  // scan_numbers.cpp
  std::size_t match_day_month(std::size_t first, std::size_t number, int day);
  std::size_t match_clock_suffix(std::size_t k, int& hour) const;
  bool plausible_year(std::size_t first, std::size_t number, bool has_cue) const;
  bool quantity_follows(std::size_t k) const;
  [[nodiscard]] int year_at(std::size_t k) const;                   // a plain 4-digit number 1900..2100, else 0
  [[nodiscard]] int small_number_at(std::size_t k, int max) const;  // a plain 1..max number, else 0

  // scan_hebrew.cpp
  std::size_t match_hebrew_offset(std::size_t i, int sign);
  std::size_t hebrew_number(std::size_t k, int& value, bool& approximate) const;
  std::size_t hebrew_weekday_tail(std::size_t first, std::size_t k, int weekday);
  std::size_t hebrew_month(std::size_t first, std::size_t k);
  [[nodiscard]] bool article_reading_excluded(std::size_t i) const;
  [[nodiscard]] Direction hebrew_qualifier(std::size_t k, bool& rolling) const;
  std::size_t weekday_in_parentheses(std::size_t k, int& weekday) const;

  // scan_english.cpp
  std::size_t english_offset(std::size_t first, std::size_t k, int sign, bool need_ago);
  std::size_t english_weekday_tail(std::size_t first, std::size_t k, int weekday, Direction direction);
  std::size_t english_month(std::size_t first, std::size_t k, Direction direction);

  // Token tests; out-of-range indices are never anything.
  [[nodiscard]] const Token* at(std::size_t i) const { return i < tokens_.size() ? &tokens_[i] : nullptr; }
  [[nodiscard]] bool is_punct(std::size_t i, char32_t c) const;
  [[nodiscard]] bool is_hyphen(std::size_t i) const;
  [[nodiscard]] bool is_geresh(std::size_t i) const;
  [[nodiscard]] const lex::Entry* hebrew(std::size_t i, std::uint32_t flags) const;
  [[nodiscard]] const lex::Entry* english(std::size_t i, std::uint32_t flags) const;

  TimeMention& emit(std::size_t first, std::size_t last, MentionKind kind);
  // A weekday mention over tokens [first, last], in either language; returns last + 1.
  std::size_t emit_weekday(std::size_t first, std::size_t last, int weekday, Direction direction, int week_offset);
  TimeMention& emit_bytes(std::size_t begin, std::size_t end, std::uint32_t sentence, MentionKind kind);

  std::string_view text_;
  TokenList tokens_;
  bool day_first_;
  std::vector<FoundMention> out_;
};

// scan_numbers.cpp: a number token's shape.
struct NumberShape {
  enum Kind : std::uint8_t { kPlain, kClock, kDate, kDayMonth, kYearRange, kOther } kind = kOther;
  int a = 0, b = 0, c = 0;  // parts
  int digits_a = 0, digits_b = 0, digits_c = 0;
  char separator = 0;
};
[[nodiscard]] NumberShape number_shape(std::string_view digits);

}  // namespace sipur::timex
