// GET /v1/search on a real `sipur serve` (docs/API.md): grouped answers
// whose offsets point into the article's text, the errors a bad query gets,
// and a newly posted article found once its POST is answered.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <set>
#include <thread>
#include <vector>

#include "search/search_index.h"
#include "store/store.h"
#include "test_util.h"

extern char** environ;

namespace sipur {
namespace {

using nlohmann::json;
using testing::run_sipur;
using testing::TempDir;
using testing::write_file;

// `sipur serve --port 0` on a store; stopped (killed) with the test.
class Served {
 public:
  explicit Served(const std::string& db, const std::vector<std::string>& options = {}) {
    std::vector<std::string> args = {SIPUR_BINARY, "serve", "--db", db, "--port", "0"};
    args.insert(args.end(), options.begin(), options.end());
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    int out[2];
    if (pipe(out) != 0) return;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    const int spawned = posix_spawn(&pid_, SIPUR_BINARY, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    if (spawned != 0) {
      pid_ = -1;
      close(out[0]);
      return;
    }
    // "sipur serve: listening on http://127.0.0.1:PORT/ ..."
    std::string line;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (std::chrono::steady_clock::now() < deadline && line.find('\n') == std::string::npos) {
      pollfd p{out[0], POLLIN, 0};
      if (poll(&p, 1, 200) <= 0) continue;
      char buffer[256];
      const ssize_t n = read(out[0], buffer, sizeof buffer);
      if (n <= 0) break;
      line.append(buffer, static_cast<std::size_t>(n));
    }
    close(out[0]);
    const std::size_t at = line.find("127.0.0.1:");
    if (at != std::string::npos) port_ = std::atoi(line.c_str() + at + 10);
  }
  ~Served() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  // SIGTERM, as an operator stops it; true if it then exits 0.
  bool stop() {
    if (pid_ <= 0) return false;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
  }
  Served(const Served&) = delete;
  Served& operator=(const Served&) = delete;
  [[nodiscard]] int port() const { return port_; }
  [[nodiscard]] httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(120, 0);
    return c;
  }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

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
  Served server(dir.file("t.db"));
  ASSERT_GT(server.port(), 0);
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
  Served server(dir.file("t.db"));
  ASSERT_GT(server.port(), 0);
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
  Served server(dir.file("new.db"), {"--search-refresh-ms", "0"});
  ASSERT_GT(server.port(), 0);
  httplib::Client c = server.client();
  ASSERT_EQ(post(c, kPosted), 200);
  EXPECT_EQ(found(c, "נמל"), std::vector<std::string>{"p1"});
}

TEST(SearchServer, APostedArticleIsFoundWithinTheRefreshInterval) {
  TempDir dir;
  Served server(dir.file("new.db"), {"--search-refresh-ms", "200"});
  ASSERT_GT(server.port(), 0);
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
    Served server(db, never);
    ASSERT_GT(server.port(), 0);
    httplib::Client c = server.client();
    ASSERT_EQ(post(c, kPosted), 200);
    EXPECT_TRUE(found(c, "נמל").empty());  // held: not written yet
    const auto r = c.Get(path_for("נמל"));
    ASSERT_TRUE(r);
    EXPECT_EQ(json::parse(r->body)["unindexed"], 1) << r->body;
  }  // kill -9
  {
    Served server(db, never);
    ASSERT_GT(server.port(), 0);
    httplib::Client c = server.client();
    EXPECT_EQ(found(c, "נמל"), std::vector<std::string>{"p1"});  // indexed again at the start
    const std::string second = R"({"id":"p2","source":"wire","lang":"he","title":"הנמל נפתח מחדש","text":""})";
    ASSERT_EQ(post(c, second), 200);
    EXPECT_EQ(found(c, "נמל"), std::vector<std::string>{"p1"});
    EXPECT_TRUE(server.stop());
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
