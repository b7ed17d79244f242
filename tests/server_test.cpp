// `sipur serve` tested as users meet it: the real binary started on a free
// loopback port against a store in the test's own directory, and spoken to
// over HTTP. Every route, every error the API promises, concurrent readers
// during ingest, idempotent re-posts, tokens, slow clients, path traversal,
// graceful and abrupt stops. Also the server library's pure parts (body
// parsing, access checks, status mapping) as tables.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "server/access.h"
#include "server/http_errors.h"
#include "server/post_body.h"
#include "server_process.h"
#include "test_util.h"

extern char** environ;

namespace sipur {
namespace {

using nlohmann::json;
using testing::CommandResult;
using testing::read_file;
using testing::run_sipur;
using testing::ServerProcess;
using testing::TempDir;
using testing::write_file;
using Clock = std::chrono::steady_clock;

constexpr const char* kToken = "test-token-0123456789abcdef";

#define ASSERT_READY(server) ASSERT_TRUE((server).ready()) << (server).errors()

json body_of(const httplib::Result& r) {
  if (!r) return json();
  return json::parse(r->body, nullptr, false);
}

httplib::Result post(httplib::Client& c, const std::string& body, const std::string& type = "application/json",
                     const std::string& token = "") {
  httplib::Headers headers;
  if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
  return c.Post("/v1/articles", headers, body, type.c_str());
}

std::string article(const std::string& id, const std::string& title, const std::string& text,
                    const std::string& published, const std::string& source = "Test Wire") {
  return json{{"id", id}, {"source", source}, {"published", published}, {"title", title}, {"text", text}}.dump();
}

std::string sample_file(const std::string& name) {
  return std::string(SIPUR_SOURCE_DIR) + "/sample/feeds/" + name;
}

// id -> {event, story} from `sipur export assignments`.
std::map<std::string, std::pair<std::string, std::string>> assignments(const std::string& db, const TempDir& dir) {
  std::map<std::string, std::pair<std::string, std::string>> out;
  const CommandResult r = run_sipur("export assignments --db " + db, dir);
  EXPECT_EQ(r.status, 0) << r.err;
  for (const json& j : testing::parse_jsonl(r.out)) {
    out[j["id"]] = {j["event"].is_string() ? j["event"].get<std::string>() : "",
                    j["story"].is_string() ? j["story"].get<std::string>() : ""};
  }
  return out;
}

void expect_error(const httplib::Result& r, int status, const std::string& kind) {
  ASSERT_TRUE(r) << "no answer";
  EXPECT_EQ(r->status, status) << r->body;
  const json j = body_of(r);
  ASSERT_TRUE(j.is_object() && j.contains("error")) << r->body;
  EXPECT_EQ(j["error"]["kind"], kind) << r->body;
  EXPECT_TRUE(j["error"]["message"].is_string());
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/json");
}

// A raw TCP connection to the server, for what a well-behaved client never does.
int connect_raw(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// ---------------------------------------------------------------------------
// The server library's pure parts.

TEST(ServerParts, BodyFormatsByContentType) {
  struct Case {
    const char* content_type;
    std::optional<server::BodyFormat> expected;
  };
  const Case cases[] = {
      {"application/json", server::BodyFormat::kJson},
      {"Application/JSON; charset=UTF-8", server::BodyFormat::kJson},
      {"application/x-ndjson", server::BodyFormat::kNdjson},
      {"application/ndjson; charset=\"utf-8\"", server::BodyFormat::kNdjson},
      {"application/json; charset=iso-8859-8", std::nullopt},
      {"text/plain", std::nullopt},
      {"", std::nullopt},
      {"application/jsonx", std::nullopt},
  };
  for (const Case& c : cases) EXPECT_EQ(server::body_format(c.content_type), c.expected) << c.content_type;
}

TEST(ServerParts, MalformedJsonIsPlacedByLineAndByte) {
  // A single JSON body spans lines; the error's line counts them.
  const Result<std::vector<server::PostedRecord>> single =
      server::parse_post_body("{\n  \"title\": \"a\",\n  \"text\": oops\n}", server::BodyFormat::kJson);
  ASSERT_FALSE(single.ok());
  EXPECT_EQ(single.error().kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(single.error().where.line, 3u);
  ASSERT_TRUE(single.error().where.has_offset);
  EXPECT_EQ(single.error().where.offset, 28u);  // the 'o' of oops

  // NDJSON: the bad line is a rejected record; its byte counts from the body's start.
  const std::string body = "{\"title\":\"one\"}\n\n{\"title\": }\n{\"title\":7}\n{\"title\":\"four\"}";
  const Result<std::vector<server::PostedRecord>> many = server::parse_post_body(body, server::BodyFormat::kNdjson);
  ASSERT_TRUE(many.ok());
  ASSERT_EQ(many.value().size(), 4u);
  EXPECT_TRUE(std::holds_alternative<Article>(many.value()[0]));
  const Error& syntax = std::get<Error>(many.value()[1]);
  EXPECT_EQ(syntax.where.line, 3u);
  EXPECT_EQ(syntax.where.offset, body.find("}\n{\"title\":7"));
  const Error& type = std::get<Error>(many.value()[2]);
  EXPECT_EQ(type.where.line, 4u);
  EXPECT_NE(type.message.find("must be a string"), std::string::npos);
  EXPECT_TRUE(std::holds_alternative<Article>(many.value()[3]));

  EXPECT_EQ(server::parse_post_body(" \n", server::BodyFormat::kNdjson).error().kind, ErrorKind::kEmptyInput);
  EXPECT_EQ(server::json_syntax_error_at("{\"a\":[1,2]}"), std::nullopt);
  EXPECT_EQ(server::json_syntax_error_at("[1,,2]"), 3u);
}

TEST(ServerParts, AccessChecks) {
  EXPECT_TRUE(server::is_loopback_host("127.0.0.1"));
  EXPECT_TRUE(server::is_loopback_host("127.8.9.10"));
  EXPECT_TRUE(server::is_loopback_host("::1"));
  EXPECT_TRUE(server::is_loopback_host("localhost"));
  EXPECT_FALSE(server::is_loopback_host("0.0.0.0"));
  EXPECT_FALSE(server::is_loopback_host("10.0.0.1"));
  EXPECT_FALSE(server::is_loopback_host("::"));
  EXPECT_TRUE(server::bearer_matches(std::string("Bearer ") + kToken, kToken));
  EXPECT_TRUE(server::bearer_matches(std::string("bearer ") + kToken, kToken));
  EXPECT_FALSE(server::bearer_matches(std::string("Bearer ") + kToken + "x", kToken));
  EXPECT_FALSE(server::bearer_matches("Bearer ", kToken));
  EXPECT_FALSE(server::bearer_matches(std::string("Basic ") + kToken, kToken));
  EXPECT_FALSE(server::bearer_matches("", kToken));
}

TEST(ServerParts, EveryErrorKindHasAStatus) {
  EXPECT_EQ(server::http_status(ErrorKind::kInvalidInput), 400);
  EXPECT_EQ(server::http_status(ErrorKind::kUnauthorized), 401);
  EXPECT_EQ(server::http_status(ErrorKind::kNotFound), 404);
  EXPECT_EQ(server::http_status(ErrorKind::kNotAllowed), 405);
  EXPECT_EQ(server::http_status(ErrorKind::kTooLarge), 413);
  EXPECT_EQ(server::http_status(ErrorKind::kUnsupported), 415);
  EXPECT_EQ(server::http_status(ErrorKind::kBusy), 503);
  EXPECT_EQ(server::http_status(ErrorKind::kStorage), 500);
  const json body = json::parse(server::error_body(make_error(ErrorKind::kInvalidInput, "bad", {"", 2, 17, true})));
  EXPECT_EQ(body["error"]["kind"], "invalid-input");
  EXPECT_EQ(body["error"]["message"], "line 2, byte 17: bad");
  EXPECT_EQ(body["error"]["line"], 2);
  EXPECT_EQ(body["error"]["byte"], 17);
}

// ---------------------------------------------------------------------------
// The running server.

TEST(Server, HealthAndTheUiWithItsHeaders) {
  TempDir dir;
  ServerProcess server(dir, {});
  ASSERT_READY(server);
  httplib::Client c = server.client();
  const auto health = c.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(body_of(health), json({{"status", "ok"}}));

  const auto page = c.Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(page->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(page->get_header_value("Content-Security-Policy"),
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
            "base-uri 'none'; frame-ancestors 'none'");
  EXPECT_EQ(page->body, read_file(std::string(SIPUR_SOURCE_DIR) + "/web/index.html"));

  // Every file of web/ is served under /assets/ with its type.
  for (const auto& entry : std::filesystem::directory_iterator(std::string(SIPUR_SOURCE_DIR) + "/web")) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_regular_file() || name.front() == '.') continue;
    const auto asset = c.Get(("/assets/" + name).c_str());
    ASSERT_TRUE(asset) << name;
    EXPECT_EQ(asset->status, 200) << name;
    EXPECT_EQ(asset->body, read_file(entry.path().string())) << name << ": embedded bytes differ from web/";
    const std::string type = asset->get_header_value("Content-Type");
    if (name.ends_with(".js")) {
      EXPECT_EQ(type, "text/javascript; charset=utf-8") << name;
    } else if (name.ends_with(".css")) {
      EXPECT_EQ(type, "text/css; charset=utf-8") << name;
    } else if (name.ends_with(".html")) {
      EXPECT_EQ(type, "text/html; charset=utf-8") << name;
    }
    EXPECT_EQ(asset->get_header_value("X-Content-Type-Options"), "nosniff");
  }
}

TEST(Server, PathTraversalNeverReachesTheFilesystem) {
  TempDir dir;
  ServerProcess server(dir, {});
  ASSERT_READY(server);
  // Raw requests: a client library would normalize some of these paths away.
  const char* paths[] = {
      "/assets/../../../../etc/passwd",
      "/assets/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
      "/assets/%2E%2E%2F%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
      "/assets/..%2f..%2fCMakeLists.txt",
      "/assets/....//....//etc/passwd",
      "/assets/%252e%252e/%252e%252e/etc/passwd",
      "/assets/..\\..\\CMakeLists.txt",
      "/assets//etc/passwd",
      "/assets/%00index.html",
      "/%2e%2e/%2e%2e/etc/passwd",
      "/../CMakeLists.txt",
      "/assets/../web/index.html",
      "/assets/./index.html",
      "/web/index.html",
      "/index.html/..",
  };
  const std::string passwd_marker = "root:";
  const std::string project_marker = "cmake_minimum_required";
  for (const char* path : paths) {
    const int fd = connect_raw(server.port());
    ASSERT_GE(fd, 0);
    const std::string request = std::string("GET ") + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    ASSERT_EQ(send(fd, request.data(), request.size(), 0), static_cast<ssize_t>(request.size()));
    std::string answer;
    char buf[4096];
    ssize_t n = 0;
    while ((n = recv(fd, buf, sizeof buf, 0)) > 0) answer.append(buf, static_cast<std::size_t>(n));
    close(fd);
    ASSERT_TRUE(answer.rfind("HTTP/1.1 ", 0) == 0) << path << ": " << answer;
    const int status = std::atoi(answer.c_str() + 9);
    EXPECT_TRUE(status == 404 || status == 400) << path << " answered " << status;
    EXPECT_EQ(answer.find(passwd_marker), std::string::npos) << path;
    EXPECT_EQ(answer.find(project_marker), std::string::npos) << path;
  }
  // The server still serves.
  EXPECT_EQ(server.client().Get("/healthz")->status, 200);
}

TEST(Server, PostedArticleReadsBackThroughEveryRoute) {
  TempDir dir;
  ServerProcess server(dir, {});
  ASSERT_READY(server);
  httplib::Client c = server.client();
  const auto posted = post(c, read_file(sample_file("wire-2026-07.jsonl")), "application/x-ndjson");
  ASSERT_TRUE(posted);
  ASSERT_EQ(posted->status, 200) << posted->body;
  const json items = body_of(posted)["items"];
  ASSERT_EQ(items.size(), 10u);
  std::map<std::string, json> by_id;
  for (const json& item : items) {
    EXPECT_EQ(item["status"], "stored") << item;
    EXPECT_TRUE(item["event"].is_string()) << item;
    EXPECT_TRUE(item["story"].is_string()) << item;
    by_id[item["id"]] = item;
  }
  // The exact copy in the sample answers with its relation, both ways.
  EXPECT_EQ(by_id["smp-008"]["copies"], json::parse(R"([{"other":"smp-007","kind":"exact","score":1.0}])"));
  EXPECT_EQ(by_id["smp-007"]["copies"][0]["other"], "smp-008");

  const json first = by_id["smp-001"];
  const auto got = c.Get("/v1/articles/smp-001");
  ASSERT_TRUE(got);
  ASSERT_EQ(got->status, 200) << got->body;
  const json a = body_of(got);
  for (const char* key :
       {"id", "source", "url", "lang", "published", "title", "text", "event", "story", "removed", "copies"}) {
    EXPECT_TRUE(a.contains(key)) << key;
  }
  EXPECT_EQ(a["event"], first["event"]);
  EXPECT_EQ(a["story"], first["story"]);
  EXPECT_EQ(a["lang"], "he");
  EXPECT_FALSE(a.contains("analysis"));
  const json analysed = body_of(c.Get("/v1/articles/smp-001?analysis=1"));
  ASSERT_TRUE(analysed["analysis"].is_array());
  ASSERT_FALSE(analysed["analysis"].empty());
  for (const json& token : analysed["analysis"]) {
    const std::string field = token["field"];
    const std::string& text =
        field == "title" ? a["title"].get_ref<const std::string&>() : a["text"].get_ref<const std::string&>();
    const std::size_t start = token["start"];
    const std::size_t end = token["end"];
    ASSERT_LE(end, text.size());
    EXPECT_EQ(text.substr(start, end - start), token["surface"]) << token;
  }

  const json event = body_of(c.Get(("/v1/events/" + first["event"].get<std::string>()).c_str()));
  EXPECT_EQ(event["id"], first["event"]);
  EXPECT_EQ(event["story"], first["story"]);
  for (const char* key : {"label", "size", "first", "last", "languages", "terms", "entities", "articles"}) {
    EXPECT_TRUE(event.contains(key)) << key;
  }
  std::set<std::string> members;
  for (const json& m : event["articles"]) members.insert(m["id"]);
  EXPECT_TRUE(members.count("smp-001"));
  EXPECT_EQ(event["size"], event["articles"].size());

  const json story = body_of(c.Get(("/v1/stories/" + first["story"].get<std::string>()).c_str()));
  EXPECT_EQ(story["id"], first["story"]);
  std::int64_t in_events = 0, in_timeline = 0;
  for (const json& e : story["events"]) in_events += e["articles"].size();
  for (const json& cell : story["timeline"]) {
    for (const char* key : {"day", "source", "lang", "count"}) EXPECT_TRUE(cell.contains(key)) << key;
    in_timeline += cell["count"].get<std::int64_t>();
  }
  EXPECT_EQ(story["size"], in_events);
  EXPECT_EQ(in_timeline, in_events);  // every sample article has a time

  const json stories = body_of(c.Get("/v1/stories"));
  ASSERT_TRUE(stories["stories"].is_array());
  EXPECT_TRUE(stories["next_cursor"].is_null());
  std::int64_t total = 0;
  for (const json& s : stories["stories"]) {
    total += s["size"].get<std::int64_t>();
    std::int64_t daily = 0;
    for (const json& d : s["daily"]) daily += d["count"].get<std::int64_t>();
    EXPECT_EQ(daily, s["size"]) << s;
  }
  EXPECT_EQ(total, 10);

  // The explanation is what `sipur explain --json` says, read while the server runs.
  const auto explained = c.Get("/v1/articles/smp-002/explain");
  ASSERT_EQ(explained->status, 200) << explained->body;
  const CommandResult cli = run_sipur("explain --json --article --db " + dir.file("t.db") + " smp-002", dir);
  ASSERT_EQ(cli.status, 0) << cli.err;
  EXPECT_EQ(body_of(explained), json::parse(cli.out));

  // The copies are `sipur dups --json`'s groups.
  const json copies = body_of(c.Get("/v1/copies"));
  const CommandResult dups = run_sipur("dups --json --db " + dir.file("t.db"), dir);
  ASSERT_EQ(dups.status, 0) << dups.err;
  EXPECT_EQ(copies["groups"], json::parse(dups.out));
  EXPECT_TRUE(copies["next_cursor"].is_null());

  // What the answers said is what the store holds.
  EXPECT_EQ(server.stop(), 0) << server.errors();
  for (const auto& [id, where] : assignments(dir.file("t.db"), dir)) {
    EXPECT_EQ(where.first, by_id[id]["event"]) << id;
    EXPECT_EQ(where.second, by_id[id]["story"]) << id;
  }
}

TEST(Server, OneNdjsonPostClustersAsIngestDoes) {
  TempDir dir;
  const std::string feed = sample_file("wire-2026-07.jsonl");
  ASSERT_EQ(run_sipur("ingest --db " + dir.file("ingested.db") + " " + feed, dir).status, 0);
  ServerProcess server(dir, {});
  ASSERT_READY(server);
  httplib::Client c = server.client();
  ASSERT_EQ(post(c, read_file(feed), "application/x-ndjson")->status, 200);
  ASSERT_EQ(server.stop(), 0) << server.errors();
  EXPECT_EQ(assignments(dir.file("t.db"), dir), assignments(dir.file("ingested.db"), dir));
}

TEST(Server, RepostingAnIdIsIdempotent) {
  TempDir dir;
  ServerProcess server(dir, {});
  ASSERT_READY(server);
  httplib::Client c = server.client();
  const std::string a = article("r1", "Haifa port workers strike over layoffs", "Workers at Haifa port went on strike.",
                                "2026-07-06T08:00:00Z");
  const json first = body_of(post(c, a))["items"][0];
  EXPECT_EQ(first["status"], "stored");
  // Another article in between changes nothing for r1.
  ASSERT_EQ(post(c, article("r2", "Museum reopens", "The art museum opened a wing.", "2026-07-06T09:00:00Z"))->status,
            200);
  for (int i = 0; i < 2; ++i) {
    const json again = body_of(post(c, a))["items"][0];
    EXPECT_EQ(again["status"], "duplicate");
    EXPECT_EQ(again["id"], "r1");
    EXPECT_EQ(again["event"], first["event"]);
    EXPECT_EQ(again["story"], first["story"]);
  }
  // The same id twice in one batch: the second is the duplicate.
  const json both = body_of(post(c, a + "\n" + a + "\n", "application/x-ndjson"))["items"];
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(both[0]["status"], "duplicate");
  EXPECT_EQ(both[1]["status"], "duplicate");
  const json batch = body_of(post(
      c,
      article("r3", "x y z", "w", "2026-07-07T00:00:00Z") + "\n" + article("r3", "x y z", "w", "2026-07-07T00:00:00Z"),
      "application/x-ndjson"))["items"];
  EXPECT_EQ(batch[0]["status"], "stored");
  EXPECT_EQ(batch[1]["status"], "duplicate");
  EXPECT_EQ(batch[0]["event"], batch[1]["event"]);
  ASSERT_EQ(server.stop(), 0);
  EXPECT_EQ(assignments(dir.file("t.db"), dir).size(), 3u);
}

TEST(Server, EveryErrorHasItsStatusAndJsonBody) {
  TempDir dir;
  ServerProcess server(dir, {"--max-body-mb", "1"});
  ASSERT_READY(server);
  httplib::Client c = server.client();

  // Malformed JSON names the line and byte.
  const auto malformed = post(c, "{\"title\": \"a\",\n \"text\": }");
  expect_error(malformed, 400, "invalid-input");
  EXPECT_EQ(body_of(malformed)["error"]["line"], 2);
  EXPECT_EQ(body_of(malformed)["error"]["byte"], 24);  // the '}' where a value should be
  EXPECT_NE(body_of(malformed)["error"]["message"].get<std::string>().find("line 2, byte 24"), std::string::npos);
  // Wrong field types.
  expect_error(post(c, R"({"title": ["a"], "text": "b"})"), 400, "invalid-input");
  expect_error(post(c, R"({"id": {}, "title": "a"})"), 400, "invalid-input");
  expect_error(post(c, R"(["not", "an", "object"])"), 400, "invalid-input");
  expect_error(post(c, "{\"title\": \"bad \xff byte\"}"), 400, "invalid-utf8");
  expect_error(post(c, "   "), 400, "empty-input");
  // In NDJSON a bad line is rejected with its place; the others go on.
  const auto mixed =
      post(c, "{\"id\":\"ok1\",\"title\":\"fine\"}\n{\"id\": nope}\n{\"title\": 3}\n", "application/x-ndjson");
  ASSERT_EQ(mixed->status, 200) << mixed->body;
  const json items = body_of(mixed)["items"];
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0]["status"], "stored");
  EXPECT_EQ(items[1]["status"], "rejected");
  EXPECT_EQ(items[1]["line"], 2);
  // "nope" starts at byte 35 of the body; the parser stops at its second letter.
  EXPECT_NE(items[1]["reason"].get<std::string>().find("line 2, byte 36"), std::string::npos) << items[1];
  EXPECT_EQ(items[2]["status"], "rejected");
  EXPECT_EQ(items[2]["line"], 3);
  // Unknown ids and routes.
  expect_error(c.Get("/v1/articles/no-such-article"), 404, "not-found");
  expect_error(c.Get("/v1/articles/no-such-article/explain"), 404, "not-found");
  expect_error(c.Get("/v1/events/e999999"), 404, "not-found");
  expect_error(c.Get("/v1/stories/s999999"), 404, "not-found");
  expect_error(c.Get("/v2/stories"), 404, "not-found");
  expect_error(c.Get("/nothing/here"), 404, "not-found");
  // Wrong methods, with what is allowed.
  const auto put = c.Put("/v1/articles", "{}", "application/json");
  expect_error(put, 405, "not-allowed");
  EXPECT_EQ(put->get_header_value("Allow"), "POST");
  const auto delete_story = c.Delete("/v1/stories/s1");
  expect_error(delete_story, 405, "not-allowed");
  EXPECT_EQ(delete_story->get_header_value("Allow"), "GET, HEAD");
  expect_error(c.Post("/v1/stories", "{}", "application/json"), 405, "not-allowed");
  // Unsupported media types.
  expect_error(post(c, "{\"title\":\"a\"}", "text/plain"), 415, "unsupported");
  expect_error(post(c, "{\"title\":\"a\"}", "application/json; charset=latin1"), 415, "unsupported");
  // Bad query parameters.
  expect_error(c.Get("/v1/stories?limit=0"), 400, "invalid-input");
  expect_error(c.Get("/v1/stories?limit=ten"), 400, "invalid-input");
  expect_error(c.Get("/v1/stories?cursor=not-a-cursor"), 400, "invalid-input");
  expect_error(c.Get("/v1/stories?from=yesterday"), 400, "invalid-input");
  expect_error(c.Get("/v1/stories?min_size=-1"), 400, "invalid-input");
  // A body over --max-body-mb, declared and chunked.
  const std::string huge = "{\"title\":\"" + std::string((1 << 20) + 10, 'x') + "\"}";
  expect_error(post(c, huge), 413, "too-large");
  httplib::Client chunked_client = server.client();
  const auto chunked = chunked_client.Post(
      "/v1/articles",
      [&](std::size_t offset, httplib::DataSink& sink) {
        const std::size_t n = std::min<std::size_t>(65536, huge.size() - offset);
        sink.write(huge.data() + offset, n);
        if (offset + n == huge.size()) sink.done();
        return true;
      },
      "application/json");
  if (chunked) expect_error(chunked, 413, "too-large");  // or the server closed before the client finished sending
  // Rejections are counted by kind.
  const std::string metrics = c.Get("/metrics")->body;
  EXPECT_NE(metrics.find("sipur_articles_rejected_total{kind=\"invalid-input\"} 6"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("sipur_articles_rejected_total{kind=\"invalid-utf8\"} 1"), std::string::npos);
  // After all that, it still serves.
  EXPECT_EQ(c.Get("/healthz")->status, 200);
  EXPECT_EQ(server.stop(), 0);
}

TEST(Server, AFullQueueAnswers503WithRetryAfter) {
  TempDir dir;
  // The writer holds each group open for 3 s: the first post stays in the
  // queue's count meanwhile, and the queue holds one article.
  ServerProcess server(dir, {"--queue", "1", "--debug-hold-writer-ms", "3000"});
  ASSERT_READY(server);
  std::thread first([&] {
    httplib::Client c = server.client();
    const auto r = post(c, article("q1", "First in the queue", "Body.", "2026-07-06T08:00:00Z"));
    EXPECT_TRUE(r && r->status == 200);
  });
  httplib::Client c = server.client();
  const auto deadline = Clock::now() + std::chrono::seconds(60);
  bool queued = false;
  while (!queued && Clock::now() < deadline) {
    const auto m = c.Get("/metrics");
    queued = m && m->body.find("sipur_ingest_queue_depth 1\n") != std::string::npos;
  }
  ASSERT_TRUE(queued);
  const auto refused = post(c, article("q2", "Second", "Body.", "2026-07-06T09:00:00Z"));
  expect_error(refused, 503, "busy");
  EXPECT_EQ(refused->get_header_value("Retry-After"), "1");
  first.join();
  // Once the queue has room again, the same post goes in.
  EXPECT_EQ(post(c, article("q2", "Second", "Body.", "2026-07-06T09:00:00Z"))->status, 200);
}

TEST(Server, ReadersDoNotWaitForTheWriter) {
  TempDir dir;
  ServerProcess server(dir, {"--debug-hold-writer-ms", "4000"});
  ASSERT_READY(server);
  httplib::Client c = server.client();
  ASSERT_EQ(post(c, read_file(sample_file("wire-2026-07.jsonl")), "application/x-ndjson")->status, 200);
  // A long group commit: its write transaction stays open for 4 s.
  std::thread writer([&] {
    httplib::Client w = server.client();
    const auto r = post(w, article("long1", "A post the writer holds", "Body.", "2026-07-10T08:00:00Z"));
    EXPECT_TRUE(r && r->status == 200);
  });
  const auto deadline = Clock::now() + std::chrono::seconds(60);
  bool writing = false;
  while (!writing && Clock::now() < deadline) {
    const auto m = c.Get("/metrics");
    writing = m && m->body.find("sipur_ingest_queue_depth 1\n") != std::string::npos;
  }
  ASSERT_TRUE(writing);
  const auto hold_started = Clock::now();
  // Readers on four threads, each several reads: none waits for the commit.
  std::vector<std::thread> readers;
  std::atomic<int> answered{0};
  std::atomic<int> slow{0};
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&] {
      httplib::Client r = server.client();
      for (const char* path : {"/v1/stories", "/v1/stories/s1", "/v1/events/e1", "/v1/articles/smp-001",
                               "/v1/articles/smp-001/explain", "/v1/copies"}) {
        const auto started = Clock::now();
        const auto got = r.Get(path);
        if (got && got->status == 200) ++answered;
        if (Clock::now() - started > std::chrono::milliseconds(1500)) ++slow;
      }
    });
  }
  for (std::thread& t : readers) t.join();
  const bool before_commit = Clock::now() - hold_started < std::chrono::milliseconds(3500);
  writer.join();
  EXPECT_EQ(answered, 24);
  EXPECT_EQ(slow, 0);
  // The reads ended while the writer still held its transaction (were it
  // otherwise the test would prove nothing, and says so).
  EXPECT_TRUE(before_commit);
  EXPECT_EQ(c.Get("/v1/articles/long1")->status, 200);
}

