// HTML pages into Articles with Gumbo: title, publication time and URL from
// standard metadata, main text with page chrome (navigation, related-article
// lists, promos, footers, share bars, comments, bylines) removed and kept in
// Article::removed; pages in any charset.
#pragma once

#include <string>
#include <string_view>

#include "core/article.h"
#include "core/error.h"
#include "ingest/reader.h"

namespace sipur::ingest {

// What the container already knows about the page (a WARC record's headers,
// a JSONL record's fields). Values found here win over what the page says,
// except that an empty value means "unknown".
struct HtmlHints {
  std::string url;
  std::string published;           // ISO-8601; wins over the page (a JSONL record's own field)
  std::string published_fallback;  // used only when the page gives no time (a WARC crawl date)
  std::string charset;             // from an HTTP Content-Type header
  std::string source;
  Location where;  // for error messages
};

// Parses one page. Fills title (og:title, the <h1>, <title>; without the site's name), lead (meta
// description), url, source (hint, else og:site_name, else URL host), published (+ published_utc,
// published_source; html_meta.h says from where), lang_given is left empty (the html lang attribute
// is not trusted: language id runs on the text), raw_body (main text; paragraphs separated by
// "\n\n"), removed, raw (the page bytes), format = "html", and warnings: bytes that did not decode
// (each now U+FFFD) with the offset of the first, a charset declaration set aside, an implausible
// publication time dropped. `options` tune the main-text choice (html_extract.h).
// Errors: kEmptyInput (no bytes), kBinaryInput (not text at all), kTooLarge, kInvalidInput
// ("HTML without body": no title and no text). Any charset reads (charset.h: decode_page).
[[nodiscard]] Result<Article> parse_html_article(std::string_view bytes, const HtmlHints& hints,
                                                 const ExtractOptions& options = ExtractOptions{});

// Reads one .html/.htm file (whole-file, limited by options.max_file_bytes).
void read_html_file(const std::string& path, const ReadOptions& options, ReadSink& sink);

}  // namespace sipur::ingest
