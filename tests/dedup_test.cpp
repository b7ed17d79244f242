// Copy detection: fingerprints, passages, the streaming index and its rare
// paths (forced LSH collisions, eviction, floods of identical copies).
#include <gtest/gtest.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <iterator>
#include <map>
#include <sstream>

#include "dedup/copy_index.h"
#include "store/store.h"
#include "test_util.h"
#include "text/normalize.h"

namespace sipur::dedup {
namespace {

class DedupTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto created = analysis::Analyzer::create({});
    ASSERT_TRUE(created.ok()) << created.error().describe();
    analyzer = std::move(created).value().release();
  }
  static void TearDownTestSuite() {
    delete analyzer;
    analyzer = nullptr;
  }
  static Fingerprint fp(const std::string& text, const std::string& lang = "en") {
    return fingerprint(analyzer->analyze(text, lang), {});
  }
  static analysis::Analyzer* analyzer;
};
analysis::Analyzer* DedupTest::analyzer = nullptr;

// "r" + std::to_string(i), written so GCC 12 does not warn falsely (-Wrestrict).
std::string numbered(const char* prefix, int i) {
  std::string id(prefix);
  id += std::to_string(i);
  return id;
}

const std::string kStory =
    "The city council approved the new budget for public transport on Tuesday evening after a long debate. "
    "The plan adds forty electric buses to the northern routes and extends the night service to the airport. "
    "Opposition members argued that the fares would rise within two years, while the mayor promised to keep "
    "them frozen until the next election. Construction of the new depot near the harbor starts in March.";

TEST_F(DedupTest, InflectionDoesNotHideACopy) {
  // Hebrew: prefixes and the article change, lemmas do not.
  const Fingerprint a = fp("ראש הממשלה נפגש עם נשיא רוסיה במוסקבה ודנו במצב בסוריה ובתיאום הביטחוני בין הצבאות", "he");
  const Fingerprint b = fp("ראש ממשלה נפגש עם נשיא רוסיה מוסקבה ודנו מצב סוריה תיאום ביטחוני בין צבאות", "he");
  EXPECT_GT(overlap(a.shingle_set, b.shingle_set).jaccard, 0.5);
}

TEST_F(DedupTest, ShortTextsHaveNoShinglesButAnExactHash) {
  const Fingerprint a = fp("Fire");
  EXPECT_TRUE(a.shingles.empty());
  EXPECT_TRUE(a.minhash.empty());
  EXPECT_EQ(a.content_words, 1u);
  EXPECT_EQ(fp("Fire").content_hash, a.content_hash);
  EXPECT_NE(fp("Flood").content_hash, a.content_hash);
  EXPECT_EQ(fp("").content_words, 0u);
}

TEST_F(DedupTest, ShingleSerializationRoundTripsAndRejectsDamage) {
  const Fingerprint a = fp(kStory);
  ASSERT_GT(a.shingles.size(), 3u);
  const std::string bytes = serialize_shingles(a.shingles);
  EXPECT_LT(bytes.size(), a.shingles.size() * sizeof(Shingle));  // varint spans, not 16 bytes each
  std::vector<Shingle> back;
  ASSERT_TRUE(deserialize_shingles(bytes, back));
  ASSERT_EQ(back.size(), a.shingles.size());
  for (std::size_t i = 0; i < back.size(); ++i) {
    EXPECT_EQ(back[i].hash, a.shingles[i].hash);
    EXPECT_EQ(back[i].begin, a.shingles[i].begin);
    EXPECT_EQ(back[i].end, a.shingles[i].end);
  }
  EXPECT_FALSE(deserialize_shingles(bytes.substr(0, bytes.size() - 1), back));
  EXPECT_FALSE(deserialize_shingles(bytes + "x", back));
  // A count larger than the bytes could hold, and a varint that never ends.
  EXPECT_FALSE(deserialize_shingles(bytes.substr(0, 8) + "\x7f" + bytes.substr(9), back));
  EXPECT_FALSE(deserialize_shingles(bytes.substr(0, 8) + std::string(11, '\xff'), back));
  EXPECT_TRUE(deserialize_shingles(serialize_shingles({}), back));
  EXPECT_TRUE(back.empty());
}