TEST(Server, ConcurrentReadersDuringIngest) {
  TempDir dir;
  ServerProcess server(dir, {});
  ASSERT_READY(server);
  std::atomic<bool> done{false};
  std::atomic<int> bad{0};
  std::atomic<int> reads{0};
  std::thread writer([&] {
    httplib::Client w = server.client();
    for (int i = 0; i < 60; ++i) {
      const std::string day = "2026-07-" + std::to_string(10 + i % 15) + "T08:00:00Z";
      const auto r =
          post(w, article("c" + std::to_string(i),
                          "Report number " + std::to_string(i) + " on topic " + std::to_string(i % 7),
                          "Body of report " + std::to_string(i) + ".", day, "Source " + std::to_string(i % 3)));
      if (!r || r->status != 200) ++bad;
    }
    done = true;
  });
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&] {
      httplib::Client r = server.client();
      while (!done) {
        const auto stories = r.Get("/v1/stories?limit=5");
        if (!stories || stories->status != 200 || !body_of(stories).is_object()) ++bad;
        const auto article = r.Get("/v1/articles/c0");
        if (!article || (article->status != 200 && article->status != 404)) ++bad;
        ++reads;
      }
    });
  }
  writer.join();
  for (std::thread& t : readers) t.join();
  EXPECT_EQ(bad, 0);
  EXPECT_GT(reads, 0);
  std::int64_t total = 0;
  std::string cursor;
  do {
    const json page = body_of(server.client().Get(("/v1/stories?limit=1000" + cursor).c_str()));
    for (const json& s : page["stories"]) total += s["size"].get<std::int64_t>();
    cursor = page["next_cursor"].is_string() ? "&cursor=" + page["next_cursor"].get<std::string>() : "";
  } while (!cursor.empty());
  EXPECT_EQ(total, 60);
}

