// The read-only views through the sipur binary (events, stories, explain,
// eval) on a small corpus ingested per test, and the clustering metrics
// against hand-computed values and against eval/cluster_metrics.py.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "cli/views.h"
#include "cluster/cluster_metrics.h"
#include "test_util.h"
#include "text/utf8.h"

namespace sipur {
namespace {

using testing::CommandResult;
using testing::run_sipur;
using testing::TempDir;
using testing::write_file;

// Three reports of a port strike sharing distinctive words, a report of its
// end two days later (a new event in the same story), and three unrelated
// articles, one of them first in time.
constexpr const char* kFeed =
    R"({"id":"b1","source":"North Wire","published":"2026-07-06T07:00:00Z","title":"Heat wave brings 44 degrees to the Jordan Valley","text":"Forecasters warn of temperatures up to 44 degrees and fire danger in the valley."}
{"id":"a1","source":"North Wire","published":"2026-07-06T08:00:00Z","title":"Haifa port workers strike over layoffs","text":"Workers at Haifa port went on strike against a plan to cut 300 jobs. Ships wait outside the port."}
{"id":"a2","source":"Coast Post","published":"2026-07-06T09:00:00Z","title":"Strike at Haifa port over plan to cut 300 jobs","text":"The union at Haifa port declared a strike over the plan to cut 300 jobs; ships wait outside."}
{"id":"a3","source":"Daily Ledger","published":"2026-07-06T10:30:00Z","title":"Haifa port strike: ships wait as workers protest job cuts","text":"Dozens of ships wait outside Haifa port as the strike over 300 job cuts enters its second day."}
{"id":"c1","source":"Coast Post","published":"2026-07-06T12:00:00Z","title":"Knesset passes budget in first reading","text":"Lawmakers approved the state budget by 61 votes to 54 after an all-night debate."}
{"id":"d1","source":"Daily Ledger","published":"2026-07-06T13:00:00Z","title":"Museum in Tel Aviv reopens after renovation","text":"The art museum opened its new wing to visitors with an exhibition of photography."}
{"id":"a4","source":"Coast Post","published":"2026-07-08T16:00:00Z","title":"Haifa port strike ends with early-retirement deal","text":"The strike at Haifa port ended after the union and management signed a deal: 300 workers will retire early instead of being laid off."}
)";
constexpr std::size_t kArticles = 7;

// Text with runs of spaces collapsed: the key column of `explain` is as wide
// as its longest key, which grows when the clusterer stores a new field.
std::string squeeze(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c != ' ' || out.empty() || out.back() != ' ') out.push_back(c);
  }
  return out;
}

std::vector<nlohmann::json> jsonl(const std::string& text) {
  return testing::parse_jsonl(text);
}

// A store holding kFeed, clustered.
class Corpus {
 public:
  Corpus() {
    write_file(dir.file("feed.jsonl"), kFeed);
    const CommandResult r = run_sipur("ingest --db " + db() + " " + dir.file("feed.jsonl"), dir);
    EXPECT_EQ(r.status, 0) << r.err;
  }
  [[nodiscard]] std::string db() const { return dir.file("t.db"); }
  [[nodiscard]] CommandResult sipur(const std::string& args) const { return run_sipur(args + " --db " + db(), dir); }
  // id -> {event, story} from `export assignments`.
  [[nodiscard]] std::map<std::string, std::pair<std::string, std::string>> assignments() const {
    std::map<std::string, std::pair<std::string, std::string>> out;
    for (const auto& j : jsonl(sipur("export assignments").out)) out[j["id"]] = {j["event"], j["story"]};
    return out;
  }
  // Changes stored bytes directly, as damage or a later sipur would.
  void sql(const std::string& statement) const {
    sqlite3* handle = nullptr;
    ASSERT_EQ(sqlite3_open(db().c_str(), &handle), SQLITE_OK);
    char* message = nullptr;
    const int rc = sqlite3_exec(handle, statement.c_str(), nullptr, nullptr, &message);
    const std::string error = message ? message : "";
    sqlite3_free(message);
    sqlite3_close(handle);
    ASSERT_EQ(rc, SQLITE_OK) << error;
  }

  TempDir dir;
};

// The precondition of the tests that count: events {a1 a2 a3} {a4} {b1}
// {c1} {d1}, stories {a1 a2 a3 a4} {b1} {c1} {d1}.
void expect_expected_clustering(const Corpus& corpus) {
  const auto a = corpus.assignments();
  ASSERT_EQ(a.size(), kArticles);
  EXPECT_EQ(a.at("a1"), a.at("a2"));
  EXPECT_EQ(a.at("a1"), a.at("a3"));
  EXPECT_EQ(a.at("a4").second, a.at("a1").second);
  std::set<std::string> events, stories;
  for (const char* id : {"a1", "a4", "b1", "c1", "d1"}) {
    events.insert(a.at(id).first);
    stories.insert(a.at(id).second);
  }
  EXPECT_EQ(events.size(), 5u);
  EXPECT_EQ(stories.size(), 4u);
}

