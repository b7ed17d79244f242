// Web pages as they come (issue 22): any charset with nothing lost, publication
// times from the page with their source, titles without the site's name, the
// main text of pages in the layouts of Israeli news sites (tests/pages/, written
// for these tests: fictional text), and `sipur extract` printing exactly what
// `sipur ingest` stores.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "ingest/charset.h"
#include "ingest/html_reader.h"
#include "ingest/page_time.h"
#include "pipeline/ingest_job.h"
#include "store/store.h"
#include "test_util.h"

namespace sipur {
namespace {

using ingest::DecodedPage;
using ingest::HtmlHints;
using ingest::parse_html_article;

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

bool has_removed(const Article& a, std::string_view kind, std::string_view fragment) {
  return std::any_of(a.removed.begin(), a.removed.end(),
                     [&](const Removed& r) { return r.kind == kind && contains(r.text, fragment); });
}

// UTF-8 Hebrew and Latin-1 letters into windows-1255 / windows-1252 bytes (ASCII passes through).
std::string to_8bit(std::string_view utf8) {
  std::string out;
  for (std::size_t i = 0; i < utf8.size();) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    const unsigned cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(utf8[i + 1]) & 0x3Fu);
    if (cp >= 0x5D0 && cp <= 0x5EA) {
      out.push_back(static_cast<char>(0xE0 + (cp - 0x5D0)));
    } else {
      EXPECT_TRUE(cp >= 0xA0 && cp <= 0xFF) << "test helper maps Hebrew letters and Latin-1 only";
      out.push_back(static_cast<char>(cp));
    }
    i += 2;
  }
  return out;
}

const std::string kHebrewText =
    "שרי הממשלה אישרו הלילה את הצעת התקציב לשנת הכספים הבאה, לאחר דיון ארוך שנמשך יותר משבע שעות. "
    "שר האוצר אמר כי מדובר בתקציב אחראי שישמור על יציבות המשק ועל צמיחה גם בשנים הבאות, "
    "ובאופוזיציה טענו כי התקציב פוגע בשכבות החלשות ובמערכת הבריאות הציבורית.";
const std::string kGermanText =
    "Die Bürgerinnen und Bürger der Stadt können ab März über die Gestaltung des neuen Marktplatzes abstimmen. "
    "Für die Umgestaltung stehen drei Entwürfe zur Auswahl, die im Rathaus ausgestellt werden. Größere Bäume, "
    "schattige Plätze und ein Brunnen gehören zu den Vorschlägen, über die öffentlich diskutiert wird.";

// ---------------------------------------------------------------- charsets

struct CharsetCase {
  const char* name;
  std::string bytes;
  std::string header;          // an HTTP Content-Type charset
  std::string expect_text;     // must be in the decoded text
  std::string expect_charset;  // "" = any
  std::string expect_source;
  std::size_t replaced;
  bool doubt;  // the declaration was set aside
};

