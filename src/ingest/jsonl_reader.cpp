#include "ingest/jsonl_reader.h"

#include <simdjson.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <vector>

#include "core/time.h"
#include "ingest/html_reader.h"
#include "text/utf8.h"

namespace sipur::ingest {
namespace {

// One parser per thread: simdjson parsers reuse their buffers across lines.
simdjson::dom::parser& json_parser() {
  thread_local simdjson::dom::parser parser;
  return parser;
}

// Reads an optional string field; numbers are accepted for "id" only.
Result<std::string> string_field(simdjson::dom::object& record, std::string_view key, const Location& where,
                                 bool allow_number = false) {
  simdjson::dom::element value;
  if (record[key].get(value) != simdjson::SUCCESS || value.is_null()) return std::string();
  if (value.is_string()) return std::string(std::string_view(value.get_string()));
  if (allow_number && value.is_int64()) return std::to_string(int64_t(value.get_int64()));
  if (allow_number && value.is_uint64()) return std::to_string(uint64_t(value.get_uint64()));
  return make_error(ErrorKind::kInvalidInput, "field \"" + std::string(key) + "\" must be a string", where);
}

void set_published(Article& article, std::string value) {
  if (value.empty()) return;
  if (const auto parsed = parse_time(value)) {
    article.published = format_time(*parsed);
    article.published_utc = parsed->epoch_seconds;
    article.published_zone_known = parsed->zone_known;
    article.published_source = "given";
  } else {
    // Unparseable: keep what the input said, claim no instant.
    article.published = std::move(value);
  }
}

}  // namespace

Result<Article> parse_jsonl_record(std::string_view line, const Location& where) {
  // simdjson's vectorized check passes nearly every line; the byte-by-byte
  // scan that finds the offset runs only for the lines it fails.
  if (const auto bad =
          simdjson::validate_utf8(line.data(), line.size()) ? std::nullopt : text::first_invalid_utf8(line)) {
    Location at = where;
    at.offset += *bad;
    at.has_offset = true;
    return make_error(ErrorKind::kInvalidUtf8, "invalid UTF-8 in JSON line", at);
  }
  simdjson::dom::element doc;
  if (const auto err = json_parser().parse(line.data(), line.size()).get(doc); err != simdjson::SUCCESS) {
    return make_error(ErrorKind::kInvalidInput, std::string("malformed JSON: ") + simdjson::error_message(err), where);
  }
  simdjson::dom::object record;
  if (doc.get(record) != simdjson::SUCCESS) {
    return make_error(ErrorKind::kInvalidInput, "a JSON line must hold an object", where);
  }
  std::string fields[7];
  static constexpr std::string_view kNames[7] = {"id", "source", "url", "lang", "published", "title", "text"};
  for (int i = 0; i < 7; ++i) {
    Result<std::string> value = string_field(record, kNames[i], where, i == 0);
    if (!value) return value.error();
    fields[i] = std::move(value).value();
  }
  Result<std::string> html = string_field(record, "html", where);
  if (!html) return html.error();

  Article article;
  const bool use_html = fields[6].empty() && !html.value().empty();
  if (use_html) {
    HtmlHints hints;
    hints.url = fields[2];
    hints.published = fields[4];
    hints.charset = "utf-8";
    hints.source = fields[1];
    hints.where = where;
    Result<Article> page = parse_html_article(html.value(), hints);
    if (!page) return page.error();
    article = std::move(page).value();
    if (!fields[5].empty()) article.title = fields[5];
  } else {
    if (fields[5].empty() && fields[6].empty()) {
      return make_error(ErrorKind::kInvalidInput, "record has no \"title\", \"text\" or \"html\"", where);
    }
    article.title = fields[5];
    article.raw_body = fields[6];
    set_published(article, fields[4]);
    article.source = fields[1];
    article.url = fields[2];
  }
  article.id = fields[0];
  article.lang_given = fields[3];
  article.raw = std::string(line);
  article.format = "jsonl";
  article.origin = where.describe();
  return article;
}

void read_jsonl_stream(std::FILE* in, const std::string& name, const ReadOptions& options, ReadSink& sink) {
  constexpr std::size_t kChunk = 1 << 16;
  std::vector<char> chunk(kChunk);
  std::string line;
  std::uint64_t line_no = 1;
  std::uint64_t line_start = 0;  // byte offset of the current line
  std::uint64_t consumed = 0;
  bool oversized = false;

  auto finish_line = [&]() {
    const Location where{name, line_no, line_start, false};
    if (oversized) {
      sink.on_reject(make_error(ErrorKind::kTooLarge,
                                "line longer than the limit of " + std::to_string(options.max_record_bytes) + " bytes",
                                where));
    } else {
      std::string_view view = line;
      if (!view.empty() && view.back() == '\r') view.remove_suffix(1);
      if (line_no == 1) text::strip_bom(view);
      if (view.find_first_not_of(" \t") != std::string_view::npos) {
        Result<Article> article = parse_jsonl_record(view, where);
        if (article) {
          deliver(std::move(article).value(), options, sink);
        } else {
          sink.on_reject(Error(article.error()));
        }
      }
    }
    line.clear();
    oversized = false;
    ++line_no;
  };

  bool any = false;
  while (true) {
    const std::size_t got = std::fread(chunk.data(), 1, chunk.size(), in);
    if (got == 0) break;
    any = true;
    std::size_t pos = 0;
    while (pos < got) {
      const void* nl = std::memchr(chunk.data() + pos, '\n', got - pos);
      const std::size_t end = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - chunk.data()) : got;
      if (!oversized) {
        if (line.size() + (end - pos) > options.max_record_bytes) {
          oversized = true;
          line.clear();
        } else {
          line.append(chunk.data() + pos, end - pos);
        }
      }
      if (!nl) break;
      finish_line();
      pos = end + 1;
      line_start = consumed + pos;
    }
    consumed += got;
  }
  if (std::ferror(in)) {
    sink.on_reject(make_error(ErrorKind::kIo, "read error", {name, line_no, consumed, true}));
    return;
  }
  if (!any) {
    sink.on_reject(make_error(ErrorKind::kEmptyInput, "empty file", {name}));
    return;
  }
  if (!line.empty() || oversized) finish_line();
}

void read_jsonl_file(const std::string& path, const ReadOptions& options, ReadSink& sink) {
  if (path == "-") {
    read_jsonl_stream(stdin, "<stdin>", options, sink);
    return;
  }
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) {
    sink.on_reject(make_error(ErrorKind::kIo, std::string("cannot open: ") + std::strerror(errno), {path}));
    return;
  }
  read_jsonl_stream(file.get(), path, options, sink);
}

}  // namespace sipur::ingest
