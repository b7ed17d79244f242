// The analyzer on the traps of Hebrew morphology: prefixes on names Hspell
// does not know, ambiguous words, the seeds' vocabulary, and bad input.
#include <gtest/gtest.h>

#include <map>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <iterator>
#include <random>

#include "analysis/analyzer.h"
#include "analysis/hebrew_model.h"
#include "cluster/features.h"
#include "test_util.h"
#include "text/normalize.h"

namespace sipur::analysis {
namespace {

class AnalyzerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto created = Analyzer::create({});
    ASSERT_TRUE(created.ok()) << created.error().describe();
    analyzer = std::move(created).value().release();
  }
  static void TearDownTestSuite() {
    delete analyzer;
    analyzer = nullptr;
  }
  static std::vector<AnalyzedToken> run(std::string_view text, std::string_view lang = "he") {
    analyzer->observe(text);
    return analyzer->analyze(text, lang);
  }
  static AnalyzedToken one(std::string_view word, std::string_view context = "") {
    if (!context.empty()) analyzer->observe(context);
    const auto tokens = analyzer->analyze(word, "he");
    EXPECT_EQ(tokens.size(), 1u) << word;
    return tokens.empty() ? AnalyzedToken{} : tokens.front();
  }
  static std::string words(const AnalyzedToken& t) {
    std::string out;
    for (const Segment& s : t.words) out += (out.empty() ? "" : "+") + s.form;
    return out;
  }
  static Analyzer* analyzer;
};
Analyzer* AnalyzerTest::analyzer = nullptr;

struct Trap {
  const char* word;
  const char* context;  // text seen before (the corpus), may be empty
  const char* lemma;
  const char* words;
};

// The seeds' vocabulary and the ambiguous words the analysis issue names.
const Trap kTraps[] = {
    {"לפוטין", "פוטין אמר", "פוטין", "ל+פוטין"},  // unknown name: strip only because פוטין occurs alone
    {"ופוטין", "פוטין אמר", "פוטין", "ו+פוטין"},
    {"לקרמלין", "הקרמלין הודיע. קרמלין", "קרמלין", "ל+קרמלין"},
    {"בפגישתם", "", "פגישה", "ב+פגישת+ם"},         // prefix, noun, pronoun suffix
    {"האמריקניים", "", "אמריקני", "ה+אמריקניים"},  // adjective: not Hspell's noun lemma אמריקה
    {"בין", "", "בין", "בין"},                     // "between", never ב + ין
    {"בנימין", "", "בנימין", "בנימין"},            // a name, never ב + נימין
    {"שני", "", "שתיים", "שני"},                   // "two"/"second": no ש + ני
    {"מאז", "", "אז", "מ+אז"},                     // as the IAHLT treebanks split it
    {"הממשלה", "", "ממשלה", "ה+ממשלה"},
};

TEST_F(AnalyzerTest, HebrewTraps) {
  for (const Trap& t : kTraps) {
    const AnalyzedToken a = one(t.word, t.context);
    EXPECT_EQ(a.lemma, t.lemma) << t.word;
    EXPECT_EQ(words(a), t.words) << t.word;
  }
}

// Names under their prefixes (issue 21): a word Hspell does not know loses
// its prefix letters when the text or a names list vouches for the rest,
// and names that begin with prefix letters keep them.
struct PrefixedName {
  const char* word;
  const char* context;             // text seen before, in a fresh analyzer
  std::vector<std::string> names;  // a names list, if any
  const char* words;
};