TEST(Views, EventsJsonHasEveryEventWithSizesSummingToTheArticles) {
  Corpus corpus;
  const CommandResult r = corpus.sipur("events --json");
  ASSERT_EQ(r.status, 0) << r.err;
  std::map<std::string, std::int64_t> sizes;
  for (const auto& e : jsonl(r.out)) {
    std::vector<std::string> keys;
    for (auto it = e.begin(); it != e.end(); ++it) keys.push_back(it.key());
    EXPECT_EQ(keys, (std::vector<std::string>{"entities", "first", "id", "label", "last", "size", "story", "terms"}));
    EXPECT_TRUE(e["terms"].is_array());
    EXPECT_TRUE(e["first"].is_string());
    sizes[e["id"]] = e["size"];
  }
  std::map<std::string, std::int64_t> counted;
  for (const auto& [id, where] : corpus.assignments()) ++counted[where.first];
  EXPECT_EQ(sizes, counted);
  std::int64_t total = 0;
  for (const auto& [id, size] : sizes) total += size;
  EXPECT_EQ(total, static_cast<std::int64_t>(kArticles));
}

TEST(Views, EventsFilterSortAndLimit) {
  Corpus corpus;
  expect_expected_clustering(corpus);
  const std::string strike = corpus.assignments().at("a1").first;

  EXPECT_NE(jsonl(corpus.sipur("events --json").out).at(0)["id"], strike);  // event order: b1's first
  const auto by_size = jsonl(corpus.sipur("events --json --sort size --limit 2").out);
  ASSERT_EQ(by_size.size(), 2u);
  EXPECT_EQ(by_size[0]["id"], strike);
  EXPECT_EQ(by_size[0]["size"], 3);

  const auto big = jsonl(corpus.sipur("events --json --min-size 2").out);
  ASSERT_EQ(big.size(), 1u);
  EXPECT_EQ(big[0]["id"], strike);

  const std::string story = corpus.assignments().at("a4").second;
  const auto in_story = jsonl(corpus.sipur("events --json --story " + story).out);
  ASSERT_EQ(in_story.size(), 2u);
  EXPECT_EQ(in_story[0]["id"], strike);
  EXPECT_EQ(in_story[1]["id"], corpus.assignments().at("a4").first);

  const CommandResult unknown = corpus.sipur("events --story s999");
  EXPECT_EQ(unknown.status, 1);
  EXPECT_NE(unknown.err.find("s999"), std::string::npos) << unknown.err;

  const CommandResult table = corpus.sipur("events");
  ASSERT_EQ(table.status, 0) << table.err;
  EXPECT_EQ(table.out.rfind("event  story  size  first", 0), 0u) << table.out;
  EXPECT_NE(table.out.find("Haifa port workers strike over layoffs"), std::string::npos) << table.out;
}

TEST(Views, EventsTableCutsLongHebrewLabelsOnCharacterBoundaries) {
  TempDir dir;
  // 60 two-byte letters in 12 words (71 characters); the table keeps 47
  // and an ellipsis. (Words, so that no term in the terms column spells
  // the whole title.)
  std::string title = "שביתה";
  for (int i = 1; i < 12; ++i) title += " שביתה";
  write_file(dir.file("he.jsonl"), "{\"id\":\"h1\",\"title\":\"" + title + "\",\"text\":\"גוף הכתבה.\"}\n");
  ASSERT_EQ(run_sipur("ingest --db " + dir.file("t.db") + " " + dir.file("he.jsonl"), dir).status, 0);
  const CommandResult r = run_sipur("events --db " + dir.file("t.db"), dir);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_FALSE(text::first_invalid_utf8(r.out).has_value());
  EXPECT_EQ(r.out.find(title), std::string::npos) << "the label was not cut";
  std::string kept;
  std::size_t pos = 0;
  for (int letters = 0; letters < 47; ++letters) {
    const std::size_t start = pos;
    (void)text::next_code_point(title, pos);
    kept += title.substr(start, pos - start);
  }
  EXPECT_NE(r.out.find(kept + "…"), std::string::npos) << r.out;
}

TEST(Views, StoriesPartitionTheEvents) {
  Corpus corpus;
  const CommandResult events = corpus.sipur("events --json");
  const CommandResult stories = corpus.sipur("stories --json");
  ASSERT_EQ(stories.status, 0) << stories.err;
  std::map<std::string, nlohmann::json> event_by_id;
  for (const auto& e : jsonl(events.out)) event_by_id[e["id"]] = e;
  std::multiset<std::string> listed;
  std::int64_t articles = 0;
  for (const auto& s : jsonl(stories.out)) {
    std::int64_t size = 0;
    for (const auto& id : s["events"]) {
      listed.insert(id.get<std::string>());
      ASSERT_EQ(event_by_id.count(id.get<std::string>()), 1u) << id;
      const auto& e = event_by_id[id.get<std::string>()];
      EXPECT_EQ(e["story"], s["id"]);
      size += e["size"].get<std::int64_t>();
    }
    EXPECT_EQ(s["size"], size);
    EXPECT_FALSE(s["label"].get<std::string>().empty());
    articles += size;
  }
  std::multiset<std::string> all;
  for (const auto& [id, e] : event_by_id) all.insert(id);
  EXPECT_EQ(listed, all);  // each event in exactly one story
  EXPECT_EQ(articles, static_cast<std::int64_t>(kArticles));
  EXPECT_EQ(jsonl(corpus.sipur("stories --json --limit 1").out).size(), 1u);

  // The strike story is labelled by its larger event, not by the later one.
  expect_expected_clustering(corpus);
  const std::string strike_story = corpus.assignments().at("a4").second;
  for (const auto& s : jsonl(stories.out)) {
    if (s["id"] != strike_story) continue;
    EXPECT_EQ(s["events"].size(), 2u);
    EXPECT_EQ(s["label"], "Haifa port workers strike over layoffs");
  }
}

