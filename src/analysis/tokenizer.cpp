#include "analysis/tokenizer.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>

#include "text/normalize.h"
#include "text/utf8.h"

namespace sipur::analysis {
namespace {

enum class Class { kSpace, kHebrew, kLetter, kDigit, kApostrophe, kQuote, kHyphen, kOther };

constexpr Class classify_ascii(unsigned char c) {
  if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v') return Class::kSpace;
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return Class::kLetter;
  if (c >= '0' && c <= '9') return Class::kDigit;
  if (c == '\'' || c == '`') return Class::kApostrophe;
  if (c == '"') return Class::kQuote;
  if (c == '-') return Class::kHyphen;
  return Class::kOther;
}

// Most bytes of most text are ASCII: one lookup instead of a decode and a
// chain of comparisons.
constexpr std::array<Class, 0x80> kAsciiClass = [] {
  std::array<Class, 0x80> table{};
  for (unsigned char c = 0; c < 0x80; ++c) table[c] = classify_ascii(c);
  return table;
}();

// Clean text keeps typographic quotes, geresh, gershayim and hyphens as
// written; words break as at the ASCII marks matching reads them as
// (text::fold_punctuation), so that don’t is one token as don't is.
Class classify(char32_t cp) {
  if (cp < 0x80) return kAsciiClass[cp];
  if (is_hebrew_letter(cp)) return Class::kHebrew;
  if (const char32_t folded = text::fold_punctuation(cp); folded < 0x80) return kAsciiClass[folded];
  const auto c = static_cast<UChar32>(cp);
  if (u_isUWhiteSpace(c)) return Class::kSpace;
  if (u_isdigit(c)) return Class::kDigit;
  if (u_isalpha(c) || u_getIntPropertyValue(c, UCHAR_GENERAL_CATEGORY_MASK) & U_GC_M_MASK) return Class::kLetter;
  return Class::kOther;
}

// Bytes in the UTF-8 sequence that starts with `lead` (as next_code_point
// counts them).
std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  return (lead & 0xF0) == 0xE0 ? 3 : 4;
}

// Hebrew letters U+05D0..U+05EA and U+05F0..U+05F2 are 0xD7 followed by
// 0x90..0xAA or 0xB0..0xB2.
bool is_hebrew_letter_tail(unsigned char second) {
  return (second >= 0x90 && second <= 0xAA) || (second >= 0xB0 && second <= 0xB2);
}

// A cursor over code points with one code point of lookahead. Positions past
// the end read as whitespace.
struct Scanner {
  std::string_view s;
  std::size_t pos = 0;

  [[nodiscard]] bool done() const { return pos >= s.size(); }
  [[nodiscard]] unsigned char byte(std::size_t at) const { return static_cast<unsigned char>(s[at]); }
  [[nodiscard]] char32_t peek(std::size_t at) const {
    if (at >= s.size()) return 0;
    std::size_t p = at;
    return text::next_code_point(s, p);
  }
  [[nodiscard]] std::size_t after(std::size_t at) const {
    if (at >= s.size()) return at + 1;
    return std::min(s.size(), at + sequence_length(byte(at)));
  }
  // Class of the code point at `at`, and in `next` where the one after it
  // starts. ASCII and Hebrew letters, most of the text, skip the decoding.
  [[nodiscard]] Class step(std::size_t at, std::size_t& next) const {
    if (at >= s.size()) {
      next = at + 1;
      return Class::kSpace;
    }
    const unsigned char c = byte(at);
    if (c < 0x80) {
      next = at + 1;
      return kAsciiClass[c];
    }
    if (c == 0xD7 && at + 1 < s.size() && is_hebrew_letter_tail(byte(at + 1))) {
      next = at + 2;
      return Class::kHebrew;
    }
    next = after(at);
    return classify(peek(at));
  }
  [[nodiscard]] Class cls(std::size_t at) const {
    std::size_t next = 0;
    return step(at, next);
  }
  // End of the run of code points from `at` whose class satisfies in_run.
  template <typename Pred>
  [[nodiscard]] std::size_t skip(std::size_t at, Pred in_run) const {
    std::size_t next = 0;
    while (at < s.size() && in_run(step(at, next))) at = next;
    return at;
  }
};

bool is_word_class(Class c) {
  return c == Class::kLetter || c == Class::kDigit;
}

// Where the next '@' is, found once per stretch of text instead of once per
// word: e-mail addresses are rare, and a word far from any '@' is not one.
class AtSignCursor {
 public:
  explicit AtSignCursor(std::string_view s) : s_(s), next_(s.find('@')) {}
  // Position of the first '@' at or after `at` (npos if none).
  [[nodiscard]] std::size_t next_from(std::size_t at) {
    if (next_ < at) next_ = s_.find('@', at);
    return next_;
  }

