// Internal to the WARC reader: the HTTP message inside a `response` record.
// Parses the status line and headers and undoes the transfer and content
// codings (chunked, gzip, deflate) of the body. The header-field helpers are
// shared with the WARC record headers, which use the same "Name: value" syntax.
#pragma once

#include <charconv>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "core/error.h"

namespace sipur::ingest::detail {

// ---------------------------------------------------------------- header fields

std::string_view trim(std::string_view s);  // spaces and tabs around, a CR at the end
std::string lower(std::string_view s);
bool iequals(std::string_view a, std::string_view b);  // ASCII case-insensitive

// The whole text must be the number: "12x", "+12" and "" are not lengths.
template <class T>
std::optional<T> parse_number(std::string_view s, int base = 10) {
  if (s.empty()) return std::nullopt;
  T value{};
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value, base);
  if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  return value;
}

struct Header {
  std::string name;
  std::string value;
};
using Headers = std::vector<Header>;

// Both WARC and HTTP header names are case-insensitive; the first occurrence wins.
std::optional<std::string_view> find_header(const Headers& headers, std::string_view name);

// Adds a "Name: value" line, or a folded continuation line, to `headers`;
// false if the line is neither (or there are already too many headers).
bool add_header_line(std::string_view line, Headers& headers);

// ---------------------------------------------------------------- HTTP messages

struct HttpResponse {
  int status = 0;
  Headers headers;
  std::string_view body;  // points into the parsed block
  bool complete = false;  // the blank line ending the headers was found
};

// nullopt when the block does not start with an HTTP status line.
std::optional<HttpResponse> parse_http(std::string_view block);

// The body with transfer codings (the outer layer) and then content codings undone, each
// list last-applied first. Decoded output over `max` bytes gives kTooLarge; a cut-short
// body kTruncated, corrupt data kInvalidInput, an unknown coding kUnsupported.
[[nodiscard]] Result<std::string> decode_payload(const HttpResponse& http, std::size_t max, const Location& where);

}  // namespace sipur::ingest::detail