TEST(Server, StoryPagesFollowCursorsWithoutRepeatsUnderInserts) {
  TempDir dir;
  ServerProcess server(dir, {});
  ASSERT_READY(server);
  httplib::Client c = server.client();
  // 24 unrelated one-article stories, an hour apart, and three undated.
  const char* words[] = {"apple",  "bridge", "candle", "desert", "engine", "forest", "garden", "harbor",
                         "island", "jungle", "kettle", "ladder", "marble", "needle", "orchid", "pepper",
                         "quartz", "river",  "saddle", "tunnel", "violin", "walnut", "yogurt", "zipper"};
  std::string body;
  for (int i = 0; i < 24; ++i) {
    char when[32];
    std::snprintf(when, sizeof when, "2026-07-%02dT%02d:00:00Z", 1 + i / 24, i % 24);
    body += article("p" + std::to_string(i), std::string(words[i]) + " " + words[i] + " " + words[i],
                    std::string(words[i]) + ".", when) +
            "\n";
  }
  for (int i = 0; i < 3; ++i) {
    const std::string word = std::vector<std::string>{"comet", "meteor", "nebula"}[static_cast<std::size_t>(i)];
    body += json{{"id", "u" + std::to_string(i)}, {"title", word + " " + word + " " + word}}.dump() + "\n";
  }
  ASSERT_EQ(post(c, body, "application/x-ndjson")->status, 200);
  const json all = body_of(c.Get("/v1/stories?limit=1000"));
  const std::size_t total = all["stories"].size();
  ASSERT_GE(total, 20u);

  std::vector<std::string> seen;
  std::string cursor;
  std::optional<std::string> previous_last;
  int pages = 0;
  bool inserted = false;
  do {
    const json page = body_of(c.Get(("/v1/stories?limit=5" + cursor).c_str()));
    ASSERT_TRUE(page["stories"].is_array());
    ASSERT_LE(page["stories"].size(), 5u);
    for (const json& s : page["stories"]) {
      seen.push_back(s["id"]);
      // Most recently active first; undated last.
      if (s["last"].is_string()) {
        if (previous_last) {
          EXPECT_LE(s["last"].get<std::string>(), *previous_last);
        }
        previous_last = s["last"].get<std::string>();
      }
    }
    if (!inserted) {
      // A new story between pages goes to the top: the later pages neither
      // repeat nor skip anything.
      ASSERT_EQ(
          post(c, article("late", "Zeppelin zeppelin landing", "A zeppelin landed.", "2026-08-01T00:00:00Z"))->status,
          200);
      inserted = true;
    }
    cursor = page["next_cursor"].is_string() ? "&cursor=" + page["next_cursor"].get<std::string>() : "";
    ++pages;
  } while (!cursor.empty() && pages < 100);
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), seen.size()) << "a story came twice";
  EXPECT_EQ(seen.size(), total);
  std::vector<std::string> expected;
  for (const json& s : all["stories"]) expected.push_back(s["id"]);
  EXPECT_EQ(seen, expected);
  const json top = body_of(c.Get("/v1/stories?limit=1"));
  EXPECT_EQ(top["stories"][0]["label"], "Zeppelin zeppelin landing");

  // Filters.
  const json english =
      body_of(c.Get("/v1/stories?limit=1000&lang=en&min_size=1&from=2026-07-01T05:00:00Z&to=2026-07-01T10:00:00Z"));
  for (const json& s : english["stories"]) {
    EXPECT_GE(s["last"].get<std::string>(), "2026-07-01T05:00:00Z");
    EXPECT_LE(s["first"].get<std::string>(), "2026-07-01T10:00:00Z");
    EXPECT_NE(std::find(s["languages"].begin(), s["languages"].end(), "en"), s["languages"].end());
  }
  EXPECT_EQ(english["stories"].size(), 6u);
  EXPECT_TRUE(body_of(c.Get("/v1/stories?source=Nobody"))["stories"].empty());
  EXPECT_TRUE(body_of(c.Get("/v1/stories?min_size=2"))["stories"].empty());
}

