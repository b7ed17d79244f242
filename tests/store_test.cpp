// The SQLite store: insert-only by id, transactions, and refusal of files
// that are not sipur stores.
#include <gtest/gtest.h>

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/store.h"
#include "test_util.h"

namespace sipur::store {
namespace {

using sipur::testing::TempDir;
using sipur::testing::write_file;

Article make_article(const std::string& id, const std::string& title) {
  Article a;
  a.id = id;
  a.title = title;
  a.body = "clean " + title;
  a.raw_body = "raw " + title;
  a.raw = "{\"title\":\"" + title + "\"}";
  a.lang = "en";
  a.removed.push_back({"promo", "Read more: x"});
  a.body_map.add(0, 4);
  a.body_map.finish(a.body.size(), a.raw_body.size());
  return a;
}

TEST(Store, InsertIsIdempotentByIdAndRoundTrips) {
  TempDir dir;
  auto opened = Store::open(dir.file("s.db"));
  ASSERT_TRUE(opened.ok()) << opened.error().describe();
  Store& store = *opened.value();
  ASSERT_TRUE(store.begin().ok());
  EXPECT_TRUE(store.insert(make_article("a", "first")).value());
  EXPECT_FALSE(store.insert(make_article("a", "changed")).value());
  ASSERT_TRUE(store.commit().ok());
  EXPECT_EQ(store.count_articles().value(), 1);
  auto got = store.get("a");
  ASSERT_TRUE(got.ok());
  ASSERT_TRUE(got.value().has_value());
  const Article& a = *got.value();
  EXPECT_EQ(a.title, "first");  // the second insert altered nothing
  EXPECT_EQ(a.raw, "{\"title\":\"first\"}");
  ASSERT_EQ(a.removed.size(), 1u);
  EXPECT_EQ(a.removed[0].kind, "promo");
  EXPECT_EQ(a.body_map.to_raw(0), 4u);
  EXPECT_FALSE(store.get("missing").value().has_value());
}

TEST(Store, UnchangedRawBodyIsStoredOnceAndReadBackWhole) {
  TempDir dir;
  auto store = std::move(Store::open(dir.file("s.db"))).value();
  Article same = make_article("same", "port strike");
  same.raw_body = same.body;
  Article changed = make_article("changed", "port strike");
  ASSERT_TRUE(store->begin().ok());
  ASSERT_TRUE(store->insert(same).ok());
  ASSERT_TRUE(store->insert(changed).ok());
  ASSERT_TRUE(store->commit().ok());
  EXPECT_EQ(store->get("same").value()->raw_body, same.body);
  EXPECT_EQ(store->get("changed").value()->raw_body, changed.raw_body);
  // On disk the unchanged one takes no bytes, and a new store has 16 KiB pages.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir.file("s.db").c_str(), &db), SQLITE_OK);
  auto query_int = [db](const char* sql) {
    sqlite3_stmt* s = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &s, nullptr), SQLITE_OK);
    EXPECT_EQ(sqlite3_step(s), SQLITE_ROW);
    const int v = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    return v;
  };
  EXPECT_EQ(query_int("SELECT length(raw_body) FROM articles WHERE id = 'same'"), 0);
  EXPECT_EQ(query_int("PRAGMA page_size"), 16384);
  sqlite3_close(db);
}

TEST(Store, ClusterStateIsKeptWithTheSeqsItCoversAndIgnoredIfItClaimsMore) {
  TempDir dir;
  auto store = std::move(Store::open(dir.file("s.db"))).value();
  EXPECT_FALSE(store->cluster_state().value().has_value());  // a new store has none
  ASSERT_TRUE(store->begin().ok());
  ASSERT_TRUE(store->insert(make_article("a", "first")).ok());
  AssignmentRow row;
  row.id = "a";
  row.event = "e1";
  row.story = "s1";
  row.decision = "{}";
  row.features = "{}";
  ASSERT_TRUE(store->insert_assignment(row).ok());
  ASSERT_TRUE(store->save_cluster_state(std::string("state\0bytes", 11)).ok());
  ASSERT_TRUE(store->commit().ok());
  const auto saved = store->cluster_state().value();
  ASSERT_TRUE(saved.has_value());
  EXPECT_EQ(saved->assignment_seq, 1);
  EXPECT_EQ(saved->article_seq, 1);
  EXPECT_EQ(saved->state, std::string("state\0bytes", 11));  // binary-safe
  // A state that covers assignments the store no longer holds is not used.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir.file("s.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "DELETE FROM assignments", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  EXPECT_FALSE(store->cluster_state().value().has_value());
}

