// Snowball stemming, ICU lowercasing and stop words for the non-Hebrew
// analysis path (plus the Hebrew stop-word list). Expected stems are what
// Debian's libstemmer 2.2 really produces, not what a linguist would write.
#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "analysis/stemmer.h"
#include "analysis/stop_words.h"

namespace sipur::analysis {
namespace {

struct StemCase {
  const char* lang;
  const char* word;  // already lowercase
  const char* stem;
};

constexpr StemCase kStemCases[] = {
    // English (Porter2): plurals and verb forms of one event meet.
    {"en", "running", "run"},
    {"en", "elections", "elect"},
    {"en", "election", "elect"},
    {"en", "meeting", "meet"},
    {"en", "meetings", "meet"},
    {"en", "presidents", "presid"},
    {"en", "president", "presid"},
    {"en", "ministers", "minist"},
    {"en", "announced", "announc"},
    {"en", "countries", "countri"},
    {"en", "americans", "american"},
    {"en", "israel's", "israel"},  // possessive removed
    {"en", "israel", "israel"},
    {"en", "israeli", "isra"},  // Porter2 does not tie the adjective to the name
    {"en", "don't", "don't"},
    // German: umlaut plurals, and ß folded to ss.
    {"de", "häuser", "haus"},
    {"de", "zeitungen", "zeitung"},
    {"de", "wahlen", "wahl"},
    {"de", "regierung", "regier"},
    {"de", "straße", "strass"},
    // Russian: case endings go.
    {"ru", "выборы", "выбор"},
    {"ru", "президента", "президент"},
    {"ru", "президенту", "президент"},
    {"ru", "москве", "москв"},
    // Arabic: the article goes and hamza on a carrier is normalized (رئيس -> رييس);
    // a glued conjunction (و) stays.
    {"ar", "الانتخابات", "انتخاب"},
    {"ar", "الرئيس", "رييس"},
    {"ar", "رئيس", "رييس"},
    {"ar", "والرئيس", "والرييس"},
    // French.
    {"fr", "élections", "élect"},
    {"fr", "gouvernement", "gouvern"},
};

TEST(Stemmer, SnowballTable) {
  for (const StemCase& c : kStemCases) {
    Result<Stemmer> stemmer = Stemmer::for_language(c.lang);
    ASSERT_TRUE(stemmer.ok()) << c.lang << ": " << stemmer.error().describe();
    EXPECT_EQ(stemmer.value().stem(c.word), c.stem) << c.lang << " " << c.word;
  }
}

TEST(Stemmer, MapsIsoCodesToSnowballNames) {
  constexpr std::pair<const char*, const char*> kNames[] = {
      {"en", "english"},   {"de", "german"},  {"ru", "russian"},    {"ar", "arabic"},  {"fr", "french"},
      {"es", "spanish"},   {"it", "italian"}, {"pt", "portuguese"}, {"nl", "dutch"},   {"no", "norwegian"},
      {"nb", "norwegian"}, {"tr", "turkish"}, {"el", "greek"},      {"yi", "yiddish"},
  };
  for (const auto& [code, name] : kNames) {
    Result<Stemmer> stemmer = Stemmer::for_language(code);
    ASSERT_TRUE(stemmer.ok()) << code;
    EXPECT_EQ(stemmer.value().algorithm(), name);
    EXPECT_TRUE(has_stemmer(code)) << code;
  }
}

TEST(Stemmer, UnsupportedLanguages) {
  // Hebrew goes through Hspell, not Snowball; "iw" is the legacy code langid
  // normalizes away before anything gets here.
  for (const char* code : {"he", "iw", "xx", "", "und", "EN", "english", "porter"}) {
    Result<Stemmer> stemmer = Stemmer::for_language(code);
    ASSERT_FALSE(stemmer.ok()) << code;
    EXPECT_EQ(stemmer.error().kind, ErrorKind::kUnsupported) << code;
    EXPECT_FALSE(has_stemmer(code)) << code;
  }
}

TEST(Stemmer, EmptyAndLongWordsUnchanged) {
  Result<Stemmer> stemmer = Stemmer::for_language("en");
  ASSERT_TRUE(stemmer.ok());
  EXPECT_EQ(stemmer.value().stem(""), "");

  // Would stem to "...connect" if it were short enough.
  const std::string long_word = std::string(Stemmer::kMaxStemBytes - 10, 'x') + "connecting";
  ASSERT_EQ(long_word.size(), Stemmer::kMaxStemBytes);
  EXPECT_EQ(stemmer.value().stem(long_word), std::string(Stemmer::kMaxStemBytes - 10, 'x') + "connect");
  const std::string longer = "x" + long_word;
  EXPECT_EQ(stemmer.value().stem(longer), longer);
}

TEST(Stemmer, MovedStemmerStillWorksAndMovedFromIsHarmless) {
  Result<Stemmer> made = Stemmer::for_language("en");
  ASSERT_TRUE(made.ok());
  Stemmer stemmer = std::move(made).value();
  EXPECT_EQ(stemmer.stem("meetings"), "meet");
  Stemmer other = std::move(stemmer);
  EXPECT_EQ(other.stem("elections"), "elect");
  EXPECT_EQ(stemmer.stem("elections"), "elections");  // NOLINT(bugprone-use-after-move,clang-analyzer-cplusplus.Move)
}

TEST(Stemmer, ResultOutlivesTheNextCall) {
  // Snowball reuses one buffer per handle; stem() must hand out copies.
  Result<Stemmer> stemmer = Stemmer::for_language("en");
  ASSERT_TRUE(stemmer.ok());
  const std::string first = stemmer.value().stem("elections");
  const std::string second = stemmer.value().stem("meetings");
  EXPECT_EQ(first, "elect");
  EXPECT_EQ(second, "meet");
}

TEST(Lowercase, FullUnicodeRootLocale) {
  // Root locale: İ becomes i + U+0307 COMBINING DOT ABOVE (not Turkish i),
  // É becomes é, ß has no lowercase change.
  EXPECT_EQ(lowercase("İstanbul ÉCOLE Straße"), "i\u0307stanbul école straße");
  EXPECT_EQ(lowercase("ẞ"), "ß");        // capital sharp s
  EXPECT_EQ(lowercase("ΟΔΟΣ"), "οδος");  // final sigma in context
  EXPECT_EQ(lowercase("МОСКВА"), "москва");
  EXPECT_EQ(lowercase("I ı"), "i ı");  // dotless ı is already lowercase
  EXPECT_EQ(lowercase("שלום World"), "שלום world");
  EXPECT_EQ(lowercase("NATO's US-Israel"), "nato's us-israel");
  EXPECT_EQ(lowercase(""), "");
}

TEST(Lowercase, IllFormedBytesCopiedThrough) {
  // Octal escapes: a stray byte 0xFF, a lone lead byte 0xC3, then a real É (C3 89).
  EXPECT_EQ(lowercase("A\377B\303C\303\211"), "a\377b\303c\303\251");
}

TEST(StopWords, HebrewAndEnglish) {
  EXPECT_TRUE(is_stop_word("he", "של"));
  EXPECT_TRUE(is_stop_word("he", "הוא"));
  EXPECT_TRUE(is_stop_word("he", "ע\"י"));
  EXPECT_TRUE(is_stop_word("he", "ו"));
  EXPECT_FALSE(is_stop_word("he", "פוטין"));
  EXPECT_FALSE(is_stop_word("he", "היום"));  // time words matter for events
  EXPECT_FALSE(is_stop_word("he", "אמר"));
  EXPECT_FALSE(is_stop_word("he", "the"));

  EXPECT_TRUE(is_stop_word("en", "the"));
  EXPECT_TRUE(is_stop_word("en", "don't"));
  EXPECT_FALSE(is_stop_word("en", "putin"));
  EXPECT_FALSE(is_stop_word("en", "said"));  // reporting verbs stay
  EXPECT_FALSE(is_stop_word("en", "today"));
  EXPECT_FALSE(is_stop_word("en", "us"));   // "US" lowercased
  EXPECT_FALSE(is_stop_word("en", "The"));  // callers lowercase first
  EXPECT_FALSE(is_stop_word("en", ""));
}

TEST(StopWords, OtherLanguages) {
  EXPECT_TRUE(is_stop_word("de", "und"));
  EXPECT_TRUE(is_stop_word("de", "für"));
  EXPECT_TRUE(is_stop_word("fr", "où"));
  EXPECT_TRUE(is_stop_word("es", "según"));
  EXPECT_TRUE(is_stop_word("it", "perché"));
  EXPECT_TRUE(is_stop_word("pt", "não"));
  EXPECT_TRUE(is_stop_word("nl", "niet"));
  EXPECT_TRUE(is_stop_word("ru", "что"));
  EXPECT_TRUE(is_stop_word("ru", "её"));
  EXPECT_TRUE(is_stop_word("ar", "في"));
  EXPECT_FALSE(is_stop_word("de", "merkel"));
  EXPECT_FALSE(is_stop_word("ru", "путин"));
}

TEST(StopWords, UnknownLanguageHasNone) {
  EXPECT_FALSE(is_stop_word("xx", "the"));
  EXPECT_FALSE(is_stop_word("", "the"));
  EXPECT_FALSE(is_stop_word("iw", "של"));
  EXPECT_EQ(stop_word_count("xx"), 0u);
  EXPECT_TRUE(stop_word_list("xx").empty());
}

TEST(StopWords, ListsAreLowercaseSortedAndSelfConsistent) {
  EXPECT_GT(stop_word_count("he"), 100u);
  EXPECT_GT(stop_word_count("en"), 150u);
  for (const char* lang : {"he", "en", "de", "fr", "es", "it", "pt", "nl", "ru", "ar"}) {
    const auto words = stop_word_list(lang);
    EXPECT_GE(words.size(), 50u) << lang;
    EXPECT_EQ(words.size(), stop_word_count(lang)) << lang;
    for (std::size_t i = 0; i < words.size(); ++i) {
      EXPECT_TRUE(is_stop_word(lang, words[i])) << lang << " " << words[i];
      EXPECT_EQ(lowercase(words[i]), words[i]) << lang << " " << words[i];
      if (i > 0) {
        EXPECT_LT(words[i - 1], words[i]) << lang;
      }
    }
  }
}

}  // namespace
}  // namespace sipur::analysis