TEST(Charset, DecodesWhateverThePageDeclares) {
  const std::vector<CharsetCase> cases = {
      {"ASCII", "<p>plain text</p>", "", "plain text", "utf-8", "default", 0, false},
      {"UTF-8 declared", "<meta charset=utf-8><p>café</p>", "", "café", "utf-8", "meta", 0, false},
      {"UTF-8 with a stray Latin-1 byte", "<meta charset=utf-8><p>caf\xE9 noir, café au lait</p>", "",
       "caf\uFFFD noir, café au lait", "utf-8", "meta", 1, false},
      {"windows-1255, undeclared: the detector", "<html><body><p>" + to_8bit(kHebrewText) + "</p></body></html>", "",
       kHebrewText, "", "detected", 0, false},
      {"utf-8 declared, windows-1252 in fact: the detector",
       "<meta charset=\"utf-8\"><p>" + to_8bit(kGermanText) + "</p>", "", kGermanText, "", "detected", 0, true},
      {"windows-1252 declared, UTF-8 in fact", "<meta charset=windows-1252><p>" + kGermanText + "</p>", "", kGermanText,
       "utf-8", "detected", 0, true},
      {"windows-1252 declared, UTF-8 with a stray byte in fact",
       "<meta charset=windows-1252><p>" + kGermanText + " caf\xE9.</p>", "", "caf\uFFFD.", "utf-8", "detected", 1,
       true},
      {"unknown charset: the detector", "<meta charset=x-klingon><p>" + to_8bit(kGermanText) + "</p>", "", kGermanText,
       "", "detected", 0, true},
      {"the header wins over <meta>", "<meta charset=iso-8859-1><p>" + to_8bit("שלום עולם") + "</p>", "windows-1255",
       "שלום עולם", "windows-1255", "header", 0, false},
      {"an unassigned windows-1255 byte", "<meta charset=windows-1255><p>" + to_8bit("שלום") + "\xFB</p>", "",
       "שלום\uFFFD", "windows-1255", "meta", 1, false},
      {"UTF-16LE with its byte-order mark", std::string("\xFF\xFE<\0p\0>\0\xE9\0t\0\xE9\0", 14), "", "<p>été",
       "utf-16le", "bom", 0, false},
      {"UTF-8 byte-order mark beats the label", "\xEF\xBB\xBF<meta charset=windows-1255><p>שלום</p>", "", "שלום",
       "utf-8", "bom", 0, false},
  };
  for (const CharsetCase& c : cases) {
    SCOPED_TRACE(c.name);
    const Result<DecodedPage> page = ingest::decode_page(c.bytes, c.header, Location{"page.html"});
    ASSERT_TRUE(page.ok()) << page.error().describe();
    EXPECT_TRUE(contains(page.value().text, c.expect_text)) << page.value().text;
    if (!c.expect_charset.empty()) {
      EXPECT_EQ(page.value().charset, c.expect_charset);
    }
    EXPECT_EQ(page.value().charset_source, c.expect_source);
    EXPECT_EQ(page.value().replaced, c.replaced);
    EXPECT_EQ(!page.value().doubt.empty(), c.doubt) << page.value().doubt;
  }
}

TEST(Charset, ReplacementsAreCountedAndReportedWithTheirOffset) {
  const std::string page = "<html><body><p>" + kGermanText + " caf\xE9 \xFF\xFE end.</p></body></html>";
  HtmlHints hints;
  hints.where = Location{"stray.html"};
  const auto result = parse_html_article(page, hints);
  ASSERT_TRUE(result.ok()) << result.error().describe();
  const Article& a = result.value();
  EXPECT_TRUE(contains(a.raw_body, "caf\uFFFD \uFFFD\uFFFD end.")) << a.raw_body;
  ASSERT_EQ(a.warnings.size(), 1u);
  EXPECT_EQ(a.warnings[0].kind, ErrorKind::kInvalidUtf8);
  EXPECT_EQ(a.warnings[0].where.offset, page.find('\xE9'));
  EXPECT_TRUE(contains(a.warnings[0].describe(), "stray.html (byte ")) << a.warnings[0].describe();
  EXPECT_TRUE(contains(a.warnings[0].message, "3 byte sequences")) << a.warnings[0].message;
  EXPECT_EQ(a.raw, page);  // the bytes as given stay for audit
}

TEST(Charset, OnlyWhatIsNotTextIsRejected) {
  const auto png = parse_html_article(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), HtmlHints{});
  ASSERT_FALSE(png.ok());
  EXPECT_EQ(png.error().kind, ErrorKind::kBinaryInput);
  // UTF-16 has NUL bytes, but with its byte-order mark it is text.
  std::string utf16 = "\xFF\xFE";
  for (const char c : std::string("<html><body><p>Hello from a UTF-16 page.</p></body></html>")) {
    utf16.push_back(c);
    utf16.push_back('\0');
  }
  const auto page = parse_html_article(utf16, HtmlHints{});
  ASSERT_TRUE(page.ok()) << page.error().describe();
  EXPECT_EQ(page.value().raw_body, "Hello from a UTF-16 page.");
}