TEST(Server, SharedPassagesIndexEachArticlesText) {
  TempDir dir;
  ServerProcess server(dir, {});
  ASSERT_READY(server);
  httplib::Client c = server.client();
  const std::string shared =
      "The committee met on Tuesday morning and approved the new plan for the northern railway line, which will "
      "connect the coastal towns with the valley, add twelve stations, and double the number of daily trains by "
      "the end of the decade, officials said after the vote.";
  const std::string a = article("pa", "Railway plan approved", "Opening paragraph of the first report.\n\n" + shared,
                                "2026-07-06T08:00:00Z", "First Wire");
  const std::string b = article("pb", "Northern line gets green light",
                                "A different opening, written by the second outlet about other matters entirely.\n\n" +
                                    shared + "\n\nA closing line of its own.",
                                "2026-07-06T09:00:00Z", "Second Wire");
  ASSERT_EQ(post(c, a + "\n" + b, "application/x-ndjson")->status, 200);
  const json pa = body_of(c.Get("/v1/articles/pa"));
  const json pb = body_of(c.Get("/v1/articles/pb"));
  ASSERT_EQ(pb["copies"].size(), 1u) << pb;
  const json copy = pb["copies"][0];
  EXPECT_EQ(copy["other"], "pa");
  EXPECT_EQ(copy["other_title"], "Railway plan approved");
  ASSERT_FALSE(copy["passages"].empty());
  for (const json& p : copy["passages"]) {
    const std::string mine =
        pb["text"].get<std::string>().substr(p["start"], p["end"].get<std::size_t>() - p["start"].get<std::size_t>());
    const std::string theirs = pa["text"].get<std::string>().substr(
        p["other_start"], p["other_end"].get<std::size_t>() - p["other_start"].get<std::size_t>());
    EXPECT_EQ(mine, theirs);
    EXPECT_NE(shared.find(mine), std::string::npos) << mine;
    EXPECT_GT(mine.size(), 100u);
  }
  // From the other side the spans swap.
  ASSERT_EQ(pa["copies"].size(), 1u);
  EXPECT_EQ(pa["copies"][0]["passages"][0]["start"], copy["passages"][0]["other_start"]);
  EXPECT_EQ(pa["copies"][0]["passages"][0]["other_end"], copy["passages"][0]["end"]);
}