TEST_F(DedupTest, ShinglesInTheFixedFormOfOlderStoresStillRead) {
  // Older stores: each shingle's 16 bytes (hash, begin, end), nothing else;
  // a start before the previous one is kept too.
  const std::vector<Shingle> old = {{0x1234, 10, 30}, {0x5678, 5, 12}};
  std::string bytes(old.size() * sizeof(Shingle), '\0');
  std::memcpy(bytes.data(), old.data(), bytes.size());
  std::vector<Shingle> back;
  ASSERT_TRUE(deserialize_shingles(bytes, back));
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[1].hash, 0x5678u);
  EXPECT_EQ(back[1].begin, 5u);
  EXPECT_EQ(back[1].end, 12u);
  ASSERT_TRUE(deserialize_shingles(serialize_shingles(old), back));  // and in the compact form
  EXPECT_EQ(back[1].begin, 5u);
  EXPECT_EQ(back[0].end, 30u);
  bytes[sizeof(Shingle) + 12] = 0;  // the second one now ends before it begins
  EXPECT_FALSE(deserialize_shingles(bytes, back));
}

TEST_F(DedupTest, ExactNearPartialAndUnrelated) {
  CopyIndex index({});
  EXPECT_TRUE(index.add({"orig", 1000, fp(kStory)}).empty());
  // Exact: same words, different spacing and case.
  auto exact = index.add({"copy", 2000, fp("  " + kStory + "  ")});
  ASSERT_EQ(exact.size(), 1u);
  EXPECT_EQ(exact[0].kind, CopyKind::kExact);
  EXPECT_EQ(exact[0].a, "orig");  // the earlier article is the source
  // Near: one sentence changed.
  std::string edited = kStory;
  edited.replace(edited.find("forty"), 5, "fifty");
  auto near = index.add({"edit", 3000, fp(edited)});
  ASSERT_FALSE(near.empty());
  EXPECT_EQ(near[0].kind, CopyKind::kNear);
  // Partial: a paragraph reused inside another article.
  const std::string host = "A storm closed the coastal road for six hours and flooded several basements downtown. " +
                           kStory.substr(0, kStory.find("Opposition")) +
                           "Rescue teams worked through the night and the road reopened at dawn with a speed limit.";
  auto partial = index.add({"host", 4000, fp(host)});
  ASSERT_FALSE(partial.empty());
  EXPECT_EQ(partial[0].kind, CopyKind::kPartial);
  ASSERT_FALSE(partial[0].passages.empty());
  EXPECT_GE(partial[0].passages[0].words, 15u);
  // Unrelated.
  EXPECT_TRUE(index
                  .add({"other", 5000,
                        fp("Football: the home team won the cup final after extra time, "
                           "with two goals from the young striker in the last ten minutes.")})
                  .empty());
}

// Clean text keeps typographic quotes and dashes as written; a copy that
// differs only in its quote style is still an exact copy, and one word
// changed besides makes it a near copy.
TEST_F(DedupTest, QuoteStyleDoesNotHideACopy) {
  const std::string ascii =
      "The minister said \"we won't negotiate with them\" and called the 2000-2010 plan 'a failure' at the "
      "meeting in the capital. Officials from the ministry's office confirmed the S-300 purchase on Monday, "
      "and the opposition's leader said the government \"lost its way\" on security.";
  const std::string typographic =
      "The minister said “we won’t negotiate with them” and called the 2000‐2010 plan ‘a failure’ at the "
      "meeting in the capital. Officials from the ministry’s office confirmed the S‑300 purchase on Monday, "
      "and the opposition`s leader said the government „lost its way‟ on security.";
  const std::string clean = text::clean_characters(typographic).text;
  ASSERT_EQ(clean, typographic);  // cleaning keeps the marks
  const Fingerprint a = fp(ascii);
  const Fingerprint b = fp(clean);
  EXPECT_EQ(a.content_hash, b.content_hash);
  EXPECT_EQ(a.shingle_set, b.shingle_set);
  CopyIndex index({});
  EXPECT_TRUE(index.add({"ascii", 1000, a}).empty());
  const auto exact = index.add({"typographic", 2000, b});
  ASSERT_EQ(exact.size(), 1u);
  EXPECT_EQ(exact[0].kind, CopyKind::kExact);
  std::string edited = clean;
  edited.replace(edited.find("Monday"), 6, "Sunday");
  const auto near = index.add({"edited", 3000, fp(edited)});
  ASSERT_FALSE(near.empty());
  EXPECT_EQ(near[0].kind, CopyKind::kNear);

  // Hebrew: gershayim, geresh and maqaf as written or in ASCII.
  const Fingerprint he_ascii =
      fp("דובר צה\"ל אמר כי פרופ' כהן ביקר בת\"א ב-2019 עם ג'ון ויו\"ר הכנסת ודנו בתקציב הביטחון", "he");
  const Fingerprint he_written =
      fp("דובר צה״ל אמר כי פרופ׳ כהן ביקר בת״א ב־2019 עם ג׳ון ויו”ר הכנסת ודנו בתקציב הביטחון", "he");
  EXPECT_EQ(he_ascii.content_hash, he_written.content_hash);
  EXPECT_EQ(he_ascii.shingle_set, he_written.shingle_set);
}

