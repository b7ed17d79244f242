#include "targets.h"

#include <cstdlib>

#include "analysis/analyzer.h"
#include "ingest/html_reader.h"
#include "ingest/jsonl_reader.h"
#include "ingest/text_reader.h"
#include "ingest/warc_parse.h"
#include "pipeline/ingest_job.h"
#include "text/utf8.h"

namespace sipur::fuzz {
namespace {

// Invariants every produced article must satisfy: clean text is valid
// UTF-8 and the map stays inside the raw body.
void check(Article& article) {
  pipeline::prepare_article(article);
  if (text::first_invalid_utf8(article.body) || text::first_invalid_utf8(article.title)) std::abort();
  for (std::size_t pos : {std::size_t{0}, article.body.size() / 2, article.body.size()}) {
    if (article.body_map.to_raw(pos) > article.raw_body.size()) std::abort();
  }
}

void check_result(Result<Article> result) {
  if (result) check(result.value());
}

}  // namespace

void jsonl(std::string_view bytes) {
  check_result(ingest::parse_jsonl_record(bytes, {"fuzz", 1}));
}

void text(std::string_view bytes) {
  check_result(ingest::parse_text_article(bytes, "fuzz.txt"));
}

void html(std::string_view bytes) {
  check_result(ingest::parse_html_article(bytes, {}));
}

void warc(std::string_view bytes) {
  ingest::ReadOptions options;
  options.max_record_bytes = 1 << 20;
  ingest::ReadSink sink{[](Article&& a) { check(a); }, [](Error&&) {}};
  ingest::read_warc_bytes(bytes, "fuzz.warc", options, sink);
}

void clean(std::string_view bytes) {
  if (text::first_invalid_utf8(bytes)) return;  // readers reject these before cleaning
  Article article;
  const std::size_t split = bytes.find('\n');
  article.title = std::string(bytes.substr(0, split == std::string_view::npos ? 0 : split));
  article.raw_body = std::string(bytes);
  check(article);
}

void analyze(std::string_view bytes) {
  if (text::first_invalid_utf8(bytes)) return;  // the CLI rejects these lines before analysis
  static analysis::Analyzer* analyzer = [] {
    auto created = analysis::Analyzer::create({});
    if (!created) std::abort();  // the shipped model and Hspell must load
    return std::move(created).value().release();
  }();
  analyzer->observe(bytes);
  for (const auto& lang : {"he", "en"}) {
    for (const auto& token : analyzer->analyze(bytes, lang)) {
      if (token.token.end > bytes.size() || token.token.begin >= token.token.end) std::abort();
      if (token.words.empty() || token.base_word >= token.words.size()) std::abort();
    }
  }
}

Target find_target(std::string_view name) {
  if (name == "analyze") return &analyze;
  if (name == "jsonl") return &jsonl;
  if (name == "text") return &text;
  if (name == "html") return &html;
  if (name == "warc") return &warc;
  if (name == "clean") return &clean;
  return nullptr;
}

}  // namespace sipur::fuzz