TEST(Views, ExplainArticleNamesItsEventAndScore) {
  Corpus corpus;
  expect_expected_clustering(corpus);
  const auto [event, story] = corpus.assignments().at("a2");
  const CommandResult r = corpus.sipur("explain a2");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(squeeze(r.out).find("\nevent " + event + " Haifa port"), std::string::npos) << r.out;
  EXPECT_NE(squeeze(r.out).find("\ndecision joined event " + event), std::string::npos) << r.out;
  // The learned decision's probability and threshold first, then the sub-scores.
  EXPECT_NE(squeeze(r.out).find("\nscores probability 0."), std::string::npos) << r.out;
  EXPECT_NE(squeeze(r.out).find(" threshold 0."), std::string::npos) << r.out;
  EXPECT_NE(squeeze(r.out).find(" score 0."), std::string::npos) << r.out;
  EXPECT_NE(squeeze(r.out).find("\nshared_terms "), std::string::npos) << r.out;

  const CommandResult j = corpus.sipur("explain a2 --json");
  ASSERT_EQ(j.status, 0) << j.err;
  const auto out = nlohmann::json::parse(j.out);
  EXPECT_EQ(out["event"], event);
  EXPECT_EQ(out["story"], story);
  EXPECT_EQ(out["event_label"], "Haifa port workers strike over layoffs");
  EXPECT_GT(out["decision"]["score"].get<double>(), 0.0);
  EXPECT_FALSE(out["decision"]["new_event"].get<bool>());

  const CommandResult first = corpus.sipur("explain a1");
  EXPECT_NE(squeeze(first.out).find("decision new event " + event + ", new story " + story), std::string::npos)
      << first.out;
}

TEST(Views, ExplainUnknownIdExitsOne) {
  Corpus corpus;
  for (const char* id : {"nosuch", "e99", "s99"}) {
    const CommandResult r = corpus.sipur(std::string("explain ") + id);
    EXPECT_EQ(r.status, 1) << id;
    EXPECT_NE(r.err.find(id), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
  }
}

TEST(Views, ExplainEventAndStoryListTheirArticles) {
  Corpus corpus;
  expect_expected_clustering(corpus);
  const auto [event, story] = corpus.assignments().at("a1");
  const CommandResult e = corpus.sipur("explain --json " + event);
  ASSERT_EQ(e.status, 0) << e.err;
  std::vector<std::string> members;
  const auto parsed = nlohmann::json::parse(e.out);
  for (const auto& a : parsed["articles"]) members.push_back(a["id"]);
  EXPECT_EQ(members, (std::vector<std::string>{"a1", "a2", "a3"}));

  const CommandResult text = corpus.sipur("explain " + event);
  EXPECT_NE(text.out.find("a3       Haifa port strike: ships wait"), std::string::npos) << text.out;

  const CommandResult s = corpus.sipur("explain " + story);
  ASSERT_EQ(s.status, 0) << s.err;
  EXPECT_NE(s.out.find("story     " + story), std::string::npos) << s.out;
  EXPECT_NE(s.out.find("a2       " + event), std::string::npos) << s.out;
  EXPECT_NE(s.out.find("a4       " + corpus.assignments().at("a4").first), std::string::npos) << s.out;
}

TEST(Views, ExplainShowsTheTimeTheTextNamesApartFromThePublicationTime) {
  TempDir dir;
  write_file(
      dir.file("a.jsonl"),
      R"({"id":"undated","title":"Port strike","text":"The strike began on 12 April 2019. Talks failed yesterday."}
{"id":"dated","published":"2019-04-03T09:00:00Z","title":"Port talks","text":"Talks at the port failed yesterday."}
)");
  ASSERT_EQ(run_sipur("ingest --db " + dir.file("t.db") + " " + dir.file("a.jsonl"), dir).status, 0);
  // Without a publication time, the written date is placed and "yesterday" says what it counts.
  const CommandResult r = run_sipur("explain --db " + dir.file("t.db") + " undated", dir);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(squeeze(r.out).find("\npublished -\n"), std::string::npos) << r.out;
  EXPECT_NE(squeeze(r.out).find("\ntime in text 12 April 2019 2019-04-12 · yesterday (-1 day)\n"), std::string::npos)
      << r.out;
  EXPECT_NE(squeeze(r.out).find("\ntext's days 2019-04-12\n"), std::string::npos) << r.out;
  // With one, "yesterday" is the day before it; the JSON says how each was placed.
  const CommandResult j = run_sipur("explain --json --db " + dir.file("t.db") + " dated", dir);
  ASSERT_EQ(j.status, 0) << j.err;
  const auto out = nlohmann::json::parse(j.out);
  ASSERT_EQ(out["time_in_text"].size(), 1u) << j.out;
  EXPECT_EQ(out["time_in_text"][0]["text"], "yesterday");
  EXPECT_EQ(out["time_in_text"][0]["resolution"], "from-reference");
  EXPECT_EQ(out["time_in_text"][0]["days"], nlohmann::json({"2019-04-02", "2019-04-02"}));
  EXPECT_EQ(out["text_time"]["days"], nlohmann::json({"2019-04-02"}));
  EXPECT_TRUE(out["text_time"]["best"].is_null()) << j.out;  // nothing written out: counted from the time
  EXPECT_EQ(out["published"], "2019-04-03T09:00:00Z");
}

TEST(Views, ExplainStoredButUnclusteredArticleSaysSo) {
  TempDir dir;
  write_file(dir.file("a.jsonl"), "{\"id\":\"x\",\"title\":\"Title\",\"text\":\"Body.\"}\n");
  ASSERT_EQ(run_sipur("ingest --no-copies --db " + dir.file("t.db") + " " + dir.file("a.jsonl"), dir).status, 0);
  const CommandResult r = run_sipur("explain --db " + dir.file("t.db") + " x", dir);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("not clustered yet"), std::string::npos) << r.out;
  const CommandResult j = run_sipur("explain --json --db " + dir.file("t.db") + " x", dir);
  EXPECT_TRUE(nlohmann::json::parse(j.out)["decision"].is_null()) << j.out;
}

