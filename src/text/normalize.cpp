#include "text/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "text/utf8.h"

namespace sipur::text {
namespace {

constexpr char32_t kDrop = 0xFFFFFFFF;

bool is_hebrew_mark(char32_t cp) {
  // Cantillation U+0591–U+05AF, points U+05B0–U+05BD, U+05BF, U+05C1–U+05C2,
  // U+05C4–U+05C5, U+05C7. Maqaf (05BE), paseq (05C0), sof pasuq (05C3) and
  // nun hafukha (05C6) are punctuation, kept.
  return (cp >= 0x0591 && cp <= 0x05BD) || cp == 0x05BF || cp == 0x05C1 || cp == 0x05C2 || cp == 0x05C4 ||
         cp == 0x05C5 || cp == 0x05C7;
}

bool is_invisible(char32_t cp) {
  return cp == 0x00AD || cp == 0x200B || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069) || cp == 0x061C || cp == 0xFEFF || cp == 0x2060;
}

bool is_space(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\f' || cp == '\v' || cp == 0x00A0 || (cp >= 0x2000 && cp <= 0x200A) ||
         cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

bool is_newline(char32_t cp) {
  return cp == '\n' || cp == 0x2028 || cp == 0x2029 || cp == 0x0085;
}

// Maps one NFC code point to what clean text holds: itself or kDrop.
//
// Visible characters are kept as the writer wrote them, each for its own
// reason: “ ” ‘ ’ „ ‛ ‟ are the quotation marks and apostrophes of edited
// text (a quote searched for as printed must be found in it); ′ ″ are
// primes (minutes, inches) and ´ ʼ ʺ ` are what keyboards and transliterators
// put for apostrophes, and replacing them would be a guess; ׳ ״ are the
// proper geresh and gershayim of Hebrew abbreviations and acronyms (פרופ׳,
// צה״ל), ־ is the Hebrew hyphen, and ‐ ‑ − are hyphens and the minus sign
// that typesetting chose; ׃ ׀ are Hebrew punctuation. None of them is
// invisible, so none of them breaks matching as the marks dropped here do:
// matching reads them as ASCII through fold_punctuation.
char32_t map_code_point(char32_t cp) {
  if (cp < 0x80) {
    if (cp < 0x20 && cp != '\n' && cp != '\t' && cp != '\f' && cp != '\v') return kDrop;  // includes '\r'
    if (cp == 0x7F) return kDrop;
    return cp;
  }
  if (is_hebrew_mark(cp) || is_invisible(cp)) return kDrop;
  if (cp >= 0x80 && cp < 0xA0) return is_newline(cp) ? '\n' : kDrop;  // C1 controls
  return cp;
}

// Hebrew letters U+05D0..U+05EA neither decompose nor compose (their
// precomposed presentation forms are composition exclusions): NFC leaves
// them alone, so the common case needs no ICU call.
bool is_hebrew_letter(char32_t cp) {
  return cp >= 0x5D0 && cp <= 0x5EA;
}

// The code point at byte pos is ASCII or a Hebrew letter (0xD7 0x90..0xAA),
// so an NFC segment ends before it; read from the bytes without decoding.
bool starts_inert_letter(std::string_view s, std::size_t pos) {
  const auto c = static_cast<unsigned char>(s[pos]);
  if (c < 0x80) return true;
  if (c != 0xD7 || pos + 1 >= s.size()) return false;
  const auto next = static_cast<unsigned char>(s[pos + 1]);
  return next >= 0x90 && next <= 0xAA;
}

// ASCII bytes that clean text keeps as they are: printable, not a space.
constexpr bool is_plain_ascii(unsigned char c) {
  return c > ' ' && c < 0x7F;
}

// Bytes of the character at `at` if clean text keeps it as it is (NFC
// leaves it alone and map_code_point maps it to itself): plain ASCII or a
// Hebrew letter; else 0.
std::size_t kept_char_length(std::string_view s, std::size_t at) {
  if (at >= s.size()) return 0;
  const auto c = static_cast<unsigned char>(s[at]);
  if (c < 0x80) return is_plain_ascii(c) ? 1 : 0;
  return starts_inert_letter(s, at) ? 2 : 0;  // not ASCII, so a Hebrew letter
}

bool is_single_separator(char c) {
  return c == ' ' || c == '\n';
}

// End of the longest run from `pos` that clean text holds byte for byte with
// one shift of offsets, so that it can be copied whole with one OffsetMap
// entry: kept characters, with single spaces or line breaks between them
// (which there neither collapse nor trim). The run starts and ends with a
// kept character; it is empty if `pos` does not start one.
std::size_t verbatim_run_end(std::string_view s, std::size_t pos) {
  std::size_t end = pos;
  std::size_t last_length = 0;  // of the run's last kept character
  for (std::size_t i = pos; i < s.size();) {
    if (i > pos && is_single_separator(s[i])) ++i;  // i > pos: a kept character is before it
    const std::size_t length = kept_char_length(s, i);
    if (length == 0) break;
    i += length;
    end = i;
    last_length = length;
  }
  // A combining mark after the last character joins its NFC segment: leave
  // that character (and a separator before it) to the general path.
  if (end > pos && end < s.size() && !starts_inert_letter(s, end)) {
    end -= last_length;
    if (end > pos && is_single_separator(s[end - 1])) --end;
  }
  return end;
}

// Builds clean text one code point at a time, deciding spaces and line
// breaks lazily so that runs collapse and the ends trim.
class Emitter {
 public:
  explicit Emitter(CleanText& out) : out_(out) {}

  // Same result as put() of each code point of a verbatim_run_end() run:
  // the separators inside it would be flushed as themselves, and the
  // OffsetMap would record nothing after the first byte's entry.
  void put_verbatim(std::string_view run, std::size_t raw_pos) {
    flush_pending();
    out_.map.add(out_.text.size(), raw_pos);
    out_.text.append(run);
  }

  void put(char32_t cp, std::size_t raw_pos) {
    if (cp == kDrop) return;
    if (is_newline(cp)) {
      if (pending_newlines_ == 0) pending_raw_ = raw_pos;
      ++pending_newlines_;
      pending_space_ = false;
      return;
    }
    if (is_space(cp)) {
      if (pending_newlines_ == 0 && !pending_space_) {
        pending_space_ = true;
        pending_raw_ = raw_pos;
      }
      return;
    }
    flush_pending();
    out_.map.add(out_.text.size(), raw_pos);
    append_utf8(out_.text, cp);
  }

 private:
  void flush_pending() {
    if (out_.text.empty()) {
      pending_newlines_ = 0;
      pending_space_ = false;
      return;
    }
    if (pending_newlines_ > 0) {
      out_.map.add(out_.text.size(), pending_raw_);
      out_.text.append(pending_newlines_ >= 2 ? "\n\n" : "\n");
    } else if (pending_space_) {
      out_.map.add(out_.text.size(), pending_raw_);
      out_.text.push_back(' ');
    }
    pending_newlines_ = 0;
    pending_space_ = false;
  }

  CleanText& out_;
  int pending_newlines_ = 0;
  bool pending_space_ = false;
  std::size_t pending_raw_ = 0;
};

}  // namespace

CleanText clean_characters(std::string_view raw) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  CleanText out;
  out.text.reserve(raw.size());
  Emitter emit(out);

