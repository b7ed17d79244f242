#include "ingest/html_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "ingest/charset.h"

namespace sipur::ingest {
namespace {

bool has_removed(const Article& article, std::string_view kind, std::string_view fragment) {
  return std::any_of(article.removed.begin(), article.removed.end(),
                     [&](const Removed& r) { return r.kind == kind && r.text.find(fragment) != std::string::npos; });
}

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

// Hebrew letters and ASCII from UTF-8 into windows-1255 / ISO-8859-8 (same table for letters),
// plus the shekel sign, which only windows-1255 has (0xA4).
std::string to_hebrew_8bit(std::string_view utf8) {
  std::string out;
  for (std::size_t i = 0; i < utf8.size();) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      ++i;
    } else if ((c & 0xE0) == 0xC0) {
      const unsigned cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(utf8[i + 1]) & 0x3Fu);
      EXPECT_TRUE(cp >= 0x5D0 && cp <= 0x5EA) << "test helper only maps Hebrew letters";
      out.push_back(static_cast<char>(0xE0 + (cp - 0x5D0)));
      i += 2;
    } else {
      EXPECT_EQ(utf8.substr(i, 3), "\u20AA") << "test helper only maps the shekel sign";
      out.push_back('\xA4');
      i += 3;
    }
  }
  return out;
}

constexpr std::string_view kHebrewPage = R"html(<!DOCTYPE html>
<html lang="he-IL" dir="rtl">
<head>
<meta charset="utf-8">
<title>הממשלה אישרה את תקציב המדינה לשנת 2019 - וואלה! חדשות</title>
<meta property="og:site_name" content="וואלה! חדשות">
<meta property="og:title" content="הממשלה אישרה את תקציב המדינה לשנת 2019">
<meta name="description" content="התקציב אושר ברוב של 18 שרים מול 4 מתנגדים">
<link rel="canonical" href="https://news.walla.co.il/item/3226000">
<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "name": "וואלה!"},
  {"@type": "NewsArticle", "headline": "הממשלה אישרה את התקציב", "datePublished": "2019-04-02T10:00:00+03:00"}]}
</script>
<script>var banner = "<div>סקריפט שאינו טקסט</div>";</script>
<style>.x { content: "סגנון"; }</style>
</head>
<body>
<header class="site-header">
  <nav><ul><li><a href="/">ראשי</a></li><li><a href="/news">חדשות</a></li><li><a href="/sport">ספורט</a></li>
  <li><a href="/tech">טכנולוגיה</a></li></ul></nav>
</header>
<main>
<article>
  <h1>הממשלה אישרה את תקציב המדינה לשנת 2019</h1>
  <div class="share-bar"><a href="#">שתפו בפייסבוק</a> <a href="#">שתפו בוואטסאפ</a></div>
  <div class="byline">מאת <span>דנה כהן</span> <time datetime="2019-04-01T09:00:00+03:00">01/04/2019</time></div>
  <p>שרי הממשלה אישרו הלילה את הצעת התקציב לשנת 2019,
     לאחר דיון    שנמשך יותר משבע שעות.</p>
  <p>שר האוצר אמר כי מדובר ב<a href="/item/5">תקציב אחראי</a> שישמור על יציבות המשק ועל צמיחה גם בשנים הבאות.</p>
  <p><strong>עוד בוואלה!</strong> <a href="/item/1">המדריך המלא: כך תקבלו החזר מס מהמדינה בלי לשלם לאף אחד</a></p>
  <figure><img src="/img/1.jpg" alt=""><figcaption>צילום: יוסי זמיר, פלאש 90</figcaption></figure>
  <p>בין היתר כולל התקציב תוספת של מיליארד &#8362; למערכת הבריאות<br>ותוספת של חצי מיליארד למערכת החינוך.</p>
  <ul>
    <li><a href="/item/2">נתניהו: "התקציב יעבור גם בכנסת הבאה"</a> <span>עמית סגל</span></li>
    <li><a href="/item/3">האוצר מזהיר: הגירעון צפוי לחרוג מהיעד השנה</a> <span>טל שניידר</span></li>
    <li><a href="/item/4">מה כולל התקציב החדש? כל הפרטים במקום אחד</a> <span>רוני לינדר</span></li>
  </ul>
  <p>ההצבעה בכנסת צפויה להתקיים בשבוע הבא.</p>
  <div id="comments-area"><h3>תגובות (12)</h3><p>תגובה של גולש</p></div>
