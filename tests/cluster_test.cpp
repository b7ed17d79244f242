// Events and stories through the CLI: every article gets an event and a
// story, ids are deterministic, and a later run extends the events of an
// earlier one instead of starting over.
#include <gtest/gtest.h>

#include <sqlite3.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>

#include <map>
#include <optional>
#include <random>
#include <set>
#include <sstream>

#include "cluster/event_clusterer.h"
#include "core/byte_io.h"
#include "pipeline/ingest_job.h"
#include "store/store.h"
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

constexpr const char* kFeed =
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
  EXPECT_EQ(d.story, "");  // decided with its second article or at the end
  clusterer.decide_pending_stories();
  const auto decided = clusterer.take_story_decisions();
  ASSERT_EQ(decided.size(), 1u);
  EXPECT_EQ(decided[0].event, "e1");
  EXPECT_EQ(decided[0].story, "s1");
  EXPECT_TRUE(decided[0].new_story);
}

// An article of `words` (as title terms) at time t.
cluster::ArticleFeatures article(const std::string& id, std::optional<std::int64_t> t,
                                 std::initializer_list<const char*> words) {
  cluster::ArticleFeatures f;
  f.id = id;
  f.published = t;
  f.title = id;
  for (const char* w : words) f.title_terms.emplace_back(w, 1);
  return f;
}

// A looser report of a large event's happening: with the event at 15
// articles its score falls just short of the threshold, and joins once the
// event counts as large (the threshold times the factor), not before.
TEST(Clusters, ALargeEventTakesNewArticlesAtALowerThreshold) {
  const std::int64_t t0 = 1'780'000'000;
  const auto probe = [&](const cluster::ClusterOptions& options) {
    cluster::EventClusterer c(options);
    for (int i = 0; i < 15; ++i) {
      (void)c.add(
          article(std::string("r").append(std::to_string(i)), t0 + i * 60LL, {"haifa", "port", "strike", "layoffs"}));
    }
    return c.add(article("p", t0 + 3600, {"haifa", "port", "union", "talks", "wages", "night"}));
  };
  cluster::ClusterOptions off;
  off.large_event_articles = 0;
  const cluster::Decision alone = probe(off);
  ASSERT_TRUE(alone.new_event);
  ASSERT_GT(alone.score, 0.05);  // the runner-up's score: the strike's event
  cluster::ClusterOptions options;
  options.threshold = alone.score * 1.05;
  options.large_event_factor = 0.9;
  options.large_event_articles = 15;
  const cluster::Decision joined = probe(options);
  EXPECT_FALSE(joined.new_event);
  EXPECT_EQ(joined.event, "e1");
  EXPECT_DOUBLE_EQ(joined.score, alone.score);  // the threshold moved, not the score
  options.large_event_articles = 16;            // 15 articles are no longer large
  EXPECT_TRUE(probe(options).new_event);
  options.large_event_articles = 15;
  options.large_event_factor = 1;
  EXPECT_TRUE(probe(options).new_event);
}

// An article without a title is scored on what it has: its body matching
// the event's exactly is a full match, not one diluted by the title's weight.
TEST(Clusters, AMissingTitleIsNoEvidenceOfDifference) {
  cluster::EventClusterer c({});
  cluster::ArticleFeatures first = article("a", std::nullopt, {"warehouse", "fire"});
  first.body_terms = {{"blaze", 1}, {"firefighters", 2}, {"warehouse", 1}};
  (void)c.add(first);
  cluster::ArticleFeatures untitled;
  untitled.id = "b";
  untitled.body_terms = first.body_terms;
  const cluster::Decision d = c.add(untitled);
  EXPECT_FALSE(d.new_event);
  EXPECT_NEAR(d.score, 1.0, 1e-6);
  EXPECT_EQ(d.title, 0);
}