const PrefixedName kPrefixedNames[] = {
    {"לפוטין", "פוטין אמר", {}, "ל+פוטין"},              // the rest stands alone
    {"לפוטין", "", {"פוטין"}, "ל+פוטין"},                // the rest is a listed name
    {"לפוטין", "", {}, "לפוטין"},                        // no evidence: no split
    {"והקרמלין", "בקרמלין מהקרמלין", {}, "ו+ה+קרמלין"},  // the rest after other prefixes
    {"מהקרמלין", "בקרמלין והקרמלין", {}, "מ+ה+קרמלין"},
    {"בקרמלין", "מהקרמלין לקרמלין", {}, "ב+קרמלין"},
    {"בקרמלין", "בקרמלין בקרמלין", {}, "בקרמלין"},  // one prefix, however often, is no paradigm
    {"ולנתניהו", "", {}, "ו+ל+נתניהו"},
    {"ומירב", "מירב", {}, "ו+מירב"},
    {"מירב", "למירב ומירב", {}, "מירב"},  // ו and ל before מירב say nothing of ירב
    {"ליאור", "לליאור וליאור", {"יאור"}, "ליאור"},
    {"ברק", "וברק לברק", {}, "ברק"},
    {"הרצל", "בהרצל להרצל", {"רצל"}, "הרצל"},
    {"לבנון", "בלבנון ללבנון", {"בנון"}, "לבנון"},
    // Not yet: שמעון is read ש+מעון, Hspell's split backed by the treebanks' מעון.
};

TEST(PrefixedNames, SplitWhenTheTextOrANamesListVouches) {
  for (const PrefixedName& c : kPrefixedNames) {
    auto created = Analyzer::create({});
    ASSERT_TRUE(created.ok()) << created.error().describe();
    Analyzer& analyzer = *created.value();
    if (!c.names.empty()) analyzer.add_known_names(c.names);
    analyzer.observe(c.context);
    analyzer.observe(c.word);
    const auto tokens = analyzer.analyze(c.word, "he");
    ASSERT_EQ(tokens.size(), 1u) << c.word;
    std::string got;
    for (const Segment& seg : tokens.front().words) got += (got.empty() ? "" : "+") + seg.form;
    EXPECT_EQ(got, c.words) << c.word << " after \"" << c.context << "\"";
  }
}

TEST_F(AnalyzerTest, UnknownNameWithoutEvidenceKeepsItsLetters) {
  // No standalone "וקסלר" anywhere: never blind stripping of ו/ק.
  const AnalyzedToken a = one("וקסלרמן");
  EXPECT_EQ(words(a), "וקסלרמן");
  EXPECT_TRUE(a.entity_candidate);
}

TEST_F(AnalyzerTest, AcronymsNumbersAndGluedPrefixes) {
  const auto tokens = run("צה\"ל תקף ב-2019 סוללות S-300 ב50% מהמקרים");
  ASSERT_GE(tokens.size(), 9u);
  EXPECT_EQ(tokens[0].surface, "צה\"ל");
  EXPECT_TRUE(tokens[0].entity_candidate);
  EXPECT_EQ(tokens[2].surface, "ב");
  EXPECT_TRUE(tokens[2].stop_word);
  EXPECT_TRUE(tokens[4].number);
  EXPECT_EQ(tokens[6].surface, "S-300");
  EXPECT_EQ(tokens[7].surface, "ב50");
  EXPECT_EQ(words(tokens[7]), "ב+50");
  EXPECT_TRUE(tokens[7].number);
}

TEST_F(AnalyzerTest, EnglishIsStemmedWithStopWordsAndNames) {
  const auto tokens = run("The meetings in Moscow were announced", "en");
  ASSERT_EQ(tokens.size(), 6u);
  EXPECT_TRUE(tokens[0].stop_word);
  EXPECT_EQ(tokens[1].lemma, "meet");
  EXPECT_TRUE(tokens[3].entity_candidate);
  EXPECT_FALSE(tokens[0].entity_candidate);  // capitalized only as a sentence start
}