</article>
<aside><h3>הכי נקראים</h3><p>כתבה פופולרית אחרת</p></aside>
</main>
<footer><p>כל הזכויות שמורות לוואלה! תקשורת בע"מ</p></footer>
</body>
</html>
)html";

TEST(HtmlReader, HebrewNewsPage) {
  HtmlHints hints;
  hints.where = Location{"walla.html"};
  const auto result = parse_html_article(kHebrewPage, hints);
  ASSERT_TRUE(result.ok()) << result.error().describe();
  const Article& a = result.value();
  EXPECT_EQ(a.title, "הממשלה אישרה את תקציב המדינה לשנת 2019");
  EXPECT_EQ(a.lead, "התקציב אושר ברוב של 18 שרים מול 4 מתנגדים");
  EXPECT_EQ(a.url, "https://news.walla.co.il/item/3226000");
  EXPECT_EQ(a.source, "וואלה! חדשות");
  EXPECT_EQ(a.published, "2019-04-02T07:00:00Z");  // JSON-LD beats the byline's <time>
  ASSERT_TRUE(a.published_utc.has_value());
  EXPECT_EQ(*a.published_utc, 1554188400);
  EXPECT_TRUE(a.published_zone_known);
  EXPECT_TRUE(a.lang_given.empty());
  EXPECT_EQ(a.format, "html");
  EXPECT_EQ(a.origin, "walla.html");
  EXPECT_EQ(a.raw, kHebrewPage);

  const std::string& body = a.raw_body;
  EXPECT_TRUE(contains(body, "שרי הממשלה אישרו הלילה את הצעת התקציב לשנת 2019, לאחר דיון שנמשך יותר משבע שעות.\n\n"))
      << body;
  EXPECT_TRUE(contains(body, "מדובר בתקציב אחראי שישמור")) << body;
  EXPECT_TRUE(contains(body, "מיליארד ₪ למערכת הבריאות\nותוספת של חצי מיליארד")) << body;
  EXPECT_TRUE(body.ends_with("ההצבעה בכנסת צפויה להתקיים בשבוע הבא.")) << body;
  for (const std::string_view gone : {"ראשי", "שתפו", "עוד בוואלה", "החזר מס", "נתניהו", "הגירעון", "פלאש 90", "תגובות",
                                      "הכי נקראים", "כל הזכויות", "סקריפט", "סגנון"}) {
    EXPECT_FALSE(contains(body, gone)) << gone << " in\n" << body;
  }
  EXPECT_FALSE(body.starts_with(a.title)) << "the page's h1 repeats the title";

  EXPECT_TRUE(has_removed(a, "page-chrome", "שתפו בפייסבוק"));
  EXPECT_TRUE(has_removed(a, "page-chrome", "תגובה של גולש"));
  // The navigation, footer and aside lie outside the <article> chosen as content root: never walked.
  EXPECT_FALSE(has_removed(a, "page-chrome", "ראשי"));
  EXPECT_FALSE(has_removed(a, "page-chrome", "כל הזכויות שמורות"));
  EXPECT_TRUE(has_removed(a, "photo-credit", "צילום: יוסי זמיר, פלאש 90"));
  EXPECT_TRUE(has_removed(a, "link-list", "עוד בוואלה! המדריך המלא"));
  EXPECT_TRUE(has_removed(a, "related-list", "האוצר מזהיר: הגירעון צפוי לחרוג מהיעד השנה טל שניידר"));
  EXPECT_TRUE(has_removed(a, "repeated-headline", a.title));
  EXPECT_FALSE(has_removed(a, "page-chrome", "סקריפט"));  // scripts are not visible text
}

