// End-to-end through the sipur binary: ingest of mixed good and bad input,
// the summary and exit status, re-ingest, and export.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "test_util.h"

namespace sipur {
namespace {

using testing::run_sipur;
using testing::TempDir;
using testing::write_file;

std::vector<nlohmann::json> jsonl(const std::string& text) {
  return testing::parse_jsonl(text);
}

TEST(Cli, AsksMimallocForHugePagesUnlessTheEnvironmentSaysOtherwise) {
  // mimalloc prints its options at start with MIMALLOC_VERBOSE=1. The
  // setting is made before main() (cli/main.cpp), where a mistake would
  // pass silently: this is what notices.
  TempDir dir;
  ::setenv("MIMALLOC_VERBOSE", "1", 1);
  ::unsetenv("MIMALLOC_LARGE_OS_PAGES");
  const auto preferred = run_sipur("--version", dir);
  ::setenv("MIMALLOC_LARGE_OS_PAGES", "0", 1);
  const auto refused = run_sipur("--version", dir);
  ::unsetenv("MIMALLOC_LARGE_OS_PAGES");
  ::unsetenv("MIMALLOC_VERBOSE");
  if (preferred.err.find("mimalloc:") == std::string::npos) {
    GTEST_SKIP() << "this sipur does not link mimalloc (a sanitizer build, or -DSIPUR_MIMALLOC=OFF)";
  }
  EXPECT_NE(preferred.err.find("option 'large_os_pages': 1"), std::string::npos) << preferred.err;
  EXPECT_NE(refused.err.find("option 'large_os_pages': 0"), std::string::npos) << refused.err;
}

TEST(Cli, MixedDirectoryStoresGoodAndNamesEveryBadFile) {
  TempDir dir;
  write_file(dir.file("in/good.txt"), "כותרת טובה\nגוף הכתבה הטובה.");
  write_file(dir.file("in/good.jsonl"),
             "{\"id\":\"j1\",\"title\":\"First good\",\"text\":\"Body one.\"}\n"
             "{\"id\":\"j2\",\"title\":\"broken\n"
             "{\"id\":\"j3\",\"title\":\"Second good\",\"text\":\"Body three.\"}\n");
  write_file(dir.file("in/binary.dat"), std::string("\x7f"
                                                    "ELF\0\0\0\x01\x02",
                                                    9));
  write_file(dir.file("in/latin1.txt"), "caf\xe9 au lait\nsecond line");
  write_file(dir.file("in/empty.txt"), "");
  const auto r = run_sipur("ingest --db " + dir.file("t.db") + " " + dir.file("in"), dir);
  EXPECT_EQ(r.status, 3) << r.err;  // finished, with rejects
  EXPECT_NE(r.err.find("good.jsonl:2"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("binary.dat"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("latin1.txt:1"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("invalid-utf8"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("empty.txt"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("stored 3"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("rejected 4"), std::string::npos) << r.out;

  const auto e = run_sipur("export --db " + dir.file("t.db") + " articles", dir);
  ASSERT_EQ(e.status, 0) << e.err;
  const auto lines = jsonl(e.out);
  ASSERT_EQ(lines.size(), 3u);
  std::vector<std::string> ids;
  ids.reserve(lines.size());
  for (const auto& l : lines) ids.push_back(l["id"]);
  EXPECT_EQ(ids, (std::vector<std::string>{"good", "j1", "j3"}));
}

TEST(Cli, ReingestCountsDuplicatesAndChangesNothing) {
  TempDir dir;
  write_file(dir.file("a.jsonl"), "{\"id\":\"x\",\"title\":\"Title\",\"text\":\"Body.\"}\n");
  ASSERT_EQ(run_sipur("ingest --db " + dir.file("t.db") + " " + dir.file("a.jsonl"), dir).status, 0);
  const std::string first = run_sipur("export --db " + dir.file("t.db") + " articles", dir).out;
  write_file(dir.file("a.jsonl"), "{\"id\":\"x\",\"title\":\"Other title\",\"text\":\"Other.\"}\n");
  const auto again = run_sipur("ingest --json --db " + dir.file("t.db") + " " + dir.file("a.jsonl"), dir);
  ASSERT_EQ(again.status, 0) << again.err;
  const auto summary = nlohmann::json::parse(again.out);
  EXPECT_EQ(summary["duplicates"], 1);
  EXPECT_EQ(summary["stored"], 0);
  EXPECT_EQ(run_sipur("export --db " + dir.file("t.db") + " articles", dir).out, first);
}

TEST(Cli, ExportFieldsAreStable) {
  TempDir dir;
  write_file(
      dir.file("a.jsonl"),
      "{\"id\":\"x\",\"source\":\"S\",\"url\":\"http://u\",\"published\":\"2019-04-02T10:00:00+03:00\","
      "\"title\":\"Netanyahu to meet Putin\",\"text\":\"The prime minister will fly to Moscow on Thursday.\"}\n");
  ASSERT_EQ(run_sipur("ingest --db " + dir.file("t.db") + " " + dir.file("a.jsonl"), dir).status, 0);
  const auto lines = jsonl(run_sipur("export --db " + dir.file("t.db") + " articles", dir).out);
  ASSERT_EQ(lines.size(), 1u);
  std::vector<std::string> keys;
  for (auto it = lines[0].begin(); it != lines[0].end(); ++it) keys.push_back(it.key());
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ(keys, (std::vector<std::string>{"id", "lang", "published", "source", "text", "title", "url"}));
  EXPECT_EQ(lines[0]["lang"], "en");
  EXPECT_EQ(lines[0]["published"], "2019-04-02T07:00:00Z");
}

TEST(Cli, ExportThatCannotBeWrittenIsAFailure) {
  if (!std::filesystem::exists("/dev/full")) GTEST_SKIP() << "no /dev/full on this system";
  TempDir dir;
  write_file(dir.file("a.jsonl"),
             "{\"id\":\"x\",\"title\":\"Haifa port strike\",\"text\":\"Workers went on strike.\"}\n");
  ASSERT_EQ(run_sipur("ingest -q --db " + dir.file("t.db") + " " + dir.file("a.jsonl"), dir).status, 0);
  // Line by line (export) and all at once (the views): both say so.
  const std::string db = dir.file("t.db");
  const std::string err = dir.file("full.err");
  for (const std::string& command : {"export --db " + db + " articles", "events --db " + db}) {
    std::string line = SIPUR_BINARY;
    line.append(" ").append(command).append(" >/dev/full 2>").append(err);
    const int raw = std::system(line.c_str());
    ASSERT_TRUE(WIFEXITED(raw)) << command;
    EXPECT_EQ(WEXITSTATUS(raw), 1) << command;
    EXPECT_NE(testing::read_file(err).find("writing to standard output failed"), std::string::npos) << command;
  }
}

TEST(Cli, UnusableStoreIsAFailureNotACrash) {
  TempDir dir;
  write_file(dir.file("not.db"), "plain text, not SQLite, long enough to be read as a header......");
  write_file(dir.file("a.jsonl"), "{\"title\":\"t\"}\n");
  const auto r = run_sipur("ingest --db " + dir.file("not.db") + " " + dir.file("a.jsonl"), dir);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("not a sipur store"), std::string::npos) << r.err;
  EXPECT_EQ(testing::read_file(dir.file("not.db")).substr(0, 10), "plain text");
}

TEST(Cli, UsageErrorsExitTwo) {
  TempDir dir;
  EXPECT_EQ(run_sipur("ingest", dir).status, 2);
  EXPECT_EQ(run_sipur("frobnicate", dir).status, 2);
}

}  // namespace
}  // namespace sipur