TEST_F(AnalyzerTest, MatchingDetailKeepsLemmasAndFlagsWithoutWords) {
  const std::string text = "נתניהו ייפגש עם פוטין במוסקבה ב-2019, ב50% מהמקרים. Putin met leaders in Moscow";
  for (const std::string_view lang : {"he", "en"}) {
    const auto full = analyzer->analyze(text, lang);
    const auto matching = analyzer->analyze(text, lang, Analyzer::Detail::kMatching);
    ASSERT_EQ(full.size(), matching.size());
    for (std::size_t i = 0; i < full.size(); ++i) {
      SCOPED_TRACE(full[i].surface);
      EXPECT_EQ(matching[i].surface, full[i].surface);
      EXPECT_EQ(matching[i].normalized, full[i].normalized);
      EXPECT_EQ(matching[i].lemma, full[i].lemma);
      EXPECT_EQ(matching[i].stop_word, full[i].stop_word);
      EXPECT_EQ(matching[i].number, full[i].number);
      EXPECT_EQ(matching[i].punctuation, full[i].punctuation);
      EXPECT_EQ(matching[i].entity_candidate, full[i].entity_candidate);
      EXPECT_FALSE(full[i].words.empty());
      EXPECT_TRUE(matching[i].words.empty());
      EXPECT_TRUE(matching[i].alternatives.empty());
    }
  }
}

TEST_F(AnalyzerTest, ObserveAndAnalyzeIsObserveThenAnalyze) {
  const std::string text = "השיחה לזלנסקי נמשכה שעה. זלנסקי אמר כי השיחה הייתה טובה";
  const auto together = analyzer->observe_and_analyze(text, "he");
  analyzer->observe(text);
  const auto apart = analyzer->analyze(text, "he");
  ASSERT_EQ(together.size(), apart.size());
  for (std::size_t i = 0; i < apart.size(); ++i) {
    EXPECT_EQ(together[i].lemma, apart[i].lemma) << apart[i].surface;
    EXPECT_EQ(words(together[i]), words(apart[i])) << apart[i].surface;
  }
}

TEST_F(AnalyzerTest, TextWithoutHebrewAndHugeWords) {
  EXPECT_TRUE(run("", "he").empty());
  const auto latin = run("only latin words 123", "he");
  EXPECT_EQ(latin.size(), 4u);
  std::string huge;  // a "word" of thousands of letters
  for (int i = 0; i < 10000; ++i) huge += "א";
  const auto tokens = run(huge);
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].surface.size(), huge.size());
}

// A first line that only dates the page is no headline: the article then
// has body terms and no title terms; a headline with a date in it stays one.
TEST_F(AnalyzerTest, ADatelineInTheTitlesPlaceGivesNoTitleTerms) {
  auto features = [](const std::string& title, const std::string& lang) {
    const std::string text = title + "\n\nFirefighters fought the blaze at the warehouse.";
    return cluster::features_of(analyzer->analyze(text, lang, Analyzer::Detail::kMatching), title.size());
  };
  for (const char* dateline :
       {"Friday, March 8, 2013 at 12: 46 PM", "21 July 2013 Last updated at 11: 11 GMT", "8: 24am:", "8 / 2 / 13",
        "PUBLISHED FRIDAY, MARCH 8, 2013 AT 12: 46 PM", "September 18th, 2013, 05: 31 GMT"}) {
    const cluster::ArticleFeatures f = features(dateline, "en");
    EXPECT_TRUE(f.title_terms.empty()) << dateline;
    EXPECT_FALSE(f.body_terms.empty()) << dateline;
  }
  EXPECT_TRUE(features("יום שלישי, 11 באוקטובר 2011", "he").title_terms.empty());
  for (const char* headline : {"Warehouse fire on March 8, 2013", "March Madness", "Friday", "Quake kills 300"}) {
    EXPECT_FALSE(features(headline, "en").title_terms.empty()) << headline;
  }
}

// A whole word in the stop list is a stop word even where the analysis
// reads a prefix in it (ליד as ל+יד, "to a hand"); and of Hspell's readings
// of a word the treebanks lack, a verb loses a tie (תושבי: "residents of",
// not "will be seated").
TEST_F(AnalyzerTest, FunctionWordsStayStopWordsAndVerbsLoseTies) {
  const AnalyzedToken near = one("ליד");
  EXPECT_TRUE(near.stop_word) << near.lemma;
  EXPECT_EQ(one("תושבי").lemma, "תושב");
}

