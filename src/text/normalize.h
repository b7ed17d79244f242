// Character-level cleaning of article text, keeping a map back to the input.
//
// What it does and why:
//  - NFC, so that the same word always has the same bytes;
//  - drops niqqud, cantillation, bidi controls (LRM/RLM, embeddings,
//    isolates), zero-width spaces, soft hyphens and BOMs: they are invisible
//    but break matching;
//  - unifies geresh look-alikes (׳ ’ ‘ ` ´) to ' and gershayim look-alikes
//    (״ “ ” „ ″) to ", maqaf (־) and Unicode hyphens to -, so that צה"ל,
//    צה״ל and צה”ל are one token;
//  - collapses runs of spaces, keeps line breaks (at most one empty line in a
//    row), drops control characters, trims.
#pragma once

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

// The form used to compare words and to hash content: clean text under
// NFKC case folding, with Hebrew final letters (ך ם ן ף ץ) folded to their
// ordinary forms. Not for display.
[[nodiscard]] std::string fold_for_matching(std::string_view clean);

// Collapses all whitespace runs to single spaces and trims (titles, labels).
[[nodiscard]] std::string collapse_spaces(std::string_view s);

}  // namespace sipur::text