TEST_F(DedupTest, ArticlesWithoutSignaturesGetThemFromTheIndex) {
  // The pipeline leaves the MinHash signature to the index, which skips it
  // for exact copies: every relation must be the one a full fingerprint gets.
  FingerprintOptions lazy;
  lazy.signatures = false;
  const Fingerprint bare = fingerprint(analyzer->analyze(kStory, "en"), lazy);
  EXPECT_FALSE(bare.shingles.empty());
  EXPECT_TRUE(bare.shingle_set.empty());
  EXPECT_TRUE(bare.minhash.empty());
  std::string edited = kStory;
  edited.replace(edited.find("forty"), 5, "fifty");
  const std::vector<std::string> texts = {kStory, "Weather: rain in the north, sun in the south, strong winds at sea.",
                                          "  " + kStory, edited};
  CopyIndex full({});
  CopyIndex given_bare({});
  std::vector<CopyKind> kinds;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const std::string id = numbered("a", static_cast<int>(i));
    const auto tokens = analyzer->analyze(texts[i], "en");
    const auto want = full.add({id, static_cast<std::int64_t>(i), fingerprint(tokens, {})});
    const auto got = given_bare.add({id, static_cast<std::int64_t>(i), fingerprint(tokens, lazy)});
    ASSERT_EQ(got.size(), want.size()) << texts[i];
    for (std::size_t k = 0; k < got.size(); ++k) {
      EXPECT_EQ(got[k].a, want[k].a);
      EXPECT_EQ(got[k].kind, want[k].kind);
      EXPECT_DOUBLE_EQ(got[k].jaccard, want[k].jaccard);
      kinds.push_back(got[k].kind);
    }
  }
  // The exact copy (text 2) and the near copy (text 3) were found.
  EXPECT_EQ(kinds, (std::vector<CopyKind>{CopyKind::kExact, CopyKind::kNear}));
}

TEST_F(DedupTest, PassagesPointAtTheSharedText) {
  const std::string host = "Unrelated opening sentence about weather and traffic in the south. " + kStory;
  const Fingerprint a = fp(kStory);
  const Fingerprint b = fp(host);
  const auto passages = shared_passages(a.shingles, b.shingles, 3, 8);
  ASSERT_FALSE(passages.empty());
  const Passage& p = passages.front();
  // Stop words are not content words: the passage runs from "city" to "March".
  EXPECT_EQ(kStory.substr(p.a_begin, 12), "city council");
  EXPECT_EQ(host.substr(p.b_begin, 12), "city council");
  EXPECT_EQ(host.substr(p.b_end - 5, 5), "March");
  // Told the hashes the two share, it indexes only those and finds the same.
  std::vector<std::uint64_t> shared;
  std::set_intersection(a.shingle_set.begin(), a.shingle_set.end(), b.shingle_set.begin(), b.shingle_set.end(),
                        std::back_inserter(shared));
  const auto told = shared_passages(a.shingles, b.shingles, 3, 8, &shared);
  ASSERT_EQ(told.size(), passages.size());
  for (std::size_t i = 0; i < told.size(); ++i) {
    EXPECT_EQ(told[i].a_begin, passages[i].a_begin);
    EXPECT_EQ(told[i].b_end, passages[i].b_end);
    EXPECT_EQ(told[i].words, passages[i].words);
  }
}

TEST_F(DedupTest, ForcedLshCollisionsFindTheSameCopies) {
  // Debug switch: every band of every article in one bucket, so every
  // article is a candidate and the exact verification decides alone.
  CopyIndexOptions forced;
  forced.force_lsh_collisions = true;
  for (const CopyIndexOptions& options : {CopyIndexOptions{}, forced}) {
    CopyIndex index(options);
    std::size_t relations = 0;
    relations += index.add({"a", 1, fp(kStory)}).size();
    relations +=
        index.add({"b", 2, fp("Weather: rain in the north, sun in the south, strong winds at sea tonight.")}).size();
    std::string edited = kStory;
    edited.replace(edited.find("Tuesday"), 7, "Wednesday");
    const auto found = index.add({"c", 3, fp(edited)});
    relations += found.size();
    EXPECT_EQ(relations, 1u) << (options.force_lsh_collisions ? "forced" : "normal");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].a, "a");
  }
}