TEST(Server, TokensGuardWritesAndOptionallyReads) {
  TempDir dir;
  write_file(dir.file("token"), std::string(kToken) + "\n");
  {
    ServerProcess server(dir, {"--token-file", dir.file("token")});
    ASSERT_READY(server);
    httplib::Client c = server.client();
    const std::string a = article("t1", "Token test", "Body.", "2026-07-06T08:00:00Z");
    const auto missing = post(c, a);
    expect_error(missing, 401, "unauthorized");
    EXPECT_EQ(missing->get_header_value("WWW-Authenticate"), "Bearer");
    expect_error(post(c, a, "application/json", "wrong-token-0123456789"), 401, "unauthorized");
    EXPECT_EQ(post(c, a, "application/json", kToken)->status, 200);
    EXPECT_EQ(c.Get("/v1/articles/t1")->status, 200);  // reads stay open
    EXPECT_EQ(c.Get("/metrics")->status, 200);
  }
  {
    ServerProcess server(dir, {"--token-file", dir.file("token"), "--read-token-required"});
    ASSERT_READY(server);
    httplib::Client c = server.client();
    expect_error(c.Get("/v1/articles/t1"), 401, "unauthorized");
    expect_error(c.Get("/v1/stories"), 401, "unauthorized");
    expect_error(c.Get("/metrics"), 401, "unauthorized");
    const httplib::Headers auth = {{"Authorization", std::string("Bearer ") + kToken}};
    EXPECT_EQ(c.Get("/v1/articles/t1", auth)->status, 200);
    EXPECT_EQ(c.Get("/healthz")->status, 200);  // health and the UI's files stay open
    EXPECT_EQ(c.Get("/")->status, 200);
  }
  // Beyond loopback without a token: refused before listening.
  ServerProcess open(dir, {"--host", "0.0.0.0"}, "other.db");
  EXPECT_FALSE(open.ready());
  EXPECT_EQ(open.wait_exit(), 2);
  EXPECT_NE(open.errors().find("--token-file"), std::string::npos) << open.errors();
  // A short token protects nothing.
  write_file(dir.file("short"), "abc\n");
  ServerProcess weak(dir, {"--token-file", dir.file("short")}, "other.db");
  EXPECT_FALSE(weak.ready());
  EXPECT_EQ(weak.wait_exit(), 2);
}

