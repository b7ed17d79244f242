#include "timex/tokens.h"

#include <array>

namespace sipur::timex {
namespace {

// Tolerant UTF-8 decoding: an invalid byte is returned as U+FFFD and
// skipped alone, so no input stops the scan.
char32_t decode(std::string_view s, std::size_t& pos) {
  const auto c = static_cast<unsigned char>(s[pos]);
  if (c < 0x80) {
    ++pos;
    return c;
  }
  int len = 0;
  char32_t cp = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    cp = c & 0x07;
  } else {
    ++pos;
    return 0xFFFD;
  }
  if (pos + len > s.size()) {
    ++pos;
    return 0xFFFD;
  }
  for (int i = 1; i < len; ++i) {
    const auto b = static_cast<unsigned char>(s[pos + i]);
    if ((b & 0xC0) != 0x80) {
      ++pos;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  pos += len;
  return cp;
}

bool is_hebrew_letter(char32_t c) {
  return c >= 0x05D0 && c <= 0x05EA;
}
// Niqqud and cantillation, not the maqaf (05BE), paseq (05C0) or sof pasuq (05C3).
bool is_niqqud(char32_t c) {
  return (c >= 0x0591 && c <= 0x05C7) && c != 0x05BE && c != 0x05C0 && c != 0x05C3 && c != 0x05C6;
}
bool is_ascii_letter(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_latin_letter(char32_t c) {
  return is_ascii_letter(c) || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}
bool is_digit(char32_t c) {
  return c >= '0' && c <= '9';
}
bool is_separator(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 ||
         (c >= 0x2000 && c <= 0x200F) || c == 0x2028 || c == 0x2029 || (c >= 0x202A && c <= 0x202F) ||
         (c >= 0x2060 && c <= 0x2069) || c == 0xFEFF || c == 0x061C;
}
// Marks inside a Hebrew word when a letter follows: צה"ל, ג'ון.
bool is_inner_mark(char32_t c) {
  return c == '"' || c == '\'' || c == 0x05F3 || c == 0x05F4;
}
// A letter of some other script (Arabic, Cyrillic, CJK...): kept as one word so that long runs of it
// make few tokens.
bool is_other_letter(char32_t c) {
  if (c < 0x80 || is_hebrew_letter(c) || is_latin_letter(c)) return false;
  if (c >= 0x2000 && c <= 0x2BFF) return false;  // punctuation, currency, arrows, symbols
  if (c >= 0x3000 && c <= 0x303F) return false;  // CJK punctuation
  if (c >= 0xFE30 && c <= 0xFE6F) return false;
  if (c >= 0xFF00 && c <= 0xFF0F) return false;
  if (c >= 0x0590 && c <= 0x05FF) return false;  // Hebrew marks and punctuation: maqaf, geresh, gershayim
  if (c >= 0x80 && c <= 0xBF) return false;      // Latin-1 punctuation and signs
  return c != 0xFFFD;
}
bool ends_sentence(char32_t c) {
  return c == '.' || c == '!' || c == '?' || c == '\n' || c == ';';
}

constexpr std::string_view kPrefixLetters = "ובכלמהש";

bool is_prefix_letter(std::string_view two_bytes) {
  for (std::size_t i = 0; i + 2 <= kPrefixLetters.size(); i += 2) {
    if (kPrefixLetters.substr(i, 2) == two_bytes) return true;
  }
  return false;
}

// The lexicon entry of a Hebrew key after the shortest prefix chain that gives one (none, then one
// letter, up to three): היום is ה + יום, מאתמול is מ + אתמול, ובשבוע is ו + ב + שבוע.
void look_up_hebrew(Token& t) {
  const std::string_view key = t.key;
  bool all_prefix = !key.empty() && key.size() <= 8;
  for (std::size_t p = 0; p + 2 <= key.size(); p += 2) {
    if (!is_prefix_letter(key.substr(p, 2))) {
      all_prefix = false;
      break;
    }
  }
  t.prefix_only = all_prefix;
  for (std::size_t p = 0; p <= 6 && p + 4 <= key.size(); p += 2) {
    if (p > 0 && !is_prefix_letter(key.substr(p - 2, 2))) return;
    if (const lex::Entry* e = lex::hebrew(key.substr(p))) {
      t.entry = e;
      t.prefix = key.substr(0, p);
      t.stem = key.substr(p);
      return;
    }
  }
}

}  // namespace

char last_prefix_letter(const Token& token) {
  if (token.prefix.size() < 2) return '\0';
  const std::string_view last = token.prefix.substr(token.prefix.size() - 2);
  static constexpr std::array<char, 7> kAscii = {'w', 'b', 'k', 'l', 'm', 'h', 's'};
  for (std::size_t i = 0; i < kAscii.size(); ++i) {
    if (kPrefixLetters.substr(i * 2, 2) == last) return kAscii[i];
  }
  return '\0';
}

bool prefix_contains(const Token& token, char letter) {
  static constexpr std::string_view kAscii = "wbklmhs";
  const std::size_t i = kAscii.find(letter);
  if (i == std::string_view::npos) return false;
  const std::string_view hebrew = kPrefixLetters.substr(i * 2, 2);
  for (std::size_t p = 0; p + 2 <= token.prefix.size(); p += 2) {
    if (token.prefix.substr(p, 2) == hebrew) return true;
  }
  return false;
}

TokenList::TokenList(std::string_view text) : text_(text) {
  tokens_.reserve(text.size() / 5 + 4);
  std::size_t pos = 0;
  bool space = true;
  std::uint32_t sentence = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    const char32_t c = decode(text, pos);
    if (is_separator(c)) {
      if (c == '\n') ++sentence;
      space = true;
      continue;
    }
    if (is_hebrew_letter(c)) {
      bool copy = false;
      std::size_t end = pos;
      while (end < text.size()) {
        std::size_t next = end;
        const char32_t d = decode(text, next);
        if (is_hebrew_letter(d)) {
          end = next;
        } else if (is_niqqud(d)) {
          copy = true;
          end = next;
        } else if (is_inner_mark(d) && next < text.size()) {
          std::size_t after = next;
          if (!is_hebrew_letter(decode(text, after))) break;
          copy = copy || d > 0x7F;
          end = next;
        } else {
          break;
        }
      }
      add_word(start, end, TokenKind::kHebrew, copy, space, sentence);
      pos = end;
    } else if (is_latin_letter(c)) {
      std::size_t end = pos;
      while (end < text.size()) {
        std::size_t next = end;
        if (!is_latin_letter(decode(text, next))) break;
        end = next;
      }
      add_word(start, end, TokenKind::kLatin, false, space, sentence);
      pos = end;
    } else if (is_digit(c)) {
      // Digits with single inner separators between digits: 12.4.2019, 14:30, 2019-04-12, 1,000.
      std::size_t end = pos;
      while (end < text.size()) {
        const char d = text[end];
        if (d >= '0' && d <= '9') {
          ++end;
        } else if ((d == '.' || d == ':' || d == '/' || d == '-' || d == ',') && end + 1 < text.size() &&
                   text[end + 1] >= '0' && text[end + 1] <= '9') {
          end += 2;
        } else {
          break;
        }
      }
      add_as_written(start, end, TokenKind::kNumber, space, sentence);
      pos = end;
    } else if (is_niqqud(c)) {
      // A stray mark outside a word: nothing to read.
    } else if (is_other_letter(c)) {
      std::size_t end = pos;
      while (end < text.size()) {
        std::size_t next = end;
        if (!is_other_letter(decode(text, next))) break;
        end = next;
      }
      add_as_written(start, end, TokenKind::kOther, space, sentence);
      pos = end;
    } else {
      Token t;
      t.begin = start;
      t.end = pos;
      t.key = text.substr(start, pos - start);
      t.punct = c;
      t.kind = TokenKind::kPunct;
      t.space_before = space;
      t.sentence = sentence;
      tokens_.push_back(t);
      if (ends_sentence(c)) ++sentence;
    }
    space = false;
  }
}

void TokenList::add_as_written(std::size_t begin, std::size_t end, TokenKind kind, bool space_before,
                               std::uint32_t sentence) {
  Token t;
  t.begin = begin;
  t.end = end;
  t.key = text_.substr(begin, end - begin);
  t.kind = kind;
  t.space_before = space_before;
  t.sentence = sentence;
  tokens_.push_back(t);
}

void TokenList::add_word(std::size_t begin, std::size_t end, TokenKind kind, bool needs_copy, bool space_before,
                         std::uint32_t sentence) {
  Token t;
  t.begin = begin;
  t.end = end;
  t.kind = kind;
  t.space_before = space_before;
  t.sentence = sentence;
  const std::string_view bytes = text_.substr(begin, end - begin);
  if (kind == TokenKind::kHebrew) {
    if (needs_copy) {
      std::string key;
      std::size_t pos = 0;
      while (pos < bytes.size()) {
        const std::size_t at = pos;
        const char32_t c = decode(bytes, pos);
        if (is_niqqud(c)) continue;
        if (c == 0x05F4) {
          key += '"';
        } else if (c == 0x05F3) {
          key += '\'';
        } else {
          key.append(bytes.substr(at, pos - at));
        }
      }
      t.key = owned_.emplace_back(std::move(key));
    } else {
      t.key = bytes;
    }
    look_up_hebrew(t);
  } else {
    t.key = bytes;
    t.capitalized = bytes[0] >= 'A' && bytes[0] <= 'Z';
    // Time words are short ASCII words; longer or accented words are never looked up.
    if (bytes.size() <= 10) {
      char lower[10];
      bool ascii = true;
      for (std::size_t i = 0; i < bytes.size(); ++i) {
        char ch = bytes[i];
        if (static_cast<unsigned char>(ch) >= 0x80) {
          ascii = false;
          break;
        }
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
        lower[i] = ch;
      }
      if (ascii) {
        const std::string_view lowered(lower, bytes.size());
        t.entry = lex::english(lowered);
        if (t.entry && lowered != bytes) t.key = owned_.emplace_back(lowered);
      }
    }
  }
  tokens_.push_back(t);
}

}  // namespace sipur::timex