TEST_F(DedupTest, AMillionCopiesOfOneArticleStayLinear) {
  // Identical copies relate to the first copy only and are not indexed:
  // the index holds one entry and each add does constant work.
  CopyIndex index({});
  const Fingerprint f = fp(kStory);
  std::size_t relations = 0;
  for (int i = 0; i < 1000000; ++i) {
    Fingerprint copy;
    copy.content_hash = f.content_hash;
    copy.content_words = f.content_words;
    if (i == 0) copy = f;
    relations += index.add({numbered("id", i), 1000, std::move(copy)}).size();  // one moment: no eviction
  }
  EXPECT_EQ(relations, 999999u);
  EXPECT_EQ(index.size(), 1u);
}

TEST_F(DedupTest, WindowEvictsByTimeAndMemoryFollows) {
  CopyIndexOptions options;
  options.window_seconds = 100;
  CopyIndex index(options);
  for (int i = 0; i < 5000; ++i) {
    const std::string text = "Report number " + std::to_string(i) + " about item " + std::to_string(i * 7919) +
                             " in district " + std::to_string(i % 97) + " with code " + std::to_string(i * 31);
    (void)index.add({numbered("r", i), i * 10, fp(text)});
  }
  // Only articles of the last 100 seconds (10 s apart) remain.
  EXPECT_LE(index.size(), 11u);
  // Buckets of evicted articles are swept: far fewer than 5,000 articles' worth.
  EXPECT_LT(index.bucket_count(), 5000u);
  // A copy of an evicted article is not found; a copy of a recent one is.
  EXPECT_TRUE(index.add({"late0", 50000, fp("Report number 0 about item 0 in district 0 with code 0")}).empty());
}

TEST_F(DedupTest, RestoreRebuildsTheWindowWithoutRelations) {
  CopyIndex index({});
  index.restore({"old", 10, fp(kStory)});
  EXPECT_EQ(index.size(), 1u);
  const auto found = index.add({"new", 20, fp(kStory)});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].a, "old");
}

TEST_F(DedupTest, ARestartedWindowHoldsWhatTheLiveOneHeld) {
  // The first copy of a text leaves the window while a later exact copy is
  // still in it. The live index never held that copy (the first stood for
  // it); the window a restart rebuilds from the store, which keeps no
  // shingles for an exact copy, must not hold it either, or a third copy
  // would be related after a restart and not without one.
  CopyIndexOptions options;
  options.window_seconds = 100;
  const std::string other = "Heavy rain flooded the coastal road overnight and the morning ferry was cancelled.";
  CopyIndex live(options);
  EXPECT_TRUE(live.add({"first", 0, fp(kStory)}).empty());
  EXPECT_EQ(live.add({"second", 50, fp(kStory)}).size(), 1u);
  EXPECT_TRUE(live.add({"other", 120, fp(other)}).empty());  // "first" leaves the window
  Fingerprint stored_copy = fp(kStory);                      // "second" as the store gives it back
  stored_copy.shingles.clear();
  stored_copy.shingle_set.clear();
  stored_copy.minhash.clear();
  CopyIndex restarted(options);
  restarted.restore({"second", 50, stored_copy});
  restarted.restore({"other", 120, fp(other)});
  EXPECT_EQ(restarted.size(), live.size());
  EXPECT_TRUE(live.add({"third", 130, fp(kStory)}).empty());
  EXPECT_TRUE(restarted.add({"third", 130, fp(kStory)}).empty());
  // A text too short for a shingle is held all the same, and its exact
  // copies are found after a restart too.
  restarted.restore({"short", 131, fp("Fire")});
  const auto found = restarted.add({"short-again", 132, fp("Fire")});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].a, "short");
}

TEST_F(DedupTest, EmptyArticlesAreNobodysCopy) {
  CopyIndex index({});
  EXPECT_TRUE(index.add({"e1", 1, fp("")}).empty());
  EXPECT_TRUE(index.add({"e2", 2, fp("")}).empty());
  EXPECT_TRUE(index.add({"p1", 3, fp("!!! ... ???")}).empty());
  EXPECT_TRUE(index.add({"p2", 4, fp("!!! ... ???")}).empty());
  EXPECT_EQ(index.size(), 0u);
}