TEST(HtmlReader, EnglishPageWithOpenGraph) {
  const std::string page = R"(<html lang="en"><head>
<title>Storm hits the coast | The Example Times</title>
<meta property="og:site_name" content="The Example Times">
<meta property="og:url" content="https://www.example.com/2023/05/storm">
<meta property="og:description" content="Thousands without power.">
<meta property="article:published_time" content="2023-05-10T14:30:00-04:00">
</head><body>
<div class="menu-top"><a href="/">Home</a> <a href="/world">World</a></div>
<div itemprop="articleBody">
  <p>A powerful storm hit the coast on Wednesday, leaving thousands of homes without power.</p>
  <div>Officials said repairs could take days.</div>
  <p class="read-more"><a href="/x">Read more: how to prepare for a storm</a></p>
  <p><a href="/a">Storm tracker</a> | <a href="/b">Live power-outage map</a></p>
  <p>Residents were asked to <a href="/c">stay indoors</a> until the evening.</p>
</div>
<div class="newsletter-signup">Sign up for our newsletter</div>
</body></html>)";
  const auto result = parse_html_article(page, HtmlHints{});
  ASSERT_TRUE(result.ok()) << result.error().describe();
  const Article& a = result.value();
  EXPECT_EQ(a.title, "Storm hits the coast");  // " | site name" stripped
  EXPECT_EQ(a.source, "The Example Times");
  EXPECT_EQ(a.url, "https://www.example.com/2023/05/storm");
  EXPECT_EQ(a.lead, "Thousands without power.");
  EXPECT_EQ(a.published, "2023-05-10T18:30:00Z");
  EXPECT_EQ(a.raw_body,
            "A powerful storm hit the coast on Wednesday, leaving thousands of homes without power.\n\n"
            "Officials said repairs could take days.\n\n"
            "Residents were asked to stay indoors until the evening.");
  EXPECT_TRUE(has_removed(a, "page-chrome", "Read more: how to prepare"));
  EXPECT_TRUE(has_removed(a, "link-list", "Storm tracker | Live power-outage map"));
  EXPECT_FALSE(has_removed(a, "page-chrome", "Sign up"));  // outside articleBody: never walked
}

TEST(HtmlReader, BodyRootSkipsPageChrome) {
  const std::string page = R"(<html><head><title>Title</title></head><body>
<header><a href="/">Logo</a> <span>Tagline of the site</span></header>
<nav><a href="/a">Section A</a></nav>
<div role="navigation">Jump to section</div>
<div id="MainMenu">Main menu item</div>
<div class="cookie-consent">We use cookies</div>
<p>First paragraph of the story.</p>
<div hidden>Hidden text</div>
<p style="display: none">Invisible text</p>
<div class="article-header-meta">Written in Tel Aviv</div>
<form><label>Email</label><button>Send</button></form>
<aside>Most read</aside>
<custom-quote>Custom</custom-quote><custom-quote>elements</custom-quote>
<footer>Copyright notice</footer>
</body></html>)";
  const auto result = parse_html_article(page, HtmlHints{});
  ASSERT_TRUE(result.ok()) << result.error().describe();
  const Article& a = result.value();
  EXPECT_EQ(a.raw_body, "First paragraph of the story.\n\nWritten in Tel Aviv\n\nCustom elements");
  const std::vector<std::string> chrome = {
      "Logo Tagline of the site", "Section A",  "Jump to section", "Main menu item",
      "We use cookies",           "Email Send", "Most read",       "Copyright notice"};
  for (const std::string& text : chrome) EXPECT_TRUE(has_removed(a, "page-chrome", text)) << text;
  EXPECT_EQ(a.removed.size(), chrome.size());  // hidden elements are not visible text: not recorded
}