// A word Hspell and the treebanks do not know is most often a name: it
// keeps its written form (Pompeo is not פומפא), while an ending rule still
// applies where it leaves a lemma the treebanks know.
TEST_F(AnalyzerTest, UnknownNamesKeepTheirWrittenForm) {
  const AnalyzedToken pompeo = one("פומפאו");
  EXPECT_EQ(pompeo.lemma, "פומפאו");
  EXPECT_TRUE(pompeo.entity_candidate);
  EXPECT_EQ(one("אסלאמית").lemma, "אסלאמי");
}

// A nationality adjective is matched by its country (Hspell derives one
// from the other), while its lemma stays the adjective, as UD has it: a
// report of "the Russian attack" shares a term with one about Russia.
TEST_F(AnalyzerTest, NationalityAdjectivesMatchTheirCountry) {
  const AnalyzedToken russian = one("הרוסי");
  EXPECT_EQ(russian.lemma, "רוסי");
  EXPECT_EQ(russian.match_lemma, "רוסיה");
  EXPECT_EQ(one("פוטין").match_lemma, "");  // most words match by their lemma
  const std::string text = "מתקפה של הצבא הרוסי\n\nרוסיה תקפה";
  const cluster::ArticleFeatures f =
      cluster::features_of(analyzer->analyze(text, "he", Analyzer::Detail::kMatching), text.find('\n'));
  const auto has = [](const cluster::TermCounts& terms, const std::string& key) {
    return std::any_of(terms.begin(), terms.end(), [&](const auto& t) { return t.first == key; });
  };
  EXPECT_TRUE(has(f.title_terms, "רוסיה"));
  EXPECT_FALSE(has(f.title_terms, "רוסי"));
  EXPECT_TRUE(has(f.body_terms, "רוסיה"));
}

// Stemmed English keys carry how they read, for labels: the first form met,
// a possessive without its 's, and nothing for a key met as itself. Days
// and months are not names, even capitalized.
TEST_F(AnalyzerTest, StemmedTermsCarryAReadableFormAndDatesAreNoNames) {
  const std::string text =
      "Detectives question Snowden's lawyers\n\nThe detective met Snowden on Monday in October, and Jan Egeland "
      "in GMT hours. The lawyers' seasons ended; the season did too.";
  const cluster::ArticleFeatures f =
      cluster::features_of(analyzer->analyze(text, "en", Analyzer::Detail::kMatching), text.find('\n'));
  std::map<std::string, std::string> display;  // key -> display form
  for (const auto& [at, form] : f.display) {
    const bool in_title = at < f.title_terms.size();
    display[in_title ? f.title_terms[at].first : f.body_terms[at - f.title_terms.size()].first] = form;
  }
  EXPECT_EQ(display["detect"], "detectives");  // the title's form ("detective" in the body)
  EXPECT_EQ(display["lawyer"], "lawyers");     // never met as itself
  EXPECT_EQ(display.count("snowden"), 0u);     // "Snowden's" reads as its key
  EXPECT_EQ(display.count("season"), 0u);      // met as itself: reads as its key
  EXPECT_NE(std::find(f.entities.begin(), f.entities.end(), "snowden"), f.entities.end());
  for (const char* date : {"monday", "octob", "gmt"}) {
    EXPECT_EQ(std::find(f.entities.begin(), f.entities.end(), date), f.entities.end()) << date;
  }
  EXPECT_NE(std::find(f.entities.begin(), f.entities.end(), "jan"), f.entities.end());  // a name too
  // Hebrew keys are lemmas, words already: no display forms.
  EXPECT_TRUE(cluster::features_of(analyzer->analyze("השוטרים חקרו את העורכים", "he"), 100).display.empty());
}

