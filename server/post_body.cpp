#include "server/post_body.h"

#include <algorithm>
#include <cctype>
#include <string>

#include <nlohmann/json.hpp>

#include "ingest/jsonl_reader.h"
#include "text/utf8.h"

namespace sipur::server {
namespace {

std::string lowercase_trimmed(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return "";
  const auto last = s.find_last_not_of(" \t");
  std::string out(s.substr(first, last - first + 1));
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A SAX consumer that accepts everything and remembers where parsing failed.
struct ErrorFinder {
  std::optional<std::size_t> at;
  bool null() { return true; }
  bool boolean(bool) { return true; }
  bool number_integer(nlohmann::json::number_integer_t) { return true; }
  bool number_unsigned(nlohmann::json::number_unsigned_t) { return true; }
  bool number_float(nlohmann::json::number_float_t, const std::string&) { return true; }
  bool string(std::string&) { return true; }
  bool binary(nlohmann::json::binary_t&) { return true; }
  bool start_object(std::size_t) { return true; }
  bool key(std::string&) { return true; }
  bool end_object() { return true; }
  bool start_array(std::size_t) { return true; }
  bool end_array() { return true; }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception&) {
    // `position` counts the characters read, the offending one included.
    at = position > 0 ? position - 1 : 0;
    return false;
  }
};

// The record's error, placed in the body: a syntax error gets its byte.
Error located(Error error, std::string_view record, std::size_t record_start, std::uint64_t line) {
  error.where.file.clear();
  error.where.line = line;
  if (error.kind == ErrorKind::kInvalidInput && error.message.rfind("malformed JSON", 0) == 0) {
    if (const auto at = json_syntax_error_at(record)) {
      error.where.offset = record_start + std::min(*at, record.size());
      error.where.has_offset = true;
    }
  }
  return error;
}

}  // namespace

std::optional<BodyFormat> body_format(std::string_view content_type) {
  const std::size_t semicolon = content_type.find(';');
  const std::string media = lowercase_trimmed(content_type.substr(0, semicolon));
  if (semicolon != std::string_view::npos) {
    std::string_view params = content_type.substr(semicolon + 1);
    while (!params.empty()) {
      const std::size_t next = params.find(';');
      const std::string param = lowercase_trimmed(params.substr(0, next));
      if (param.rfind("charset=", 0) == 0) {
        std::string charset = param.substr(8);
        charset.erase(std::remove(charset.begin(), charset.end(), '"'), charset.end());
        if (charset != "utf-8" && charset != "utf8") return std::nullopt;
      }
      if (next == std::string_view::npos) break;
      params.remove_prefix(next + 1);
    }
  }
  if (media == "application/json") return BodyFormat::kJson;
  if (media == "application/x-ndjson" || media == "application/ndjson") return BodyFormat::kNdjson;
  return std::nullopt;
}

std::optional<std::size_t> json_syntax_error_at(std::string_view text) {
  ErrorFinder finder;
  nlohmann::json::sax_parse(text.begin(), text.end(), &finder);
  return finder.at;
}

Result<std::vector<PostedRecord>> parse_post_body(std::string_view body, BodyFormat format) {
  text::strip_bom(body);
  std::vector<PostedRecord> records;
  if (format == BodyFormat::kJson) {
    if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
      return make_error(ErrorKind::kEmptyInput, "the body holds no article");
    }
    Result<Article> article = ingest::parse_jsonl_record(body, Location{"", 1, 0, false});
    if (!article) {
      Error error = located(article.error(), body, 0, 1);
      if (error.where.has_offset) {
        error.where.line = 1 + static_cast<std::uint64_t>(std::count(
                                   body.begin(), body.begin() + static_cast<std::ptrdiff_t>(error.where.offset), '\n'));
      }
      return error;
    }
    records.emplace_back(std::move(article).value());
    return records;
  }
  std::size_t start = 0;
  std::uint64_t line = 0;
  while (start <= body.size()) {
    const std::size_t newline = body.find('\n', start);
    const std::size_t end = newline == std::string_view::npos ? body.size() : newline;
    std::string_view record = body.substr(start, end - start);
    ++line;
    if (!record.empty() && record.back() == '\r') record.remove_suffix(1);
    if (record.find_first_not_of(" \t") != std::string_view::npos) {
      Result<Article> article = ingest::parse_jsonl_record(record, Location{"", line, start, false});
      if (article) {
        records.emplace_back(std::move(article).value());
      } else {
        records.emplace_back(located(article.error(), record, start, line));
      }
    }
    if (newline == std::string_view::npos) break;
    start = newline + 1;
  }
  if (records.empty()) return make_error(ErrorKind::kEmptyInput, "the body holds no article");
  return records;
}

}  // namespace sipur::server