  // Walk segments that start at an NFC boundary; a segment of one code point
  // without a decomposition is already NFC (the common case: ASCII, Hebrew
  // letters), anything else goes through ICU.
  std::size_t pos = 0;
  icu::UnicodeString segment;
  std::string utf8;
  while (pos < raw.size()) {
    if (const std::size_t run_end = verbatim_run_end(raw, pos); run_end > pos) {
      emit.put_verbatim(raw.substr(pos, run_end - pos), pos);
      pos = run_end;
      continue;
    }
    const std::size_t start = pos;
    const char32_t first = next_code_point(raw, pos);
    bool single = true;
    std::size_t end = pos;
    while (end < raw.size() && !starts_inert_letter(raw, end)) {
      std::size_t probe = end;
      const char32_t cp = next_code_point(raw, probe);
      if (cp < 0x300 || nfc->hasBoundaryBefore(static_cast<UChar32>(cp))) break;
      single = false;
      end = probe;
    }
    if (first == '\r') {
      // CRLF and lone CR both end a line.
      emit.put('\n', start);
      if (pos < raw.size() && raw[pos] == '\n') ++pos;
      continue;
    }
    if (single && (first < 0x300 || is_hebrew_letter(first) || nfc->isInert(static_cast<UChar32>(first)))) {
      emit.put(map_code_point(first), start);
      continue;
    }
    segment = icu::UnicodeString::fromUTF8(icu::StringPiece(raw.data() + start, static_cast<int32_t>(end - start)));
    icu::UnicodeString normalized = nfc->normalize(segment, status);
    if (U_FAILURE(status)) {
      status = U_ZERO_ERROR;
      normalized = segment;
    }
    for (int32_t i = 0; i < normalized.length();) {
      const UChar32 cp = normalized.char32At(i);
      emit.put(map_code_point(static_cast<char32_t>(cp)), start);
      i += U16_LENGTH(cp);
    }
    pos = end;
  }
  out.map.finish(out.text.size(), raw.size());
  return out;
}