TEST(Store, RolledBackBatchLeavesCommittedDataAlone) {
  TempDir dir;
  {
    auto store = std::move(Store::open(dir.file("s.db"))).value();
    ASSERT_TRUE(store->begin().ok());
    ASSERT_TRUE(store->insert(make_article("kept", "kept")).ok());
    ASSERT_TRUE(store->commit().ok());
    ASSERT_TRUE(store->begin().ok());
    ASSERT_TRUE(store->insert(make_article("lost", "lost")).ok());
    store->rollback();
  }
  auto store = std::move(Store::open(dir.file("s.db"))).value();
  EXPECT_EQ(store->count_articles().value(), 1);
  EXPECT_TRUE(store->get("kept").value().has_value());
}

TEST(Store, UncommittedBatchVanishesWhenProcessDies) {
  TempDir dir;
  const std::string path = dir.file("s.db");
  {
    auto store = std::move(Store::open(path)).value();
    ASSERT_TRUE(store->begin().ok());
    ASSERT_TRUE(store->insert(make_article("committed", "c")).ok());
    ASSERT_TRUE(store->commit().ok());
  }
  // A child process opens a transaction, inserts, and is killed mid-batch.
  const pid_t child = fork();
  if (child == 0) {
    auto store = std::move(Store::open(path)).value();
    (void)store->begin();
    (void)store->insert(make_article("uncommitted", "u"));
    _exit(0);  // no commit, no destructor: like a crash
  }
  int status = 0;
  waitpid(child, &status, 0);
  auto store = std::move(Store::open(path)).value();
  EXPECT_EQ(store->count_articles().value(), 1);
  EXPECT_TRUE(store->get("committed").value().has_value());
}

TEST(Store, ExportOrderIsByTimeThenIdWithUnknownTimesLast) {
  TempDir dir;
  auto store = std::move(Store::open(dir.file("s.db"))).value();
  ASSERT_TRUE(store->begin().ok());
  Article late = make_article("b", "late");
  late.published_utc = 200;
  Article early = make_article("z", "early");
  early.published_utc = 100;
  Article unknown = make_article("a", "unknown");
  ASSERT_TRUE(store->insert(unknown).ok());
  ASSERT_TRUE(store->insert(late).ok());
  ASSERT_TRUE(store->insert(early).ok());
  ASSERT_TRUE(store->commit().ok());
  std::vector<std::string> ids;
  ASSERT_TRUE(store->for_each_article([&](const Article& a) { ids.push_back(a.id); }).ok());
  EXPECT_EQ(ids, (std::vector<std::string>{"z", "b", "a"}));
}

TEST(Store, RefusesFilesThatAreNotSipurStores) {
  TempDir dir;
  write_file(dir.file("text.db"), "this is not a database at all, just some text that is long enough");
  auto text = Store::open(dir.file("text.db"));
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().kind, ErrorKind::kStorage);

  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir.file("other.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE t(x)", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto other = Store::open(dir.file("other.db"));
  ASSERT_FALSE(other.ok());
  EXPECT_NE(other.error().message.find("another application"), std::string::npos);
}

TEST(Store, RefusesNewerSchemaNamingBothVersions) {
  TempDir dir;
  { auto store = std::move(Store::open(dir.file("s.db"))).value(); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir.file("s.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version=99", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto newer = Store::open(dir.file("s.db"));
  ASSERT_FALSE(newer.ok());
  EXPECT_NE(newer.error().message.find("99"), std::string::npos);
}

}  // namespace
}  // namespace sipur::store
