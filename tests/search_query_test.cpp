// The query language (src/search/query.h) as tables of real queries: what
// each one means, and the mistakes that must get a clear answer (empty,
// only operators, unbalanced quotes, a 10k-character query, gershayim
// acronyms that look like quotes). Then random strings, which must never
// crash the parser or the planner.
#include <gtest/gtest.h>

#include <random>

#include "search/query.h"
#include "search/query_plan.h"

namespace sipur::search {
namespace {

struct Parses {
  const char* trap;
  const char* query;
  const char* reads_as;  // describe(): the canonical form
};

const Parses kParses[] = {
    {"one Hebrew word", "פוטין", "פוטין"},
    {"a prefixed word stays as typed (the planner strips)", "לפוטין", "לפוטין"},
    {"words are all required", "פוטין  נתניהו", "פוטין נתניהו"},
    {"gershayim acronym is a word, not a quote", "צה\"ל", "צה\"ל"},
    {"two acronyms", "ארה\"ב רה\"מ", "ארה\"ב רה\"מ"},
    {"Hebrew gershayim sign ״ is part of the word, read as the index reads it", "צה״ל", "צה\"ל"},
    {"typographic quotes make a phrase", "“ראש הממשלה”", "\"ראש הממשלה\""},
    {"and so do low-high German quotes", "„Angela Merkel“", "\"Angela Merkel\""},
    {"acronym inside a phrase", "\"דובר צה\"ל\"", "\"דובר צה\"ל\""},
    {"a phrase", "\"ראש הממשלה\"", "\"ראש הממשלה\""},
    {"spaces inside a phrase collapse", "\"ראש    הממשלה\"", "\"ראש הממשלה\""},
    {"excluded word", "פוטין -טלפון", "פוטין -טלפון"},
    {"excluded phrase", "פוטין -\"שיחת טלפון\"", "פוטין -\"שיחת טלפון\""},
    {"+ is required, like a plain word", "+פוטין", "פוטין"},
    {"OR joins its neighbours", "פוטין OR Putin נתניהו", "(פוטין OR Putin) נתניהו"},
    {"OR chains", "a OR b OR c", "(a OR b OR c)"},
    {"lowercase or is a word", "war or peace", "war or peace"},
    {"hyphenated word is one word", "ב-2019 S-300", "ב-2019 S-300"},
    {"filters", "פוטין lang:he source:ynet from:2019-01-01 to:2019-04-30",
     "פוטין lang:he source:ynet from:2019-01-01 to:2019-04-30"},
    {"language code lowercased", "Putin lang:EN", "Putin lang:en"},
    {"a colon that is no filter is part of the word", "14:30 http://x.org", "14:30 http://x.org"},
    {"niqqud is removed", "פּוּטִין", "פוטין"},
};

TEST(SearchQuery, ParsesRealQueries) {
  for (const Parses& p : kParses) {
    Result<ParsedQuery> q = parse_query(p.query);
    ASSERT_TRUE(q.ok()) << p.trap << ": " << q.error().describe();
    EXPECT_EQ(describe(q.value()), p.reads_as) << p.trap;
  }
}

TEST(SearchQuery, ClausesAndFilters) {
  Result<ParsedQuery> q = parse_query("פגישה \"ראש הממשלה\" OR נתניהו -טלפון from:2019-04-01");
  ASSERT_TRUE(q.ok());
  ASSERT_EQ(q.value().clauses.size(), 3u);
  EXPECT_EQ(q.value().clauses[0], (QueryClause{{{"פגישה", false}}, false}));
  EXPECT_EQ(q.value().clauses[1], (QueryClause{{{"ראש הממשלה", true}, {"נתניהו", false}}, false}));
  EXPECT_EQ(q.value().clauses[2], (QueryClause{{{"טלפון", false}}, true}));
  ASSERT_TRUE(q.value().filters.from.has_value());
  EXPECT_EQ(*q.value().filters.from, 1554076800);  // 2019-04-01T00:00:00Z
  EXPECT_FALSE(q.value().filters.to.has_value());
}

struct Refused {
  const char* trap;
  std::string query;
  ErrorKind kind;
  const char* says;  // a fragment of the message
};

TEST(SearchQuery, RefusesWithAClearAnswer) {
  const Refused refused[] = {
      {"empty", "", ErrorKind::kInvalidInput, "empty"},
      {"only spaces", "   \t ", ErrorKind::kInvalidInput, "empty"},
      {"unbalanced quote", "\"ראש הממשלה", ErrorKind::kInvalidInput, "unbalanced quote"},
      {"quote closing nothing", "פוטין \"", ErrorKind::kInvalidInput, "unbalanced quote"},
      {"acronym with its quote at the end", "צה\"", ErrorKind::kInvalidInput, "quote"},
      {"empty quotes", "\"\"", ErrorKind::kInvalidInput, "empty quotes"},
      {"minus alone", "-", ErrorKind::kInvalidInput, "must be followed"},
      {"plus alone", "פוטין +", ErrorKind::kInvalidInput, "must be followed"},
      {"two operators", "--פוטין", ErrorKind::kInvalidInput, "two operators"},
      {"OR alone", "OR", ErrorKind::kInvalidInput, "OR needs"},
      {"OR at the end", "פוטין OR", ErrorKind::kInvalidInput, "OR needs"},
      {"OR OR", "a OR OR b", ErrorKind::kInvalidInput, "OR needs"},
      {"OR beside an exclusion", "a OR -b", ErrorKind::kInvalidInput, "excluded"},
      {"only exclusions", "-פוטין -טלפון", ErrorKind::kInvalidInput, "only excludes"},
      {"only a filter", "lang:he", ErrorKind::kInvalidInput, "no word"},
      {"filter without value", "פוטין lang:", ErrorKind::kInvalidInput, "needs a value"},
      {"bad date", "פוטין from:2019-13-45", ErrorKind::kInvalidInput, "YYYY-MM-DD"},
      {"date of another shape", "פוטין from:April", ErrorKind::kInvalidInput, "YYYY-MM-DD"},
      {"dates crossed", "פוטין from:2020-01-01 to:2019-01-01", ErrorKind::kInvalidInput, "after"},
      {"filter twice", "פוטין lang:he lang:en", ErrorKind::kInvalidInput, "twice"},
      {"excluded filter", "פוטין -lang:he", ErrorKind::kInvalidInput, "no + or -"},
      {"10k characters", std::string(10000, 'a'), ErrorKind::kTooLarge, "at most"},
      {"10k Hebrew characters",
       [] {
         std::string s;
         for (int i = 0; i < 5000; ++i) s += "פ ";
         return s;
       }(),
       ErrorKind::kTooLarge, "at most"},
      {"too many words",
       [] {
         std::string s;
         for (int i = 0; i < 40; ++i) s += "w" + std::to_string(i) + " ";
         return s;
       }(),
       ErrorKind::kTooLarge, "words"},
      {"invalid UTF-8", "פוטין \xff", ErrorKind::kInvalidUtf8, "UTF-8"},
  };
  for (const Refused& r : refused) {
    Result<ParsedQuery> q = parse_query(r.query);
    ASSERT_FALSE(q.ok()) << r.trap << " was read as " << describe(q.value());
    EXPECT_EQ(q.error().kind, r.kind) << r.trap << ": " << q.error().message;
    EXPECT_NE(q.error().message.find(r.says), std::string::npos) << r.trap << ": " << q.error().message;
  }
}

TEST(SearchQuery, UnbalancedQuoteSaysWhere) {
  Result<ParsedQuery> q = parse_query("פוטין \"ראש הממשלה");
  ASSERT_FALSE(q.ok());
  EXPECT_TRUE(q.error().where.has_offset);
  EXPECT_EQ(q.error().where.offset, std::string("פוטין ").size());
  EXPECT_NE(q.error().message.find("at character 7"), std::string::npos) << q.error().message;
}

// The planner, with the shipped Hebrew model and Hspell: words by lemma,
// names also without prefixes the corpus supports, stop words set aside.
class SearchPlan : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<QueryPlanner>> p = QueryPlanner::create({});
    ASSERT_TRUE(p.ok()) << p.error().describe();
    planner = std::move(p).value();
  }
  Result<QueryPlan> plan(const std::string& query) {
    Result<ParsedQuery> q = parse_query(query);
    EXPECT_TRUE(q.ok()) << query;
    if (!q.ok()) return q.error();
    // A corpus that has seen פוטין alone far more than glued to ל.
    return planner->plan(q.value(), [](const std::string& term) -> std::int64_t {
      if (term == ".פוטינ") return 40;
      if (term == ".לפוטינ") return 1;
      return 0;
    });
  }
  std::unique_ptr<QueryPlanner> planner;
};

