// Boilerplate removal on patterns seen in real scraped pages.
#include <gtest/gtest.h>

#include "text/boilerplate.h"
#include "text/normalize.h"

namespace sipur::text {
namespace {

bool removed_kind(const StrippedText& s, const std::string& kind) {
  for (const Removed& r : s.removed) {
    if (r.kind == kind) return true;
  }
  return false;
}

TEST(Boilerplate, InlinePromoRunIsRemoved) {
  const std::string body =
      "פסקה ראשונה של הכתבה.\nעוד בוואלה! NEWS:דיווחים בסוריה: תקיפהנתניהו במוסקבה\nפסקה שנייה של הכתבה.";
  const StrippedText out = strip_boilerplate(body, "כותרת");
  EXPECT_EQ(out.text, "פסקה ראשונה של הכתבה.\nפסקה שנייה של הכתבה.");
  EXPECT_TRUE(removed_kind(out, "promo"));
}

TEST(Boilerplate, EnglishReadPromoIsRemovedButNotASentence) {
  const StrippedText promo = strip_boilerplate("First.\nRead Why did a plane land?\nLast.", "T");
  EXPECT_EQ(promo.text, "First.\nLast.");
  const StrippedText sentence = strip_boilerplate("First.\nRead the full statement on the site.\nLast.", "T");
  EXPECT_EQ(sentence.text, "First.\nRead the full statement on the site.\nLast.");
}

TEST(Boilerplate, RelatedListAfterHeadingIsRemoved) {
  const std::string body =
      "פסקה אחת ארוכה מספיק כדי להיות גוף הכתבה.\nפסקה שנייה.\n\nעוד כתבות שיעניינו אותך\n\nכותרת אחרת\n\nאבי "
      "יעקב\nעוד כותרת\n\nקובי פינקלר";
  const StrippedText out = strip_boilerplate(body, "כותרת");
  EXPECT_EQ(out.text, "פסקה אחת ארוכה מספיק כדי להיות גוף הכתבה.\nפסקה שנייה.");
  EXPECT_TRUE(removed_kind(out, "related-list"));
}

TEST(Boilerplate, TailOfShortLinesWithoutHeadingIsAList) {
  std::string body = "This is the article body, a full sentence that ends properly.\n";
  for (int i = 0; i < 7; ++i) body += "Another headline number " + std::to_string(i) + "\n";
  const StrippedText out = strip_boilerplate(body, "T");
  EXPECT_EQ(out.text, "This is the article body, a full sentence that ends properly.");
}

TEST(Boilerplate, FewShortLinesAreKept) {
  const std::string body = "Body sentence one.\nQuote line\nSignature line";
  EXPECT_EQ(strip_boilerplate(body, "T").text, body);
}

TEST(Boilerplate, PhotoCreditLineAndParenthesisedCredit) {
  const StrippedText line = strip_boilerplate("גוף הכתבה.\n(צילום: דוברות הנמל)\nסוף.", "T");
  EXPECT_EQ(line.text, "גוף הכתבה.\nסוף.");
  EXPECT_TRUE(removed_kind(line, "photo-credit"));
  const StrippedText inl = strip_boilerplate("השר נאם בכנס (צילום: פלוני) והודיע על התוכנית.", "T");
  EXPECT_EQ(inl.text, "השר נאם בכנס והודיע על התוכנית.");
}

TEST(Boilerplate, CreditAtEndOfTitle) {
  const StrippedText out = strip_inline_credits("נתניהו נפגש עם פוטין במוסקבה Photo by Kobi Gideon / GPO");
  EXPECT_EQ(out.text, "נתניהו נפגש עם פוטין במוסקבה");
  ASSERT_EQ(out.removed.size(), 1u);
  EXPECT_EQ(out.removed[0].text, "Photo by Kobi Gideon / GPO");
}

TEST(Boilerplate, RepeatedHeadlineAndLeadAtEndAreCut) {
  const std::string title = "נתניהו ייפגש עם פוטין ביום חמישי במוסקבה";
  const std::string lead = "שני המנהיגים צפויים להיפגש ברקע התקיפה";
  const std::string body =
      lead + "\nגוף הכתבה עם כמה משפטים. ועוד משפט ארוך שמסביר את הרקע לפגישה.\n\n" + title + "\n" + lead;
  const StrippedText out = strip_boilerplate(body, title);
  EXPECT_EQ(out.text, lead + "\nגוף הכתבה עם כמה משפטים. ועוד משפט ארוך שמסביר את הרקע לפגישה.");
  EXPECT_TRUE(removed_kind(out, "repeated-headline"));
}

TEST(Boilerplate, OneLineTextRepeatingItsStart) {
  // Seed 001's shape: no title line, the opening repeated at the end.
  const std::string start = "לראשונה אז הפלה מטוס : נתניהו יגיע קרמלין";
  const std::string body = start + " ועוד הרבה מילים באמצע הטקסט שאינן חוזרות על עצמן בכלל כאן . " + start;
  const StrippedText out = strip_boilerplate(body, "");
  EXPECT_EQ(out.text, start + " ועוד הרבה מילים באמצע הטקסט שאינן חוזרות על עצמן בכלל כאן .");
}

TEST(Boilerplate, ShortRepeatIsNotCut) {
  // Three words in common is coincidence, not a repeated headline.
  const std::string body = "ראש הממשלה אמר היום משהו. בסוף דבריו אמר ראש הממשלה";
  EXPECT_EQ(strip_boilerplate(body, "ראש הממשלה אמר").text, body);
}

// Clean text keeps ״ ־ ” ׃ as written; the rules read them as matching does
// (text::fold_punctuation), and decide as they do on the ASCII forms.
TEST(Boilerplate, TypographicMarksAreReadAsTheirAsciiForms) {
  const std::string first = "פסקה ראשונה של הכתבה.\n";
  const std::string last = "\nפסקה אחרונה של הכתבה.";
  // A promotion with a maqaf, a credit with sof pasuq.
  EXPECT_EQ(strip_boilerplate(first + "עוד ב־ynet: הכתבה הבאה" + last, "T").text, first + last.substr(1));
  EXPECT_EQ(strip_boilerplate(first + "צילום\u05C3 דוברות צה״ל" + last, "T").text, first + last.substr(1));
  // A heading ending with sof pasuq opens a related list.
  const std::string list = "\nכתבות נוספות\u05C3\nכותרת אחת\nכותרת שתיים";
  EXPECT_EQ(strip_boilerplate(first + "פסקה שנייה." + list, "T").text, first + "פסקה שנייה.");
  // Short lines ending with a closing quotation mark are sentences, not a
  // list of headlines, ” as " is.
  for (const char* quote : {"\"", "”", "״"}) {
    std::string body = "This is the article body, a full sentence that ends properly.\n";
    for (int i = 0; i < 7; ++i) body += "He said it again, number " + std::to_string(i) + quote + "\n";
    body.pop_back();
    EXPECT_EQ(strip_boilerplate(body, "T").text, body) << quote;
  }
  // A repeated headline is found with its quotes written either way.
  const std::string title = "הרמטכ״ל: “נגיב בעוצמה” אמר הערב בכנס";
  const std::string body =
      "גוף הכתבה עם כמה משפטים. ועוד משפט ארוך שמסביר את הרקע לדברים.\n\nהרמטכ\"ל: \"נגיב בעוצמה\" אמר הערב בכנס";
  const StrippedText out = strip_boilerplate(body, title);
  EXPECT_EQ(out.text, "גוף הכתבה עם כמה משפטים. ועוד משפט ארוך שמסביר את הרקע לדברים.");
  EXPECT_TRUE(removed_kind(out, "repeated-headline"));
  // A last line of quotation marks alone is debris, as one of " is.
  EXPECT_EQ(strip_boilerplate(first + "פסקה שנייה.\n” ״", "T").text, first + "פסקה שנייה.");
}

TEST(Boilerplate, MapPointsIntoInput) {
  const std::string body = "שורה ראשונה.\nעוד בוואלה! פרומו\nשורה שלישית.";
  const StrippedText out = strip_boilerplate(body, "T");
  const std::size_t clean = out.text.find("שורה שלישית");
  ASSERT_NE(clean, std::string::npos);
  EXPECT_EQ(out.map.to_raw(clean), body.find("שורה שלישית"));
}

}  // namespace
}  // namespace sipur::text
