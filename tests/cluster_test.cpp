// Events and stories through the CLI: every article gets an event and a
// story, ids are deterministic, and a later run extends the events of an
// earlier one instead of starting over.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "cluster/event_clusterer.h"
#include "test_util.h"

namespace sipur {
namespace {

std::map<std::string, std::pair<std::string, std::string>> assignments(const testing::TempDir& dir) {
  const auto out = testing::run_sipur("export --db " + dir.file("t.db") + " assignments", dir);
  EXPECT_EQ(out.status, 0) << out.err;
  std::map<std::string, std::pair<std::string, std::string>> by_id;
  std::istringstream in(out.out);
  std::string line;
  while (std::getline(in, line)) {
    const auto j = nlohmann::json::parse(line);
    by_id[j["id"]] = {j["event"].is_string() ? j["event"].get<std::string>() : "",
                      j["story"].is_string() ? j["story"].get<std::string>() : ""};
  }
  return by_id;
}

const char* kFeed =
    "{\"id\":\"a1\",\"published\":\"2026-07-06T08:00:00Z\",\"title\":\"Haifa port workers strike over layoffs\","
    "\"text\":\"Workers at Haifa port went on strike against a plan to cut 300 jobs.\"}\n"
    "{\"id\":\"a2\",\"published\":\"2026-07-06T09:00:00Z\",\"title\":\"Strike at Haifa port over plan to cut 300 "
    "jobs\","
    "\"text\":\"The union at Haifa port declared a strike over the plan to cut 300 jobs.\"}\n"
    "{\"id\":\"b1\",\"published\":\"2026-07-06T10:00:00Z\",\"title\":\"Heat wave brings 44 degrees to the Jordan "
    "Valley\","
    "\"text\":\"Forecasters warn of temperatures up to 44 degrees and fire danger.\"}\n";

TEST(Clusters, EveryArticleHasAnEventAndAStory) {
  testing::TempDir dir;
  testing::write_file(dir.file("feed.jsonl"), kFeed);
  ASSERT_EQ(testing::run_sipur("ingest -q --db " + dir.file("t.db") + " " + dir.file("feed.jsonl"), dir).status, 0);
  const auto got = assignments(dir);
  ASSERT_EQ(got.size(), 3u);
  for (const auto& [id, a] : got) {
    EXPECT_FALSE(a.first.empty()) << id;
    EXPECT_FALSE(a.second.empty()) << id;
  }
  EXPECT_EQ(got.at("a1").first, got.at("a2").first);  // two reports of one strike
  EXPECT_NE(got.at("a1").first, got.at("b1").first);  // a different happening
}

TEST(Clusters, SameInputSameIds) {
  testing::TempDir one;
  testing::TempDir two;
  testing::write_file(one.file("feed.jsonl"), kFeed);
  testing::write_file(two.file("feed.jsonl"), kFeed);
  ASSERT_EQ(testing::run_sipur("ingest -q --db " + one.file("t.db") + " " + one.file("feed.jsonl"), one).status, 0);
  ASSERT_EQ(testing::run_sipur("ingest -q --db " + two.file("t.db") + " " + two.file("feed.jsonl"), two).status, 0);
  EXPECT_EQ(assignments(one), assignments(two));
}

TEST(Clusters, ALaterRunExtendsEarlierEvents) {
  testing::TempDir dir;
  testing::write_file(dir.file("first.jsonl"), kFeed);
  testing::write_file(dir.file("second.jsonl"),
                      "{\"id\":\"a3\",\"published\":\"2026-07-06T12:00:00Z\",\"title\":\"Haifa port strike: "
                      "workers protest plan to cut 300 jobs\",\"text\":\"The strike at Haifa port continued as "
                      "workers protested the plan to cut 300 jobs.\"}\n");
  ASSERT_EQ(testing::run_sipur("ingest -q --db " + dir.file("t.db") + " " + dir.file("first.jsonl"), dir).status, 0);
  const auto before = assignments(dir);
  ASSERT_EQ(testing::run_sipur("ingest -q --db " + dir.file("t.db") + " " + dir.file("second.jsonl"), dir).status, 0);
  const auto after = assignments(dir);
  for (const auto& [id, a] : before) EXPECT_EQ(after.at(id), a) << id;  // ids are stable
  EXPECT_EQ(after.at("a3").first, after.at("a1").first);
}

TEST(Clusters, ArticlesWithoutWordsStillGetAnEvent) {
  cluster::EventClusterer clusterer({});
  cluster::ArticleFeatures empty;
  empty.id = "x";
  const cluster::Decision d = clusterer.add(empty);
  EXPECT_TRUE(d.new_event);
  EXPECT_EQ(d.event, "e1");
  EXPECT_EQ(d.story, "s1");
}

// An article of `words` (as title terms) at time t.
cluster::ArticleFeatures article(const std::string& id, std::optional<std::int64_t> t,
                                 std::initializer_list<const char*> words) {
  cluster::ArticleFeatures f;
  f.id = id;
  f.published = t;
  f.title = id;
  for (const char* w : words) f.title_terms[w] = 1;
  return f;
}

TEST(Clusters, EventsRetireSoMemoryStaysBoundedOnAnEndlessStream) {
  cluster::ClusterOptions options;
  options.active_seconds = 3600;
  cluster::EventClusterer clusterer(options);
  // 5,000 articles an hour apart: every event ages out within hours.
  std::set<std::string> events;
  for (int i = 0; i < 5000; ++i) {
    std::string w = "w";
    w += std::to_string(i);
    events.insert(clusterer.add(article(w, std::int64_t{1'700'000'000} + i * 3600LL, {w.c_str(), "common"})).event);
  }
  EXPECT_GT(events.size(), 4000u);
  EXPECT_LE(clusterer.live_events(), 600u);  // at most one sweep interval behind
  const auto summaries = clusterer.take_changed_summaries();
  EXPECT_EQ(summaries.size(), events.size());  // retired events were reported, not lost
}

TEST(Clusters, WithoutTimesTheOldestEventsRetirePastTheCap) {
  cluster::ClusterOptions options;
  options.max_active_events = 50;
  cluster::EventClusterer clusterer(options);
  for (int i = 0; i < 500; ++i) {
    std::string w = "w";
    w += std::to_string(i);
    (void)clusterer.add(article(w, std::nullopt, {w.c_str()}));
  }
  EXPECT_EQ(clusterer.live_events(), 50u);
  // A copy of a retired event's article starts a new event instead of failing.
  const cluster::Decision d = clusterer.add(article("again", std::nullopt, {"w0"}), "w0");
  EXPECT_TRUE(d.new_event);
  EXPECT_EQ(d.event, "e501");
}

TEST(Clusters, AnImplausibleTimeIsIgnoredAndAgesOutNothing) {
  cluster::ClusterOptions options;
  options.active_seconds = 3600;
  cluster::EventClusterer clusterer(options);
  const std::int64_t t0 = 1'700'000'000;
  const auto first = clusterer.add(article("a", t0, {"port", "strike", "haifa"}));
  // Year 2500 and 1900: typing errors; clustered as if undated.
  const auto future = clusterer.add(article("b", 16'725'225'600LL, {"port", "strike", "haifa"}));
  const auto past = clusterer.add(article("c", -2'208'988'800LL, {"port", "strike", "haifa"}));
  EXPECT_TRUE(future.time_ignored);
  EXPECT_TRUE(past.time_ignored);
  EXPECT_EQ(future.event, first.event);
  EXPECT_EQ(past.event, first.event);
  const auto later = clusterer.add(article("d", t0 + 600, {"port", "strike", "haifa"}));
  EXPECT_FALSE(later.time_ignored);
  EXPECT_EQ(later.event, first.event);
}

TEST(Clusters, IdenticalTimestampsKeepArrivalOrderAndGiveTheSameIds) {
  testing::TempDir dir;
  std::string feed;
  for (int i = 0; i < 6; ++i) {
    feed += "{\"id\":\"x" + std::to_string(i) + "\",\"published\":\"2026-07-06T08:00:00Z\",\"title\":\"Story number " +
            std::to_string(i) + " about topic" + std::to_string(i % 2) + "\",\"text\":\"\"}\n";
  }
  testing::write_file(dir.file("feed.jsonl"), feed);
  ASSERT_EQ(testing::run_sipur("ingest -q --db " + dir.file("t.db") + " " + dir.file("feed.jsonl"), dir).status, 0);
  const auto got = assignments(dir);
  ASSERT_EQ(got.size(), 6u);
  EXPECT_EQ(got.at("x0").first, "e1");  // the first to arrive opens the first event
}

TEST(Clusters, SmallReorderWindowsLoseNothing) {
  testing::TempDir dir;
  testing::write_file(dir.file("feed.jsonl"), kFeed);
  ASSERT_EQ(testing::run_sipur(
                "ingest -q --batch 1 --reorder-window 1 --db " + dir.file("t.db") + " " + dir.file("feed.jsonl"), dir)
                .status,
            0);
  const auto got = assignments(dir);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got.at("a1").first, got.at("a2").first);
}

TEST(Clusters, FeaturesSurviveTheStoreRoundTrip) {
  cluster::ArticleFeatures f;
  f.title_terms["say \"hi\""] = 2;
  f.title_terms["back\\slash"] = 1;
  f.body_terms["\u05e9\u05dc\u05d5\u05dd"] = 3;
  f.body_terms["tab\there"] = 1;
  f.entities = {"Haifa", "\"quoted\""};
  cluster::ArticleFeatures back;
  ASSERT_TRUE(cluster::deserialize_features(cluster::serialize_features(f), back));
  EXPECT_EQ(back.title_terms, f.title_terms);
  EXPECT_EQ(back.body_terms, f.body_terms);
  EXPECT_EQ(back.entities, f.entities);
}

}  // namespace
}  // namespace sipur