TEST_F(SearchPlan, InflectedWordsMatchTheirLemma) {
  for (const char* form : {"פגישה", "הפגישה", "בפגישתם", "פגישתם"}) {
    Result<QueryPlan> p = plan(form);
    ASSERT_TRUE(p.ok()) << form << ": " << p.error().describe();
    const TermChoice& terms = p.value().clauses.at(0).alternatives.at(0).positions.at(0);
    EXPECT_NE(std::find(terms.begin(), terms.end(), ".פגישה"), terms.end()) << form;
  }
}

TEST_F(SearchPlan, PrefixedNameLosesItsPrefixAndCarriesItsKey) {
  Result<QueryPlan> p = plan("לפוטין");
  ASSERT_TRUE(p.ok()) << p.error().describe();
  const TermChoice& terms = p.value().clauses.at(0).alternatives.at(0).positions.at(0);
  EXPECT_NE(std::find(terms.begin(), terms.end(), ".פוטינ"), terms.end());
  EXPECT_NE(std::find(terms.begin(), terms.end(), "~ptn"), terms.end());
  EXPECT_EQ(std::find(terms.begin(), terms.end(), "~lptn"), terms.end());
}

TEST_F(SearchPlan, PhraseIsExactFormsInARow) {
  Result<QueryPlan> p = plan("\"ראש הממשלה\"");
  ASSERT_TRUE(p.ok());
  const Matcher& m = p.value().clauses.at(0).alternatives.at(0);
  ASSERT_EQ(m.positions.size(), 2u);
  EXPECT_EQ(m.positions[0], TermChoice{"=ראש"});
  EXPECT_EQ(m.positions[1], TermChoice{"=הממשלה"});
}