// ---------------------------------------------------------------- dates

TEST(PageTime, DatesInUrls) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"https://example.com/2019/04/02/story-title/", "2019-04-02T00:00:00"},
      {"https://example.com/news/2019-4-2-story", "2019-04-02T00:00:00"},
      {"https://example.com/article/20211103/AGENCY/311039909/", "2021-11-03T00:00:00"},
      {"https://example.com/2019/04/story", ""},          // a month is not a day
      {"https://2019.example.com/04/02", ""},             // the host is no path
      {"https://example.com/item/1554188400", ""},        // an id, not a date
      {"https://example.com/2019/13/02/story", ""},       // no thirteenth month
      {"https://example.com/story?date=2019/04/02", ""},  // the query is no path
      {"https://example.com/1969/04/02/story", ""},       // before 1990
  };
  for (const auto& [url, expected] : cases) {
    const auto date = ingest::date_in_url(url);
    EXPECT_EQ(date ? format_time(*date) : "", expected) << url;
  }
}

TEST(PageTime, Datelines) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"24. März 2004, 19:49 | Genesis\nKapitel 121 ist nun online.", "2004-03-24T00:00:00"},
      {"April 21, 2022\n\nAtlantis Paradise Island", "2022-04-21T00:00:00"},
      {"BERLIN, 02.04.2019 - Der Senat hat beschlossen...", "2019-04-02T00:00:00"},
      {"05 de mayo de 2022\nEl Tribunal de Apelación", "2022-05-05T00:00:00"},
      {"מאת רחל גולן | 14 בפברואר 2022\nההצבעה נדחתה", "2022-02-14T00:00:00"},
      {"Published 2021-11-19\ntext", "2021-11-19T00:00:00"},
      // A date late in a long first paragraph is what the text is about, not when it was written.
      {"Beate und Norbert entschlossen sich damals, den Verein zu gründen, und am 31.8.1990 fand die Gründung statt.",
       ""},
      {"No date here at all.", ""},
  };
  for (const auto& [text, expected] : cases) {
    const auto date = ingest::dateline(text);
    EXPECT_EQ(date ? format_time(*date) : "", expected) << text;
  }
}

TEST(PageTime, PlausibleTimes) {
  const std::int64_t crawl = parse_time("2020-06-01T12:00:00Z")->epoch_seconds;
  EXPECT_FALSE(ingest::plausible_publication(*parse_time("1970-01-01T00:00:00Z"), crawl));
  EXPECT_FALSE(ingest::plausible_publication(*parse_time("1989-12-31T23:59:59Z"), crawl));
  EXPECT_TRUE(ingest::plausible_publication(*parse_time("1990-01-01T00:00:00Z"), crawl));
  EXPECT_TRUE(ingest::plausible_publication(*parse_time("2020-06-02T11:00:00Z"), crawl));  // within a day
  EXPECT_FALSE(ingest::plausible_publication(*parse_time("2020-06-03T00:00:00Z"), crawl));
}

struct SourceCase {
  const char* name;
  std::string page;
  HtmlHints hints;
  std::string published;  // "" = none
  std::string source;
  std::size_t warnings;
};

HtmlHints crawled(std::string when, std::string url = "") {
  HtmlHints hints;
  hints.published_fallback = std::move(when);
  hints.url = std::move(url);
  return hints;
}