TEST_F(AnalyzerTest, AcronymsMatchTheWordsTheyStandFor) {
  // After its prefix letters.
  const AnalyzedToken t = one("בת\"א");
  ASSERT_EQ(t.expansion.size(), 2u);
  EXPECT_EQ(t.expansion[0].lemma, "תל");
  EXPECT_EQ(t.expansion[1].lemma, "אביב");
  EXPECT_TRUE(one("צה\"ל").expansion.empty());  // always abbreviated: not in the list
  EXPECT_TRUE(one("תל").expansion.empty());
  // A headline with the acronym and one spelled out weigh the same words,
  // names among them.
  auto terms = [](std::string_view text) {
    auto counts =
        cluster::features_of(analyzer->analyze(text, "he", Analyzer::Detail::kMatching), text.size()).title_terms;
    std::sort(counts.begin(), counts.end());
    return counts;
  };
  EXPECT_EQ(terms("פיגוע דקירה בת\"א"), terms("פיגוע דקירה בתל אביב"));
  EXPECT_EQ(terms("רה\"מ נפגש עם יו\"ר הכנסת"), terms("ראש הממשלה נפגש עם יושב ראש הכנסת"));
  const auto entities = cluster::features_of(analyzer->analyze("פיגוע בת\"א", "he"), 100).entities;
  EXPECT_EQ(entities, (std::vector<std::string>{"אביב", "תל"}));
}

// Clean text keeps typographic quotes, geresh, gershayim and hyphens as
// written; the analysis reads them as their ASCII forms, so that text which
// differs only by them gives the same matching forms, lemmas, flags,
// acronym expansions and event features.
TEST_F(AnalyzerTest, TypographicMarksAnalyzeAsTheirAsciiForms) {
  struct Pair {
    const char* lang;
    const char* written;
    const char* ascii;
  };
  const Pair pairs[] = {
      {"en", "don’t", "don't"},
      {"en", "Israel’s PM said: “We don’t ‘negotiate’” on the 2000‐2010 plans for S‑300s, it`s −5 today.",
       "Israel's PM said: \"We don't 'negotiate'\" on the 2000-2010 plans for S-300s, it's -5 today."},
      {"he", "צה״ל", "צה\"ל"},
      {"he", "דובר צה״ל אמר כי פרופ׳ כהן ביקר בת״א ב־2019 עם ג׳ון ויו”ר הכנסת, “ללא הודעה מוקדמת”.",
       "דובר צה\"ל אמר כי פרופ' כהן ביקר בת\"א ב-2019 עם ג'ון ויו\"ר הכנסת, \"ללא הודעה מוקדמת\"."},
  };
  auto lemmas = [](const auto& list) {
    std::vector<std::string> out;
    for (const auto& x : list) out.push_back(x.lemma);
    return out;
  };
  for (const Pair& p : pairs) {
    const auto written = analyzer->analyze(p.written, p.lang);
    const auto ascii = analyzer->analyze(p.ascii, p.lang);
    ASSERT_EQ(written.size(), ascii.size()) << p.written;
    for (std::size_t i = 0; i < written.size(); ++i) {
      const AnalyzedToken& w = written[i];
      const AnalyzedToken& a = ascii[i];
      EXPECT_EQ(text::fold_punctuation(w.surface), a.surface) << p.written << " token " << i;
      EXPECT_EQ(w.normalized, a.normalized) << w.surface;
      EXPECT_EQ(w.lemma, a.lemma) << w.surface;
      EXPECT_EQ(w.match_lemma, a.match_lemma) << w.surface;
      EXPECT_EQ(std::string_view(w.source), std::string_view(a.source)) << w.surface;
      EXPECT_EQ(w.stop_word, a.stop_word) << w.surface;
      EXPECT_EQ(w.number, a.number) << w.surface;
      EXPECT_EQ(w.punctuation, a.punctuation) << w.surface;
      EXPECT_EQ(w.entity_candidate, a.entity_candidate) << w.surface;
      EXPECT_EQ(lemmas(w.expansion), lemmas(a.expansion)) << w.surface;
      EXPECT_EQ(lemmas(w.words), lemmas(a.words)) << w.surface;
      EXPECT_EQ(lemmas(w.alternatives), lemmas(a.alternatives)) << w.surface;
    }
    for (const std::size_t title_end : {std::size_t{0}, std::strlen(p.ascii)}) {
      const std::size_t written_end = title_end == 0 ? 0 : std::strlen(p.written);
      EXPECT_EQ(cluster::serialize_features(cluster::features_of(written, written_end)),
                cluster::serialize_features(cluster::features_of(ascii, title_end)))
          << p.written;
    }
  }
  // צה״ל is the acronym צה"ל: one token, a name, its lemma with an ASCII
  // quote; ת״א after a prefix stands for תל אביב as בת"א does.
  const AnalyzedToken idf = one("צה״ל");
  EXPECT_EQ(idf.surface, "צה״ל");
  EXPECT_EQ(idf.normalized, "צה\"ל");
  EXPECT_EQ(idf.lemma, one("צה\"ל").lemma);
  EXPECT_TRUE(idf.entity_candidate);
  const AnalyzedToken ta = one("בת״א");
  ASSERT_EQ(ta.expansion.size(), 2u);
  EXPECT_EQ(ta.expansion[0].lemma, "תל");
  EXPECT_EQ(ta.expansion[1].lemma, "אביב");
}

