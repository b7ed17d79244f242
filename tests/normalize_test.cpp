// Character cleaning, as a table of real traps (STYLE.md): the same word
// written with different look-alike marks must come out as the same bytes.
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
    {"gershayim U+05F4 becomes ASCII quote", "צה״ל", "צה\"ל"},
    {"right double quotation mark as gershayim", "ארה”ב", "ארה\"ב"},
    {"left double quotation mark as gershayim", "תא“ל", "תא\"ל"},
    {"ASCII gershayim stays", "מזה\"ת", "מזה\"ת"},
    {"geresh U+05F3 becomes apostrophe", "ג׳ון", "ג'ון"},
    {"right single quotation mark as geresh", "צ’יק", "צ'יק"},
    {"backtick as geresh", "ג`ורג`", "ג'ורג'"},
    {"maqaf becomes hyphen", "בית־ספר", "בית-ספר"},
    {"non-breaking hyphen", "S‑300", "S-300"},
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
    {"sof pasuq becomes colon", "סוף\u05C3", "סוף:"},
};

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