TEST(Views, ExplainShowsScoresAndListsALaterClustererAdds) {
  Corpus corpus;
  corpus.sql(
      R"(UPDATE assignments SET decision = json_set(decision, '$.numbers', 0.5, '$.story_score', 0.25,
           '$.shared_entities', json('["Haifa"]'), '$.a_list', json('[]')) WHERE id = 'a2')");
  const CommandResult r = corpus.sipur("explain a2");
  ASSERT_EQ(r.status, 0) << r.err;
  // Known scores first in their order, then the others by key.
  ASSERT_NE(r.out.find("time 0."), std::string::npos) << r.out;
  ASSERT_NE(r.out.find("  numbers 0.500  story_score 0.250\n"), std::string::npos) << r.out;
  EXPECT_LT(r.out.find("time 0."), r.out.find("  numbers 0.500  story_score 0.250\n")) << r.out;
  const std::size_t shared_terms = r.out.find("\nshared_terms ");
  const std::size_t a_list = r.out.find("\na_list" + std::string(11, ' ') + "-\n");  // keys padded to shared_entities
  const std::size_t shared_entities = r.out.find("\nshared_entities  Haifa\n");
  ASSERT_NE(shared_terms, std::string::npos) << r.out;
  ASSERT_NE(a_list, std::string::npos) << r.out;
  ASSERT_NE(shared_entities, std::string::npos) << r.out;
  EXPECT_LT(shared_terms, a_list);
  EXPECT_LT(a_list, shared_entities);
}

// A dateline where the title should be takes no part in the score, and the
// explanation says so rather than showing a title mismatch.
TEST(Views, ExplainShowsATitleLeftOutOfTheScore) {
  TempDir dir;
  write_file(dir.file("a.jsonl"),
             "{\"id\":\"a1\",\"title\":\"Fire destroys Mat Maid warehouse in Palmer\",\"text\":\"Firefighters "
             "fought a blaze that destroyed the historic Mat Maid warehouse in Palmer overnight.\"}\n"
             "{\"id\":\"a2\",\"title\":\"Saturday, August 24, 2013\",\"text\":\"A blaze destroyed the "
             "historic Mat Maid warehouse in Palmer overnight, firefighters said.\"}\n");
  ASSERT_EQ(run_sipur("ingest -q --db " + dir.file("t.db") + " " + dir.file("a.jsonl"), dir).status, 0);
  const CommandResult r = run_sipur("explain --db " + dir.file("t.db") + " a2", dir);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("joined event e1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  title -  body "), std::string::npos) << r.out;
  const CommandResult j = run_sipur("explain --json --db " + dir.file("t.db") + " a2", dir);
  EXPECT_FALSE(nlohmann::json::parse(j.out)["decision"]["title_weighed"].get<bool>()) << j.out;
}

