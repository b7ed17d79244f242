// Tokenization traps (STYLE.md): acronyms, geresh, maqaf/hyphen, Hebrew glued
// to digits or Latin, numbers, URLs.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analysis/tokenizer.h"
#include "text/normalize.h"

namespace sipur::analysis {
namespace {

std::string joined(std::string_view text) {
  std::string out;
  for (const Token& t : tokenize(text)) {
    if (!out.empty()) out += " | ";
    out += t.text(text);
  }
  return out;
}

struct Case {
  const char* name;
  const char* input;
  const char* tokens;
};

const Case kCases[] = {
    {"gershayim acronym is one token", "צה\"ל תקף", "צה\"ל | תקף"},
    {"acronyms with prefixes", "בארה\"ב ובמזה\"ת", "בארה\"ב | ובמזה\"ת"},
    {"military rank acronym", "תא\"ל אבי", "תא\"ל | אבי"},
    {"geresh inside a word", "ג'ון בולטון וצ'יק", "ג'ון | בולטון | וצ'יק"},
    {"final geresh abbreviation", "פרופ' כהן", "פרופ' | כהן"},
    {"quotes around a word are separate", "\"הארץ\" דיווח", "\" | הארץ | \" | דיווח"},
    {"Hebrew hyphen compound splits", "צפון-מערב", "צפון | - | מערב"},
    {"prefix, hyphen, year", "ב-2019", "ב | - | 2019"},
    {"prefix, hyphen, Latin with digits", "ב-S-300", "ב | - | S-300"},
    {"prefix glued to Latin", "לCNN", "ל | CNN"},
    {"Hebrew glued to digits", "ב50% מהמקרים", "ב50 | % | מהמקרים"},
    {"decimal, time, thousands", "1.5 14:26 1,000", "1.5 | 14:26 | 1,000"},
    {"year range", "2000-2010", "2000-2010"},
    {"percentage", "50%", "50 | %"},
    {"date", "12/05/2019", "12/05/2019"},
    {"URL keeps its path, loses the full stop", "ראו https://example.com/a?b=1.",
     "ראו | https://example.com/a?b=1 | ."},
    {"e-mail", "כתבו ל news@example.co.il", "כתבו | ל | news@example.co.il"},
    {"English contraction and possessive", "Israel's don't", "Israel's | don't"},
    {"punctuation each alone", "מה?!", "מה | ? | !"},
    {"parenthesis", "(שישי)", "( | שישי | )"},
    {"empty", "", ""},
    {"whitespace only", " \n\t ", ""},
    {"Latin letters beyond ASCII", "naïve café", "naïve | café"},
    {"Hebrew ligature letters", "ױאב ײ", "ױאב | ײ"},
    {"Unicode spaces separate", "a\u3000b\u1680c", "a | b | c"},
    {"ordinal", "19th", "19th"},
    {"word at the very end", "a b-c", "a | b-c"},
    {"hyphen at the very end", "S-", "S | -"},
    {"at-sign without a dot is no e-mail", "x@y", "x | @ | y"},
    {"e-mail after words", "a b c@d.e f", "a | b | c@d.e | f"},
    {"URL at the start", "www.a.b), x", "www.a.b | ) | , | x"},
    // Clean text keeps typographic marks as written; words break as at
    // their ASCII forms.
    {"gershayim U+05F4 acronym", "צה״ל תקף", "צה״ל | תקף"},
    {"right double quotation mark as gershayim", "בארה”ב", "בארה”ב"},
    {"geresh U+05F3 inside and at the end", "ג׳ון ופרופ׳ כהן", "ג׳ון | ופרופ׳ | כהן"},
    {"typographic quotes around a Hebrew word", "“הארץ” דיווח", "“ | הארץ | ” | דיווח"},
    {"maqaf splits a Hebrew compound", "ב־2019 צפון־מערב", "ב | ־ | 2019 | צפון | ־ | מערב"},
    {"typographic apostrophe in English", "Israel’s don’t ‘quote’", "Israel’s | don’t | ‘ | quote | ’"},
    {"backtick as apostrophe", "it`s", "it`s"},
    {"non-breaking hyphen in a Latin compound", "S‑300 COVID‐19", "S‑300 | COVID‐19"},
    {"typographic hyphen in a year range", "2000‐2010", "2000‐2010"},
    {"en dash is no hyphen", "2000–2010", "2000 | – | 2010"},
    {"URL in typographic quotes loses the closing one", "“https://example.com/a”.",
     "“ | https://example.com/a | ” | ."},
};

TEST(Tokenizer, Traps) {
  for (const Case& c : kCases) EXPECT_EQ(joined(c.input), c.tokens) << c.name;
}

// Text that differs only by typographic marks gives the same tokens, spans
// in the text as written, and the same texts when read as matching reads
// them.
TEST(Tokenizer, TypographicMarksBreakWordsAsTheirAsciiForms) {
  const char* const inputs[] = {
      "“צה״ל” תקף ב־2019 את סוללות ה־S‑300; פרופ׳ כהן: „זה לא נגמר‟, אמר רמטכ״ל.",
      "Israel’s PM said: “We don’t ‘negotiate’” – 2000‐2010, −5 °C, it`s S‑300’s www.a.b/c’.",
      "ג׳ורג׳ בוש׳ ו׳ ״ ׳ ‘’ “” ־ ‐‐ סוף\u05C3 א\u05C0ב 14\u05C326",
  };
  for (const char* input : inputs) {
    const std::string text = input;
    const std::string folded = text::fold_punctuation(text);
    const std::vector<Token> written = tokenize(text);
    const std::vector<Token> ascii = tokenize(folded);
    ASSERT_EQ(written.size(), ascii.size()) << input;
    for (std::size_t i = 0; i < written.size(); ++i) {
      EXPECT_EQ(text::fold_punctuation(written[i].text(text)), ascii[i].text(folded)) << input << " token " << i;
      EXPECT_EQ(written[i].kind, ascii[i].kind) << input << " token " << i;
      EXPECT_EQ(written[i].space_after, ascii[i].space_after) << input << " token " << i;
    }
  }
}

TEST(Tokenizer, OffsetsAndSpaceAfter) {
  const std::string text = "ב-2019, נתניהו";
  const auto tokens = tokenize(text);
  ASSERT_EQ(tokens.size(), 5u);
  EXPECT_EQ(tokens[0].kind, TokenKind::kHebrew);
  EXPECT_FALSE(tokens[0].space_after);
  EXPECT_EQ(tokens[2].kind, TokenKind::kNumber);
  EXPECT_FALSE(tokens[2].space_after);
  EXPECT_TRUE(tokens[3].space_after);
  EXPECT_EQ(text.substr(tokens[4].begin, tokens[4].end - tokens[4].begin), "נתניהו");
}

TEST(Tokenizer, LongWordIsOneTokenAndNothingIsLost) {
  const std::string long_word(30000, 'x');
  const auto tokens = tokenize(long_word);
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].end, long_word.size());
}

TEST(Tokenizer, EmailIsFoundOnlyWithinTheLinkLookahead) {
  // The lookahead for a link stops 2048 bytes into a word: an '@' inside
  // makes one e-mail token, an '@' beyond it does not.
  const std::string near = std::string(2040, 'x') + "@a.b";
  ASSERT_EQ(tokenize(near).size(), 1u);
  EXPECT_EQ(tokenize(near)[0].kind, TokenKind::kEmail);
  const std::string far = std::string(3000, 'x') + "@a.b";
  const auto tokens = tokenize(far);
  ASSERT_EQ(tokens.size(), 5u);  // xxx… | @ | a | . | b
  EXPECT_EQ(tokens[0].kind, TokenKind::kLatin);
  EXPECT_EQ(tokens[0].end, 3000u);
  // An '@' far ahead does not make the words before it e-mail addresses.
  const std::string later = "a b " + std::string(3000, ' ') + "c@d.e";
  const auto spaced = tokenize(later);
  ASSERT_EQ(spaced.size(), 3u);
  EXPECT_EQ(spaced[0].kind, TokenKind::kLatin);
  EXPECT_EQ(spaced[2].kind, TokenKind::kEmail);
}

}  // namespace
}  // namespace sipur::analysis