TEST(Server, SlowClientsDoNotBlockOthers) {
  TempDir dir;
  ServerProcess server(dir, {"--read-timeout", "2", "--threads", "8"});
  ASSERT_READY(server);
  // Six connections that start a request and never finish it.
  std::vector<int> stalled;
  const std::string partial_headers = "GET /v1/stories HTTP/1.1\r\nHost: x\r\n";
  const std::string partial_body =
      "POST /v1/articles HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"ti";
  for (int i = 0; i < 6; ++i) {
    const int fd = connect_raw(server.port());
    ASSERT_GE(fd, 0);
    const std::string& part = i % 2 ? partial_headers : partial_body;
    ASSERT_EQ(send(fd, part.data(), part.size(), 0), static_cast<ssize_t>(part.size()));
    stalled.push_back(fd);
  }
  // Others are served at once, not after the stalled ones time out.
  httplib::Client c = server.client();
  for (int i = 0; i < 5; ++i) {
    const auto started = Clock::now();
    const auto r = c.Get("/healthz");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_LT(Clock::now() - started, std::chrono::milliseconds(1000)) << "request " << i;
  }
  // The stalled connections are cut after the read timeout.
  for (const int fd : stalled) {
    pollfd p{fd, POLLIN, 0};
    ASSERT_EQ(poll(&p, 1, 30000), 1) << "a stalled connection was never closed";
    char buf[512];
    while (recv(fd, buf, sizeof buf, 0) > 0) {
    }
    close(fd);
  }
  EXPECT_EQ(c.Get("/healthz")->status, 200);
}

