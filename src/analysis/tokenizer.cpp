#include "analysis/tokenizer.h"

#include <unicode/uchar.h>

#include "text/utf8.h"

namespace sipur::analysis {
namespace {

enum class Class { kSpace, kHebrew, kLetter, kDigit, kApostrophe, kQuote, kHyphen, kOther };

Class classify(char32_t cp) {
  if (cp == ' ' || cp == '\n' || cp == '\t' || cp == '\r' || cp == '\f' || cp == '\v') return Class::kSpace;
  if (is_hebrew_letter(cp)) return Class::kHebrew;
  if (cp < 0x80) {
    if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') return Class::kLetter;
    if (cp >= '0' && cp <= '9') return Class::kDigit;
    if (cp == '\'') return Class::kApostrophe;
    if (cp == '"') return Class::kQuote;
    if (cp == '-') return Class::kHyphen;
    return Class::kOther;
  }
  const auto c = static_cast<UChar32>(cp);
  if (u_isUWhiteSpace(c)) return Class::kSpace;
  if (u_isdigit(c)) return Class::kDigit;
  if (u_isalpha(c) || u_getIntPropertyValue(c, UCHAR_GENERAL_CATEGORY_MASK) & U_GC_M_MASK) return Class::kLetter;
  return Class::kOther;
}

// A cursor over code points with one code point of lookahead.
struct Scanner {
  std::string_view s;
  std::size_t pos = 0;

  [[nodiscard]] bool done() const { return pos >= s.size(); }
  [[nodiscard]] char32_t peek(std::size_t at) const {
    if (at >= s.size()) return 0;
    std::size_t p = at;
    return text::next_code_point(s, p);
  }
  [[nodiscard]] std::size_t after(std::size_t at) const {
    std::size_t p = at;
    (void)text::next_code_point(s, p);
    return p;
  }
  [[nodiscard]] Class cls(std::size_t at) const { return at >= s.size() ? Class::kSpace : classify(peek(at)); }
};

bool starts_with_at(std::string_view s, std::size_t at, std::string_view prefix) {
  return s.substr(at, prefix.size()) == prefix;
}

// URL or e-mail starting at `at`: runs to whitespace, minus trailing
// punctuation that more likely closes the sentence.
std::size_t scan_link(const Scanner& sc, std::size_t at, TokenKind& kind) {
  const std::string_view s = sc.s;
  if (sc.cls(at) != Class::kLetter) return at;
  // Bounded lookahead keeps tokenizing linear on long runs without spaces.
  constexpr std::size_t kMaxLinkBytes = 2048;
  std::size_t end = at;
  while (end < s.size() && end - at < kMaxLinkBytes && sc.cls(end) != Class::kSpace) end = sc.after(end);
  const std::string_view chunk = s.substr(at, end - at);
  const bool url =
      starts_with_at(s, at, "http://") || starts_with_at(s, at, "https://") || starts_with_at(s, at, "www.");
  const std::size_t atsign = chunk.find('@');
  const bool email = !url && atsign != std::string_view::npos && atsign > 0 &&
                     chunk.find('.', atsign) != std::string_view::npos && sc.cls(at) == Class::kLetter;
  if (!url && !email) return at;
  while (end > at && std::string_view(".,;:!?)]}\"'").find(s[end - 1]) != std::string_view::npos) --end;
  kind = url ? TokenKind::kUrl : TokenKind::kEmail;
  return end;
}

// Digits with inner separators (1.5, 14:26, 1,000, 12/05/2019) and ranges
// joined by hyphens (2000-2010).
std::size_t scan_number(const Scanner& sc, std::size_t at) {
  std::size_t end = at;
  while (true) {
    while (sc.cls(end) == Class::kDigit) end = sc.after(end);
    const char32_t sep = sc.peek(end);
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
    while (sc.cls(end) == Class::kHebrew) end = sc.after(end);
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
    while (sc.cls(end) == Class::kLetter || sc.cls(end) == Class::kDigit) end = sc.after(end);
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
  Scanner sc{text};
  while (!sc.done()) {
    const std::size_t at = sc.pos;
    const Class c = sc.cls(at);
    if (c == Class::kSpace) {
      if (!tokens.empty()) tokens.back().space_after = true;
      sc.pos = sc.after(at);
      continue;
    }
    Token token;
    token.begin = at;
    TokenKind link_kind = TokenKind::kUrl;
    if (const std::size_t link_end = scan_link(sc, at, link_kind); link_end > at) {
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
