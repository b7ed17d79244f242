// Character cleaning, as a table of real traps (STYLE.md): invisible marks
// go, the same word written with or without niqqud comes out as the same
// bytes, and visible characters (typographic quotes, geresh, gershayim,
// hyphens) stay as written; matching reads them alike (fold_punctuation,
// fold_for_matching).
#include <gtest/gtest.h>

#include "text/normalize.h"

namespace sipur::text {
namespace {

struct Trap {
  const char* name;
  const char* input;
  const char* expected;
};

const Trap kTraps[] = {
    // Kept as written (they used to become ' " -, which made a quotation
    // copied from the page unfindable in clean text; matching folds them).
    {"gershayim U+05F4 kept", "צה״ל", "צה״ל"},
    {"right double quotation mark as gershayim kept", "ארה”ב", "ארה”ב"},
    {"left double quotation mark as gershayim kept", "תא“ל", "תא“ל"},
    {"ASCII gershayim stays", "מזה\"ת", "מזה\"ת"},
    {"geresh U+05F3 kept", "ג׳ון", "ג׳ון"},
    {"right single quotation mark as geresh kept", "צ’יק", "צ’יק"},
    {"backtick as geresh kept", "ג`ורג`", "ג`ורג`"},
    {"maqaf kept", "בית־ספר", "בית־ספר"},
    {"non-breaking hyphen kept", "S‑300", "S‑300"},
    {"typographic quotes kept", "“שלום” ‘a’ „b‟ ‛c", "“שלום” ‘a’ „b‟ ‛c"},
    {"dashes and minus kept", "a – b — c ‐ d −5", "a – b — c ‐ d −5"},
    {"primes, accent and modifier letters kept", "5′ 6″ it´s ʼa ʺb", "5′ 6″ it´s ʼa ʺb"},
    {"geresh and gershayim glued to niqqud", "צַה״ל פְּרוֹפ׳", "צה״ל פרופ׳"},
    {"niqqud removed", "שָׁלוֹם", "שלום"},
    {"cantillation removed", "בְּרֵאשִׁ֖ית", "בראשית"},
    {"dagesh and shin dot removed", "שַׁבָּת", "שבת"},
    {"presentation form with dagesh decomposed and cleaned", "\xEF\xAC\xB1", "ב"},
    {"RLM removed", "ב\u200F-2019", "ב-2019"},
    {"LRM removed between Hebrew and Latin", "ל\u200ECNN", "לCNN"},
    {"bidi embedding removed", "\u202Bשלום\u202C", "שלום"},
    {"bidi isolate removed", "\u2067S-300\u2069", "S-300"},
    {"zero-width space removed", "פוטין\u200Bנתניהו", "פוטיןנתניהו"},
    {"soft hyphen removed", "in\u00ADformation", "information"},
    {"BOM removed", "\uFEFFשלום", "שלום"},
    {"Hebrew glued to digits kept", "ב-2019", "ב-2019"},
    {"prefix glued to Latin kept", "ב-S-300", "ב-S-300"},
    {"no-break space becomes space", "ראש\u00A0הממשלה", "ראש הממשלה"},
    {"space runs collapse", "נתניהו   ופוטין", "נתניהו ופוטין"},
    {"CRLF becomes LF", "שורה\r\nשנייה", "שורה\nשנייה"},
    {"three blank lines become one", "א\n\n\n\nב", "א\n\nב"},
    {"trailing spaces before newline dropped", "א  \nב", "א\nב"},
    {"leading and trailing whitespace trimmed", "  \n שלום \n ", "שלום"},
    {"control characters dropped",
     "a\x01"
     "b\x7f"
     "c",
     "abc"},
    {"combining acute composed (NFC)", "Cafe\u0301", "Café"},
    {"sof pasuq and paseq kept", "סוף\u05C3 א\u05C0ב", "סוף\u05C3 א\u05C0ב"},
    // Around the copy of plain runs (ASCII, Hebrew letters, single spaces and
    // line breaks): what ends a run, what is kept out of it.
    {"combining mark right after a run", "Cafe\u0301 au lait", "Café au lait"},
    {"combining mark after a spaced run", "a e\u0301", "a é"},
    {"combining mark after a line break", "ab\n\u0301cd", "ab\n\u0301cd"},
    {"niqqud right after a run of Hebrew letters", "שלום עוֹלָם", "שלום עולם"},
    {"ASCII glued to Hebrew and back", "CNNשלוםBBC", "CNNשלוםBBC"},
    {"right single quotation mark inside ASCII", "don’t stop", "don’t stop"},
    {"backtick inside ASCII", "it`s", "it`s"},
    {"tab between ASCII becomes space", "a\tb", "a b"},
    {"no-break space between ASCII", "a\u00A0b", "a b"},
    {"DEL before a space", "ab\x7f cd", "ab cd"},
    {"lone CR between ASCII", "ab\rcd", "ab\ncd"},
    {"spaces around CRLF dropped", "ab \r\n cd", "ab\ncd"},
    {"space before line break dropped", "ab \ncd", "ab\ncd"},
    {"line break before space kept alone", "ab\n cd", "ab\ncd"},
    {"one empty line between ASCII kept", "ab\n\ncd", "ab\n\ncd"},
    {"single spaces kept, trailing one trimmed", "a b c ", "a b c"},
    {"leading space trimmed before a run", " ab", "ab"},
};

// GoogleTest finds the printer by this name.
// NOLINTNEXTLINE(readability-identifier-naming)
void PrintTo(const Trap& trap, std::ostream* os) {
  *os << trap.name;
}

class NormalizeTraps : public ::testing::TestWithParam<Trap> {};

TEST_P(NormalizeTraps, CleansToExpected) {
  const Trap& trap = GetParam();
  EXPECT_EQ(clean_characters(trap.input).text, trap.expected) << trap.name;
}

INSTANTIATE_TEST_SUITE_P(Traps, NormalizeTraps, ::testing::ValuesIn(kTraps),
                         [](const ::testing::TestParamInfo<Trap>& param) {
                           return "trap" + std::to_string(param.index);
                         });

TEST(Normalize, OffsetMapLeadsBackToRaw) {
  // Niqqud between letters: the clean "ל" must map to the raw "ל".
  const std::string raw = "שָׁלוֹם לְפוּטִין";
  const CleanText clean = clean_characters(raw);
  ASSERT_EQ(clean.text, "שלום לפוטין");
  const std::size_t clean_pos = clean.text.find("לפוטין");
  const std::size_t raw_pos = clean.map.to_raw(clean_pos);
  EXPECT_EQ(raw.substr(raw_pos, 2), "ל");
  EXPECT_EQ(raw_pos, raw.find("לְ"));
  EXPECT_EQ(clean.map.to_raw(clean.text.size()), raw.size());
}

std::string anchors_of(const OffsetMap& map) {
  std::string out;
  for (const OffsetMap::Anchor& a : map.anchors()) {
    if (!out.empty()) out += ' ';
    out += std::to_string(a.clean) + ":" + std::to_string(a.raw);
  }
  return out;
}

TEST(Normalize, OffsetMapAnchorsAfterMappedAndDroppedCharacters) {
  // ’ is kept, three bytes for three: no jump there; the double space adds
  // one byte of raw, and NEL (two bytes) becomes a line break (one).
  const CleanText mapped = clean_characters("ab’cd  ef\u0085g");
  ASSERT_EQ(mapped.text, "ab’cd ef\ng");
  EXPECT_EQ(anchors_of(mapped.map), "0:0 8:9 11:13");
  EXPECT_EQ(mapped.map.to_raw(2), 2u);    // the apostrophe
  EXPECT_EQ(mapped.map.to_raw(5), 5u);    // c
  EXPECT_EQ(mapped.map.to_raw(8), 9u);    // e
  EXPECT_EQ(mapped.map.to_raw(11), 13u);  // g
  EXPECT_EQ(mapped.map.to_raw(mapped.text.size()), 14u);

  // CRLF becomes one byte, a tab stays one, a zero-width space goes.
  const CleanText dropped = clean_characters("a\r\nb\tc\u200Bd");
  ASSERT_EQ(dropped.text, "a\nb cd");
  EXPECT_EQ(anchors_of(dropped.map), "0:0 2:3 5:9");
}

TEST(Normalize, OffsetMapLeadsEveryCopiedByteBackToItself) {
  const char* const inputs[] = {
      "The 33-year-old actress’s rep told  the magazine.\r\nKetsoyan would not say.\n\n\nEnd",
      "\u202Bצה״ל\u202C תקף ב־2019 את  S‑300 \u05D1\u05BC\u05B0ירושלים",
      "  Cafe\u0301 e\u0301 it`s\t\ttab\x01\x7f\u00A0x\u2028y\u0085z\u200B!",
  };
  for (const char* input : inputs) {
    const std::string raw = input;
    const CleanText clean = clean_characters(raw);
    for (std::size_t i = 0; i < clean.text.size(); ++i) {
      const char c = clean.text[i];
      if (c == ' ' || c == '\n' || static_cast<unsigned char>(c) >= 0x80) continue;
      const std::size_t raw_pos = clean.map.to_raw(i);
      ASSERT_LT(raw_pos, raw.size()) << input << " at " << i;
      EXPECT_EQ(raw[raw_pos], c) << input << " at " << i;
    }
    EXPECT_EQ(clean.map.to_raw(clean.text.size()), raw.size());
  }
}

TEST(Normalize, TypographicMarksKeepTheirBytesAndTheirOffsets) {
  // Nothing here is dropped or collapsed: clean text is the input, and the
  // map is the identity, byte for byte (the quotes, geresh and maqaf too).
  const std::string raw = "“צה״ל” תקף ב־2019; פרופ׳ כהן: don’t ‘stop’ – S‑300 — 5−3";
  const CleanText clean = clean_characters(raw);
  ASSERT_EQ(clean.text, raw);
  for (std::size_t i = 0; i <= raw.size(); ++i) EXPECT_EQ(clean.map.to_raw(i), i) << i;
}

TEST(Normalize, FoldPunctuationReadsLookAlikesAsAscii) {
  EXPECT_EQ(fold_punctuation("צה״ל ג׳ון ב־2019 “x” ‘y’ „z‟ ‛w"), "צה\"ל ג'ון ב-2019 \"x\" 'y' \"z\" 'w");
  EXPECT_EQ(fold_punctuation("it´s ʼa ʺb 5′ 6″ it`s S‑300 a‐b −5 סוף\u05C3 א\u05C0ב"),
            "it's 'a \"b 5' 6\" it's S-300 a-b -5 סוף: א|ב");
  EXPECT_EQ(fold_punctuation("a – b — c"), "a – b — c");  // dashes are no hyphens
  EXPECT_FALSE(has_foldable_punctuation("שלום world – 2019"));
  EXPECT_TRUE(has_foldable_punctuation("don’t"));
  EXPECT_TRUE(has_foldable_punctuation("it`s"));
  EXPECT_TRUE(has_foldable_punctuation("צה״ל"));
  EXPECT_TRUE(same_when_folded("don’t", "don't"));
  EXPECT_TRUE(same_when_folded("צה״ל", "צה\"ל"));
  EXPECT_FALSE(same_when_folded("don’t", "dont"));
  EXPECT_FALSE(same_when_folded("don’t", "don't!"));
  EXPECT_FALSE(same_when_folded("צה״ל", "צהל"));
}

TEST(Normalize, FoldForMatchingReadsTypographicMarksAsAscii) {
  EXPECT_EQ(fold_for_matching("Don’t"), "don't");
  EXPECT_EQ(fold_for_matching("צה״ל"), fold_for_matching("צה\"ל"));
  EXPECT_EQ(fold_for_matching("ארה”ב"), "ארה\"ב");
  EXPECT_EQ(fold_for_matching("ג׳ורג׳"), "ג'ורג'");
  EXPECT_EQ(fold_for_matching("it`s"), "it's");
  EXPECT_EQ(fold_for_matching("S‑300"), "s-300");
  // Before NFKC, which would take ´ apart (a space and a combining accent)
  // and ″ into two primes.
  EXPECT_EQ(fold_for_matching("it´s"), "it's");
  EXPECT_EQ(fold_for_matching("6″"), "6\"");
  EXPECT_EQ(fold_for_matching("Café’s"), "café's");
}

TEST(Normalize, FoldForMatchingFoldsFinalLettersAndCase) {
  EXPECT_EQ(fold_for_matching("שלום"), "שלומ");
  EXPECT_EQ(fold_for_matching("ארץ"), "ארצ");
  EXPECT_EQ(fold_for_matching("Netanyahu"), "netanyahu");
  EXPECT_EQ(fold_for_matching("ﬁle"), "file");  // NFKC ligature
}

TEST(Normalize, CollapseSpaces) {
  EXPECT_EQ(collapse_spaces("  a \n\t b  "), "a b");
  EXPECT_EQ(collapse_spaces(""), "");
}

}  // namespace
}  // namespace sipur::text
