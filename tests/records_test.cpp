// The records the pipeline writes as JSON and the views read back
// (src/views/records.h): each encoder against its decoder, and damaged
// stored bytes as failures or skips, never crashes.
#include <gtest/gtest.h>

#include "views/article_page.h"
#include "views/explain.h"
#include "views/records.h"
#include "views/story_list.h"

namespace sipur {
namespace {

TEST(Records, DecisionRoundTripsWithEveryField) {
  cluster::Decision d;
  d.event = "e12";
  d.story = "s3";
  d.new_event = true;
  d.new_story = false;
  d.score = 0.512345;
  d.title = 0.25;
  d.body = 0.125;
  d.entities = 0.5;
  d.time = 0.9;
  d.title_weighed = false;
  d.shared_terms = {"נמל", "strike \"quoted\""};
  d.shared_entities = {"חיפה"};
  d.runner_up = "e7";
  d.runner_up_score = 0.1;
  d.story_score = 0.33;
  d.copy_of = "a1";
  d.time_ignored = true;
  const std::string stored = views::encode_decision(d);
  // Keys in sorted order, as nlohmann::json writes them (explain relies on it).
  EXPECT_EQ(stored, nlohmann::json::parse(stored).dump());
  const Result<nlohmann::json> back = views::decode_decision(stored, "a2");
  ASSERT_TRUE(back.ok());
  const nlohmann::json& j = back.value();
  EXPECT_EQ(j["event"], "e12");
  EXPECT_EQ(j["story"], "s3");
  EXPECT_EQ(j["new_event"], true);
  EXPECT_EQ(j["new_story"], false);
  EXPECT_DOUBLE_EQ(j["score"].get<double>(), 0.512345);
  EXPECT_EQ(j["title_weighed"], false);
  EXPECT_EQ(j["shared_terms"], nlohmann::json({"נמל", "strike \"quoted\""}));
  EXPECT_EQ(j["shared_entities"], nlohmann::json({"חיפה"}));
  EXPECT_EQ(j["runner_up"], "e7");
  EXPECT_EQ(j["copy_of"], "a1");
  EXPECT_EQ(j["time_ignored"], true);
  EXPECT_EQ(views::decision_string(j, "runner_up"), "e7");

  for (const char* damaged : {"null", "[1]", "{\"a\":", ""}) {
    const Result<nlohmann::json> bad = views::decode_decision(damaged, "a2");
    ASSERT_FALSE(bad.ok()) << damaged;
    EXPECT_EQ(bad.error().kind, ErrorKind::kStorage);
    EXPECT_NE(bad.error().message.find("article a2"), std::string::npos);
  }
}

TEST(Records, StringListsRoundTrip) {
  const std::vector<std::string> items = {"נתניהו", "Putin", "a\"b\\c", "", "tab\there"};
  const Result<std::vector<std::string>> back = views::decode_strings(views::encode_strings(items), "terms");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back.value(), items);
  EXPECT_TRUE(views::decode_strings("[]", "terms").value().empty());
  for (const char* damaged : {"[\"ok\", 7", "[\"ok\", 7]", "{}", "\"x\""}) {
    const Result<std::vector<std::string>> bad = views::decode_strings(damaged, "event e1: terms");
    ASSERT_FALSE(bad.ok()) << damaged;
    EXPECT_EQ(bad.error().message, "event e1: terms is not a JSON array of strings");
  }
}

TEST(Records, PassagesRoundTripAndDamagedItemsAreSkipped) {
  const std::vector<dedup::Passage> passages = {{0, 10, 20, 30, 4}, {100, 250, 5, 155, 21}};
  const std::string stored = views::encode_passages(passages);
  EXPECT_EQ(stored, "[[0,10,20,30,4],[100,250,5,155,21]]");
  const std::vector<views::StoredPassage> back = views::decode_passages(stored);
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[1].a_begin, 100u);
  EXPECT_EQ(back[1].a_end, 250u);
  EXPECT_EQ(back[1].b_begin, 5u);
  EXPECT_EQ(back[1].b_end, 155u);
  EXPECT_EQ(back[1].words, 21u);
  EXPECT_TRUE(views::decode_passages("not json").empty());
  EXPECT_EQ(views::decode_passages("[[1,2,3,4,5],[1,2],\"x\",[-1,2,3,4,5],[1,2,3,4,5.5],[6,7,8,9,10]]").size(), 2u);
}

TEST(Records, CopyTextAndBodySpans) {
  Article a;
  a.title = "כותרת";
  a.body = "גוף הכתבה";
  EXPECT_EQ(views::copy_text(a), a.title + "\n\n" + a.body);
  EXPECT_EQ(views::body_offset_in_copy_text(a), a.title.size() + 2);
  const std::size_t start = a.title.size() + 2;
  // In the body; cut to the body; wholly in the title.
  EXPECT_EQ(views::body_span(a, start + 2, start + 6)->begin, 2u);
  EXPECT_EQ(views::body_span(a, start + 2, start + 6)->end, 6u);
  EXPECT_EQ(views::body_span(a, 0, start + 4)->begin, 0u);
  EXPECT_EQ(views::body_span(a, start + 4, start + 1000)->end, a.body.size());
  EXPECT_FALSE(views::body_span(a, 0, a.title.size()).has_value());
  Article untitled;
  untitled.body = "body only";
  EXPECT_EQ(views::copy_text(untitled), "body only");
  EXPECT_EQ(views::body_span(untitled, 0, 4)->end, 4u);
  Article headline;
  headline.title = "title only";
  EXPECT_EQ(views::copy_text(headline), "title only");
  EXPECT_FALSE(views::body_span(headline, 0, 5).has_value());
}

TEST(Records, StoryCursorsRoundTripAndRejectOtherText) {
  for (const store::RecencyKey key :
       {store::RecencyKey{1751788800, 12}, store::RecencyKey{std::nullopt, 3}, store::RecencyKey{-5, 0}}) {
    const std::optional<store::RecencyKey> back = views::decode_cursor(views::encode_cursor(key));
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(back->last, key.last);
    EXPECT_EQ(back->story_number, key.story_number);
  }
  for (const char* bad : {"", ".", "x.1", "1.", "1.x", "1.-2", "12", "1.2.3x"}) {
    EXPECT_FALSE(views::decode_cursor(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace sipur