TEST(CopiesCli, SeedsHaveExactlyOneRelationAndItIsPartial) {
  SKIP_WITHOUT_SHARED(shared);
  testing::TempDir dir;
  ASSERT_EQ(testing::run_sipur("ingest -q --db " + dir.file("t.db") + " " + shared + "/seeds", dir).status, 0);
  const auto out = testing::run_sipur("export --db " + dir.file("t.db") + " copies", dir);
  ASSERT_EQ(out.status, 0) << out.err;
  std::istringstream lines(out.out);
  std::string line;
  std::vector<std::string> got;
  while (std::getline(lines, line)) got.push_back(line);
  ASSERT_EQ(got.size(), 1u) << out.out;
  EXPECT_NE(got[0].find("\"a\":\"001_3ae03d09336d0e0f\""), std::string::npos) << got[0];
  EXPECT_NE(got[0].find("\"b\":\"002_74b9b5746a9a3ff8\""), std::string::npos) << got[0];
  EXPECT_NE(got[0].find("\"kind\":\"partial\""), std::string::npos) << got[0];
  const auto dups = testing::run_sipur("dups --db " + dir.file("t.db"), dir);
  EXPECT_NE(dups.out.find("passage of"), std::string::npos) << dups.out;
}

TEST(CopiesCli, RestartResumesTheWindowFromTheStore) {
  testing::TempDir dir;
  const std::string story =
      "{\"id\":\"%s\",\"published\":\"2026-07-0%dT10:00:00Z\",\"title\":\"Council approves transport budget\","
      "\"text\":\"The city council approved the new budget for public transport on Tuesday evening after a long "
      "debate. The plan adds forty electric buses to the northern routes.\"}\n";
  char first[512];
  char second[512];
  (void)std::snprintf(first, sizeof first, story.c_str(), "first", 1);  // short: fits
  (void)std::snprintf(second, sizeof second, story.c_str(), "second", 2);
  testing::write_file(dir.file("a.jsonl"), first);
  testing::write_file(dir.file("b.jsonl"), second);
  ASSERT_EQ(testing::run_sipur("ingest -q --db " + dir.file("t.db") + " " + dir.file("a.jsonl"), dir).status, 0);
  // A separate run: the first article is only in the store, not in memory.
  ASSERT_EQ(testing::run_sipur("ingest -q --db " + dir.file("t.db") + " " + dir.file("b.jsonl"), dir).status, 0);
  const auto out = testing::run_sipur("export --db " + dir.file("t.db") + " copies", dir);
  EXPECT_EQ(out.out, "{\"a\":\"first\",\"b\":\"second\",\"kind\":\"exact\",\"score\":1.0}\n");
}

}  // namespace
}  // namespace sipur::dedup

