// The learned event decision: its model file is checked on load (format,
// features, self-tests), training on labeled articles learns what tells
// one happening from another, and ingest refuses a damaged model before it
// writes anything.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "cluster/event_model.h"
#include "cluster/event_training.h"
#include "test_util.h"

namespace sipur {
namespace {

cluster::FeatureVector some_features(double scale) {
  cluster::FeatureVector x{};
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = scale * static_cast<double>(i % 5) / 4;
  return x;
}

cluster::EventModel small_model() {
  cluster::FeatureVector w{};
  for (std::size_t i = 0; i < w.size(); ++i) w[i] = 0.1 * static_cast<double>(i) - 1;
  return cluster::EventModel(w, -0.5, 0.4, "unit");
}

TEST(EventModel, ReadsBackWhatItWrote) {
  const cluster::EventModel m = small_model();
  const std::string text = m.serialize({some_features(1), some_features(0.5)});
  Result<cluster::EventModel> back = cluster::EventModel::parse(text, "m");
  ASSERT_TRUE(back) << back.error().describe();
  EXPECT_EQ(back.value().threshold(), 0.4);
  EXPECT_EQ(back.value().trained_on(), "unit");
  EXPECT_DOUBLE_EQ(back.value().probability(some_features(0.3)), m.probability(some_features(0.3)));
}

TEST(EventModel, RefusesWhatItCannotTrust) {
  const std::string good = small_model().serialize({some_features(1)});
  auto refused = [](const std::string& text) {
    Result<cluster::EventModel> m = cluster::EventModel::parse(text, "bad.model");
    return m ? std::string() : m.error().describe();
  };
  EXPECT_EQ(refused(good), "");
  // Another format or version.
  EXPECT_NE(refused("sipur-event-model 0\n" + good.substr(good.find('\n') + 1)).find("bad.model:1"), std::string::npos);
  // A weight changed after the self-tests were written: they no longer hold.
  std::string tampered = good;
  const std::size_t at = tampered.find("weight\tbody\t");
  tampered.replace(at, tampered.find('\n', at) - at, "weight\tbody\t5");
  EXPECT_NE(refused(tampered).find("self-test fails"), std::string::npos);
  // A feature this build does not compute, in the place of one it does.
  std::string renamed = good;
  renamed.replace(renamed.find("weight\ttitle_weighed"), 20, "weight\tsomething_else");
  EXPECT_NE(refused(renamed).find("not the feature this build expects"), std::string::npos);
  // No self-test at all.
  EXPECT_NE(refused(good.substr(0, good.find("test\t"))).find("no self-test"), std::string::npos);
  // A threshold outside (0, 1).
  std::string threshold = good;
  threshold.replace(threshold.find("threshold\t"), 14, "threshold\t1.5\n#");
  EXPECT_NE(refused(threshold).find("threshold"), std::string::npos);
}

// small_model() with two trees on top: one splitting on the title, with
// a second split under it, and a lone leaf.
cluster::EventModel small_model_with_trees() {
  const cluster::EventModel linear = small_model();
  cluster::Tree a(5);
  a[0] = {0, 0.5F, 1, 2, 0};  // title < 0.5
  a[1] = {-1, 0, 0, 0, -0.75};
  a[2] = {2, 0.25F, 3, 4, 0};  // body < 0.25
  a[3] = {-1, 0, 0, 0, 0.125};
  a[4] = {-1, 0, 0, 0, 1.5};
  cluster::Tree b(1);
  b[0] = {-1, 0, 0, 0, -0.0625};
  return cluster::EventModel(linear.weights(), linear.bias(), 0.4, "unit", {a, b});
}

TEST(EventModel, TreesAddTheirLeavesToTheLogisticLogOdds) {
  const cluster::EventModel m = small_model_with_trees();
  const cluster::EventModel linear = small_model();
  cluster::FeatureVector x = some_features(0.3);
  x[0] = 0.7;  // title: the second split
  x[2] = 0.1;  // body below 0.25: leaf 3
  EXPECT_DOUBLE_EQ(m.log_odds(x), linear.log_odds(x) + 0.125 - 0.0625);
  x[0] = 0.2;  // leaf 1
  EXPECT_DOUBLE_EQ(m.log_odds(x), linear.log_odds(x) - 0.75 - 0.0625);
  const std::string text = m.serialize({some_features(1), x});
  EXPECT_EQ(text.substr(0, text.find('\n')), "sipur-event-model 2");
  Result<cluster::EventModel> back = cluster::EventModel::parse(text, "m");
  ASSERT_TRUE(back) << back.error().describe();
  EXPECT_EQ(back.value().trees().size(), 2u);
  for (const double scale : {0.0, 0.3, 1.0}) {
    EXPECT_DOUBLE_EQ(back.value().probability(some_features(scale)), m.probability(some_features(scale)));
  }
  // Without trees the file stays in the first version, byte for byte.
  EXPECT_EQ(small_model().serialize({x}).substr(0, 20), "sipur-event-model 1\n");
}

TEST(EventModel, RefusesTreesItCannotTrust) {
  const std::string good = small_model_with_trees().serialize({some_features(1)});
  auto refused = [&good](const std::string& from, const std::string& to) {
    std::string text = good;
    const std::size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
    Result<cluster::EventModel> m = cluster::EventModel::parse(text, "bad.model");
    return m ? std::string() : m.error().describe();
  };
  EXPECT_EQ(refused("tree\t5", "tree\t5"), "");
  // A child that is not a later node would loop.
  EXPECT_NE(refused("split\t2\tbody\t0.25\t3\t4", "split\t2\tbody\t0.25\t1\t4").find("later nodes"), std::string::npos);
  // A split on a feature this build does not compute.
  EXPECT_NE(refused("split\t0\ttitle\t", "split\t0\tno_such\t").find("unknown feature"), std::string::npos);
  // A tree that ends before its nodes.
  EXPECT_NE(refused("tree\t5", "tree\t6").find("before its nodes"), std::string::npos);
  // A node given twice.
  EXPECT_NE(refused("leaf\t4\t", "leaf\t3\t").find("not a new node"), std::string::npos);
  // A leaf changed after the self-tests were written.
  EXPECT_NE(refused("leaf\t1\t-0.75", "leaf\t1\t-0.5").find("self-test fails"), std::string::npos);
}

TEST(EventModel, TheShippedModelLoadsAndNamesItsTrainingSets) {
  Result<cluster::EventModel> m = cluster::EventModel::load(cluster::default_event_model_path());
  ASSERT_TRUE(m) << m.error().describe();
  EXPECT_NE(m.value().trained_on().find("ecbplus"), std::string::npos);
  EXPECT_NE(m.value().trained_on().find("he-"), std::string::npos);
  EXPECT_GT(m.value().threshold(), 0);
  EXPECT_LT(m.value().threshold(), 1);
}

// A week dominated by one storyline: every headline says "election", and
// what tells the happenings apart is their own words (a rally, turnout, a
// debate), each told in several wordings hours apart.
cluster::LabeledSet storyline_week(int seed) {
  static const std::vector<std::vector<std::string>> kHappenings = {
      {"rally", "square", "crowd", "speech"},      {"turnout", "polls", "percent", "voters"},
      {"debate", "studio", "candidates", "clash"}, {"recount", "ballots", "committee", "appeal"},
      {"coalition", "talks", "partner", "offer"},  {"poll", "survey", "seats", "forecast"}};
  cluster::LabeledSet set;
  set.name = "week" + std::to_string(seed);
  set.metric = cluster::SetMetric::kPairwise;
  int n = 0;
  for (int round = 0; round < 5; ++round) {
    for (std::size_t h = 0; h < kHappenings.size(); ++h) {
      cluster::ArticleFeatures a;
      a.id = set.name + "-" + std::to_string(n++);
      a.lang = "en";
      a.published =
          std::int64_t{1'400'000'000} + seed * 86400LL * 7 + static_cast<std::int64_t>(h) * 7200 + round * 1800;
      a.title_terms.emplace_back("election", 1);
      // Two or three of the happening's words, a different choice each time.
      const auto& words = kHappenings[h];
      for (std::size_t k = 0; k < words.size(); ++k) {
        if ((k + static_cast<std::size_t>(round + seed)) % 4 != 3) a.title_terms.emplace_back(words[k], 1);
      }
      a.title = a.id;
      set.gold[a.id] = std::to_string(h);
      set.articles.push_back(a);
      set.copy_of.emplace_back();
    }
  }
  std::stable_sort(set.articles.begin(), set.articles.end(),
                   [](const auto& x, const auto& y) { return *x.published < *y.published; });
  return set;
}

TEST(EventTraining, LearnsToTellHappeningsOfOneStorylineApart) {
  const cluster::LabeledSet a = storyline_week(0), b = storyline_week(1), held = storyline_week(2);
  cluster::TrainingOptions options;
  cluster::TrainingReport report;
  const cluster::EventModel m = cluster::train_event_model({&a, &b}, options, &report);
  EXPECT_GT(report.rows, report.positives);
  EXPECT_GT(report.positives, 0u);
  EXPECT_EQ(m.trained_on(), "week0,week1");
  cluster::ClusterOptions with;
  with.model = std::make_shared<const cluster::EventModel>(m);
  // On a week it did not see, the model groups the reports of each
  // happening and keeps the happenings apart.
  EXPECT_GE(cluster::set_score(held, cluster::cluster_set(held, with)), 0.9);
  // Evidence of a shared title counts for joining.
  EXPECT_GT(m.weights()[0] + m.weights()[12] + m.weights()[13], 0);
}

TEST(EventTraining, TreesBoostedOnTheLogisticModelTellTheHappeningsApartToo) {
  const cluster::LabeledSet a = storyline_week(0), b = storyline_week(1), held = storyline_week(2);
  cluster::TrainingOptions options;
  options.trees = 20;
  options.depth = 2;
  const cluster::EventModel m = cluster::train_event_model({&a, &b}, options);
  EXPECT_EQ(m.trees().size(), 20u);
  cluster::ClusterOptions with;
  with.model = std::make_shared<const cluster::EventModel>(m);
  EXPECT_GE(cluster::set_score(held, cluster::cluster_set(held, with)), 0.9);
  // The same rows grow the same trees (one thread, fixed seed): the shipped
  // file can be made again byte for byte.
  const cluster::EventModel again = cluster::train_event_model({&a, &b}, options);
  EXPECT_EQ(again.serialize({some_features(1)}), m.serialize({some_features(1)}));
  Result<cluster::EventModel> back = cluster::EventModel::parse(m.serialize({some_features(0.5)}), "m");
  ASSERT_TRUE(back) << back.error().describe();
}

TEST(EventTraining, SameLanguagePairsAreScoredWithinEachLanguage) {
  cluster::LabeledSet set;
  set.metric = cluster::SetMetric::kSameLanguagePairwise;
  for (const auto& [id, lang] : {std::pair{"h1", "he"}, {"h2", "he"}, {"e1", "en"}, {"e2", "en"}}) {
    cluster::ArticleFeatures a;
    a.id = id;
    a.lang = lang;
    set.articles.push_back(a);
    set.gold[id] = "one";  // one happening in both languages
  }
  // Each language's pair together, the languages apart: every same-language
  // pair is right, and cross-language pairs do not count.
  EXPECT_DOUBLE_EQ(cluster::set_score(set, {{"h1", "x"}, {"h2", "x"}, {"e1", "y"}, {"e2", "y"}}), 1.0);
  EXPECT_DOUBLE_EQ(cluster::set_score(set, {{"h1", "x"}, {"h2", "z"}, {"e1", "y"}, {"e2", "y"}}), 2.0 / 3);
}

TEST(EventModel, IngestRefusesADamagedModelBeforeWritingAStore) {
  testing::TempDir dir;
  testing::write_file(dir.file("feed.jsonl"), "{\"id\":\"a\",\"title\":\"Port strike in Haifa\",\"text\":\"\"}\n");
  testing::write_file(dir.file("bad.model"), "sipur-event-model 1\nthreshold\t0.4\n");
  const auto out = testing::run_sipur(
      "ingest -q --event-model " + dir.file("bad.model") + " --db " + dir.file("t.db") + " " + dir.file("feed.jsonl"),
      dir);
  EXPECT_EQ(out.status, 1);
  EXPECT_NE(out.err.find("bad.model"), std::string::npos) << out.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("t.db")));
  // The hand-weighted rule needs no model.
  const auto rule =
      testing::run_sipur("ingest -q --hand-rule --db " + dir.file("t.db") + " " + dir.file("feed.jsonl"), dir);
  EXPECT_EQ(rule.status, 0) << rule.err;
}

}  // namespace
}  // namespace sipur
