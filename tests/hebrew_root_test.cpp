// Root keys of Hebrew lemmas (analysis/hebrew_root.h): words of one root
// and meaning across parts of speech, from the 2014 headlines, must share a
// key; words whose letters only look like a pattern must not.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "analysis/hebrew_root.h"

namespace sipur::analysis {
namespace {

struct Family {
  const char* what;
  std::vector<std::string> lemmas;
  std::string key;
};

// Lemmas as the analyzer gives them (Hspell's verb lemma is the 3rd person
// masculine past of its binyan; a noun's is its singular).
const std::vector<Family> kFamilies = {
    {"hif'il and its verbal noun", {"הצביע", "הצבעה"}, "צבע"},
    {"hif'il and its verbal noun, first root letter ו", {"הודיע", "הודעה"}, "ודע"},
    {"nif'al and pa'al", {"נרצח", "רצח"}, "רצח"},
    {"nif'al, participle, pa'al noun", {"נפצע", "פצוע", "פציעה"}, "פצע"},
    {"nif'al, mishkal מ__ _, participle", {"נעצר", "מעצר", "עצור", "עצר"}, "עצר"},
    {"hitpa'el of a po'el, pi'el noun, its -ות noun", {"התפוצץ", "פיצוץ", "התפוצצות"}, "פצץ"},
    {"pa'al, its noun, participle, nif'al", {"חטף", "חטיפה", "חטוף", "נחטף"}, "חטף"},
    {"noun ___ה, nif'al, pa'al noun", {"שרפה", "נשרף", "שריפה"}, "שרף"},
    {"pa'al noun, מ___ה, pa'al", {"תקיפה", "מתקפה", "תקף"}, "תקף"},
    {"hitpa'el with ס swapped", {"הסתער", "סערה"}, "סער"},
    {"hitpa'el with ש swapped, pi'el noun", {"השתתף", "שיתוף"}, "שתף"},
    {"hitpa'el with צט", {"הצטרף", "צירף"}, "צרף"},
    {"hitpa'el with זד", {"הזדקן", "זקן"}, "זקן"},
    {"hitpa'el with a doubled yod", {"התייחס", "יחס"}, "יחס"},
    {"hitpa'el noun and pi'el", {"התפטרות", "פיטר"}, "פטר"},
    {"nif'al, pa'al noun, participle", {"נהרג", "הריגה", "הרוג"}, "הרג"},
    {"final letters fold", {"חטף", "חטפ"}, "חטף"},
};

std::string folded(std::string key) {
  // The key is written with non-final letters: compare the families' keys,
  // written as words are, the same way.
  const std::pair<const char*, const char*> finals[] = {{"ך", "כ"}, {"ם", "מ"}, {"ן", "נ"}, {"ף", "פ"}, {"ץ", "צ"}};
  for (const auto& [final, plain] : finals) {
    for (std::size_t at = key.find(final); at != std::string::npos; at = key.find(final)) key.replace(at, 2, plain);
  }
  return key;
}

TEST(HebrewRoot, WordsOfOneRootShareAKey) {
  for (const Family& f : kFamilies) {
    for (const std::string& lemma : f.lemmas) {
      EXPECT_EQ(hebrew_root_key(lemma), folded(f.key)) << f.what << ": " << lemma;
    }
  }
}

struct NearMiss {
  const char* why;
  std::string a, b;
};

// Pairs whose letters look alike but whose roots or meanings differ.
const std::vector<NearMiss> kNearMisses = {
    {"a final י is not read as a verb's ה (second / year)", "שני", "שנה"},
    {"most / struck", "הכי", "הכה"},
    {"half / crossed", "חצי", "חצה"},
    {"a doubled yod is a consonant: hiker / missile", "טייל", "טיל"},
    {"נ_י_ is a noun, not a nif'al: president / record", "נשיא", "שיא"},
    {"a pi'el pattern on a word with a final ה: conversation / swam", "שיחה", "שחה"},
    {"goal / rain", "מטרה", "מטר"},
    {"today / commotion", "היום", "מהומה"},
};

TEST(HebrewRoot, LookalikesDoNotShareAKey) {
  for (const NearMiss& m : kNearMisses) {
    const std::string a = hebrew_root_key(m.a);
    const std::string b = hebrew_root_key(m.b);
    EXPECT_TRUE(a.empty() || a != b) << m.why << ": " << m.a << " and " << m.b << " both " << a;
  }
}

TEST(HebrewRoot, NoKeyWithoutAClearPattern) {
  for (const char* lemma : {
           "התקפה",       // הת__ה: a hif'il noun of תקף, or a hitpa'el of a root ending in ה (התגלה)
           "התגלה",       //
           "טייל",        // a doubled yod
           "נשיא",        // נ_י_
           "שיחה",        // _י_ה
           "היום",        // a vowel letter where a root letter would be
           "נתניהו",      // a name that fits no pattern
           "ירושלים",     // nor with its ending taken off
           "ישראל",       //
           "ת\"א",        // an acronym
           "Putin",       // not Hebrew
           "2014",        //
           "",            //
           "של",          // two letters
           "התפוצצויות",  // longer than any pattern
       }) {
    EXPECT_EQ(hebrew_root_key(lemma), "") << lemma;
  }
}

// The same families as the headlines write them, through the analyzer:
// what the clusterer gets is the analyzer's lemma, not the table's.
TEST(HebrewRoot, HeadlineWordsThroughTheAnalyzer) {
  auto created = Analyzer::create({});
  ASSERT_TRUE(created.ok()) << created.error().describe();
  Analyzer& analyzer = *created.value();
  const std::vector<std::vector<std::string>> families = {
      {"הצביעו", "ההצבעה"},     {"נרצח", "רצח"},      {"נפצע", "פצועים", "פציעה"},
      {"נעצר", "מעצר", "עצור"}, {"התפוצץ", "פיצוץ"},  {"חטף", "חטיפה", "חטופים"},
      {"שרפה", "נשרף"},         {"בתקיפה", "המתקפה"},
  };
  for (const auto& family : families) {
    std::string first;
    for (const std::string& word : family) {
      const auto tokens = analyzer.analyze(word, "he");
      ASSERT_EQ(tokens.size(), 1u) << word;
      const std::string key = hebrew_root_key(tokens[0].lemma);
      EXPECT_FALSE(key.empty()) << word << " (lemma " << tokens[0].lemma << ")";
      if (first.empty()) first = key;
      EXPECT_EQ(key, first) << word << " (lemma " << tokens[0].lemma << ") against " << family[0];
    }
  }
}

}  // namespace
}  // namespace sipur::analysis