// The same property on random strings of the traps (two readings of one
// text checked against each other, STYLE.md): a text as written and with
// its marks folded to ASCII analyze alike.
TEST_F(AnalyzerTest, RandomTextsAnalyzeAsTheirFoldedForms) {
  const char* const pieces[] = {"צה",    "ל",  "ג",      "ון", "ב", "ת", "א", "תל", "2019", "300", "don",
                                "t",     "S",  "Israel", "s",  " ", " ", " ", "’",  "‘",    "“",   "”",
                                "„",     "״",  "׳",      "־",  "‐", "‑", "−", "′",  "″",    "`",   "´",
                                "ʼ",     "\"", "'",      "-",  ".", ",", ":", "׃",  "׀",    "–",   "http://a.b/c",
                                "x@y.zz"};
  std::mt19937 random(22);
  for (int n = 0; n < 400; ++n) {
    std::string written;
    const auto length = 1 + random() % 12;
    for (unsigned k = 0; k < length; ++k) written += pieces[random() % std::size(pieces)];
    const std::string folded = text::fold_punctuation(written);
    for (const char* lang : {"he", "en"}) {
      const auto a = analyzer->analyze(written, lang, Analyzer::Detail::kMatching);
      const auto b = analyzer->analyze(folded, lang, Analyzer::Detail::kMatching);
      ASSERT_EQ(a.size(), b.size()) << written;
      for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].normalized, b[i].normalized) << written;
        EXPECT_EQ(a[i].lemma, b[i].lemma) << written;
        EXPECT_EQ(a[i].match_lemma, b[i].match_lemma) << written;
        EXPECT_EQ(a[i].token.kind, b[i].token.kind) << written;
        EXPECT_EQ(a[i].stop_word, b[i].stop_word) << written;
        EXPECT_EQ(a[i].entity_candidate, b[i].entity_candidate) << written;
        EXPECT_EQ(a[i].expansion.size(), b[i].expansion.size()) << written;
      }
    }
  }
}

TEST(HebrewAcronyms, MissingOrMalformedListIsAnErrorNamingTheLine) {
  testing::TempDir dir;
  auto missing = Analyzer::create({"", "", dir.file("none.tsv")});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, ErrorKind::kNotFound);
  testing::write_file(dir.file("bad.tsv"), "# comment\nת\"א\tתל אביב\nno tab here\n");
  auto malformed = Analyzer::create({"", "", dir.file("bad.tsv")});
  ASSERT_FALSE(malformed.ok());
  EXPECT_EQ(malformed.error().kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(malformed.error().where.line, 3u);
}