TEST(Views, ExplainKeepsControlCharactersOfTitlesOffTheTerminal) {
  Corpus corpus;
  corpus.sql(
      "UPDATE articles SET title = 'Port' || char(27) || '[2J' || char(10) || 'strike' || char(127) || "
      "char(155) || 'X' WHERE id = 'a2'");
  const CommandResult r = corpus.sipur("explain a2");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(squeeze(r.out).find("title Port[2J strikeX\n"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos);
  EXPECT_EQ(r.out.find('\x7f'), std::string::npos);
  EXPECT_EQ(r.out.find("\xc2\x9b"), std::string::npos);  // U+009B, the one-byte CSI
  // JSON keeps the text, escaped.
  const auto j = nlohmann::json::parse(corpus.sipur("explain --json a2").out);
  EXPECT_EQ(j["title"], "Port\x1b[2J\nstrike\x7f\xc2\x9bX");
}

TEST(Views, ExplainPrefersAnEventToAnArticleOfTheSameIdUnlessAsked) {
  TempDir dir;
  write_file(dir.file("a.jsonl"), "{\"id\":\"e1\",\"title\":\"An article named e1\",\"text\":\"Body.\"}\n");
  ASSERT_EQ(run_sipur("ingest --db " + dir.file("t.db") + " " + dir.file("a.jsonl"), dir).status, 0);
  const CommandResult event = run_sipur("explain --db " + dir.file("t.db") + " e1", dir);
  ASSERT_EQ(event.status, 0) << event.err;
  EXPECT_EQ(event.out.rfind("event ", 0), 0u) << event.out;
  EXPECT_NE(event.err.find("--article"), std::string::npos) << event.err;
  const CommandResult article = run_sipur("explain --article --db " + dir.file("t.db") + " e1", dir);
  ASSERT_EQ(article.status, 0) << article.err;
  EXPECT_EQ(article.out.rfind("article ", 0), 0u) << article.out;
}

TEST(Views, DamagedStoredJsonIsAFailureNotACrash) {
  Corpus corpus;
  corpus.sql("UPDATE events SET terms = '[\"ok\", 7' WHERE id = 'e1'");
  corpus.sql("UPDATE assignments SET decision = 'null' WHERE id = 'a2'");
  for (const char* command : {"events", "stories", "explain a1"}) {
    const CommandResult r = corpus.sipur(command);
    EXPECT_EQ(r.status, 1) << command;
    EXPECT_NE(r.err.find("storage: event e1: terms is not a JSON array of strings"), std::string::npos) << r.err;
  }
  corpus.sql("UPDATE events SET terms = '[]' WHERE id = 'e1'");
  const CommandResult r = corpus.sipur("explain a2");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("storage: article a2: the stored decision is not a JSON object"), std::string::npos) << r.err;
}

TEST(Views, EvalOfTheStoredClusteringScoresOne) {
  Corpus corpus;
  std::string gold;
  for (const auto& [id, where] : corpus.assignments()) {
    // Other names for the same clusters: only the grouping counts.
    gold += nlohmann::json{{"id", id}, {"event", "gold-" + where.first}, {"story", "g" + where.second}}.dump() + "\n";
  }
  write_file(corpus.dir.file("gold.jsonl"), gold);
  for (const char* level : {"event", "story"}) {
    const CommandResult r = corpus.sipur("eval --gold " + corpus.dir.file("gold.jsonl") + " --level " + level);
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("BCubed    precision 1.000  recall 1.000  F1 1.000"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("pairwise  precision 1.000  recall 1.000  F1 1.000"), std::string::npos) << r.out;
  }
}

struct Expected {
  const char* level;
  int predicted_clusters;
  double bcubed_recall, bcubed_f1, pairwise_recall, pairwise_f1;
  const char* text;  // the F1 and pairwise lines as printed
};

TEST(Views, EvalAgainstOneGoldClusterGivesTheHandComputedScores) {
  Corpus corpus;
  expect_expected_clustering(corpus);
  std::string gold;
  for (const char* id : {"a1", "a2", "a3", "a4", "b1", "c1", "d1", "ghost"}) {  // ghost is not in the store
    gold += std::string("{\"id\":\"") + id + "\",\"event\":\"all\",\"story\":\"all\"}\n";
  }
  write_file(corpus.dir.file("gold.jsonl"), gold);
  // Gold: all 8 ids in one cluster, so every predicted cluster is pure:
  // BCubed and pairwise precision are 1. ghost is a predicted singleton.
  //
  // Events {a1 a2 a3} {a4} {b1} {c1} {d1} {ghost}. BCubed recall: a1..a3 find
  // 3 of their 8 gold mates, the five singletons 1 of 8:
  // (3 * 3/8 + 5 * 1/8) / 8 = 14/64 = 7/32; F1 = 2 * 7/32 / (39/32) = 14/39.
  // Pairs: 3 predicted (a1a2 a1a3 a2a3), all right, of 8 * 7 / 2 = 28 gold:
  // recall 3/28, F1 = 2 * 3/28 / (31/28) = 6/31.
  //
  // Stories {a1 a2 a3 a4} {b1} {c1} {d1} {ghost}. BCubed recall:
  // (4 * 4/8 + 4 * 1/8) / 8 = 20/64 = 5/16; F1 = 2 * 5/16 / (21/16) = 10/21.
  // Pairs: 6 predicted, all right, of 28: recall 6/28 = 3/14,
  // F1 = 2 * 3/14 / (17/14) = 6/17.
  const Expected expected[] = {
      {"event", 5, 7.0 / 32, 14.0 / 39, 3.0 / 28, 6.0 / 31,
       "F1 0.359\npairwise  precision 1.000  recall 0.107  F1 0.194\n"},
      {"story", 4, 5.0 / 16, 10.0 / 21, 3.0 / 14, 6.0 / 17,
       "F1 0.476\npairwise  precision 1.000  recall 0.214  F1 0.353\n"},
  };
  for (const Expected& e : expected) {
    SCOPED_TRACE(e.level);
    const std::string args = "eval --gold " + corpus.dir.file("gold.jsonl") + " --level " + e.level;
    const CommandResult r = corpus.sipur(args + " --json");
    ASSERT_EQ(r.status, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["level"], e.level);
    EXPECT_EQ(j["gold_ids"], 8);
    EXPECT_EQ(j["missing"], 1);
    EXPECT_EQ(j["gold_clusters"], 1);
    EXPECT_EQ(j["predicted_clusters"], e.predicted_clusters);
    EXPECT_NEAR(j["bcubed"]["precision"].get<double>(), 1.0, 1e-12);
    EXPECT_NEAR(j["bcubed"]["recall"].get<double>(), e.bcubed_recall, 1e-12);
    EXPECT_NEAR(j["bcubed"]["f1"].get<double>(), e.bcubed_f1, 1e-12);
    EXPECT_NEAR(j["pairwise"]["precision"].get<double>(), 1.0, 1e-12);
    EXPECT_NEAR(j["pairwise"]["recall"].get<double>(), e.pairwise_recall, 1e-12);
    EXPECT_NEAR(j["pairwise"]["f1"].get<double>(), e.pairwise_f1, 1e-12);
    const CommandResult text = corpus.sipur(args);
    EXPECT_NE(text.out.find(e.text), std::string::npos) << text.out;
  }
}