char32_t fold_punctuation(char32_t cp) {
  if (cp < 0x80) return cp == '`' ? '\'' : cp;
  switch (cp) {
    case 0x05F3:  // ׳ geresh
    case 0x2018:  // ‘
    case 0x2019:  // ’
    case 0x201B:  // ‛
    case 0x2032:  // ′ prime
    case 0x00B4:  // ´ acute accent
    case 0x02BC:  // ʼ modifier letter apostrophe
      return '\'';
    case 0x05F4:  // ״ gershayim
    case 0x201C:  // “
    case 0x201D:  // ”
    case 0x201E:  // „
    case 0x201F:  // ‟
    case 0x2033:  // ″ double prime
    case 0x02BA:  // ʺ modifier letter double prime
      return '"';
    case 0x05BE:  // ־ maqaf
    case 0x2010:  // ‐ hyphen
    case 0x2011:  // ‑ non-breaking hyphen
    case 0x2212:  // − minus sign
      return '-';
    case 0x05C3:  // ׃ sof pasuq
      return ':';
    case 0x05C0:  // ׀ paseq
      return '|';
    default:
      return cp;
  }
}

bool has_foldable_punctuation_slow(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (c == '`') return true;
      ++i;
      continue;
    }
    // Hebrew letters (0xD7 0x90..0xAA), most of a Hebrew text, fold to themselves.
    if (c == 0xD7 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x90 &&
        static_cast<unsigned char>(text[i + 1]) <= 0xAA) {
      i += 2;
      continue;
    }
    const char32_t cp = next_code_point(text, i);
    if (fold_punctuation(cp) != cp) return true;
  }
  return false;
}

std::string fold_punctuation(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const char32_t cp = next_code_point(text, i);
    const char32_t folded = fold_punctuation(cp);
    if (folded == cp) {
      out.append(text.substr(start, i - start));
    } else {
      append_utf8(out, folded);
    }
  }
  return out;
}

bool same_when_folded(std::string_view a, std::string_view b) {
  if (a == b) return true;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j] && static_cast<unsigned char>(a[i]) < 0x80 && a[i] != '`') {
      ++i;
      ++j;
      continue;
    }
    if (fold_punctuation(next_code_point(a, i)) != fold_punctuation(next_code_point(b, j))) return false;
  }
  return i == a.size() && j == b.size();
}