TEST(Server, GracefulStopCommitsWhatWasAccepted) {
  TempDir dir;
  ServerProcess server(dir, {"--debug-hold-writer-ms", "1500"});
  ASSERT_READY(server);
  std::thread poster([&] {
    httplib::Client c = server.client();
    const auto r = post(c, read_file(sample_file("wire-2026-07.jsonl")), "application/x-ndjson");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
  });
  httplib::Client c = server.client();
  const auto deadline = Clock::now() + std::chrono::seconds(60);
  bool accepted = false;
  while (!accepted && Clock::now() < deadline) {
    const auto m = c.Get("/metrics");
    accepted = m && m->body.find("sipur_ingest_queue_depth 10\n") != std::string::npos;
  }
  ASSERT_TRUE(accepted);
  EXPECT_EQ(server.stop(SIGTERM), 0) << server.errors();
  poster.join();
  EXPECT_EQ(assignments(dir.file("t.db"), dir).size(), 10u);
  const std::string runs = run_sipur("export articles --db " + dir.file("t.db"), dir).out;
  EXPECT_EQ(testing::parse_jsonl(runs).size(), 10u);
}

TEST(Server, AcknowledgedArticlesSurviveKill9) {
  TempDir dir;
  json first;
  {
    ServerProcess server(dir, {});
    ASSERT_READY(server);
    httplib::Client c = server.client();
    first = body_of(post(c, read_file(sample_file("wire-2026-07.jsonl")), "application/x-ndjson"));
    ASSERT_EQ(first["items"].size(), 10u);
    EXPECT_EQ(server.stop(SIGKILL), -1);  // died of the signal
  }
  ServerProcess again(dir, {});
  ASSERT_READY(again);
  httplib::Client c = again.client();
  for (const json& item : first["items"]) {
    const json a = body_of(c.Get(("/v1/articles/" + item["id"].get<std::string>()).c_str()));
    EXPECT_EQ(a["event"], item["event"]);
    EXPECT_EQ(a["story"], item["story"]);
  }
  // New articles continue the numbering where the killed server stopped.
  const json more = body_of(post(c, read_file(sample_file("headlines.ndjson")), "application/x-ndjson"));
  for (const json& item : more["items"]) EXPECT_EQ(item["status"], "stored");
}