TEST(PageTime, SourcesInOrderOfTrust) {
  const std::string p = "<p>Body text of the page, long enough to be a paragraph.</p>";
  HtmlHints given;
  given.published = "2018-01-05T15:55:21Z";
  const std::vector<SourceCase> cases = {
      {"given by the container", "<meta property=article:published_time content=2020-01-01T00:00:00Z>" + p, given,
       "2018-01-05T15:55:21Z", "given", 0},
      {"JSON-LD before meta",
       R"(<script type="application/ld+json">{"datePublished":"2021-06-01T12:00:00Z"}</script>)"
       "<meta property=article:published_time content=2020-01-01T00:00:00Z>" +
           p,
       {},
       "2021-06-01T12:00:00Z",
       "json-ld",
       0},
      {"meta",
       "<meta property=article:published_time content=2020-01-01T10:00:00+02:00>" + p,
       {},
       "2020-01-01T08:00:00Z",
       "meta",
       0},
      {"<time datetime>",
       "<time datetime=2020-02-02T10:00:00Z>2.2.</time>" + p,
       {},
       "2020-02-02T10:00:00Z",
       "time-element",
       0},
      {"the URL's date", p, crawled("", "https://example.com/2019/04/02/story"), "2019-04-02T00:00:00", "url", 0},
      {"a dateline", "<p>Berlin, 3. April 2019</p>" + p, {}, "2019-04-03T00:00:00", "dateline", 0},
      {"the crawl date last", p, crawled("2024-05-05T12:00:00Z"), "2024-05-05T12:00:00Z", "crawl-date", 0},
      {"a zero timestamp is dropped with a warning, never 1970",
       "<meta property=article:published_time content=1970-01-01T00:00:00Z>" + p,
       {},
       "",
       "",
       1},
      {"... and the next source is used",
       R"(<script type="application/ld+json">{"datePublished":"1970-01-01T00:00:00+00:00"}</script>)"
       "<time datetime=2020-02-02T10:00:00Z>2.2.</time>" +
           p,
       {},
       "2020-02-02T10:00:00Z",
       "time-element",
       1},
      {"more than a day after the crawl is dropped",
       "<meta property=article:published_time content=2024-05-07T00:00:00Z>" + p, crawled("2024-05-05T12:00:00Z"),
       "2024-05-05T12:00:00Z", "crawl-date", 1},
      {"nothing", p, {}, "", "", 0},
  };
  for (const SourceCase& c : cases) {
    SCOPED_TRACE(c.name);
    const auto result =
        parse_html_article("<html><head><title>T</title></head><body>" + c.page + "</body></html>", c.hints);
    ASSERT_TRUE(result.ok()) << result.error().describe();
    const Article& a = result.value();
    EXPECT_EQ(a.published, c.published);
    EXPECT_EQ(a.published_utc.has_value(), !c.published.empty());
    EXPECT_EQ(a.published_source, c.source);
    ASSERT_EQ(a.warnings.size(), c.warnings);
    if (c.warnings > 0) {
      EXPECT_TRUE(contains(a.warnings[0].message, "implausible")) << a.warnings[0].message;
    }
  }
}

// ---------------------------------------------------------------- titles

struct TitleCase {
  const char* name;
  std::string head;
  std::string body;
  std::string url;
  std::string title;
};

TEST(Titles, WithoutTheSiteName) {
  const std::string p = "<p>Body text of the page, long enough to be a paragraph of its own.</p>";
  const std::vector<TitleCase> cases = {
      {"og:title with the site after it",
       R"(<meta property="og:title" content="Storm hits the coast | The Example Times">
<meta property="og:site_name" content="The Example Times">)",
       p, "", "Storm hits the coast"},
      {"<title> with the host's brand before it", "<title>SPIEGEL - Der Senat beschließt den Haushalt</title>", p,
       "https://www.spiegel.de/politik/a-1.html", "Der Senat beschließt den Haushalt"},
      {"<title> holding the <h1>", "<title>Wahl in Hessen: Die Ergebnisse :: Lokalblatt Online</title>",
       "<h1>Wahl in Hessen: Die Ergebnisse</h1>" + p, "", "Wahl in Hessen: Die Ergebnisse"},
      {"a subdomain's site", "<title>Storm warning for the coast | BBC News</title>", p,
       "https://www.bbc.co.uk/news/uk-1", "Storm warning for the coast"},
      {"a word that only starts the site's name stays", "<title>Sport - Highlights of the week</title>", p,
       "https://www.sportschau.de/fussball/a.html", "Sport - Highlights of the week"},
      {"the <h1> when there is no <title>", "", "<h1>Only a headline</h1>" + p, "", "Only a headline"},
      {"a dash that names no site stays", "<title>Interview: Anna Meier - die Frau hinter dem Projekt</title>", p, "",
       "Interview: Anna Meier - die Frau hinter dem Projekt"},
      {"Hebrew, site name in og:site_name",
       R"(<meta property="og:title" content="הממשלה אישרה את התקציב - וואלה! חדשות">
<meta property="og:site_name" content="וואלה! חדשות">)",
       p, "", "הממשלה אישרה את התקציב"},
  };
  for (const TitleCase& c : cases) {
    SCOPED_TRACE(c.name);
    HtmlHints hints;
    hints.url = c.url;
    const auto result =
        parse_html_article("<html><head>" + c.head + "</head><body>" + c.body + "</body></html>", hints);
    ASSERT_TRUE(result.ok()) << result.error().describe();
    EXPECT_EQ(result.value().title, c.title);
  }
}