TEST(HtmlReader, HintsWinOverThePage) {
  const std::string page = R"(<html><head><meta property="og:site_name" content="Page Site">
<meta property="og:url" content="https://page.example/a">
<meta property="article:published_time" content="2020-01-01T00:00:00Z"></head>
<body><p>Text.</p></body></html>)";
  HtmlHints hints;
  hints.url = "https://hint.example/b";
  hints.source = "Hint Source";
  hints.published = "Tue, 02 Apr 2019 10:00:00 GMT";
  const auto result = parse_html_article(page, hints);
  ASSERT_TRUE(result.ok()) << result.error().describe();
  EXPECT_EQ(result.value().url, "https://hint.example/b");
  EXPECT_EQ(result.value().source, "Hint Source");
  EXPECT_EQ(result.value().published, "2019-04-02T10:00:00Z");
}

TEST(HtmlReader, FallbackTimeOnlyWhenThePageHasNone) {
  // A crawl date (WARC-Date) must not replace the page's own publication time.
  HtmlHints hints;
  hints.published_fallback = "2024-05-05T12:00:00Z";
  const auto dated = parse_html_article(
      R"(<html><head><meta property="article:published_time" content="2020-01-01T00:00:00Z"></head>
<body><p>Text.</p></body></html>)",
      hints);
  ASSERT_TRUE(dated.ok());
  EXPECT_EQ(dated.value().published, "2020-01-01T00:00:00Z");
  const auto undated = parse_html_article("<html><body><p>Text.</p></body></html>", hints);
  ASSERT_TRUE(undated.ok());
  EXPECT_EQ(undated.value().published, "2024-05-05T12:00:00Z");
}

TEST(HtmlReader, SourceFallsBackToUrlHost) {
  const auto result = parse_html_article(
      "<html><head><link rel=\"Canonical\" href=\"https://www.Ynet.co.il:443/articles/1\"></head>"
      "<body><p>טקסט</p></body></html>",
      HtmlHints{});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.value().url, "https://www.Ynet.co.il:443/articles/1");
  EXPECT_EQ(result.value().source, "ynet.co.il");
}

struct DateCase {
  const char* name;
  std::string head_or_body;
  std::string published;  // "" = none
  bool zone_known;
};

TEST(HtmlReader, PublicationTimeSources) {
  const std::vector<DateCase> cases = {
      {"og:published_time", R"(<meta property="og:published_time" content="2021-06-01T12:00:00Z">)",
       "2021-06-01T12:00:00Z", true},
      {"itemprop meta", R"(<meta itemprop="datePublished" content="2021-06-01">)", "2021-06-01T00:00:00", false},
      {"itemprop time", R"(<time itemprop="datePublished" datetime="2021-06-01T08:00:00+02:00">1.6</time>)",
       "2021-06-01T06:00:00Z", true},
      {"pubdate", R"(<meta name="pubdate" content="2021-06-01T12:00">)", "2021-06-01T12:00:00", false},
      {"DC.date.issued", R"(<meta name="DC.date.issued" content="2021-06-01T12:00:00+00:00">)", "2021-06-01T12:00:00Z",
       true},
      {"parsely", R"(<meta name="parsely-pub-date" content="2021-06-01T12:00:00Z">)", "2021-06-01T12:00:00Z", true},
      {"order",
       R"(<meta name="date" content="2000-01-01"><meta property="article:published_time" content="2021-06-01">)",
       "2021-06-01T00:00:00", false},
      {"unparseable meta, JSON-LD array", R"(<meta name="date" content="yesterday">
<script type="application/ld+json">[{"@type":"Person"},{"datePublished":"2021-06-01T12:00:00Z"}]</script>)",
       "2021-06-01T12:00:00Z", true},
      {"broken JSON-LD ignored", R"(<script type="application/ld+json">{"datePublished": </script>)", "", false},
      {"time in content", R"(<p>x</p><time datetime="2021-06-01T12:00:00Z">June</time>)", "2021-06-01T12:00:00Z", true},
      {"nothing parses", R"(<meta name="date" content="soon"><time datetime="later">x</time>)", "", false},
  };
  for (const DateCase& c : cases) {
    SCOPED_TRACE(c.name);
    const auto result = parse_html_article(
        "<html><head><title>T</title></head><body>" + c.head_or_body + "<p>Body text.</p></body></html>", HtmlHints{});
    ASSERT_TRUE(result.ok()) << result.error().describe();
    const Article& a = result.value();
    EXPECT_EQ(a.published, c.published);
    EXPECT_EQ(a.published_utc.has_value(), !c.published.empty());
    EXPECT_EQ(a.published_zone_known, c.zone_known);
  }
}