TEST(Views, EvalReportsAMalformedGoldLineAndExitsThree) {
  Corpus corpus;
  write_file(corpus.dir.file("gold.jsonl"),
             "{\"id\":\"a1\",\"event\":\"x\",\"story\":\"x\"}\n"
             "{\"id\":\"a2\",\"event\":\n"
             "{\"id\":\"a3\",\"event\":\"x\",\"story\":\"x\"}\n"
             "{\"id\":\"b1\"}\n"
             "{\"id\":\"a1\",\"event\":\"y\",\"story\":\"y\"}\n");
  const CommandResult r = corpus.sipur("eval --json --gold " + corpus.dir.file("gold.jsonl"));
  EXPECT_EQ(r.status, 3);
  EXPECT_NE(r.err.find(corpus.dir.file("gold.jsonl") + ":2: invalid-input: malformed JSON"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("gold.jsonl:4: invalid-input: missing \"event\""), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("gold.jsonl:5: invalid-input: duplicate id \"a1\" (first on line 1)"), std::string::npos)
      << r.err;
  // The good lines are still scored.
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["gold_ids"], 2);
  EXPECT_EQ(j["rejected"], 3);
}

struct TextCase {
  const char* name;
  std::string input;
  std::string expected;
};

TEST(ViewsText, TerminalSafeKeepsTextAndDropsWhatDrivesTheTerminal) {
  const TextCase cases[] = {
      {"plain", "Haifa port", "Haifa port"},
      {"hebrew and geresh", "צה\"ל בג'נין", "צה\"ל בג'נין"},
      {"escape sequence", "a\x1b[2Jb", "a[2Jb"},
      {"bell and backspace",
       "a\x07\x08"
       "b",
       "ab"},
      {"line breaks and tab become spaces", "a\nb\r\nc\td", "a b  c d"},
      {"DEL",
       "a\x7f"
       "b",
       "ab"},
      {"C1 CSI U+009B",
       "a\xc2\x9b"
       "31mb",
       "a31mb"},
      {"NEL U+0085",
       "a\xc2\x85"
       "b",
       "ab"},
      {"U+00A0 stays",
       "a\xc2\xa0"
       "b",
       "a\xc2\xa0"
       "b"},
      {"stray continuation byte",
       "a\x80"
       "b",
       "a\xEF\xBF\xBD"
       "b"},
      {"truncated sequence at end", "a\xd7", "a\xEF\xBF\xBD"},
      {"overlong NUL",
       "a\xc0\x80"
       "b",
       "a\xEF\xBF\xBD\xEF\xBF\xBD"
       "b"},
      {"NUL", std::string("a\0b", 3), "ab"},
  };
  for (const TextCase& c : cases) EXPECT_EQ(cli::terminal_safe(c.input), c.expected) << c.name;
}

TEST(ViewsText, FitCutsWholeCharactersAndPadsByCodePoints) {
  EXPECT_EQ(cli::fit("שביתה בנמל", 5, cli::Pad::kNo), "שבית…");
  EXPECT_EQ(cli::fit("שביתה", 5, cli::Pad::kNo), "שביתה");  // exactly the width: no cut
  EXPECT_EQ(cli::fit("שביתה", 8, cli::Pad::kYes), "שביתה   ");
  EXPECT_EQ(cli::fit("port", 1, cli::Pad::kNo), "…");
  EXPECT_EQ(cli::fit("port", 0, cli::Pad::kYes), "");
  EXPECT_EQ(cli::fit("a\x1b[2Jb", 3, cli::Pad::kNo), "a[…");  // the escape is gone before counting
  EXPECT_EQ(cli::code_points("שביתה…"), 6u);
}