TEST(Server, OneWriterPerStore) {
  TempDir dir;
  ServerProcess first(dir, {});
  ASSERT_READY(first);
  ServerProcess second(dir, {});
  EXPECT_FALSE(second.ready());
  EXPECT_EQ(second.wait_exit(), 1);
  EXPECT_NE(second.errors().find("another sipur serve"), std::string::npos) << second.errors();
  EXPECT_EQ(first.client().Get("/healthz")->status, 200);
}

TEST(Server, MetricsInPrometheusFormat) {
  TempDir dir;
  ServerProcess server(dir, {});
  ASSERT_READY(server);
  httplib::Client c = server.client();
  ASSERT_EQ(post(c, read_file(sample_file("wire-2026-07.jsonl")), "application/x-ndjson")->status, 200);
  ASSERT_EQ(c.Get("/v1/stories")->status, 200);
  const auto m = c.Get("/metrics");
  ASSERT_EQ(m->status, 200);
  EXPECT_EQ(m->get_header_value("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  const std::string& text = m->body;
  for (const char* expected : {
           "sipur_articles_stored_total 10\n",
           "sipur_articles_duplicate_total 0\n",
           "sipur_articles_rejected_total{kind=\"invalid-input\"} 0\n",
           "sipur_ingest_queue_depth 0\n",
           "sipur_articles 10\n",
           "# TYPE sipur_http_request_duration_seconds histogram\n",
           "sipur_http_request_duration_seconds_count{route=\"list_stories\"} 1\n",
           "sipur_http_request_duration_seconds_count{route=\"post_articles\"} 1\n",
           "sipur_http_request_duration_seconds_bucket{route=\"post_articles\",le=\"+Inf\"} 1\n",
           "sipur_events ",
           "sipur_stories ",
       }) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
  // Every line is a comment or "name{labels} value".
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#') continue;
    const std::size_t space = line.rfind(' ');
    ASSERT_NE(space, std::string::npos) << line;
    char* end = nullptr;
    std::strtod(line.c_str() + space + 1, &end);
    EXPECT_EQ(*end, '\0') << line;
  }
}

}  // namespace
}  // namespace sipur