TEST(HtmlReader, Windows1255PageDecodes) {
  const std::string page =
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1255\">"
      "<title>" +
      to_hebrew_8bit("שלום עולם") + "</title></head><body><p>" + to_hebrew_8bit("המחיר עלה ל-5 ₪ לליטר") +
      "</p></body></html>";
  const auto result = parse_html_article(page, HtmlHints{});
  ASSERT_TRUE(result.ok()) << result.error().describe();
  EXPECT_EQ(result.value().title, "שלום עולם");
  EXPECT_EQ(result.value().raw_body, "המחיר עלה ל-5 ₪ לליטר");
  EXPECT_EQ(result.value().raw, page);  // raw keeps the bytes as given
}

TEST(HtmlReader, ContentTypeCharsetHintWins) {
  // No <meta> charset; the HTTP header says ISO-8859-8-I (logical-order Hebrew).
  const std::string page = "<html><body><p>" + to_hebrew_8bit("בוקר טוב") + "</p></body></html>";
  HtmlHints hints;
  hints.charset = charset_from_content_type("text/html; charset=ISO-8859-8-I");
  const auto result = parse_html_article(page, hints);
  ASSERT_TRUE(result.ok()) << result.error().describe();
  EXPECT_EQ(result.value().raw_body, "בוקר טוב");
}

TEST(HtmlReader, ByteOrderMarkAndUtf16LabelsMeanUtf8) {
  const std::vector<std::string> pages = {
      "\xEF\xBB\xBF<html><head><meta charset=\"windows-1255\"></head><body><p>שלום</p></body></html>",
      "<html><head><meta charset=\"utf-16\"></head><body><p>שלום</p></body></html>",
  };
  for (const std::string& page : pages) {
    const auto result = parse_html_article(page, HtmlHints{});
    ASSERT_TRUE(result.ok()) << result.error().describe();
    EXPECT_EQ(result.value().raw_body, "שלום");
  }
}

TEST(Charset, FromContentType) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"text/html; charset=UTF-8", "utf-8"},
      {"text/html;charset=\"Windows-1255\"", "windows-1255"},
      {"text/html; Charset = iso-8859-8-i ; foo=bar", "iso-8859-8-i"},
      {"text/html; format=flowed; charset='koi8-r'", "koi8-r"},
      {"text/html", ""},
      {"text/html; xcharset=utf-8", ""},
      {"", ""},
  };
  for (const auto& [header, expected] : cases) EXPECT_EQ(charset_from_content_type(header), expected) << header;
}

TEST(Charset, SniffHtml) {
  EXPECT_EQ(sniff_html_charset("<html><head><meta charset=\"Windows-1255\">"), "windows-1255");
  EXPECT_EQ(sniff_html_charset("<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=ISO-8859-8'>"),
            "iso-8859-8");
  EXPECT_EQ(sniff_html_charset("<meta charset=utf-8><meta charset=windows-1255>"), "utf-8");
  EXPECT_EQ(sniff_html_charset("<?xml version=\"1.0\" encoding=\"ISO-8859-8\"?><html>"), "iso-8859-8");
  EXPECT_EQ(sniff_html_charset("<html><p>charset=windows-1255</p>"), "");
  EXPECT_EQ(sniff_html_charset(std::string(5000, ' ') + "<meta charset=windows-1255>"), "");
}

TEST(Charset, ToUtf8) {
  EXPECT_EQ(to_utf8("\xEF\xBB\xBFשלום", "UTF-8", {}).value(), "שלום");
  EXPECT_EQ(to_utf8("abc", "", {}).value(), "abc");
  EXPECT_EQ(to_utf8(to_hebrew_8bit("₪ שקל"), "cp1255", {}).value(), "₪ שקל");
  EXPECT_EQ(to_utf8("caf\xE9", "ISO-8859-1", {}).value(), "café");
  EXPECT_EQ(to_utf8("\x93quoted\x94", "latin1", {}).value(), "\u201Cquoted\u201D");  // read as windows-1252
}