// An event without title terms (no title, or a dateline in its place) is
// linked to a story by its body, whether its story is decided at once or
// deferred; before, it could only start a story of its own.
TEST(Clusters, AnUntitledEventJoinsAStoryByItsBody) {
  for (const std::size_t defer : {std::size_t{1}, std::size_t{4}}) {
    cluster::ClusterOptions options;
    options.story_defer_articles = defer;
    options.threshold = options.body_threshold = 0.99;  // every article its own event
    cluster::EventClusterer c(options);
    const cluster::Decision titled = c.add(article("a", std::nullopt, {"warehouse", "fire", "haifa"}));
    cluster::ArticleFeatures untitled;
    untitled.id = "b";
    untitled.body_terms = {{"fire", 2}, {"haifa", 1}, {"firefighters", 1}, {"investigation", 1}};
    cluster::ArticleFeatures other;
    other.id = "c";
    other.body_terms = {{"budget", 2}, {"knesset", 1}, {"vote", 1}};
    const cluster::Decision b = c.add(untitled);
    const cluster::Decision o = c.add(other);
    c.decide_pending_stories();
    std::map<std::string, std::string> story_of = {
        {titled.event, titled.story}, {b.event, b.story}, {o.event, o.story}};
    for (const cluster::StoryDecision& s : c.take_story_decisions()) story_of[s.event] = s.story;
    EXPECT_TRUE(b.new_event);
    EXPECT_EQ(story_of.at(b.event), story_of.at(titled.event)) << "defer " << defer;
    EXPECT_NE(story_of.at(o.event), story_of.at(titled.event)) << "defer " << defer;
    EXPECT_NE(story_of.at(o.event), "") << "defer " << defer;
  }
}