TEST(HebrewModel, MissingOrDamagedModelIsAnError) {
  testing::TempDir dir;
  auto missing = Analyzer::create({dir.file("none.model"), "", ""});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, ErrorKind::kNotFound);

  testing::write_file(dir.file("bad.model"), "sipur-hebrew-model\t1\tiahlt\nT\tבית\tnot-a-number\n");
  auto damaged = HebrewModel::load(dir.file("bad.model"));
  ASSERT_FALSE(damaged.ok());
  EXPECT_EQ(damaged.error().where.line, 2u);

  testing::write_file(dir.file("new.model"), "sipur-hebrew-model\t99\tiahlt\n");
  EXPECT_EQ(HebrewModel::load(dir.file("new.model")).error().kind, ErrorKind::kUnsupported);
  // The analyzer checks the first line at the start and reads the rest at the
  // first Hebrew word: a newer format fails at once, a damaged body there.
  EXPECT_EQ(Analyzer::create({dir.file("new.model"), "", ""}).error().kind, ErrorKind::kUnsupported);
  auto lazy = Analyzer::create({dir.file("bad.model"), "", ""});
  ASSERT_TRUE(lazy.ok()) << lazy.error().describe();
  Analyzer& analyzer = *lazy.value();
  EXPECT_EQ(analyzer.analyze("Storms", "en").front().lemma, "storm");
  EXPECT_TRUE(analyzer.hebrew_status().ok());
  (void)analyzer.analyze("שלום", "he");
  const Status failed = analyzer.hebrew_status();
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(failed.error().where.line, 2u);

  // A model whose self-test fails is refused.
  auto good = HebrewModel::load(default_hebrew_model_path());
  ASSERT_TRUE(good.ok()) << good.error().describe();
  HebrewModel broken = good.value();
  ASSERT_FALSE(broken.self_tests.empty());
  broken.self_tests.front().second = "not-the-lemma";
  ASSERT_TRUE(broken.save(dir.file("broken.model")).ok());
  auto refused = HebrewModel::load(dir.file("broken.model"));
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("self-test"), std::string::npos);
}

// An English and then a Hebrew article, as JSONL.
constexpr const char* kEnglishThenHebrew =
    "{\"id\":\"en1\",\"lang\":\"en\",\"title\":\"Storm hits the coast\",\"text\":\"A storm.\"}\n"
    "{\"id\":\"he1\",\"lang\":\"he\",\"title\":\"סערה בחוף\",\"text\":\"סערה פקדה את החוף.\"}\n";

// With a Hebrew resource that fails when it loads (`resource`: its option),
// an ingest of kEnglishThenHebrew stops at the Hebrew article with `error`,
// keeping what it committed before it; a run with the shipped resources
// then clusters the rest.
void expect_ingest_stops_at_hebrew(const testing::TempDir& dir, const std::string& resource, const std::string& error) {
  testing::write_file(dir.file("in.jsonl"), kEnglishThenHebrew);
  const std::string db = " --db " + dir.file("stopped.db");
  const auto stopped = testing::run_sipur("ingest --batch 1" + db + resource + " " + dir.file("in.jsonl"), dir);
  EXPECT_EQ(stopped.status, 1);
  EXPECT_NE(stopped.err.find(error), std::string::npos) << stopped.err;
  const auto kept = testing::run_sipur("export" + db + " assignments", dir);
  ASSERT_EQ(kept.status, 0) << kept.err;
  EXPECT_EQ(testing::parse_jsonl(kept.out).size(), 1u) << kept.out;
  ASSERT_EQ(testing::run_sipur("ingest -q" + db + " " + dir.file("in.jsonl"), dir).status, 0);
  const auto all = testing::run_sipur("export" + db + " assignments", dir);
  EXPECT_EQ(testing::parse_jsonl(all.out).size(), 2u) << all.out;
}

TEST(HebrewModel, MissingHspellDictionaryIsAClearError) {
  // Runs in a child process: Hspell's dictionary path is process-global.
  testing::TempDir dir;
  const auto r =
      testing::run_sipur("analyze --hspell-dictionary " + dir.file("nowhere/hebrew.wgz") + " --text שלום", dir);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("Hspell dictionary file missing"), std::string::npos) << r.err;
}