TEST(Charset, InvalidUtf8ReportsOffset) {
  struct Case {
    std::string bytes;
    std::uint64_t offset;
  };
  const std::vector<Case> cases = {
      {"abc\xC3(def", 3},
      {"\xEF\xBB\xBF"
       "ab\xFF",
       5},                     // offset counts the byte-order mark
      {"\xC0\xAF", 0},         // overlong '/'
      {"ok \xED\xA0\x80", 3},  // surrogate
      {"שלום\xD7", 8},         // truncated sequence at the end
  };
  for (const Case& c : cases) {
    const auto result = to_utf8(c.bytes, "utf8", Location{"page.html", 0});
    ASSERT_FALSE(result.ok()) << c.offset;
    EXPECT_EQ(result.error().kind, ErrorKind::kInvalidUtf8);
    EXPECT_EQ(result.error().where.file, "page.html");
    EXPECT_TRUE(result.error().where.has_offset);
    EXPECT_EQ(result.error().where.offset, c.offset);
  }
}

TEST(Charset, UnknownCharsetIsUnsupported) {
  const auto result = to_utf8("abc", "x-no-such-charset", {});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::kUnsupported);
}

struct ErrorCase {
  const char* name;
  std::string bytes;
  ErrorKind kind;
};

TEST(HtmlReader, Rejects) {
  const std::vector<ErrorCase> cases = {
      {"empty", "", ErrorKind::kEmptyInput},
      {"binary", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), ErrorKind::kBinaryInput},
      {"no title, no text", "<html><head></head></html>", ErrorKind::kInvalidInput},
      {"only chrome", "<html><body><nav><a href=/>Home</a></nav><script>x()</script></body></html>",
       ErrorKind::kInvalidInput},
  };
  for (const ErrorCase& c : cases) {
    SCOPED_TRACE(c.name);
    HtmlHints hints;
    hints.where = Location{"in.html"};
    const auto result = parse_html_article(c.bytes, hints);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().kind, c.kind) << result.error().describe();
    EXPECT_EQ(result.error().where.file, "in.html");
  }
  const auto empty_page = parse_html_article("<html><head></head></html>", HtmlHints{});
  ASSERT_FALSE(empty_page.ok());
  EXPECT_EQ(empty_page.error().message, "HTML without body");
}

// Pages a browser shows are kept (issue 22): bad bytes become U+FFFD with a warning naming the
// offset, an unknown charset is read as the detector says.
TEST(HtmlReader, BadBytesAndUnknownCharsetsAreKeptWithAWarning) {
  HtmlHints hints;
  hints.where = Location{"in.html"};
  const auto stray = parse_html_article("<html><body><p>caf\xE9 au lait, caf\xC3\xA9 noir</p></body></html>", hints);
  ASSERT_TRUE(stray.ok()) << stray.error().describe();
  EXPECT_EQ(stray.value().raw_body, "caf\uFFFD au lait, café noir");
  ASSERT_EQ(stray.value().warnings.size(), 1u);
  EXPECT_EQ(stray.value().warnings[0].kind, ErrorKind::kInvalidUtf8);
  EXPECT_EQ(stray.value().warnings[0].where.describe(), "in.html (byte 18)");
  EXPECT_TRUE(contains(stray.value().warnings[0].message, "U+FFFD")) << stray.value().warnings[0].message;

  const auto klingon = parse_html_article("<meta charset=\"x-klingon\"><p>text</p>", hints);
  ASSERT_TRUE(klingon.ok()) << klingon.error().describe();
  EXPECT_EQ(klingon.value().raw_body, "text");
  EXPECT_TRUE(klingon.value().warnings.empty());  // ASCII reads the same in any charset
}