namespace sipur::dedup {
namespace {

constexpr const char* kBudgetText =
    "The city council approved the new budget for public transport on Tuesday evening after a long debate. "
    "The plan adds forty electric buses to the northern routes and extends the night service.";

std::string budget_record(const std::string& id, const std::string& time, const std::string& body) {
  return "{\"id\":\"" + id + "\",\"published\":\"" + time +
         "\",\"title\":\"Council approves transport budget\",\"text\":\"" + body + "\"}\n";
}

// Ingests `before` and `after` in one run (one.db) and in two (two.db, a
// restart between), and expects the same exports of `what`; one.db's copies.
std::string expect_two_runs_as_one(const testing::TempDir& dir, const std::string& ingest, const std::string& before,
                                   const std::string& after, std::initializer_list<const char*> what) {
  testing::write_file(dir.file("all.jsonl"), before + after);
  testing::write_file(dir.file("before.jsonl"), before);
  testing::write_file(dir.file("after.jsonl"), after);
  EXPECT_EQ(testing::run_sipur(ingest + dir.file("one.db") + " " + dir.file("all.jsonl"), dir).status, 0);
  EXPECT_EQ(testing::run_sipur(ingest + dir.file("two.db") + " " + dir.file("before.jsonl"), dir).status, 0);
  EXPECT_EQ(testing::run_sipur(ingest + dir.file("two.db") + " " + dir.file("after.jsonl"), dir).status, 0);
  for (const char* export_what : what) {
    const auto one = testing::run_sipur("export --db " + dir.file("one.db") + " " + export_what, dir);
    const auto two = testing::run_sipur("export --db " + dir.file("two.db") + " " + export_what, dir);
    EXPECT_EQ(one.status, 0) << one.err;
    EXPECT_EQ(one.out, two.out) << export_what;
  }
  return testing::run_sipur("export --db " + dir.file("one.db") + " copies", dir).out;
}

TEST(CopiesCli, ARunSplitInTwoFindsTheCopiesOneRunFinds) {
  // One day's window: the first copy leaves it before the third arrives,
  // while the second is still in it. Ingested in one run or in two (a
  // restart between), the copies and events are the same.
  testing::TempDir dir;
  const std::string before = budget_record("first", "2026-07-01T10:00:00Z", kBudgetText) +
                             budget_record("second", "2026-07-01T20:00:00Z", kBudgetText) +
                             budget_record("other", "2026-07-02T12:00:00Z", "Heavy rain flooded the coastal road.");
  const std::string after = budget_record("third", "2026-07-02T16:00:00Z", kBudgetText);
  const std::string copies =
      expect_two_runs_as_one(dir, "ingest -q --window-days 1 --db ", before, after, {"copies", "assignments"});
  EXPECT_EQ(copies, "{\"a\":\"first\",\"b\":\"second\",\"kind\":\"exact\",\"score\":1.0}\n");
}

TEST(CopiesCli, ARestartKeepsAnOlderArticleThatCameAfterANewerOne) {
  // The window evicts from its oldest arrival: an article dated a year
  // before the newest, given after it, stays in the window (and finds its
  // copies) until the newer one leaves. A restart rebuilds that window, not
  // only the articles within a window of the newest time.
  testing::TempDir dir;
  const std::string before = budget_record("newer", "2026-07-01T10:00:00Z", "Heavy rain flooded the coastal road.") +
                             budget_record("older", "2025-07-01T10:00:00Z", kBudgetText);
  const std::string after = budget_record("copy", "2025-07-01T12:00:00Z", std::string(kBudgetText) + " Updated.");
  const std::string copies = expect_two_runs_as_one(dir, "ingest -q --db ", before, after, {"copies"});
  EXPECT_NE(copies.find("\"a\":\"older\",\"b\":\"copy\""), std::string::npos) << copies;
}

TEST(CopiesCli, AnExactCopyIsStoredWithoutShinglesAndARestartStillFindsCopies) {
  testing::TempDir dir;
  const std::string text =
      "The city council approved the new budget for public transport on Tuesday evening after a long debate. "
      "The plan adds forty electric buses to the northern routes and extends the night service.";
  std::string edited = text;
  edited.replace(edited.find("forty"), 5, "fifty");
  auto record = [](const std::string& id, int day, const std::string& body) {
    return "{\"id\":\"" + id + "\",\"published\":\"2026-07-0" + std::to_string(day) +
           "T10:00:00Z\",\"title\":\"Council approves transport budget\",\"text\":\"" + body + "\"}\n";
  };
  testing::write_file(dir.file("a.jsonl"), record("first", 1, text) + record("second", 2, text));
  testing::write_file(dir.file("b.jsonl"), record("third", 3, edited) + record("fourth", 4, text));
  const std::string db = dir.file("t.db");
  ASSERT_EQ(testing::run_sipur("ingest -q --db " + db + " " + dir.file("a.jsonl"), dir).status, 0);
  {
    auto opened = store::Store::open(db);
    ASSERT_TRUE(opened.ok()) << opened.error().describe();
    std::map<std::string, std::size_t> shingle_bytes;
    ASSERT_TRUE(opened.value()->for_each_recent_fingerprint(
        10, [&](const store::FingerprintRow& row) { shingle_bytes[row.id] = row.shingles.size(); }));
    EXPECT_GT(shingle_bytes["first"], 0u);
    EXPECT_EQ(shingle_bytes["second"], 0u);  // exact copy: its source stands for it
  }
  // A separate run rebuilds the window from the store: the near copy and the
  // exact copy still find the first article.
  ASSERT_EQ(testing::run_sipur("ingest -q --db " + db + " " + dir.file("b.jsonl"), dir).status, 0);
  const auto out = testing::run_sipur("export --db " + db + " copies", dir);
  EXPECT_NE(out.out.find("{\"a\":\"first\",\"b\":\"second\",\"kind\":\"exact\""), std::string::npos) << out.out;
  EXPECT_NE(out.out.find("{\"a\":\"first\",\"b\":\"third\",\"kind\":\"near\""), std::string::npos) << out.out;
  EXPECT_NE(out.out.find("{\"a\":\"first\",\"b\":\"fourth\",\"kind\":\"exact\""), std::string::npos) << out.out;
}

}  // namespace
}  // namespace sipur::dedup
