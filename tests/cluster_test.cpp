// Events and stories through the CLI: every article gets an event and a
// story, ids are deterministic, and a later run extends the events of an
// earlier one instead of starting over.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <map>
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

}  // namespace
}  // namespace sipur