TEST(HtmlReader, HeadlineOnlyPageIsFine) {
  const auto result =
      parse_html_article("<html><head><title>  Breaking:\n  news </title></head><body></body></html>", HtmlHints{});
  ASSERT_TRUE(result.ok()) << result.error().describe();
  EXPECT_EQ(result.value().title, "Breaking: news");
  EXPECT_EQ(result.value().raw_body, "");
}

TEST(HtmlReader, DeeplyNestedDivsDoNotCrash) {
  std::string page = "<html><body>";
  for (int i = 0; i < 100000; ++i) page += "<div>";
  page += "deep text";
  for (int i = 0; i < 100000; ++i) page += "</div>";
  page += "<p>after</p></body></html>";
  const auto result = parse_html_article(page, HtmlHints{});
  ASSERT_TRUE(result.ok()) << result.error().describe();
  EXPECT_EQ(result.value().raw_body, "deep text\n\nafter");
}

TEST(HtmlReader, DeepNestingOfMixedTagsDoesNotCrash) {
  // Unclosed formatting elements, lists and tables: Gumbo's slowest paths.
  std::string page = "<html><head><title>Deep</title></head><body><article>";
  for (int i = 0; i < 50000; ++i) {
    page += i % 3 == 0 ? "<span><a href=x>" : i % 3 == 1 ? "<section><ul><li>" : "<b><table><td>";
  }
  page += "bottom";
  const auto result = parse_html_article(page, HtmlHints{});
  ASSERT_TRUE(result.ok()) << result.error().describe();
  EXPECT_EQ(result.value().title, "Deep");
  EXPECT_TRUE(has_removed(result.value(), "link-list", "bottom"));  // the text sits inside <a>
}

class ReadHtmlFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("sipur_html_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    sink_.on_article = [this](Article&& a) { articles_.push_back(std::move(a)); };
    sink_.on_reject = [this](Error&& e) { errors_.push_back(std::move(e)); };
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& bytes) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }

  std::filesystem::path dir_;
  ReadSink sink_;
  std::vector<Article> articles_;
  std::vector<Error> errors_;
};

TEST_F(ReadHtmlFileTest, ReadsAPage) {
  const std::string path = write("a.html", "<html><head><title>Hello</title></head><body><p>World.</p></body></html>");
  read_html_file(path, ReadOptions{}, sink_);
  ASSERT_EQ(errors_.size(), 0u);
  ASSERT_EQ(articles_.size(), 1u);
  EXPECT_EQ(articles_[0].title, "Hello");
  EXPECT_EQ(articles_[0].raw_body, "World.");
  EXPECT_EQ(articles_[0].origin, path);
  EXPECT_TRUE(articles_[0].id.empty());
}

TEST_F(ReadHtmlFileTest, RejectsTooLarge) {
  const std::string path = write("big.html", "<html><body><p>" + std::string(200, 'x') + "</p></body></html>");
  ReadOptions options;
  options.max_file_bytes = 100;
  read_html_file(path, options, sink_);
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_TRUE(articles_.empty());
  EXPECT_EQ(errors_[0].kind, ErrorKind::kTooLarge);
  EXPECT_EQ(errors_[0].where.file, path);
  EXPECT_TRUE(contains(errors_[0].message, "big.html"));
}

TEST_F(ReadHtmlFileTest, RejectsMissingAndBadFiles) {
  read_html_file((dir_ / "missing.html").string(), ReadOptions{}, sink_);
  read_html_file(dir_.string(), ReadOptions{}, sink_);  // a directory
  read_html_file(write("bin.html", std::string("\0\0\0\0", 4)), ReadOptions{}, sink_);
  ASSERT_EQ(errors_.size(), 3u);
  EXPECT_TRUE(articles_.empty());
  EXPECT_EQ(errors_[0].kind, ErrorKind::kNotFound);
  EXPECT_EQ(errors_[1].kind, ErrorKind::kIo);
  EXPECT_EQ(errors_[2].kind, ErrorKind::kBinaryInput);
}

}  // namespace
}  // namespace sipur::ingest
