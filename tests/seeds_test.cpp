// The canonical example (../shared/seeds, DESIGN.md): five real articles,
// their languages, and the boilerplate that must not survive cleaning.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <map>
#include <sstream>

#include "test_util.h"

namespace sipur {
namespace {

std::map<std::string, nlohmann::json> ingest_seeds(const std::string& shared, const testing::TempDir& dir) {
  const auto ingest = testing::run_sipur("ingest --db " + dir.file("t.db") + " " + shared + "/seeds", dir);
  EXPECT_EQ(ingest.status, 0) << ingest.err;
  const auto exported = testing::run_sipur("export --db " + dir.file("t.db") + " articles", dir);
  EXPECT_EQ(exported.status, 0) << exported.err;
  std::map<std::string, nlohmann::json> by_id;
  std::istringstream in(exported.out);
  std::string line;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line);
    by_id[j["id"]] = j;
  }
  return by_id;
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

TEST(Seeds, FiveArticlesWithIdsAndLanguages) {
  SKIP_WITHOUT_SHARED(shared);
  testing::TempDir dir;
  const auto seeds = ingest_seeds(shared, dir);
  ASSERT_EQ(seeds.size(), 5u);
  const std::map<std::string, std::string> expected = {{"000_bd57e58d4203ffec", "he"},
                                                       {"001_3ae03d09336d0e0f", "he"},
                                                       {"002_74b9b5746a9a3ff8", "he"},
                                                       {"003_5335f6f5bd0a83e0", "en"},
                                                       {"004_50c6ccf612b949c3", "he"}};
  for (const auto& [id, lang] : expected) {
    ASSERT_TRUE(seeds.count(id)) << id;
    EXPECT_EQ(seeds.at(id)["lang"], lang) << id;
  }
}

TEST(Seeds, BoilerplateIsGone) {
  SKIP_WITHOUT_SHARED(shared);
  testing::TempDir dir;
  const auto seeds = ingest_seeds(shared, dir);
  for (const auto& [id, article] : seeds) {
    const std::string text = article["text"];
    EXPECT_EQ(text.find("עוד בוואלה"), std::string::npos) << id;
    EXPECT_EQ(text.find("עוד כתבות שיעניינו אותך"), std::string::npos) << id;
    // Bylines of 004's related-articles list.
    for (const char* byline : {"קובי פינקלר", "פנחס בן זיו", "אבי יעקב", "נתי שולמן", "קובי אליה"}) {
      EXPECT_EQ(text.find(byline), std::string::npos) << id << " keeps " << byline;
    }
    EXPECT_EQ(text.find("Photo by"), std::string::npos) << id;
    EXPECT_EQ(text.find("Read Why did"), std::string::npos) << id;
  }
  // The repeated headline no longer closes 000 and 002.
  for (const char* id : {"000_bd57e58d4203ffec", "002_74b9b5746a9a3ff8"}) {
    const std::string title = seeds.at(id)["title"];
    const std::string text = seeds.at(id)["text"];
    ASSERT_FALSE(title.empty());
    EXPECT_FALSE(ends_with(text, title)) << id;
    EXPECT_EQ(text.find(title), std::string::npos) << id << ": the title is not repeated in the body";
  }
  // 004's body keeps its real paragraphs.
  const std::string body004 = seeds.at("004_50c6ccf612b949c3")["text"];
  EXPECT_NE(body004.find("לשכת רה\"מ סירבה להגיב"), std::string::npos);
}

}  // namespace
}  // namespace sipur