TEST(Titles, TheHeadlineInTheBodyIsRemovedOnce) {
  const std::string page = R"(<html><head><meta property="og:title" content="Storm Hits The Coast"></head><body>
<article><h1>Storm hits the coast!</h1>
<p>A powerful storm hit the coast on Wednesday, leaving thousands of homes without power for days.</p>
<h2>Storm hits the coast</h2>
<p>Officials said repairs could take days, and asked residents to stay indoors until the evening.</p>
</article></body></html>)";
  const auto result = parse_html_article(page, HtmlHints{});
  ASSERT_TRUE(result.ok()) << result.error().describe();
  const Article& a = result.value();
  EXPECT_EQ(a.raw_body,
            "A powerful storm hit the coast on Wednesday, leaving thousands of homes without power for days.\n\n"
            "Storm hits the coast\n\n"
            "Officials said repairs could take days, and asked residents to stay indoors until the evening.");
  EXPECT_TRUE(has_removed(a, "repeated-headline", "Storm hits the coast!"));
}

// ---------------------------------------------------------------- Hebrew pages

Article read_page(const std::string& name) {
  const std::string path = std::string(SIPUR_SOURCE_DIR) + "/tests/pages/" + name;
  HtmlHints hints;
  hints.where = Location{path};
  auto result = parse_html_article(testing::read_file(path), hints);
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().describe());
  if (!result.ok()) return {};
  Article a = std::move(result).value();
  pipeline::prepare_article(a);
  return a;
}

TEST(HebrewPages, NewsSiteLayout) {
  const Article a = read_page("he_ynet_style.html");
  EXPECT_EQ(a.title, "עיריית עין הדקל תפתח מחר את מתקן ההתפלה החדש");
  EXPECT_EQ(a.published, "2024-03-11T06:15:00Z");
  EXPECT_EQ(a.published_source, "meta");
  EXPECT_EQ(a.lang, "he");
  for (const char* kept : {"המתקן, שבנייתו נמשכה ארבע שנים",  // the subtitle
                           "מתקן ההתפלה החדש של עין הדקל ייחנך מחר", "זה יום היסטורי לעיר", "עלות הפרויקט נאמדת",
                           "שלב ב': חיבור אזור התעשייה",  // a list inside the article
                           "תקיים ניטור רציף של מי הים באזור."}) {
    EXPECT_TRUE(contains(a.body, kept)) << kept << "\n" << a.body;
  }
  for (const char* gone : {"ראשי", "שתפו", "צילום", "קראו עוד", "משבר המים בדרום", "כתבות נוספות", "חשבונות המים",
                           "תגובות", "סוף סוף", "כל הזכויות", "נועה ברק"}) {
    EXPECT_FALSE(contains(a.body, gone)) << gone << "\n" << a.body;
  }
  EXPECT_FALSE(contains(a.body, a.title)) << "the headline is not repeated in the body";
  EXPECT_TRUE(has_removed(a, "photo-credit", "צילום: אבי לוי"));
  EXPECT_TRUE(has_removed(a, "related-list", "נקים עוד שלושה מתקנים"));
  EXPECT_TRUE(has_removed(a, "page-chrome", "סוף סוף"));  // the readers' comments
  EXPECT_TRUE(has_removed(a, "byline", "נועה ברק"));
  EXPECT_TRUE(has_removed(a, "repeated-headline", a.title));
}

