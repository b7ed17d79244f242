// WARC reader tests: build small .warc / .warc.gz files the way crawlers
// write them (one gzip member per record) and check what comes out.
#include "ingest/warc_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "ingest/warc_parse.h"

namespace sipur::ingest {
namespace {

namespace fs = std::filesystem;

constexpr std::int64_t kApril2 = 1554199200;  // 2019-04-02T10:00:00Z

struct GzCloser {
  void operator()(gzFile file) const { gzclose(file); }
};
using GzHandle = std::unique_ptr<gzFile_s, GzCloser>;

// Appends one gzip member holding `bytes` to `path` (creating it if "wb").
void write_gz_member(const fs::path& path, const std::string& bytes, const char* mode) {
  GzHandle file(gzopen(path.c_str(), mode));
  ASSERT_TRUE(file);
  ASSERT_EQ(gzwrite(file.get(), bytes.data(), static_cast<unsigned>(bytes.size())), static_cast<int>(bytes.size()));
}

// Writes one member per record and returns the file size after each member.
std::vector<std::uintmax_t> write_warc_gz(const fs::path& path, const std::vector<std::string>& records) {
  std::vector<std::uintmax_t> sizes;
  for (std::size_t i = 0; i < records.size(); ++i) {
    write_gz_member(path, records[i], i == 0 ? "wb" : "ab");
    sizes.push_back(fs::file_size(path));
  }
  return sizes;
}

void write_file(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string warc_record(const std::string& type, const std::string& uri, const std::string& block,
                        const std::string& date = "2019-04-02T10:00:00Z") {
  std::string content_type = "application/warc-fields";
  if (type == "response" || type == "request") content_type = "application/http; msgtype=" + type;
  return "WARC/1.0\r\nWARC-Type: " + type + "\r\nWARC-Target-URI: " + uri + "\r\nWARC-Date: " + date +
         "\r\nWARC-Record-ID: <urn:uuid:6d058047-ede2-4a13-be79-90c17c631dd4>\r\nContent-Type: " + content_type +
         "\r\nContent-Length: " + std::to_string(block.size()) + "\r\n\r\n" + block + "\r\n\r\n";
}

std::string http_response(const std::string& status, const std::string& headers, const std::string& body) {
  return "HTTP/1.1 " + status + "\r\n" + headers + "\r\n" + body;
}

std::string html_page(const std::string& title, const std::string& text) {
  return "<!doctype html><html><head><title>" + title + "</title></head><body><article><p>" + text +
         "</p></article></body></html>";
}

std::string html_response(const std::string& uri, const std::string& title, const std::string& text) {
  const std::string body = html_page(title, text);
  return warc_record("response", uri, http_response("200 OK", "Content-Type: text/html; charset=utf-8\r\n", body));
}

// What Article::origin should say for a record starting at `offset`.
std::string origin_at(const std::string& file, std::uint64_t offset) {
  Location where;
  where.file = file;
  where.offset = offset;
  where.has_offset = true;
  return where.describe();
}

struct Collected {
  std::vector<Article> articles;
  std::vector<Error> rejects;
};

ReadSink sink_into(Collected& out) {
  return ReadSink{[&out](Article&& a) { out.articles.push_back(std::move(a)); },
                  [&out](Error&& e) { out.rejects.push_back(std::move(e)); }};
}

class WarcReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() / ("sipur_warc_" + std::to_string(::getpid()) + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  Collected read(const fs::path& path, const ReadOptions& options = {}) {
    Collected out;
    ReadSink sink = sink_into(out);
    read_warc_file(path.string(), options, sink);
    return out;
  }

  fs::path dir_;
};

TEST_F(WarcReaderTest, OnlyHtmlResponsesBecomeArticles) {
  const fs::path path = dir_ / "crawl.warc.gz";
  write_warc_gz(path,
                {
                    warc_record("request", "https://news.example/a", "GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n"),
                    html_response("<https://news.example/a>", "First story", "Text of the first story."),
                    warc_record("response", "https://news.example/logo.png",
                                http_response("200 OK", "Content-Type: image/png\r\n", "\x89PNG\r\n\x1a\n")),
                    html_response("https://news.example/b", "Second story", "Text of the second story."),
                });
  const Collected got = read(path);
  EXPECT_TRUE(got.rejects.empty()) << got.rejects.front().describe();
  ASSERT_EQ(got.articles.size(), 2U);
  EXPECT_EQ(got.articles[0].url, "https://news.example/a");  // angle brackets stripped
  EXPECT_EQ(got.articles[1].url, "https://news.example/b");
  EXPECT_EQ(got.articles[0].title, "First story");
  EXPECT_NE(got.articles[1].raw_body.find("second story"), std::string::npos);
  for (const Article& a : got.articles) {
    EXPECT_EQ(a.format, "warc");
    ASSERT_TRUE(a.published_utc.has_value());
    EXPECT_EQ(*a.published_utc, kApril2);
    EXPECT_NE(a.origin.find(path.string()), std::string::npos);
    EXPECT_NE(a.raw.find("<html>"), std::string::npos);  // raw is the HTTP payload, not the record
  }
}

TEST_F(WarcReaderTest, OriginGivesTheRecordOffsetInTheDecompressedStream) {
  const fs::path path = dir_ / "offsets.warc.gz";
  const std::string first = html_response("https://news.example/a", "A", "alpha");
  write_warc_gz(path, {first, html_response("https://news.example/b", "B", "beta")});
  const Collected got = read(path);
  ASSERT_EQ(got.articles.size(), 2U);
  EXPECT_EQ(got.articles[0].origin, origin_at(path.string(), 0));
  EXPECT_EQ(got.articles[1].origin, origin_at(path.string(), first.size()));
}

TEST_F(WarcReaderTest, DecodesChunkedGzipPayload) {
  const fs::path payload_path = dir_ / "payload.gz";
  write_gz_member(payload_path, html_page("Zipped", "A chunked and gzipped story."), "wb");
  const std::string zipped = read_file(payload_path);
  std::string chunked;
  for (std::size_t i = 0; i < zipped.size(); i += 16) {
    const std::string piece = zipped.substr(i, 16);
    char size[16];
    (void)std::snprintf(size, sizeof size, "%zx", piece.size());  // at most 16 hex digits
    chunked += std::string(size) + ";ext=1\r\n" + piece + "\r\n";
  }
  chunked += "0\r\n\r\n";
  const std::string headers = "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n";
  const fs::path path = dir_ / "chunked.warc.gz";
  write_warc_gz(path, {warc_record("response", "https://news.example/z", http_response("200 OK", headers, chunked))});
  const Collected got = read(path);
  EXPECT_TRUE(got.rejects.empty()) << got.rejects.front().describe();
  ASSERT_EQ(got.articles.size(), 1U);
  EXPECT_EQ(got.articles[0].title, "Zipped");
  EXPECT_NE(got.articles[0].raw_body.find("A chunked and gzipped story."), std::string::npos);
}

TEST_F(WarcReaderTest, ConvertsTheCharsetNamedInContentType) {
  const std::string shalom_olam_1255 = "\xF9\xEC\xE5\xED \xF2\xE5\xEC\xED";
  const std::string body = html_page(shalom_olam_1255, shalom_olam_1255);
  const fs::path path = dir_ / "hebrew.warc.gz";
  write_warc_gz(path,
                {warc_record("response", "https://news.example/he",
                             http_response("200 OK", "Content-Type: text/html; charset=windows-1255\r\n", body))});
  const Collected got = read(path);
  EXPECT_TRUE(got.rejects.empty()) << got.rejects.front().describe();
  ASSERT_EQ(got.articles.size(), 1U);
  EXPECT_EQ(got.articles[0].title, "שלום עולם");
}

TEST_F(WarcReaderTest, TruncatedGzipKeepsCompleteRecordsAndRejectsTheRest) {
  const fs::path path = dir_ / "cut.warc.gz";
  const std::string first = html_response("https://news.example/a", "A", "alpha");
  const std::string second = html_response("https://news.example/b", "B", "beta");
  const std::string third = html_response("https://news.example/c", "C", std::string(4000, 'x'));
  const auto sizes = write_warc_gz(path, {first, second, third});
  fs::resize_file(path, sizes[1] + (sizes[2] - sizes[1]) / 2);
  const Collected got = read(path);
  ASSERT_EQ(got.articles.size(), 2U);
  EXPECT_EQ(got.articles[1].url, "https://news.example/b");
  ASSERT_EQ(got.rejects.size(), 1U);
  const Error& e = got.rejects[0];
  EXPECT_EQ(e.kind, ErrorKind::kTruncated) << e.describe();
  EXPECT_TRUE(e.where.has_offset);
  EXPECT_EQ(e.where.file, path.string());
  EXPECT_GE(e.where.offset, first.size() + second.size());  // reached into the third record
  EXPECT_LT(e.where.offset, first.size() + second.size() + third.size());
}

TEST_F(WarcReaderTest, BlockCutShortInPlainWarcIsTruncated) {
  const fs::path path = dir_ / "cut.warc";
  const std::string first = html_response("https://news.example/a", "A", "alpha");
  const std::string second = html_response("https://news.example/b", "B", "beta");
  write_file(path, first + second.substr(0, second.size() - 40));
  const Collected got = read(path);
  ASSERT_EQ(got.articles.size(), 1U);
  ASSERT_EQ(got.rejects.size(), 1U);
  EXPECT_EQ(got.rejects[0].kind, ErrorKind::kTruncated);
  EXPECT_EQ(got.rejects[0].where.offset, first.size() + second.size() - 40);
}

TEST_F(WarcReaderTest, NonWarcFileIsUnsupported) {
  const fs::path path = dir_ / "notes.warc";
  write_file(path, "These are just some notes,\nnot a web archive.\n");
  const Collected got = read(path);
  EXPECT_TRUE(got.articles.empty());
  ASSERT_EQ(got.rejects.size(), 1U);
  EXPECT_EQ(got.rejects[0].kind, ErrorKind::kUnsupported);
  EXPECT_EQ(got.rejects[0].message, "not a WARC file");
}

TEST_F(WarcReaderTest, EmptyFileIsEmptyInput) {
  const fs::path path = dir_ / "empty.warc.gz";
  write_file(path, "");
  const Collected got = read(path);
  EXPECT_TRUE(got.articles.empty());
  ASSERT_EQ(got.rejects.size(), 1U);
  EXPECT_EQ(got.rejects[0].kind, ErrorKind::kEmptyInput);
}

TEST_F(WarcReaderTest, MissingFileIsIo) {
  const Collected got = read(dir_ / "no-such.warc.gz");
  EXPECT_TRUE(got.articles.empty());
  ASSERT_EQ(got.rejects.size(), 1U);
  EXPECT_EQ(got.rejects[0].kind, ErrorKind::kIo);
}

TEST_F(WarcReaderTest, OversizedRecordIsRejectedAndReadingGoesOn) {
  const fs::path path = dir_ / "big.warc.gz";
  const std::string big = html_response("https://news.example/big", "Big", std::string(5000, 'y'));
  write_warc_gz(path, {big, html_response("https://news.example/small", "Small", "small story")});
  ReadOptions options;
  options.max_record_bytes = 2000;
  const Collected got = read(path, options);
  ASSERT_EQ(got.rejects.size(), 1U);
  EXPECT_EQ(got.rejects[0].kind, ErrorKind::kTooLarge);
  EXPECT_EQ(got.rejects[0].where.offset, 0U);
  ASSERT_EQ(got.articles.size(), 1U);
  EXPECT_EQ(got.articles[0].url, "https://news.example/small");
}

TEST_F(WarcReaderTest, MissingContentLengthStopsTheFile) {
  const fs::path path = dir_ / "nolength.warc";
  const std::string first = html_response("https://news.example/a", "A", "alpha");
  const std::string broken = "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 12x\r\n\r\nwhatever\r\n\r\n";
  write_file(path, first + broken + html_response("https://news.example/c", "C", "gamma"));
  const Collected got = read(path);
  ASSERT_EQ(got.articles.size(), 1U);
  ASSERT_EQ(got.rejects.size(), 1U);
  EXPECT_EQ(got.rejects[0].kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(got.rejects[0].where.offset, first.size());
}

TEST(WarcBytesTest, SkipsErrorsAndRedirectsButRejectsBrokenHtml) {
  const std::string redirect =
      warc_record("response", "https://news.example/old",
                  http_response("301 Moved Permanently", "Content-Type: text/html\r\nLocation: /new\r\n",
                                "<a href=/new>moved</a>"));
  const std::string bad_gzip = warc_record(
      "response", "https://news.example/bad",
      http_response("200 OK", "Content-Type: text/html\r\nContent-Encoding: gzip\r\n", "\x1f\x8b\x08garbage"));
  const std::string good = html_response("https://news.example/ok", "Fine", "fine story");
  Collected got;
  ReadSink sink = sink_into(got);
  read_warc_bytes(redirect + bad_gzip + good, "mem.warc", ReadOptions{}, sink);
  ASSERT_EQ(got.articles.size(), 1U);
  EXPECT_EQ(got.articles[0].url, "https://news.example/ok");
  EXPECT_EQ(got.articles[0].origin, origin_at("mem.warc", redirect.size() + bad_gzip.size()));
  ASSERT_EQ(got.rejects.size(), 1U);  // the redirect is skipped silently, the broken HTML is not
  EXPECT_EQ(got.rejects[0].where.offset, redirect.size());
}

TEST(WarcBytesTest, AcceptsLfLineEndingsAndBlankLinesBetweenRecords) {
  const std::string block = "HTTP/1.1 200 OK\nContent-Type: text/html\n\n" + html_page("Unix", "unix story");
  const std::string record =
      "WARC/1.1\nWARC-Type: response\nWARC-Target-URI: https://news.example/lf\n"
      "Content-Length: " +
      std::to_string(block.size()) + "\n\n" + block + "\n\n";
  Collected got;
  ReadSink sink = sink_into(got);
  read_warc_bytes("\r\n" + record + "\n\n\n" + html_response("https://news.example/crlf", "Dos", "dos story"), "m",
                  ReadOptions{}, sink);
  EXPECT_TRUE(got.rejects.empty()) << got.rejects.front().describe();
  ASSERT_EQ(got.articles.size(), 2U);
  EXPECT_EQ(got.articles[0].title, "Unix");
  EXPECT_EQ(got.articles[1].title, "Dos");
}

}  // namespace
}  // namespace sipur::ingest
