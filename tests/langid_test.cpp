// Language identification on short text, where CLD2 alone guesses English.
#include <gtest/gtest.h>

#include "langid/langid.h"

namespace sipur::langid {
namespace {

struct LangCase {
  const char* given;
  const char* title;
  const char* body;
  const char* expected;
};

const LangCase kCases[] = {
    {"", "שלושת הנערים ייטמנו הערב", "", "he"},
    {"", "נקשרנו בדמים, לנצח", "", "he"},
    {"", "צה\"ל תקף ב-S-300", "", "he"},
    {"", "Obama: \"ISIS\" - דיון בקבינט", "", "he"},
    {"", "Fed official says weak data caused by weather, should not slow taper", "", "en"},
    {"", "Netanyahu to meet Putin before election", "Prime Minister Benjamin Netanyahu will fly to Russia.", "en"},
    {"", "Efter mere end 70 år som Storbritanniens dronning dør Dronning Elizabeth.", "", "da"},
    {"", "Η βασίλισσα Ελισάβετ πέθανε", "", "el"},
    {"", "Премьер-министр Израиля встретился с президентом России в Москве", "", "ru"},
    {"", "12345 !!! ---", "", "und"},
    {"en", "שלום עולם", "", "en"},  // the given language wins
    {"iw", "anything", "", "he"},   // legacy code normalized
    {"he-IL", "x", "", "he"},
};

TEST(LangId, Table) {
  for (const LangCase& c : kCases) {
    EXPECT_EQ(identify(c.given, c.title, c.body).lang, c.expected) << c.title;
  }
}

TEST(LangId, MethodSaysWhy) {
  EXPECT_EQ(identify("", "שלום", "").method, "script");
  EXPECT_EQ(identify("en", "x", "").method, "given");
  EXPECT_EQ(identify("", "1234", "").method, "no-letters");
}

TEST(LangId, NormalizeTag) {
  EXPECT_EQ(normalize_tag("EN-us"), "en");
  EXPECT_EQ(normalize_tag("iw"), "he");
  EXPECT_EQ(normalize_tag("zh_Hant"), "zh");
  EXPECT_EQ(normalize_tag(""), "");
}

}  // namespace
}  // namespace sipur::langid