TEST(HebrewPages, PortalLayoutWithPromoQuoteAndTable) {
  const Article a = read_page("he_walla_style.html");
  EXPECT_EQ(a.title, "הקבוצה מהצפון זכתה בגביע אחרי דרמה בהארכה");
  EXPECT_EQ(a.published, "2023-05-24T19:40:00Z");
  EXPECT_EQ(a.published_source, "json-ld");
  for (const char* kept : {"שער בדקה ה-118 הכריע את הגמר",  // the subtitle, kept apart from the text
                           "זכתה הערב בגביע המדינה", "האורחים עלו ליתרון", "השחקנים לא ויתרו לרגע",
                           "\"חלמתי על הרגע הזה מאז שהייתי ילד\"",  // the quote stays
                           "הצפון | 2",                             // a table row a line
                           "החגיגות בעיר נמשכו"}) {
    EXPECT_TRUE(contains(a.body, kept)) << kept << "\n" << a.body;
  }
  for (const char* gone : {"עוד בוואלה", "כל התוצאות", "צילום", "השחקנים חוגגים", "תגיות", "עוד כתבות",
                           "האוהדים חוגגים בכיכר", "הכי נקראים", "כותרת פופולרית"}) {
    EXPECT_FALSE(contains(a.body, gone)) << gone << "\n" << a.body;
  }
  EXPECT_TRUE(has_removed(a, "photo-credit", "צילום: רועי אלון"));
}

TEST(HebrewPages, DailyLayoutInWindows1255WithoutADeclaration) {
  const Article a = read_page("he_daily_style_1255.html");
  EXPECT_TRUE(a.warnings.empty());
  EXPECT_EQ(a.title, "ההצבעה על חוק התכנון נדחתה בשבוע");  // the <h1> that <title> holds
  EXPECT_EQ(a.published, "2022-02-14T00:00:00");           // from the byline
  EXPECT_EQ(a.published_source, "dateline");
  EXPECT_EQ(a.lang, "he");
  for (const char* kept : {"ועדת הכספים לא הספיקה לסיים", "ההצבעה על חוק התכנון החדש", "ארגוני סביבה מזהירים",
                           "הדיון בוועדה יתחדש ביום ראשון"}) {
    EXPECT_TRUE(contains(a.body, kept)) << kept << "\n" << a.body;
  }
  for (const char* gone : {"עיתון הבוקר", "דעות", "הצטרפו למינוי", "עוד בנושא", "תוכנית הדיור", "המלצות הקוראים",
                           "מדוע הקואליציה", "מאת רחל גולן"}) {
    EXPECT_FALSE(contains(a.body, gone)) << gone << "\n" << a.body;
  }
}

// ---------------------------------------------------------------- extract == ingest