 private:
  std::string_view s_;
  std::size_t next_;
};

bool starts_url(std::string_view rest) {
  return rest.starts_with("http://") || rest.starts_with("https://") || rest.starts_with("www.");
}

// URL or e-mail starting at `at`: runs to whitespace, minus trailing
// punctuation that more likely closes the sentence.
std::size_t scan_link(const Scanner& sc, std::size_t at, AtSignCursor& at_signs, TokenKind& kind) {
  const std::string_view s = sc.s;
  if (sc.cls(at) != Class::kLetter) return at;
  // Bounded lookahead keeps tokenizing linear on long runs without spaces.
  constexpr std::size_t kMaxLinkBytes = 2048;
  const bool url = starts_url(s.substr(at));
  // The chunk below ends within kMaxLinkBytes plus one code point: without
  // an '@' that near, this is neither a URL nor an e-mail address.
  if (!url && at_signs.next_from(at) - at > kMaxLinkBytes + 4) return at;
  std::size_t end = at;
  while (end < s.size() && end - at < kMaxLinkBytes && sc.cls(end) != Class::kSpace) end = sc.after(end);
  const std::string_view chunk = s.substr(at, end - at);
  const std::size_t atsign = chunk.find('@');
  const bool email = !url && atsign != std::string_view::npos && atsign > 0 &&
                     chunk.find('.', atsign) != std::string_view::npos && sc.cls(at) == Class::kLetter;
  if (!url && !email) return at;
  // Trailing punctuation goes, typographic quotes too (the link in “…” ends before ”).
  while (end > at) {
    std::size_t last = end - 1;
    while (last > at && (static_cast<unsigned char>(s[last]) & 0xC0) == 0x80) --last;
    std::size_t probe = last;
    const char32_t cp = text::fold_punctuation(text::next_code_point(s, probe));
    if (cp >= 0x80 || std::string_view(".,;:!?)]}\"'").find(static_cast<char>(cp)) == std::string_view::npos) break;
    end = last;
  }
  kind = url ? TokenKind::kUrl : TokenKind::kEmail;
  return end;
}

// Digits with inner separators (1.5, 14:26, 1,000, 12/05/2019) and ranges
// joined by hyphens (2000-2010).
std::size_t scan_number(const Scanner& sc, std::size_t at) {
  std::size_t end = at;
  while (true) {
    end = sc.skip(end, [](Class c) { return c == Class::kDigit; });
    const char32_t sep = text::fold_punctuation(sc.peek(end));
    if ((sep == '.' || sep == ',' || sep == ':' || sep == '/' || sep == '-') &&
        sc.cls(sc.after(end)) == Class::kDigit) {
      end = sc.after(end);
      continue;
    }
    return end;
  }
}

// Hebrew letters with inner ' or " (acronyms, geresh) and a final geresh.
std::size_t scan_hebrew(const Scanner& sc, std::size_t at) {
  std::size_t end = at;
  while (true) {
    end = sc.skip(end, [](Class c) { return c == Class::kHebrew; });
    const Class next = sc.cls(end);
    if ((next == Class::kQuote || next == Class::kApostrophe) && sc.cls(sc.after(end)) == Class::kHebrew) {
      end = sc.after(end);
      continue;
    }
    // A final geresh after Hebrew letters marks an abbreviation or a foreign
    // sound (פרופ', אברמוביץ'), unless it opens or closes a quotation.
    if (next == Class::kApostrophe) {
      const Class after = sc.cls(sc.after(end));
      if (after == Class::kSpace || after == Class::kOther || after == Class::kHyphen) end = sc.after(end);
    }
    return end;
  }
}

// Latin (or other-script) words, with digits and inner hyphens or
// apostrophes: S-300, COVID-19, don't, Israel's.
std::size_t scan_latin(const Scanner& sc, std::size_t at) {
  std::size_t end = at;
  while (true) {
    end = sc.skip(end, is_word_class);
    const Class next = sc.cls(end);
    const Class after = sc.cls(sc.after(end));
    if ((next == Class::kHyphen || next == Class::kApostrophe) && (after == Class::kLetter || after == Class::kDigit)) {
      end = sc.after(end);
      continue;
    }
    return end;
  }
}

}  // namespace

bool is_hebrew_letter(char32_t cp) {
  return (cp >= 0x05D0 && cp <= 0x05EA) || (cp >= 0x05F0 && cp <= 0x05F2);
}

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  tokens.reserve(text.size() / 5 + 1);  // about one token per five bytes, in English and in Hebrew
  Scanner sc{text};
  AtSignCursor at_signs(text);
  while (!sc.done()) {
    const std::size_t at = sc.pos;
    std::size_t next = 0;
    const Class c = sc.step(at, next);
    if (c == Class::kSpace) {
      if (!tokens.empty()) tokens.back().space_after = true;
      sc.pos = next;
      continue;
    }
    Token token;
    token.begin = at;
    TokenKind link_kind = TokenKind::kUrl;
    if (const std::size_t link_end = scan_link(sc, at, at_signs, link_kind); link_end > at) {
      token.kind = link_kind;
      token.end = link_end;
    } else if (c == Class::kHebrew) {
      token.kind = TokenKind::kHebrew;
      token.end = scan_hebrew(sc, at);
      if (sc.cls(token.end) == Class::kDigit) {
        token.kind = TokenKind::kHebrewDigits;
        token.end = scan_number(sc, token.end);
      }
    } else if (c == Class::kDigit) {
      token.kind = TokenKind::kNumber;
      token.end = scan_number(sc, at);
      if (sc.cls(token.end) == Class::kLetter) {
        token.kind = TokenKind::kLatin;  // 3D, 5G, 19th
        token.end = scan_latin(sc, token.end);
      }
    } else if (c == Class::kLetter) {
      token.kind = TokenKind::kLatin;
      token.end = scan_latin(sc, at);
    } else {
      token.kind = TokenKind::kPunct;
      token.end = sc.after(at);
    }
    token.space_after = false;
    tokens.push_back(token);
    sc.pos = token.end;
  }
  if (!tokens.empty()) tokens.back().space_after = true;
  return tokens;
}

}  // namespace sipur::analysis