namespace {

// ASCII and Hebrew letters need no ICU: lowercase ASCII (the backtick read
// as an apostrophe, as fold_punctuation reads it), fold final letters.
// Anything else goes through NFKC case folding.
[[gnu::always_inline]] inline bool fold_fast(std::string_view clean, std::string& out) {
  // Written by index into a string of the input's size: the fast path maps
  // every byte to one byte (ASCII) and every letter to two (Hebrew).
  out.resize(clean.size());
  for (std::size_t i = 0; i < clean.size(); ++i) {
    const auto c = static_cast<unsigned char>(clean[i]);
    if (c < 0x80) {
      out[i] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c == '`' ? '\'' : c);
      continue;
    }
    // Hebrew letters U+05D0..U+05EA are 0xD7 0x90..0xAA.
    if (c != 0xD7 || i + 1 >= clean.size()) return false;
    auto next = static_cast<unsigned char>(clean[i + 1]);
    if (next < 0x90 || next > 0xAA) return false;
    switch (next) {
      case 0x9A:
        next = 0x9B;
        break;  // ך -> כ
      case 0x9D:
        next = 0x9E;
        break;  // ם -> מ
      case 0x9F:
        next = 0xA0;
        break;  // ן -> נ
      case 0xA3:
        next = 0xA4;
        break;  // ף -> פ
      case 0xA5:
        next = 0xA6;
        break;  // ץ -> צ
      default:
        break;
    }
    out[i] = static_cast<char>(c);
    out[i + 1] = static_cast<char>(next);
    ++i;
  }
  return true;
}

// fold_for_matching beyond ASCII and Hebrew letters; out of line, so that
// the fast path stays small where every token passes.
[[gnu::noinline]] std::string fold_other(std::string_view clean) {
  // Punctuation first: NFKC would take some look-alikes apart (´ is a space
  // and a combining accent to it, ″ two primes) before they could fold.
  std::string punctuation_folded;
  if (has_foldable_punctuation(clean)) {
    punctuation_folded = fold_punctuation(clean);
    clean = punctuation_folded;
    if (std::string fast; fold_fast(clean, fast)) return fast;
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* fold = icu::Normalizer2::getNFKCCasefoldInstance(status);
  icu::UnicodeString folded = fold->normalize(
      icu::UnicodeString::fromUTF8(icu::StringPiece(clean.data(), static_cast<int32_t>(clean.size()))), status);
  std::string out;
  if (U_FAILURE(status)) return std::string(clean);
  for (int32_t i = 0; i < folded.length(); ++i) {
    switch (folded[i]) {
      case 0x05DA:
        folded.setCharAt(i, 0x05DB);
        break;  // ך -> כ
      case 0x05DD:
        folded.setCharAt(i, 0x05DE);
        break;  // ם -> מ
      case 0x05DF:
        folded.setCharAt(i, 0x05E0);
        break;  // ן -> נ
      case 0x05E3:
        folded.setCharAt(i, 0x05E4);
        break;  // ף -> פ
      case 0x05E5:
        folded.setCharAt(i, 0x05E6);
        break;  // ץ -> צ
      default:
        break;
    }
  }
  folded.toUTF8String(out);
  return out;
}

}  // namespace

std::string fold_for_matching(std::string_view clean) {
  std::string fast;
  if (fold_fast(clean, fast)) return fast;
  return fold_other(clean);
}

std::string collapse_spaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  // Word by word, each appended whole, one space between words.
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_ascii_space(s[i])) ++i;
    const std::size_t begin = i;
    while (i < s.size() && !is_ascii_space(s[i])) ++i;
    if (i == begin) break;
    if (!out.empty()) out.push_back(' ');
    out.append(s.substr(begin, i - begin));
  }
  return out;
}

}  // namespace sipur::text