// An event of articles whose titles give no terms (none, or a dateline in
// the title's place) is labelled by the opening words of its first
// article, also when a later run rebuilds it by replaying the stored
// assignments (no saved state).
TEST(Clusters, AnUntitledEventIsLabelledByItsOpeningWords) {
  for (const std::string title : {"", "Friday, March 8, 2013 at 12:46 PM"}) {
    testing::TempDir dir;
    const std::string body = "Firefighters fought a blaze at a Haifa warehouse through the night. Nobody was hurt.";
    testing::write_file(dir.file("first.jsonl"),
                        "{\"id\":\"u1\",\"title\":\"" + title + "\",\"text\":\"" + body + "\"}\n");
    testing::write_file(dir.file("second.jsonl"),
                        "{\"id\":\"u2\",\"title\":\"" + title +
                            "\",\"text\":\"Firefighters fought the blaze at the Haifa warehouse all night, and nobody "
                            "was hurt.\"}\n");
    const std::string db = dir.file("t.db");
    const auto label = [&] {
      const auto out = testing::run_sipur("events --json --db " + db, dir);
      EXPECT_EQ(out.status, 0) << out.err;
      std::istringstream in(out.out);
      std::vector<nlohmann::json> events;
      for (std::string line; std::getline(in, line);) events.push_back(nlohmann::json::parse(line));
      EXPECT_EQ(events.size(), 1u) << out.out;
      return events.empty() ? std::string() : events[0].value("label", std::string());
    };
    const std::string expected = "Firefighters fought a blaze at a Haifa warehouse through the night.";
    ASSERT_EQ(testing::run_sipur("ingest -q --db " + db + " " + dir.file("first.jsonl"), dir).status, 0);
    EXPECT_EQ(label(), expected) << "title: " << title;
    sqlite3* handle = nullptr;
    ASSERT_EQ(sqlite3_open(db.c_str(), &handle), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(handle, "DELETE FROM cluster_state", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(handle);
    ASSERT_EQ(testing::run_sipur("ingest -q --db " + db + " " + dir.file("second.jsonl"), dir).status, 0);
    EXPECT_EQ(assignments(dir).at("u2").first, assignments(dir).at("u1").first) << "title: " << title;
    EXPECT_EQ(label(), expected) << "title: " << title;
  }
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
  f.title_terms.emplace_back("say \"hi\"", 2);
  f.title_terms.emplace_back("back\\slash", 1);
  f.body_terms.emplace_back("\u05e9\u05dc\u05d5\u05dd", 3);
  f.body_terms.emplace_back("tab\there", 1);
  f.entities = {"Haifa", "\"quoted\""};
  cluster::ArticleFeatures back;
  ASSERT_TRUE(cluster::deserialize_features(cluster::serialize_features(f), back));
  EXPECT_EQ(back.title_terms, f.title_terms);
  EXPECT_EQ(back.body_terms, f.body_terms);
  EXPECT_EQ(back.entities, f.entities);
  EXPECT_TRUE(back.display.empty());
  f.display = {{0, "says"}, {2, "\u05e9\u05dc\u05d5\u05dd\u05d9\u05dd"}};  // places in title, then body terms
  cluster::ArticleFeatures with_display;
  ASSERT_TRUE(cluster::deserialize_features(cluster::serialize_features(f), with_display));
  EXPECT_EQ(with_display.title_terms, f.title_terms);
  EXPECT_EQ(with_display.entities, f.entities);
  EXPECT_EQ(with_display.display, f.display);
  f.display = {{4, "beyond"}};  // there are four terms: a damaged record
  cluster::ArticleFeatures damaged;
  EXPECT_FALSE(cluster::deserialize_features(cluster::serialize_features(f), damaged));
}

TEST(Clusters, FeaturesInTheJsonFormOfOlderStoresStillRead) {
  const std::string json = R"({"title":[["port",2]],"body":[["strike",1],["haifa",3]],"entities":["Haifa"]})";
  cluster::ArticleFeatures back;
  ASSERT_TRUE(cluster::deserialize_features(json, back));
  EXPECT_EQ(back.title_terms, (cluster::TermCounts{{"port", 2.0F}}));
  EXPECT_EQ(back.body_terms, (cluster::TermCounts{{"strike", 1.0F}, {"haifa", 3.0F}}));
  EXPECT_EQ(back.entities, std::vector<std::string>{"Haifa"});
}

TEST(Clusters, FeaturesInTheFixedWidthFormOfOlderStoresStillRead) {
  // Version 1: uint32 counts and lengths, float counts.
  ByteWriter w;
  w.put(char{1});
  w.put(std::uint32_t{1});
  w.put_string<std::uint32_t>("port");
  w.put(2.0F);
  w.put(std::uint32_t{0});
  w.put(std::uint32_t{1});
  w.put_string<std::uint32_t>("Haifa");
  cluster::ArticleFeatures back;
  ASSERT_TRUE(cluster::deserialize_features(w.take(), back));
  EXPECT_EQ(back.title_terms, (cluster::TermCounts{{"port", 2.0F}}));
  EXPECT_TRUE(back.body_terms.empty());
  EXPECT_EQ(back.entities, std::vector<std::string>{"Haifa"});
}

TEST(Clusters, FeaturesAreStoredCompactlyAndFractionalCountsKeptExactly) {
  cluster::ArticleFeatures f;
  for (int i = 0; i < 100; ++i) f.body_terms.emplace_back("term" + std::to_string(i), static_cast<float>(i % 3 + 1));
  const std::string bytes = cluster::serialize_features(f);
  // Each term: a length byte, 5 or 6 letters, a count byte.
  EXPECT_LT(bytes.size(), 100u * 9);
  f.title_terms.emplace_back("half", 0.5F);  // not a whole count: written in the fixed-width form
  cluster::ArticleFeatures back;
  ASSERT_TRUE(cluster::deserialize_features(cluster::serialize_features(f), back));
  EXPECT_EQ(back.title_terms, f.title_terms);
  EXPECT_EQ(back.body_terms, f.body_terms);
}

TEST(Clusters, DamagedStoredFeaturesAreRefused) {
  cluster::ArticleFeatures f;
  f.title_terms.emplace_back("port", 1);
  f.body_terms.emplace_back("strike", 2);
  f.entities = {"Haifa"};
  const std::string bytes = cluster::serialize_features(f);
  cluster::ArticleFeatures back;
  EXPECT_FALSE(cluster::deserialize_features("", back));
  EXPECT_FALSE(cluster::deserialize_features(bytes.substr(0, bytes.size() - 1), back));         // cut short
  EXPECT_FALSE(cluster::deserialize_features(bytes + "x", back));                               // trailing bytes
  EXPECT_FALSE(cluster::deserialize_features(std::string(1, '\x7f') + bytes.substr(1), back));  // unknown version
  EXPECT_FALSE(cluster::deserialize_features("{not json", back));
}

// Labels read as words, not stems: an event's terms and entities show the
// form most articles used, a term met as itself reads as itself for good,
// and a clusterer resumed from its saved state labels as one that never
// stopped.
TEST(Clusters, LabelsShowReadableFormsOfStemmedTerms) {
  // Display forms by key, of the title terms detect, murder, harbor.
  auto with_display = [](const std::string& id, const std::vector<std::pair<std::string, std::string>>& display) {
    cluster::ArticleFeatures f = article(id, std::nullopt, {"detect", "murder", "harbor"});
    f.entities = {"harbor"};
    for (const auto& key_form : display) {
      const std::string& key = key_form.first;
      const auto at =
          std::find_if(f.title_terms.begin(), f.title_terms.end(), [&](const auto& t) { return t.first == key; });
      f.display.emplace_back(static_cast<std::uint32_t>(at - f.title_terms.begin()), key_form.second);
    }
    return f;
  };
  auto labels = [](cluster::EventClusterer& c) {
    std::set<std::string> out;
    for (const cluster::EventSummary& s : c.take_changed_summaries()) {
      out.insert(s.terms.begin(), s.terms.end());
      out.insert(s.entities.begin(), s.entities.end());
    }
    return out;
  };
  cluster::EventClusterer c{cluster::ClusterOptions{}};
  (void)c.add(with_display("a1", {{"detect", "detectives"}, {"murder", "murders"}, {"harbor", "harbors"}}));
  EXPECT_EQ(labels(c), (std::set<std::string>{"detectives", "murders", "harbors"}));
  // One vote against one keeps the form; "murder" without a form was met as itself.
  const cluster::Decision d = c.add(with_display("a2", {{"detect", "detective"}, {"harbor", "harbors"}}));
  EXPECT_EQ(labels(c), (std::set<std::string>{"detectives", "murder", "harbors"}));
  EXPECT_NE(std::find(d.shared_terms.begin(), d.shared_terms.end(), "detectives"), d.shared_terms.end());
  EXPECT_EQ(d.shared_entities, std::vector<std::string>{"harbors"});
  cluster::EventClusterer resumed{cluster::ClusterOptions{}};
  ASSERT_TRUE(resumed.load_state(c.save_state()));
  // "detective" now has the majority; "murders" cannot displace "murder";
  // "harbors" keeps a vote to spare.
  const auto a3 = with_display("a3", {{"detect", "detective"}, {"murder", "murders"}, {"harbor", "harbored"}});
  (void)c.add(a3);
  (void)resumed.add(a3);
  const std::set<std::string> after = labels(c);
  EXPECT_EQ(after, (std::set<std::string>{"detective", "murder", "harbors"}));
  EXPECT_EQ(labels(resumed), after);
}

// A title sharing only some words with a story: at an hour's distance it
// joins the story; three days after the story's last article the story's
// score has decayed below the threshold and it starts a story, unless the
// decay is off.
TEST(Clusters, AStoryQuietForDaysTakesOnlyCloseMatches) {
  const std::int64_t t0 = 1'780'000'000;
  const auto later = [&](std::int64_t seconds, const cluster::ClusterOptions& options) {
    cluster::EventClusterer c(options);
    const cluster::Decision first = c.add(article("x1", t0, {"haifa", "port", "strike", "layoffs"}));
    const cluster::Decision d =
        c.add(article("y1", t0 + seconds, {"haifa", "port", "museum", "reopen", "wing", "art", "photo", "exhibit"}));
    EXPECT_TRUE(d.new_event);  // too far from the strike to be its event
    return d.story == first.story;
  };
  cluster::ClusterOptions options;
  options.story_defer_articles = 1;  // each story decided at once, on its one title
  EXPECT_TRUE(later(3600, options));
  EXPECT_FALSE(later(3LL * 24 * 3600, options));
  options.story_time_scale_hours = 0;
  EXPECT_TRUE(later(3LL * 24 * 3600, options));
}

// A deterministic stream that exercises joining, new events and stories,
// copies, entities, bodies and retirement: article i of `n`.
cluster::ArticleFeatures streamed(int i) {
  static constexpr const char* kWords[] = {"port", "strike", "haifa", "heat",     "wave",  "court", "ruling", "budget",
                                           "vote", "storm",  "flood", "election", "talks", "gaza",  "rail",   "fire"};
  const auto word = [](int k) { return kWords[static_cast<std::size_t>(k) % 16]; };
  cluster::ArticleFeatures f;
  f.id = std::string("s").append(std::to_string(i));
  f.title = f.id;
  f.published = std::int64_t{1'700'000'000} + i * 1800LL;  // half an hour apart: events age out
  const int topic = (i / 7) % 11;
  f.title_terms.emplace_back(word(topic), 1);
  f.title_terms.emplace_back(word(topic + 3), 1);
  f.title_terms.emplace_back(std::string("n").append(std::to_string(i % 5)), 1);
  if (i % 3 == 0) {
    f.body_terms.emplace_back(word(topic + 1), 2);
    f.body_terms.emplace_back(std::string("b").append(std::to_string(i % 13)), 1);
  }
  f.entities = {word(topic + 5)};
  return f;
}

bool same_decision(const cluster::Decision& a, const cluster::Decision& b) {
  return a.event == b.event && a.story == b.story && a.new_event == b.new_event && a.new_story == b.new_story &&
         a.score == b.score && a.title == b.title && a.body == b.body && a.entities == b.entities && a.time == b.time &&
         a.shared_terms == b.shared_terms && a.shared_entities == b.shared_entities && a.runner_up == b.runner_up &&
         a.runner_up_score == b.runner_up_score && a.story_score == b.story_score && a.copy_of == b.copy_of &&
         a.probability == b.probability;
}

// Both decisions: the hand-weighted rule and the shipped model (whose
// evidence includes the window of recent articles and each event's recent
// titles, which the state must carry too).
class ResumedState : public ::testing::TestWithParam<bool> {};
INSTANTIATE_TEST_SUITE_P(Decisions, ResumedState, ::testing::Values(false, true),
                         [](const auto& p) { return p.param ? "Model" : "HandRule"; });

TEST_P(ResumedState, AResumedClustererDecidesExactlyAsOneThatNeverStopped) {
  cluster::ClusterOptions options;
  options.active_seconds = 6LL * 3600;
  if (GetParam()) {
    Result<cluster::EventModel> model = cluster::EventModel::load(cluster::default_event_model_path());
    ASSERT_TRUE(model) << model.error().describe();
    options.model = std::make_shared<const cluster::EventModel>(model.value());
  }
  cluster::EventClusterer whole(options);
  // Saved after 1,500 articles or more, at a moment with an event whose
  // story is still open.
  int split = 0;
  for (; split < 1500 || !whole.stories_pending(); ++split) {
    (void)whole.add(streamed(split), split % 10 == 9 ? streamed(split - 1).id : "");
  }
  (void)whole.take_changed_summaries();
  (void)whole.take_story_decisions();
  const std::string saved = whole.save_state();

  cluster::EventClusterer resumed(options);
  ASSERT_TRUE(resumed.load_state(saved));
  EXPECT_EQ(resumed.live_events(), whole.live_events());
  EXPECT_EQ(resumed.live_stories(), whole.live_stories());
  EXPECT_EQ(resumed.save_state(), saved);  // nothing lost or reordered
  for (int i = split; i < split + 1000; ++i) {
    const std::string copy_of = i % 10 == 9 ? streamed(i - 1).id : "";
    const cluster::Decision a = whole.add(streamed(i), copy_of);
    const cluster::Decision b = resumed.add(streamed(i), copy_of);
    ASSERT_TRUE(same_decision(a, b)) << "article " << i << ": " << a.event << " vs " << b.event;
    const auto decided_a = whole.take_story_decisions();
    const auto decided_b = resumed.take_story_decisions();
    ASSERT_EQ(decided_a.size(), decided_b.size()) << "article " << i;
    for (std::size_t k = 0; k < decided_a.size(); ++k) {
      EXPECT_EQ(decided_a[k].event, decided_b[k].event);
      EXPECT_EQ(decided_a[k].story, decided_b[k].story);
      EXPECT_EQ(decided_a[k].story_score, decided_b[k].story_score);
    }
  }
  EXPECT_EQ(resumed.save_state(), whole.save_state());
}

TEST(ClusterState, DamagedStateIsRefusedAndLeavesAFreshClusterer) {
  cluster::EventClusterer source({});
  for (int i = 0; i < 50; ++i) (void)source.add(streamed(i));
  const std::string saved = source.save_state();
  for (const std::string& bad :
       {std::string(), std::string("not a state"), saved.substr(0, saved.size() / 2), saved + "x"}) {
    cluster::EventClusterer c({});
    EXPECT_FALSE(c.load_state(bad));
    EXPECT_EQ(c.live_events(), 0u);
    EXPECT_EQ(c.add(streamed(0)).event, "e1");  // numbering starts over
  }
}

// Dated reports [from, to) on a handful of recurring topics, oldest first.
std::string topical_feed(int from, int to) {
  static constexpr const char* kTopics[] = {"Haifa port strike over layoffs", "Heat wave in the Jordan Valley",
                                            "Knesset votes on the budget",    "Storm floods the coastal plain",
                                            "Court rules on the rail tender", "Talks on a Gaza ceasefire"};
  std::string feed;
  for (int i = from; i < to; ++i) {
    // Ten a day for 60 days; each topic in bursts of two days, back 12 days
    // later, when its event has retired (a new event in the same story).
    const int day = i / 10;
    const int minute = (i % 10) * 140;
    char published[32];
    (void)std::snprintf(published, sizeof published, "2026-%02d-%02dT%02d:%02d:00Z", 1 + day / 28, 1 + day % 28,
                        minute / 60, minute % 60);
    const std::string topic = kTopics[(i / 20) % 6];
    feed += std::string("{\"id\":\"t")
                .append(std::to_string(i))
                .append("\",\"published\":\"")
                .append(published)
                .append("\",\"title\":\"")
                .append(topic)
                .append(" update ")
                .append(std::to_string(i % 4))
                .append("\",\"text\":\"")
                .append(topic)
                .append(", report number ")
                .append(std::to_string(i))
                .append(".\"}\n");
  }
  return feed;
}

// Every assignment with its full decision, by id.
std::map<std::string, std::string> decisions(const std::string& db) {
  auto opened = store::Store::open(db);
  EXPECT_TRUE(static_cast<bool>(opened));
  std::map<std::string, std::string> out;
  if (!opened) return out;
  EXPECT_TRUE(opened.value()->for_each_assignment(
      [&](const store::AssignmentRow& r) { out[r.id] = r.event + " " + r.story + " " + r.decision; }));
  return out;
}

void tamper(const std::string& db, const char* sql) {
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &handle), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(handle, sql, nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(handle);
}

// With stories decided at once (--story-defer-articles 1), runs over parts
// of a feed decide exactly as one run over all of it, whether they resume
// from the saved state or replay the assignments.
TEST(ClusterState, RunsThatResumeFromTheSavedStateDecideAsOneRun) {
  testing::TempDir dir;
  constexpr int kArticles = 600;
  const std::string ingest = "ingest -q --story-defer-articles 1 --db ";
  testing::write_file(dir.file("all.jsonl"), topical_feed(0, kArticles));
  for (int part = 0; part < 3; ++part) {
    testing::write_file(dir.file("part" + std::to_string(part) + ".jsonl"),
                        topical_feed(part * kArticles / 3, (part + 1) * kArticles / 3));
  }
  ASSERT_EQ(testing::run_sipur(ingest + dir.file("one.db") + " " + dir.file("all.jsonl"), dir).status, 0);
  const auto whole = decisions(dir.file("one.db"));
  ASSERT_EQ(whole.size(), static_cast<std::size_t>(kArticles));

  // Three runs resuming from the saved state; three runs made to replay
  // (no state); three runs given a damaged state (they fall back to replay).
  for (const char* damage : {"", "DELETE FROM cluster_state", "UPDATE cluster_state SET state = x'00ff'"}) {
    const std::string db = dir.file("parts.db");
    for (const char* suffix : {"", "-wal", "-shm"}) (void)std::remove((db + suffix).c_str());  // absent is fine
    for (int part = 0; part < 3; ++part) {
      if (part > 0 && *damage != '\0') tamper(db, damage);
      ASSERT_EQ(testing::run_sipur(ingest + db + " " + dir.file("part" + std::to_string(part) + ".jsonl"), dir).status,
                0);
    }
    EXPECT_EQ(decisions(db), whole) << (*damage != '\0' ? damage : "resumed from the saved state");
    auto opened = store::Store::open(db);
    ASSERT_TRUE(static_cast<bool>(opened));
    const auto saved = opened.value()->cluster_state();
    ASSERT_TRUE(static_cast<bool>(saved));
    ASSERT_TRUE(saved.value().has_value());  // every run ends by saving its state
    EXPECT_EQ(saved.value()->assignment_seq, kArticles);
  }
}

// Every assignment's stored features, by id.
std::map<std::string, std::string> stored_features(const std::string& db) {
  auto opened = store::Store::open(db);
  EXPECT_TRUE(static_cast<bool>(opened));
  std::map<std::string, std::string> out;
  if (!opened) return out;
  EXPECT_TRUE(opened.value()->for_each_assignment([&](const store::AssignmentRow& r) { out[r.id] = r.features; }));
  return out;
}

// How a Hebrew name under a prefix reads depends on what the corpus showed
// before it (גרונברג alone licenses ל+גרונברג): runs over parts of a feed
// read every word as one run over all of it, whether they resume from the
// saved state (which holds the analyzer's) or replay the store.
TEST(ClusterState, ResumedRunsReadHebrewWordsAsOneRun) {
  testing::TempDir dir;
  auto feed = [](int from, int to) {
    std::string out;
    for (int i = from; i < to; ++i) {
      // The name stands alone in the first half; after prefixes in the second.
      const std::string name = i < 20 ? "גרונברג" : (i % 2 == 0 ? "לגרונברג" : "מגרונברג");
      out += "{\"id\":\"h" + std::to_string(i) + "\",\"published\":\"2026-03-0" + std::to_string(1 + i / 10) + "T1" +
             std::to_string(i % 10) + ":00:00Z\",\"title\":\"הודעה " + std::to_string(i) + " של " + name +
             " על התקציב\",\"text\":\"נמסר כי " + name + " ידבר מחר בכנסת על התקציב והמשבר.\"}\n";
    }
    return out;
  };
  testing::write_file(dir.file("all.jsonl"), feed(0, 40));
  testing::write_file(dir.file("part0.jsonl"), feed(0, 20));
  testing::write_file(dir.file("part1.jsonl"), feed(20, 40));
  const std::string ingest = "ingest -q --story-defer-articles 1 --db ";
  ASSERT_EQ(testing::run_sipur(ingest + dir.file("one.db") + " " + dir.file("all.jsonl"), dir).status, 0);
  const auto whole = stored_features(dir.file("one.db"));
  ASSERT_EQ(whole.size(), 40U);
  const auto whole_decisions = decisions(dir.file("one.db"));
  for (const char* damage : {"", "DELETE FROM cluster_state", "UPDATE cluster_state SET state = x'00ff'"}) {
    const std::string db = dir.file("parts.db");
    for (const char* suffix : {"", "-wal", "-shm"}) (void)std::remove((db + suffix).c_str());  // absent is fine
    ASSERT_EQ(testing::run_sipur(ingest + db + " " + dir.file("part0.jsonl"), dir).status, 0);
    if (*damage != '\0') tamper(db, damage);
    ASSERT_EQ(testing::run_sipur(ingest + db + " " + dir.file("part1.jsonl"), dir).status, 0);
    EXPECT_EQ(stored_features(db), whole) << (*damage != '\0' ? damage : "resumed from the saved state");
    EXPECT_EQ(decisions(db), whole_decisions) << (*damage != '\0' ? damage : "resumed from the saved state");
  }
}

// A kill of `sipur ingest` at any moment (here: the run stopped after its
// n-th record, its open transaction lost as a kill loses it), and a rerun
// over the same input, give the clustering of one uninterrupted run: on
// input out of time order, across reorder windows, with copies that come
// before their sources.
TEST(ClusterState, KilledRunsResumeToTheClusteringOfOneRun) {
  testing::TempDir dir;
  std::vector<std::string> lines;
  std::istringstream feed(topical_feed(0, 240));
  for (std::string line; std::getline(feed, line);) {
    lines.push_back(line);
    if (lines.size() % 9 == 0) {  // a repost under another id
      std::string copy = line;
      copy.replace(copy.find("\"id\":\"t"), 7, "\"id\":\"c");
      lines.push_back(copy);
    }
  }
  std::mt19937 random(7);  // Fisher-Yates by hand: std::shuffle's order is the library's own
  for (std::size_t i = lines.size() - 1; i > 0; --i) std::swap(lines[i], lines[random() % (i + 1)]);
  std::string shuffled;
  for (const std::string& line : lines) shuffled += line + "\n";
  testing::write_file(dir.file("feed.jsonl"), shuffled);

  pipeline::IngestOptions options;
  options.batch_size = 7;
  options.reorder_window = 50;
  struct Killed {};
  // Runs the job, stopped after `kill_after` records (0: never).
  auto run = [&](const std::string& db, std::int64_t kill_after) {
    auto opened = store::Store::open(db);
    ASSERT_TRUE(static_cast<bool>(opened));
    pipeline::IngestCallbacks callbacks;
    callbacks.on_progress = [&](const pipeline::IngestSummary& s) {
      if (kill_after > 0 && s.read >= kill_after) throw Killed{};
    };
    if (kill_after > 0) {
      EXPECT_THROW((void)pipeline::run_ingest(*opened.value(), {dir.file("feed.jsonl")}, options, callbacks), Killed);
    } else {
      EXPECT_TRUE(
          static_cast<bool>(pipeline::run_ingest(*opened.value(), {dir.file("feed.jsonl")}, options, callbacks)));
    }
  };
  run(dir.file("one.db"), 0);
  const auto whole = decisions(dir.file("one.db"));
  ASSERT_EQ(whole.size(), lines.size());
  ASSERT_GT(std::count_if(whole.begin(), whole.end(),
                          [](const auto& d) { return d.second.find("\"copy_of\":\"t") != std::string::npos; }),
            5);  // reposts joined their sources' events
  for (const std::vector<std::int64_t>& kills :
       std::vector<std::vector<std::int64_t>>{{13}, {50, 51, 120}, {101, 263}}) {
    const std::string db = dir.file("killed.db");
    for (const char* suffix : {"", "-wal", "-shm"}) (void)std::remove((db + suffix).c_str());  // absent is fine
    for (const std::int64_t n : kills) run(db, n);
    run(db, 0);
    const auto resumed = decisions(db);
    ASSERT_EQ(resumed.size(), whole.size());
    for (const auto& [id, decided] : whole)
      EXPECT_EQ(resumed.at(id), decided) << id << ", killed after record " << kills.front();
  }
}

// With deferred story decisions (the default), a run's end decides the
// stories of its young events, so runs over parts of a feed may link a few
// events differently from one run; their events are the same, and every
// article is stored with a story.
TEST(ClusterState, RunsWithDeferredStoriesKeepEventsAndLeaveNoStoryOpen) {
  testing::TempDir dir;
  constexpr int kArticles = 600;
  testing::write_file(dir.file("all.jsonl"), topical_feed(0, kArticles));
  for (int part = 0; part < 3; ++part) {
    testing::write_file(dir.file("part" + std::to_string(part) + ".jsonl"),
                        topical_feed(part * kArticles / 3, (part + 1) * kArticles / 3));
  }
  auto events = [](const std::string& db) {
    std::map<std::string, std::string> out;
    auto opened = store::Store::open(db);
    EXPECT_TRUE(static_cast<bool>(opened));
    if (!opened) return out;
    EXPECT_TRUE(opened.value()->for_each_assignment([&](const store::AssignmentRow& r) {
      EXPECT_FALSE(r.story.empty()) << r.id;
      EXPECT_NE(r.decision.find("\"story\":\"" + r.story + "\""), std::string::npos) << r.decision;
      out[r.id] = r.event;
    }));
    return out;
  };
  ASSERT_EQ(testing::run_sipur("ingest -q --db " + dir.file("one.db") + " " + dir.file("all.jsonl"), dir).status, 0);
  for (int part = 0; part < 3; ++part) {
    ASSERT_EQ(
        testing::run_sipur(
            "ingest -q --db " + dir.file("parts.db") + " " + dir.file("part" + std::to_string(part) + ".jsonl"), dir)
            .status,
        0);
  }
  const auto whole = events(dir.file("one.db"));
  ASSERT_EQ(whole.size(), static_cast<std::size_t>(kArticles));
  EXPECT_EQ(events(dir.file("parts.db")), whole);
}

// A new event whose first title shares nothing with a story joins it once
// its second title does, instead of starting a story of its own.
TEST(Clusters, AYoungEventsStoryIsDecidedOnItsFirstArticles) {
  const std::int64_t t0 = 1'780'000'000;
  const auto run = [&](std::size_t defer) {
    cluster::ClusterOptions options;
    options.story_defer_articles = defer;
    cluster::EventClusterer c(options);
    (void)c.add(article("a1", t0, {"carney", "bank", "england", "governor", "rates"}));
    (void)c.add(article("a2", t0 + 60, {"carney", "bank", "england", "governor", "speech"}));
    const cluster::Decision first = c.add(article("b1", t0 + 120, {"overhaul", "fx", "allegations", "traders"}));
    const cluster::Decision second =
        c.add(article("b2", t0 + 180, {"overhaul", "fx", "allegations", "bank", "england", "carney"}));
    c.decide_pending_stories();
    std::vector<cluster::StoryDecision> decided = c.take_story_decisions();
    EXPECT_TRUE(first.new_event);
    EXPECT_EQ(second.event, first.event);
    std::string b_story = second.story;
    for (const auto& d : decided) {
      if (d.event == first.event) b_story = d.story;
    }
    EXPECT_FALSE(b_story.empty());
    return std::pair(b_story, c.add(article("a3", t0 + 240, {"carney", "bank", "england", "governor"})).story);
  };
  const auto [deferred, a_deferred] = run(2);
  EXPECT_EQ(deferred, a_deferred);  // one story
  const auto [at_once, a_at_once] = run(1);
  EXPECT_NE(at_once, a_at_once);  // the first title alone started a story
}

}  // namespace
}  // namespace sipur