TEST_F(SearchPlan, OnlyStopWordsAreMatchedAsWrittenAndSaidSo) {
  for (const char* q : {"של", "של את על", "the of and"}) {
    Result<QueryPlan> p = plan(q);
    ASSERT_TRUE(p.ok()) << q << ": " << p.error().describe();
    for (const PlannedClause& c : p.value().clauses) {
      const TermChoice& terms = c.alternatives.at(0).positions.at(0);
      ASSERT_EQ(terms.size(), 1u) << q;
      EXPECT_EQ(terms[0][0], '=') << q << ": the exact form, not the lemma";
    }
    ASSERT_FALSE(p.value().notes.empty()) << q;
    EXPECT_NE(p.value().notes[0].find("a stop word, matched as written"), std::string::npos) << p.value().notes[0];
  }
  // A stop word beside a real word is set aside, and said so.
  Result<QueryPlan> p = plan("של פוטין");
  ASSERT_TRUE(p.ok());
  ASSERT_EQ(p.value().notes.size(), 1u);
  EXPECT_EQ(p.value().notes[0], "של: a stop word");
  EXPECT_EQ(p.value().clauses.size(), 1u);
}

TEST_F(SearchPlan, NothingButPunctuationIsRefusedByName) {
  for (const char* q : {"\"—\"", "— ?", "!!!"}) {
    Result<QueryPlan> p = plan(q);
    ASSERT_FALSE(p.ok()) << q << " planned as " << p.value().match;
    EXPECT_EQ(p.error().kind, ErrorKind::kInvalidInput) << q;
    EXPECT_NE(p.error().message.find("nothing to search for"), std::string::npos) << p.error().message;
    EXPECT_NE(p.error().message.find("no letters or digits"), std::string::npos) << p.error().message;
  }
}

TEST_F(SearchPlan, AcronymsAreWordsInTheExpression) {
  for (const char* q : {"צה\"ל", "ארה\"ב"}) {
    Result<QueryPlan> p = plan(q);
    ASSERT_TRUE(p.ok()) << q << ": " << p.error().describe();
    // The acronym's " is doubled inside the quoted FTS5 term.
    EXPECT_NE(p.value().match.find("\"\""), std::string::npos) << p.value().match;
  }
}

// Random strings over the characters that mean something to the parser
// (quotes, gershayim, operators, colons, OR) and some that do not, with
// invalid bytes: the parser and the planner answer every one, never crash.
TEST_F(SearchPlan, RandomQueriesNeverCrash) {
  const std::vector<std::string> pieces = {
      "\"",    "״",    "'",     "+",      "-", "OR",    " ",  "  ", ":",  "lang:", "from:", "to:2019-01-01", "source:",
      "פוטין", "ל",    "צה\"ל", "ה",      "a", "Putin", "(",  ")",  "*",  "^",     "NEAR",  "AND",           "NOT",
      "\xff",  "\xd7", "ּ",      "\u200f", "0", "2019",  "של", "—",  "\t", "\n",    "\\"};
  std::mt19937 random(20261207);
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
  std::uniform_int_distribution<int> length(0, 12);
  std::size_t planned = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string query;
    for (int n = length(random); n > 0; --n) query += pieces[pick(random)];
    Result<ParsedQuery> q = parse_query(query);
    if (!q.ok()) {
      EXPECT_FALSE(q.error().message.empty()) << query;
      continue;
    }
    Result<QueryPlan> p = planner->plan(q.value(), [](const std::string&) { return std::int64_t{1}; });
    if (p.ok()) {
      ++planned;
      EXPECT_FALSE(p.value().match.empty()) << query;
    } else {
      EXPECT_FALSE(p.error().message.empty()) << query;
    }
  }
  EXPECT_GT(planned, 100u);  // the generator reaches the planner, not only the parser's refusals
}

}  // namespace
}  // namespace sipur::search