TEST(ViewsStories, LabelFromTheLargestEventAndEntitiesWeightedBySize) {
  const std::vector<cli::EventView> events = {
      {"e1", "s2", "first of three", {}, {"Zion"}, 3, 100, 200},
      {"e2", "s1", "alone", {}, {"Knesset"}, 1, 150, 150},
      {"e3", "s2", "second of three", {}, {"Almog"}, 3, 50, 300},
      {"e4", "s2", "small", {}, {"Putin"}, 1, std::nullopt, std::nullopt},
      {"e6", "s2", "small too", {}, {"Putin"}, 1, std::nullopt, std::nullopt},
      {"e10", "s10", "ten", {}, {}, 1, std::nullopt, std::nullopt},
  };
  const std::vector<cli::StoryView> stories = cli::group_stories(events);
  ASSERT_EQ(stories.size(), 3u);
  EXPECT_EQ(stories[0].id, "s1");
  EXPECT_EQ(stories[1].id, "s2");
  EXPECT_EQ(stories[2].id, "s10");  // by number, not as text
  const cli::StoryView& s = stories[1];
  EXPECT_EQ(s.events, (std::vector<std::string>{"e1", "e3", "e4", "e6"}));
  EXPECT_EQ(s.size, 8);
  EXPECT_EQ(s.first, 50);
  EXPECT_EQ(s.last, 300);
  EXPECT_EQ(s.label, "first of three");  // e1 and e3 tie at 3: the lower number
  // By articles, not by events: Almog 3 and Zion 3 (ties by name), then
  // Putin 1 + 1 = 2, although Putin is in two events.
  EXPECT_EQ(s.entities, (std::vector<std::string>{"Almog", "Zion", "Putin"}));
}

// Gold {a b c} {d e}, the example of eval/cluster_metrics.py's selftest.
const cluster::ClusterLabels kGold = {{"a", "G1"}, {"b", "G1"}, {"c", "G1"}, {"d", "G2"}, {"e", "G2"}};

void expect_scores(const cluster::PrecisionRecall& got, double precision, double recall, double f1) {
  EXPECT_NEAR(got.precision, precision, 1e-12);
  EXPECT_NEAR(got.recall, recall, 1e-12);
  EXPECT_NEAR(got.f1, f1, 1e-12);
}

TEST(ViewsClusterMetrics, FiveItemsSplitAcrossTheGoldBoundary) {
  // Predicted {a b} {c d e}. BCubed precision per item: a 2/2, b 2/2, c 1/3
  // (only c is in G1 among c d e), d 2/3, e 2/3: (1 + 1 + 1/3 + 2/3 + 2/3) / 5
  // = (11/3) / 5 = 11/15. Recall: a 2/3, b 2/3, c 1/3, d 2/2, e 2/2:
  // (2/3 + 2/3 + 1/3 + 1 + 1) / 5 = 11/15. F1 = 11/15.
  // Pairs: predicted ab cd ce de, gold ab ac bc de; right: ab de.
  // Precision 2/4, recall 2/4, F1 1/2.
  const auto s = cluster::score_clustering({{"a", "1"}, {"b", "1"}, {"c", "2"}, {"d", "2"}, {"e", "2"}}, kGold);
  expect_scores(s.bcubed, 11.0 / 15, 11.0 / 15, 11.0 / 15);
  expect_scores(s.pairwise, 0.5, 0.5, 0.5);
  EXPECT_EQ(s.gold_ids, 5u);
  EXPECT_EQ(s.missing, 0u);
  EXPECT_EQ(s.gold_clusters, 2u);
  EXPECT_EQ(s.predicted_clusters, 2u);
}

TEST(ViewsClusterMetrics, AllInOneAndAllApart) {
  // All in one: precision a b c 3/5 each, d e 2/5 each: (9/5 + 4/5) / 5 =
  // 13/25; recall 1; F1 = 2 * 13/25 / (38/25) = 13/19. Pairs: 10 predicted,
  // 4 gold (ab ac bc de), all 4 found: precision 4/10, recall 1, F1 4/7.
  const auto one = cluster::score_clustering({{"a", "X"}, {"b", "X"}, {"c", "X"}, {"d", "X"}, {"e", "X"}}, kGold);
  expect_scores(one.bcubed, 13.0 / 25, 1, 13.0 / 19);
  expect_scores(one.pairwise, 0.4, 1, 4.0 / 7);
  // Singletons: precision 1; recall (3 * 1/3 + 2 * 1/2) / 5 = 2/5; F1 4/7.
  // No predicted pairs: precision 1 by convention, recall 0, F1 0.
  const auto apart = cluster::score_clustering({{"a", "a"}, {"b", "b"}, {"c", "c"}, {"d", "d"}, {"e", "e"}}, kGold);
  expect_scores(apart.bcubed, 1, 0.4, 4.0 / 7);
  expect_scores(apart.pairwise, 1, 0, 0);
  EXPECT_EQ(apart.predicted_clusters, 5u);
}

