// HTML pages into Articles: decoding, parsing with Gumbo, and reading .html files.
// The parts live beside it: html_meta (metadata and publication time, page_time for dates in URLs
// and datelines), html_content (which element holds the article), html_body (its text), html_nesting
// (the markup pre-scan: deep nesting, scripts and styles), html_dom (shared tree helpers).
#include "ingest/html_reader.h"

#include <gumbo.h>

#include <climits>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <utility>
#include <vector>

#include "ingest/charset.h"
#include "ingest/html_body.h"
#include "ingest/html_meta.h"
#include "ingest/html_nesting.h"
#include "text/utf8.h"

namespace sipur::ingest {
namespace {

const GumboOptions& gumbo_options() {
  // Parse errors are never read; not recording them saves memory on broken pages.
  static const GumboOptions options = [] {
    GumboOptions o = kGumboDefaultOptions;
    o.max_errors = 0;
    return o;
  }();
  return options;
}

struct GumboDestroyer {
  void operator()(GumboOutput* output) const { gumbo_destroy_output(&gumbo_options(), output); }
};
using GumboPtr = std::unique_ptr<GumboOutput, GumboDestroyer>;

// Where a problem found in decoded text sits in the input, for a warning.
Location at_offset(const Location& where, std::uint64_t offset) {
  Location at = where;
  at.offset = (where.has_offset ? where.offset : 0) + offset;
  at.has_offset = true;
  return at;
}

void reject(ReadSink& sink, Error&& error) {
  if (sink.on_reject) sink.on_reject(std::move(error));
}

}  // namespace

Result<Article> parse_html_article(std::string_view bytes, const HtmlHints& hints, const ExtractOptions& options) {
  if (bytes.empty()) return make_error(ErrorKind::kEmptyInput, "empty HTML page", hints.where);
  const bool utf16 = bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF");
  if (!utf16 && text::looks_binary(bytes)) {
    return make_error(ErrorKind::kBinaryInput, "binary data, not an HTML page", hints.where);
  }
  if (bytes.size() >= UINT_MAX) return make_error(ErrorKind::kTooLarge, "HTML page over 4 GiB", hints.where);
  Result<DecodedPage> decoded = decode_page(bytes, hints.charset, hints.where);
  if (!decoded.ok()) return decoded.error();
  std::vector<Error> warnings;
  if (!decoded.value().doubt.empty()) {
    warnings.push_back(make_error(ErrorKind::kUnsupported, decoded.value().doubt, hints.where));
  }
  if (const std::size_t replaced = decoded.value().replaced; replaced > 0) {
    const DecodedPage& page = decoded.value();
    warnings.push_back(make_error(page.charset == "utf-8" ? ErrorKind::kInvalidUtf8 : ErrorKind::kInvalidInput,
                                  std::to_string(replaced) + (replaced == 1 ? " byte sequence" : " byte sequences") +
                                      " not valid " + page.charset + " replaced by U+FFFD",
                                  at_offset(hints.where, page.first_replaced)));
  }
  std::string html = std::move(decoded.value().text);
  if (auto prepared = detail::prepare_markup(html)) html = std::move(*prepared);

  const GumboPtr output(gumbo_parse_with_options(&gumbo_options(), html.data(), html.size()));
  if (!output || output->document == nullptr) {
    return make_error(ErrorKind::kInvalidInput, "HTML parser failed", hints.where);
  }
  Article article;
  article.warnings = std::move(warnings);
  const detail::PageMeta page = detail::collect_meta(output->document);
  detail::fill_metadata(article, page, hints);
  const GumboNode* top = page.body != nullptr ? page.body : output->document;
  const detail::PageIndex index(top, options);
  const detail::Content content = detail::find_content(page, output->document, index, options);
  article.raw_body = detail::build_body(index, content, article);
  detail::fill_published(article, page, hints, content.root);

  if (article.title.empty() && article.raw_body.empty()) {
    return make_error(ErrorKind::kInvalidInput, "HTML without body", hints.where);
  }
  article.raw = std::string(bytes);
  article.format = "html";
  article.origin = hints.where.describe();
  return article;
}

void read_html_file(const std::string& path, const ReadOptions& options, ReadSink& sink) {
  const Location where{path};
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec) {
    const ErrorKind kind = ec == std::errc::no_such_file_or_directory ? ErrorKind::kNotFound : ErrorKind::kIo;
    return reject(sink, make_error(kind, "cannot read " + path + ": " + ec.message(), where));
  }
  if (size > options.max_file_bytes) {
    return reject(sink, make_error(ErrorKind::kTooLarge,
                                   path + " is " + std::to_string(size) + " bytes, over the limit of " +
                                       std::to_string(options.max_file_bytes),
                                   where));
  }
  std::ifstream in(path, std::ios::binary);
  std::string bytes(static_cast<std::size_t>(size), '\0');
  if (!in || !in.read(bytes.data(), static_cast<std::streamsize>(bytes.size())) ||
      in.gcount() != static_cast<std::streamsize>(size)) {
    return reject(sink, make_error(ErrorKind::kIo, "cannot read " + path, where));
  }
  HtmlHints hints;
  hints.where = where;
  auto article = parse_html_article(bytes, hints, options.extract);
  if (!article.ok()) return reject(sink, Error(article.error()));
  deliver(std::move(article).value(), options, sink);
}

}  // namespace sipur::ingest
