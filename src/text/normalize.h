// Character-level cleaning of article text, keeping a map back to the input.
//
// What it does and why:
//  - NFC, so that the same word always has the same bytes;
//  - drops niqqud, cantillation, bidi controls (LRM/RLM, embeddings,
//    isolates), zero-width spaces, soft hyphens and BOMs: they are invisible
//    but break matching;
//  - keeps every visible character as written: typographic quotes and
//    apostrophes (“ ” ‘ ’), geresh and gershayim (׳ ״), the maqaf (־),
//    Unicode hyphens and dashes stay in clean text, which is what users read
//    and what `sipur extract` prints. Matching reads them as ASCII through
//    fold_punctuation (the tokenizer, fold_for_matching), so that צה"ל,
//    צה״ל and צה”ל are still one word to everything that compares words;
//  - collapses runs of spaces, keeps line breaks (at most one empty line in a
//    row), drops control characters, trims.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "text/offset_map.h"

namespace sipur::text {

struct CleanText {
  std::string text;
  OffsetMap map;  // text offsets -> input offsets
};

// `raw` must be valid UTF-8 (readers check this at the boundary).
[[nodiscard]] CleanText clean_characters(std::string_view raw);

// The character matching reads in place of `cp`: the look-alikes of the
// apostrophe and geresh (’ ‘ ‛ ′ ´ ʼ ׳ `) as ', of the double quote and
// gershayim (“ ” „ ‟ ″ ʺ ״) as ", the maqaf and the Unicode hyphens
// (־ ‐ ‑ −) as -, sof pasuq (׃) as : and paseq (׀) as |; any other code
// point as itself. En and em dashes are not hyphens and stay themselves.
[[nodiscard]] char32_t fold_punctuation(char32_t cp);

// has_foldable_punctuation's slow path: decodes every character.
[[nodiscard]] bool has_foldable_punctuation_slow(std::string_view text);

// Bytes found in every character that fold_punctuation changes: ` and the
// lead bytes 0xC2 0xCA 0xD6 0xE2, and the second bytes 0x80 0x83 0xB3 0xB4
// of ׀ ׃ ׳ ״ (whose lead byte 0xD7 every Hebrew letter has).
inline constexpr std::array<bool, 256> kFoldableBytes = [] {
  std::array<bool, 256> bytes{};
  for (const std::size_t b : {0x60, 0xC2, 0xCA, 0xD6, 0xE2, 0x80, 0x83, 0xB3, 0xB4}) bytes[b] = true;
  return bytes;
}();

// True if fold_punctuation changes a code point of `text` (valid UTF-8).
// Inline, and for most words (ASCII, Hebrew letters) one table lookup per
// byte.
[[nodiscard]] inline bool has_foldable_punctuation(std::string_view text) {
  bool maybe = false;
  for (const char c : text) maybe |= kFoldableBytes[static_cast<unsigned char>(c)];
  return maybe && has_foldable_punctuation_slow(text);
}

// `text` with fold_punctuation applied to every code point. Byte lengths
// change (’ is three bytes, ' one): offsets into the result are not offsets
// into `text`.
[[nodiscard]] std::string fold_punctuation(std::string_view text);

// True if `a` and `b` read the same to matching: equal after
// fold_punctuation (no allocation).
[[nodiscard]] bool same_when_folded(std::string_view a, std::string_view b);

// The form used to compare words and to hash content: clean text with its
// punctuation folded (fold_punctuation), under NFKC case folding, with
// Hebrew final letters (ך ם ן ף ץ) folded to their ordinary forms. Not for
// display.
[[nodiscard]] std::string fold_for_matching(std::string_view clean);

// Collapses all whitespace runs to single spaces and trims (titles, labels).
[[nodiscard]] std::string collapse_spaces(std::string_view s);

}  // namespace sipur::text
