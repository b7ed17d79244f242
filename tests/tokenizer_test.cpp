// Tokenization traps (STYLE.md): acronyms, geresh, maqaf/hyphen, Hebrew glued
// to digits or Latin, numbers, URLs.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analysis/tokenizer.h"

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
};

TEST(Tokenizer, Traps) {
  for (const Case& c : kCases) EXPECT_EQ(joined(c.input), c.tokens) << c.name;
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