TEST(Extract, PrintsExactlyWhatIngestStores) {
  testing::TempDir dir;
  const std::string in = dir.file("in");
  std::filesystem::create_directories(in);
  for (const auto& entry : std::filesystem::directory_iterator(std::string(SIPUR_SOURCE_DIR) + "/tests/pages")) {
    std::filesystem::copy_file(entry.path(), std::filesystem::path(in) / entry.path().filename());
  }
  testing::write_file(in + "/feed.jsonl",
                      R"({"id":"j1","source":"Example","published":"2024-01-02T03:04:05Z","title":"A JSONL record",)"
                      R"("text":"Its text, as given by the feed."})"
                      "\n");
  testing::write_file(in + "/stray.html", "<html><head><title>Caf\xE9</title></head><body><p>" + kGermanText +
                                              " Caf\xE9.</p></body></html>");
  testing::write_file(in + "/note.txt", "כותרת של פתק\nגוף הפתק, שורה אחת של טקסט.");

  const auto extracted = testing::run_sipur("extract --json " + in, dir);
  ASSERT_EQ(extracted.status, 0) << extracted.err;
  EXPECT_TRUE(contains(extracted.err, "warning: " + in + "/stray.html (byte ")) << extracted.err;
  const auto stored = testing::run_sipur("ingest --db " + dir.file("t.db") + " " + in, dir);
  ASSERT_EQ(stored.status, 0) << stored.err;
  EXPECT_TRUE(contains(stored.err, "warning: " + in + "/stray.html (byte ")) << stored.err;

  Result<std::unique_ptr<store::Store>> opened = store::Store::open(dir.file("t.db"));
  ASSERT_TRUE(opened.ok()) << opened.error().describe();
  const std::vector<nlohmann::json> lines = testing::parse_jsonl(extracted.out);
  ASSERT_EQ(lines.size(), 6u);
  for (const nlohmann::json& line : lines) {
    SCOPED_TRACE(line.dump());
    for (const char* key : {"file", "id", "url", "title", "published", "published_source", "lang", "text", "removed"}) {
      EXPECT_TRUE(line.contains(key)) << key;
    }
    Result<std::optional<Article>> got = opened.value()->get(line["id"]);
    ASSERT_TRUE(got.ok()) << got.error().describe();
    ASSERT_TRUE(got.value().has_value());
    const Article& a = *got.value();
    EXPECT_EQ(line["url"], a.url);
    EXPECT_EQ(line["title"], a.title);
    EXPECT_EQ(line["published"].is_null() ? "" : line["published"].get<std::string>(), a.published);
    EXPECT_EQ(line["published_source"], a.published_source);
    EXPECT_EQ(line["lang"], a.lang);
    EXPECT_EQ(line["text"], a.body);
    ASSERT_EQ(line["removed"].size(), a.removed.size());
    for (std::size_t k = 0; k < a.removed.size(); ++k) {
      EXPECT_EQ(line["removed"][k]["kind"], a.removed[k].kind);
      EXPECT_EQ(line["removed"][k]["text"], a.removed[k].text);
    }
    EXPECT_TRUE(contains(a.origin, line["file"].get<std::string>()));
  }
  const auto by_file = [&](const std::string& name) {
    const std::string path = (std::filesystem::path(in) / name).string();
    for (const nlohmann::json& line : lines) {
      if (line["file"] == path) return line;
    }
    return nlohmann::json();
  };
  EXPECT_EQ(by_file("feed.jsonl")["published_source"], "given");
  EXPECT_EQ(by_file("he_walla_style.html")["published_source"], "json-ld");
  EXPECT_TRUE(contains(by_file("stray.html")["text"].get<std::string>(), "Caf\uFFFD."));
}

TEST(Extract, ReadableOutputAndRejects) {
  testing::TempDir dir;
  testing::write_file(dir.file("a.html"),
                      "<html><head><title>Hello</title></head><body><p>" + kGermanText + "</p></body></html>");
  testing::write_file(dir.file("b.html"), std::string("\0\0\0\0", 4));
  const auto r = testing::run_sipur("extract " + dir.file("a.html") + " " + dir.file("b.html"), dir);
  EXPECT_EQ(r.status, 3) << r.err;  // finished, with a reject
  EXPECT_TRUE(contains(r.out, "== " + dir.file("a.html"))) << r.out;
  EXPECT_TRUE(contains(r.out, "title: Hello")) << r.out;
  EXPECT_TRUE(contains(r.out, "Die Bürgerinnen und Bürger")) << r.out;
  EXPECT_TRUE(contains(r.err, "rejected: " + dir.file("b.html"))) << r.err;
  const auto bad = testing::run_sipur("extract --tuning nonsense=1 " + dir.file("a.html"), dir);
  EXPECT_EQ(bad.status, 2) << bad.err;
}

}  // namespace
}  // namespace sipur
