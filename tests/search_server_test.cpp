// GET /v1/search on a real `sipur serve` (docs/API.md): grouped answers
// whose offsets point into the article's text, the errors a bad query gets,
// and a newly posted article found within the refresh interval (at once
// without one), also after a kill.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <set>
#include <thread>
#include <vector>

#include "search/search_index.h"
#include "server_process.h"
#include "store/store.h"
#include "test_util.h"

namespace sipur {
namespace {

using nlohmann::json;
using testing::run_sipur;
using testing::ServerProcess;
using testing::TempDir;
using testing::write_file;

const char* const kArticles =
    R"({"id":"h1","source":"ynet","lang":"he","published":"2024-03-01T08:00:00Z","title":"נתניהו נפגש עם פוטין בקרמלין","text":"ראש הממשלה נתניהו נפגש היום עם נשיא רוסיה ולדימיר פוטין. בפגישתם דנו השניים בסוריה."}
{"id":"e1","source":"jpost","lang":"en","published":"2024-03-01T10:00:00Z","title":"Netanyahu meets Putin in Moscow","text":"Prime Minister Benjamin Netanyahu met Russian President Vladimir Putin at the Kremlin on Friday."}
{"id":"h4","source":"haaretz","lang":"he","published":"2024-03-06T10:00:00Z","title":"מחאה על מחירי הדירות","text":"אלפים הפגינו אמש בתל אביב נגד מחירי הדירות."}
)";

std::string path_for(const std::string& q, const std::string& extra = "") {
  return "/v1/search?q=" + httplib::detail::encode_query_param(q) + extra;
}

TEST(SearchServer, AnswersGroupedWithOffsetsIntoTheText) {
  TempDir dir;
  write_file(dir.file("in.jsonl"), kArticles);
  ASSERT_EQ(run_sipur("ingest -q --db " + dir.file("t.db") + " " + dir.file("in.jsonl"), dir).status, 0);
  ServerProcess server(dir, {});
  ASSERT_TRUE(server.ready()) << server.errors();
  httplib::Client c = server.client();
  const auto r = c.Get(path_for("לפוטין", "&per_story=5"));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const json j = json::parse(r->body);
  std::set<std::string> ids;
  for (const json& story : j["stories"]) {
    for (const json& a : story["articles"]) {
      ids.insert(a["id"].get<std::string>());
      EXPECT_EQ(a["story"], story["story"]);
      // The snippet is the article's text from snippet_start.
      const auto page = c.Get("/v1/articles/" + a["id"].get<std::string>());
      ASSERT_TRUE(page);
      const std::string text = json::parse(page->body)["text"];
      const std::string snippet = a["snippet"];
      EXPECT_EQ(text.substr(a["snippet_start"].get<std::size_t>(), snippet.size()), snippet);
      for (const json& span : a["highlights"]["snippet"]) {
        const std::string word =
            snippet.substr(span[0].get<std::size_t>(), span[1].get<std::size_t>() - span[0].get<std::size_t>());
        EXPECT_TRUE(word == "פוטין" || word == "Putin") << word;
      }
    }
  }
  EXPECT_EQ(ids, (std::set<std::string>{"h1", "e1"}));
  EXPECT_EQ(j["matches"], 2);
  EXPECT_EQ(j["unindexed"], 0);
}

TEST(SearchServer, BadQueriesAreClientErrors) {
  TempDir dir;
  write_file(dir.file("in.jsonl"), kArticles);
  ASSERT_EQ(run_sipur("ingest -q --db " + dir.file("t.db") + " " + dir.file("in.jsonl"), dir).status, 0);
  ServerProcess server(dir, {});
  ASSERT_TRUE(server.ready()) << server.errors();
  httplib::Client c = server.client();
  struct Case {
    std::string path;
    int status;
    const char* kind;
    const char* says;
  };
  const Case cases[] = {
      {"/v1/search", 400, "invalid-input", "q"},
      {path_for(""), 400, "invalid-input", "empty"},
      {path_for("\"פוטין"), 400, "invalid-input", "unbalanced quote"},
      {path_for("-פוטין"), 400, "invalid-input", "only excludes"},
      {path_for("OR"), 400, "invalid-input", "OR needs"},
      {path_for(std::string(1500, 'x')), 413, "too-large", "at most"},
      {path_for("פוטין", "&sort=best"), 400, "invalid-input", "sort"},
      {path_for("פוטין", "&per_story=0"), 400, "invalid-input", "per_story"},
      {path_for("פוטין", "&limit=0"), 400, "invalid-input", "limit"},
  };
  for (const Case& k : cases) {
    const auto r = c.Get(k.path);
    ASSERT_TRUE(r) << k.path;
    EXPECT_EQ(r->status, k.status) << k.path << ": " << r->body;
    const json e = json::parse(r->body, nullptr, false);
    ASSERT_TRUE(e.contains("error")) << r->body;
    EXPECT_EQ(e["error"]["kind"], k.kind) << r->body;
    EXPECT_NE(e["error"]["message"].get<std::string>().find(k.says), std::string::npos) << r->body;
  }
  // Acronyms are words: a 200 with nothing found, not an error.
  const auto acronym = c.Get(path_for("צה\"ל"));
  ASSERT_TRUE(acronym);
  EXPECT_EQ(acronym->status, 200) << acronym->body;
}

const char* const kPosted =
    R"({"id":"p1","source":"wire","lang":"he","title":"שביתה בנמל חיפה","text":"עובדי הנמל שובתים."})";

// Posts one article; the answer's status (0 when none came).
int post(httplib::Client& c, const std::string& body) {
  const auto r = c.Post("/v1/articles", body, "application/json");
  return r ? r->status : 0;
}

// The ids of the articles a search answers with.
std::vector<std::string> found(httplib::Client& c, const std::string& q) {
  std::vector<std::string> ids;
  const auto r = c.Get(path_for(q));
  EXPECT_TRUE(r);
  if (!r) return ids;
  EXPECT_EQ(r->status, 200) << r->body;
  const json answer = json::parse(r->body);
  for (const json& story : answer["stories"]) {
    for (const json& a : story["articles"]) ids.push_back(a["id"]);
  }
  return ids;
}

TEST(SearchServer, WithoutARefreshIntervalAPostedArticleIsFoundOnceAnswered) {
  TempDir dir;
  ServerProcess server(dir, {"--search-refresh-ms", "0"}, "new.db");
  ASSERT_TRUE(server.ready()) << server.errors();
  httplib::Client c = server.client();
  ASSERT_EQ(post(c, kPosted), 200);
  EXPECT_EQ(found(c, "נמל"), std::vector<std::string>{"p1"});
}

TEST(SearchServer, APostedArticleIsFoundWithinTheRefreshInterval) {
  TempDir dir;
  ServerProcess server(dir, {"--search-refresh-ms", "200"}, "new.db");
  ASSERT_TRUE(server.ready()) << server.errors();
  httplib::Client c = server.client();
  ASSERT_EQ(post(c, kPosted), 200);
  std::vector<std::string> ids;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (ids.empty() && std::chrono::steady_clock::now() < deadline) {
    ids = found(c, "נמל");
    if (ids.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(ids, std::vector<std::string>{"p1"});
}

// Rows the server holds for the next refresh are index work, not data: a
// kill loses them and the next start indexes their articles again; a
// graceful stop writes them.
TEST(SearchServer, HeldSearchRowsSurviveAKillAndAreWrittenAtAStop) {
  TempDir dir;
  const std::string db = dir.file("new.db");
  const std::vector<std::string> never = {"--search-refresh-ms", "3600000"};
  {
    ServerProcess server(dir, never, "new.db");
    ASSERT_TRUE(server.ready()) << server.errors();
    httplib::Client c = server.client();
    ASSERT_EQ(post(c, kPosted), 200);
    EXPECT_TRUE(found(c, "נמל").empty());  // held: not written yet
    const auto r = c.Get(path_for("נמל"));
    ASSERT_TRUE(r);
    EXPECT_EQ(json::parse(r->body)["unindexed"], 1) << r->body;
  }  // kill -9
  {
    ServerProcess server(dir, never, "new.db");
    ASSERT_TRUE(server.ready()) << server.errors();
    httplib::Client c = server.client();
    EXPECT_EQ(found(c, "נמל"), std::vector<std::string>{"p1"});  // indexed again at the start
    const std::string second = R"({"id":"p2","source":"wire","lang":"he","title":"הנמל נפתח מחדש","text":""})";
    ASSERT_EQ(post(c, second), 200);
    EXPECT_EQ(found(c, "נמל"), std::vector<std::string>{"p1"});
    EXPECT_EQ(server.stop(), 0);
  }
  auto opened = store::Store::open(db);
  ASSERT_TRUE(static_cast<bool>(opened));
  auto index = search::SearchIndex::open(*opened.value());
  ASSERT_TRUE(static_cast<bool>(index));
  Result<std::int64_t> pending = index.value()->pending();
  ASSERT_TRUE(static_cast<bool>(pending));
  EXPECT_EQ(pending.value(), 0);  // the stop wrote the held row
}

}  // namespace
}  // namespace sipur