TEST(ViewsClusterMetrics, AMissingIdIsASingletonAndOthersOutsideGoldAreIgnored) {
  // e missing, x and y outside gold: predicted {a b} {c d} {e}. Precision
  // a 1, b 1, c 1/2, d 1/2, e 1: 4/5. Recall a 2/3, b 2/3, c 1/3, d 1/2,
  // e 1/2: (8/3) / 5 = 8/15. F1 = 2 * 4/5 * 8/15 / (4/5 + 8/15) = (64/75) /
  // (20/15) = 16/25. Pairs: predicted ab cd, right ab, gold 4: 1/2, 1/4, 1/3.
  const auto s =
      cluster::score_clustering({{"a", "1"}, {"b", "1"}, {"c", "2"}, {"d", "2"}, {"x", "1"}, {"y", "2"}}, kGold);
  expect_scores(s.bcubed, 4.0 / 5, 8.0 / 15, 16.0 / 25);
  expect_scores(s.pairwise, 0.5, 0.25, 1.0 / 3);
  EXPECT_EQ(s.missing, 1u);
  EXPECT_EQ(s.predicted_clusters, 2u);  // the missing singleton is not counted
  // Two missing ids are two singletons, not one cluster: predicted {a b c}
  // {d} {e}. Precision 1; recall a b c 1, d 1/2, e 1/2: 4/5; F1 8/9. Pairs:
  // ab ac bc, all right, of gold's 4: 1, 3/4, 6/7.
  const auto two = cluster::score_clustering({{"a", "1"}, {"b", "1"}, {"c", "1"}}, kGold);
  expect_scores(two.bcubed, 1, 4.0 / 5, 8.0 / 9);
  expect_scores(two.pairwise, 1, 3.0 / 4, 6.0 / 7);
  EXPECT_EQ(two.missing, 2u);
  // A predicted label equal to a missing id's own does not pull it in.
  const auto named = cluster::score_clustering({{"a", "e"}, {"b", "e"}, {"c", "2"}, {"d", "2"}}, kGold);
  expect_scores(named.bcubed, 4.0 / 5, 8.0 / 15, 16.0 / 25);
}

TEST(ViewsClusterMetrics, NoGoldScoresOne) {
  const auto s = cluster::score_clustering({{"a", "1"}}, {});
  expect_scores(s.bcubed, 1, 1, 1);
  expect_scores(s.pairwise, 1, 1, 1);
  EXPECT_EQ(s.gold_ids, 0u);
}

// Random clusterings scored here and by eval/cluster_metrics.py must agree.
TEST(ViewsClusterMetrics, AgreesWithThePythonReference) {
  if (std::system("python3 -c 'import sys' >/dev/null 2>&1") != 0) GTEST_SKIP() << "python3 is not available";
  TempDir dir;
  std::mt19937 random(20260706);
  nlohmann::json cases = nlohmann::json::array();
  std::vector<cluster::ClusteringScores> ours;
  for (int c = 0; c < 60; ++c) {
    const int items = 1 + static_cast<int>(random() % 40);
    const int gold_labels = 1 + static_cast<int>(random() % 8);
    const int predicted_labels = 1 + static_cast<int>(random() % 8);
    cluster::ClusterLabels gold, predicted;
    for (int i = 0; i < items; ++i) {
      // append(), not "x" + to_string(): GCC 12 warns falsely on the latter
      const std::string id = std::string("i").append(std::to_string(i));
      gold[id] = std::string("g").append(std::to_string(random() % gold_labels));
      if (random() % 10 != 0) {  // some missing
        predicted[id] = std::string("p").append(std::to_string(random() % predicted_labels));
      }
    }
    predicted["outside"] = "p0";
    cases.push_back({{"gold", gold}, {"pred", predicted}});
    ours.push_back(cluster::score_clustering(predicted, gold));
  }
  write_file(dir.file("cases.json"), cases.dump());
  write_file(dir.file("score.py"),
             "import json, sys\n"
             "sys.path.insert(0, sys.argv[1])\n"
             "import cluster_metrics as m\n"
             "out = []\n"
             "for c in json.load(open(sys.argv[2])):\n"
             "    out.append([list(m.bcubed(c['pred'], c['gold'])), list(m.pairwise(c['pred'], c['gold'])),\n"
             "                m.missing(c['pred'], c['gold'])])\n"
             "json.dump(out, open(sys.argv[3], 'w'))\n");
  const std::string command = "python3 " + dir.file("score.py") + " " + SIPUR_SOURCE_DIR + "/eval " +
                              dir.file("cases.json") + " " + dir.file("scores.json");
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  const auto theirs = nlohmann::json::parse(testing::read_file(dir.file("scores.json")));
  ASSERT_EQ(theirs.size(), ours.size());
  for (std::size_t i = 0; i < ours.size(); ++i) {
    SCOPED_TRACE("case " + std::to_string(i));
    const auto& t = theirs[i];
    expect_scores(ours[i].bcubed, t[0][0], t[0][1], t[0][2]);
    expect_scores(ours[i].pairwise, t[1][0], t[1][1], t[1][2]);
    EXPECT_EQ(ours[i].missing, t[2].get<std::size_t>());
  }
}

}  // namespace
}  // namespace sipur
