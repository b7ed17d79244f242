// The plain-text and JSONL readers, and the walker that dispatches to them.
#include <gtest/gtest.h>

#include <vector>

#include "ingest/input_walker.h"
#include "ingest/jsonl_reader.h"
#include "ingest/text_reader.h"
#include "test_util.h"

namespace sipur::ingest {
namespace {

using sipur::testing::TempDir;
using sipur::testing::write_file;

struct Collected {
  std::vector<Article> articles;
  std::vector<Error> rejects;
  ReadSink sink{[this](Article&& a) { articles.push_back(std::move(a)); },
                [this](Error&& e) { rejects.push_back(std::move(e)); }};
};

TEST(TextReader, FirstLineIsTitleWhenMoreLinesFollow) {
  Result<Article> a = parse_text_article("כותרת\nגוף הכתבה\nעוד שורה", "dir/001_abc.txt");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.value().id, "001_abc");
  EXPECT_EQ(a.value().title, "כותרת");
  EXPECT_EQ(a.value().raw_body, "גוף הכתבה\nעוד שורה");
}

TEST(TextReader, OneLineFileIsAllBody) {
  Result<Article> a = parse_text_article("רק שורה אחת\n", "x.txt");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.value().title, "");
  EXPECT_EQ(a.value().raw_body, "רק שורה אחת\n");
}

TEST(TextReader, BadInputsAreTypedErrors) {
  EXPECT_EQ(parse_text_article("", "e.txt").error().kind, ErrorKind::kEmptyInput);
  EXPECT_EQ(parse_text_article(" \n\n ", "w.txt").error().kind, ErrorKind::kEmptyInput);
  EXPECT_EQ(parse_text_article(std::string("ab\0cd", 5), "b.txt").error().kind, ErrorKind::kBinaryInput);
  const Result<Article> bad = parse_text_article("line one\nline \xff two", "u.txt");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().kind, ErrorKind::kInvalidUtf8);
  EXPECT_EQ(bad.error().where.line, 2u);
  EXPECT_EQ(bad.error().where.offset, 14u);
}

TEST(JsonlReader, ReadsFieldsAndNormalizesTime) {
  const Result<Article> a = parse_jsonl_record(
      R"({"id":"a1","source":"NRG","url":"http://x/1","lang":"he","published":"2014-07-01T10:51:00+03:00","title":"כותרת","text":"גוף"})",
      {"f.jsonl", 1});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.value().id, "a1");
  EXPECT_EQ(a.value().source, "NRG");
  EXPECT_EQ(a.value().lang_given, "he");
  EXPECT_EQ(a.value().published, "2014-07-01T07:51:00Z");
  ASSERT_TRUE(a.value().published_utc.has_value());
  EXPECT_EQ(a.value().raw_body, "גוף");
}

TEST(JsonlReader, NumericIdAndMissingOptionalFields) {
  const Result<Article> a = parse_jsonl_record(R"({"id":42,"title":"t"})", {"f", 1});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.value().id, "42");
  EXPECT_FALSE(a.value().published_utc.has_value());
}

TEST(JsonlReader, UnparseableTimeIsKeptNotInvented) {
  const Result<Article> a = parse_jsonl_record(R"({"title":"t","published":"last Tuesday"})", {"f", 1});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.value().published, "last Tuesday");
  EXPECT_FALSE(a.value().published_utc.has_value());
}

struct BadLine {
  const char* line;
  ErrorKind kind;
};

TEST(JsonlReader, MalformedRecordsAreTypedErrors) {
  const BadLine cases[] = {
      {R"({"title": "unterminated)", ErrorKind::kInvalidInput},
      {R"(["not", "an", "object"])", ErrorKind::kInvalidInput},
      {R"({"source": "only metadata"})", ErrorKind::kInvalidInput},
      {R"({"title": ["wrong type"]})", ErrorKind::kInvalidInput},
      {"{\"title\": \"\xC3\x28\"}", ErrorKind::kInvalidUtf8},
  };
  for (const BadLine& c : cases) {
    const Result<Article> a = parse_jsonl_record(c.line, {"f.jsonl", 7});
    ASSERT_FALSE(a.ok()) << c.line;
    EXPECT_EQ(a.error().kind, c.kind) << c.line;
    EXPECT_EQ(a.error().where.line, 7u);
  }
}

TEST(JsonlReader, BadLineDoesNotTakeGoodLinesDown) {
  TempDir dir;
  write_file(dir.file("a.jsonl"),
             "{\"id\":\"1\",\"title\":\"one\"}\n{broken\n\n{\"id\":\"3\",\"title\":\"three\"}\r\n{\"id\":\"4\","
             "\"title\":\"no newline\"}");
  Collected got;
  read_jsonl_file(dir.file("a.jsonl"), {}, got.sink);
  ASSERT_EQ(got.articles.size(), 3u);
  EXPECT_EQ(got.articles[1].id, "3");
  EXPECT_EQ(got.articles[2].id, "4");
  ASSERT_EQ(got.rejects.size(), 1u);
  EXPECT_EQ(got.rejects[0].where.line, 2u);
  EXPECT_NE(got.rejects[0].describe().find("a.jsonl:2"), std::string::npos);
}

TEST(JsonlReader, OverlongLineIsRejectedAndReadingGoesOn) {
  TempDir dir;
  write_file(dir.file("big.jsonl"), "{\"title\":\"" + std::string(3000, 'x') + "\"}\n{\"title\":\"ok\"}\n");
  ReadOptions options;
  options.max_record_bytes = 1000;
  Collected got;
  read_jsonl_file(dir.file("big.jsonl"), options, got.sink);
  ASSERT_EQ(got.articles.size(), 1u);
  EXPECT_EQ(got.articles[0].title, "ok");
  ASSERT_EQ(got.rejects.size(), 1u);
  EXPECT_EQ(got.rejects[0].kind, ErrorKind::kTooLarge);
}

TEST(JsonlReader, EmptyFileIsReported) {
  TempDir dir;
  write_file(dir.file("e.jsonl"), "");
  Collected got;
  read_jsonl_file(dir.file("e.jsonl"), {}, got.sink);
  ASSERT_EQ(got.rejects.size(), 1u);
  EXPECT_EQ(got.rejects[0].kind, ErrorKind::kEmptyInput);
}

TEST(InputWalker, FormatsByExtensionAndSortedWalk) {
  EXPECT_EQ(format_for_path("a/b.TXT"), Format::kText);
  EXPECT_EQ(format_for_path("x.ndjson"), Format::kJsonl);
  EXPECT_EQ(format_for_path("x.htm"), Format::kHtml);
  EXPECT_EQ(format_for_path("x.warc.gz"), Format::kWarc);
  EXPECT_EQ(format_for_path("x.bin"), Format::kSniff);
  EXPECT_EQ(format_for_path("-"), Format::kJsonl);
  TempDir dir;
  write_file(dir.file("b/2.txt"), "x");
  write_file(dir.file("a.txt"), "x");
  write_file(dir.file("b/1.txt"), "x");
  Collected got;
  const auto files = expand_inputs({dir.path().string(), dir.file("missing")}, got.sink);
  ASSERT_EQ(files.size(), 3u);
  EXPECT_LT(files[0].path, files[1].path);
  EXPECT_LT(files[1].path, files[2].path);
  ASSERT_EQ(got.rejects.size(), 1u);
  EXPECT_EQ(got.rejects[0].kind, ErrorKind::kNotFound);
}

}  // namespace
}  // namespace sipur::ingest