TEST(HebrewModel, ADamagedHspellDictionaryFailsAtTheFirstHebrewWordNotBefore) {
  // Child processes again. The files are all there, so the start passes;
  // Hspell loads them only for Hebrew, which a run without it never reads.
  testing::TempDir dir;
  for (const char* suffix : {"", ".desc", ".stems", ".prefixes", ".sizes"}) {
    testing::write_file(dir.file(std::string("d/hebrew.wgz") + suffix), "not a dictionary\n");
  }
  const std::string dictionary = " --hspell-dictionary " + dir.file("d/hebrew.wgz");
  const auto english = testing::run_sipur("analyze --lang en --text Storms" + dictionary, dir);
  EXPECT_EQ(english.status, 0) << english.err;
  EXPECT_NE(english.out.find("lemma=storm"), std::string::npos) << english.out;
  const auto hebrew = testing::run_sipur("analyze --text שלום" + dictionary, dir);
  EXPECT_EQ(hebrew.status, 1);
  EXPECT_NE(hebrew.err.find("Hspell could not load its dictionary"), std::string::npos) << hebrew.err;

  expect_ingest_stops_at_hebrew(dir, dictionary, "Hspell could not load its dictionary");
}

TEST(HebrewModel, IngestTakesAnotherModelAndStopsAtADamagedOne) {
  // `ingest --model` is the model `analyze --model` takes: a copy of the
  // shipped one clusters both articles; a missing one is a usage error
  // before any store is made; one damaged after its first line stops the run at the
  // first Hebrew word, naming the file and line.
  testing::TempDir dir;
  auto shipped = HebrewModel::load(default_hebrew_model_path());
  ASSERT_TRUE(shipped.ok()) << shipped.error().describe();
  ASSERT_TRUE(shipped.value().save(dir.file("copy.model")).ok());
  testing::write_file(dir.file("in.jsonl"), kEnglishThenHebrew);
  const std::string input = " " + dir.file("in.jsonl");
  const auto copied =
      testing::run_sipur("ingest -q --db " + dir.file("copy.db") + " --model " + dir.file("copy.model") + input, dir);
  ASSERT_EQ(copied.status, 0) << copied.err;
  EXPECT_EQ(
      testing::parse_jsonl(testing::run_sipur("export --db " + dir.file("copy.db") + " assignments", dir).out).size(),
      2u);

  // A model that is not there (a usage error) or of another format version
  // is refused at the start, naming it, before any store is made.
  auto expect_refused_at_start = [&](const std::string& model, int status) {
    const std::string db = dir.file(model + ".db");
    const auto r = testing::run_sipur("ingest -q --db " + db + " --model " + dir.file(model) + input, dir);
    EXPECT_EQ(r.status, status) << model;
    EXPECT_NE(r.err.find(dir.file(model)), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(db)) << model;
  };
  expect_refused_at_start("none.model", 2);
  testing::write_file(dir.file("new.model"), "sipur-hebrew-model\t99\tiahlt\n");
  expect_refused_at_start("new.model", 1);

  testing::write_file(dir.file("bad.model"), "sipur-hebrew-model\t1\tiahlt\nT\tבית\tnot-a-number\n");
  expect_ingest_stops_at_hebrew(dir, " --model " + dir.file("bad.model"), dir.file("bad.model") + ":2");
}

TEST(HebrewModel, DecomposeTreebankTokens) {
  ConlluToken htb{"לעובדים", {{"ל", "ל", "ADP"}, {"ה_", "ה", "DET"}, {"עובדים", "עובד", "NOUN"}}, true};
  const TokenAnalysis a = decompose(htb);
  EXPECT_EQ(a.prefixes.size(), 2u);
  EXPECT_EQ(a.prefix_letters, std::string("ל").size());
  EXPECT_EQ(a.base.lemma, "עובד");
  ConlluToken iahlt{"שימושו", {{"שימוש", "שימוש", "NOUN"}, {"ו", "הוא", "PRON"}}, true};
  const TokenAnalysis b = decompose(iahlt);
  EXPECT_TRUE(b.prefixes.empty());
  EXPECT_EQ(b.base.form, "שימוש");
  ASSERT_EQ(b.suffix.size(), 1u);
  EXPECT_EQ(b.suffix[0].lemma, "הוא");
}

}  // namespace
}  // namespace sipur::analysis
