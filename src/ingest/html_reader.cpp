// HTML pages into Articles: decoding, parsing with Gumbo, and reading .html files.
// The parts live beside it: html_meta (metadata), html_body (main text),
// html_nesting (deep-nesting pre-scan), html_dom (shared tree helpers).
#include "ingest/html_reader.h"

#include <gumbo.h>

#include <climits>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <utility>

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

std::string choose_charset(std::string_view bytes, const HtmlHints& hints) {
  if (bytes.starts_with("\xEF\xBB\xBF")) return "utf-8";  // a byte-order mark beats any label
  if (!hints.charset.empty()) return hints.charset;
  std::string sniffed = sniff_html_charset(bytes);
  // A page whose bytes let us read its <meta> is not UTF-16, whatever it says (HTML spec).
  return sniffed.starts_with("utf-16") ? "utf-8" : sniffed;
}

void reject(ReadSink& sink, Error&& error) {
  if (sink.on_reject) sink.on_reject(std::move(error));
}

}  // namespace

Result<Article> parse_html_article(std::string_view bytes, const HtmlHints& hints) {
  if (bytes.empty()) return make_error(ErrorKind::kEmptyInput, "empty HTML page", hints.where);
  if (text::looks_binary(bytes)) {
    return make_error(ErrorKind::kBinaryInput, "binary data, not an HTML page", hints.where);
  }
  if (bytes.size() >= UINT_MAX) return make_error(ErrorKind::kTooLarge, "HTML page over 4 GiB", hints.where);
  auto decoded = to_utf8(bytes, choose_charset(bytes, hints), hints.where);
  if (!decoded.ok()) return decoded.error();
  std::string html = std::move(decoded).value();
  if (auto flat = detail::flatten_deep_nesting(html)) html = std::move(*flat);

  const GumboPtr output(gumbo_parse_with_options(&gumbo_options(), html.data(), html.size()));
  if (!output || output->document == nullptr) {
    return make_error(ErrorKind::kInvalidInput, "HTML parser failed", hints.where);
  }
  Article article;
  const detail::PageMeta page = detail::collect_meta(output->document);
  detail::fill_metadata(article, page, hints);
  const GumboNode* root = detail::content_root(page, output->document);
  article.raw_body = detail::build_body(root, article);
  detail::fill_published(article, page, hints, root);

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
  auto article = parse_html_article(bytes, hints);
  if (!article.ok()) return reject(sink, Error(article.error()));
  if (sink.on_article) sink.on_article(std::move(article).value());
}

}  // namespace sipur::ingest
