// Internal to the WARC reader: HTTP payload handling (declared in http_payload.h).
#include "ingest/http_payload.h"

#define ZLIB_CONST
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdint>
#include <utility>

namespace sipur::ingest::detail {
namespace {

constexpr std::size_t kInflateStepBytes = std::size_t{64} << 10;  // zlib output per inflate() call
constexpr std::size_t kMaxHeaders = 1024;                         // per WARC record or HTTP message

// Splits off the next line without its CR LF (or bare LF); false when no newline is left.
bool next_line(std::string_view& rest, std::string_view& line) {
  const auto nl = rest.find('\n');
  if (nl == std::string_view::npos) return false;
  line = rest.substr(0, nl);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  rest.remove_prefix(nl + 1);
  return true;
}

// Codings in the order they were applied, lowercased; "identity" is dropped.
std::vector<std::string> coding_list(std::optional<std::string_view> value) {
  std::vector<std::string> out;
  std::string_view rest = value.value_or("");
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    std::string token = lower(trim(rest.substr(0, comma)));
    if (!token.empty() && token != "identity") out.push_back(std::move(token));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
  }
  return out;
}

// Some crawlers store the payload already decoded but keep the encoding
// header; compressed data never starts with '<', so such pages pass as is.
bool looks_like_markup(std::string_view data) {
  const auto first = data.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && data[first] == '<';
}

Result<std::string> dechunk(std::string_view data, const Location& where) {
  std::string out;
  std::string_view rest = data;
  for (bool first = true;; first = false) {
    std::string_view line;
    const bool has_line = next_line(rest, line);
    const auto size = has_line ? parse_number<std::uint64_t>(trim(line.substr(0, line.find(';'))), 16) : std::nullopt;
    // Like warcio: a body stored already de-chunked (header kept) is taken as is.
    if (!size && first) return std::string(data);
    if (!has_line) return make_error(ErrorKind::kTruncated, "chunked HTTP body cut short", where);
    if (!size) return make_error(ErrorKind::kInvalidInput, "bad chunk size in chunked HTTP body", where);
    if (*size == 0) return out;  // trailers, if any, carry nothing we use
    if (*size > rest.size()) return make_error(ErrorKind::kTruncated, "HTTP body chunk cut short", where);
    out.append(rest.substr(0, *size));
    rest.remove_prefix(*size);
    const std::size_t eol = rest.starts_with("\r\n") ? 2 : rest.starts_with("\n") ? 1 : 0;
    if (rest.empty()) return make_error(ErrorKind::kTruncated, "chunked HTTP body cut short", where);
    if (eol == 0) return make_error(ErrorKind::kInvalidInput, "HTTP body chunk not followed by CRLF", where);
    rest.remove_prefix(eol);
  }
}

// Owns a z_stream set up for inflating.
struct Inflater {
  explicit Inflater(int window_bits) : live(inflateInit2(&z, window_bits) == Z_OK) {}
  ~Inflater() {
    if (live) inflateEnd(&z);
  }
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;

  z_stream z{};  // declared first: live's initializer uses it
  bool live;
};

// Inflates gzip or zlib data (window_bits 15+32 detects which) or raw
// deflate (-15); output is capped at `max` bytes against compression bombs.
Result<std::string> inflate_bytes(std::string_view in, int window_bits, std::size_t max, const Location& where) {
  Inflater inflater(window_bits);
  if (!inflater.live) return make_error(ErrorKind::kIo, "zlib could not start inflating", where);
  z_stream& z = inflater.z;
  std::string out;
  std::vector<char> buffer(kInflateStepBytes);
  std::size_t fed = 0;
  for (;;) {
    if (z.avail_in == 0 && fed < in.size()) {  // avail_in is 32-bit; feed in slices
      const std::size_t slice = std::min<std::size_t>(in.size() - fed, UINT_MAX);
      z.next_in = reinterpret_cast<const Bytef*>(in.data() + fed);
      z.avail_in = static_cast<uInt>(slice);
      fed += slice;
    }
    z.next_out = reinterpret_cast<Bytef*>(buffer.data());
    z.avail_out = static_cast<uInt>(buffer.size());
    const int rc = inflate(&z, Z_NO_FLUSH);
    const std::size_t produced = buffer.size() - z.avail_out;
    if (produced > max - out.size()) {
      return make_error(ErrorKind::kTooLarge, "decoded HTTP body over " + std::to_string(max) + " bytes", where);
    }
    out.append(buffer.data(), produced);
    if (rc == Z_STREAM_END) return out;
    const bool starved = z.avail_in == 0 && fed == in.size() && z.avail_out != 0;
    if (rc == Z_BUF_ERROR || (rc == Z_OK && starved)) {
      return make_error(ErrorKind::kTruncated, "compressed HTTP body cut short", where);
    }
    if (rc != Z_OK) {
      const std::string why = z.msg != nullptr ? z.msg : "error " + std::to_string(rc);
      return make_error(ErrorKind::kInvalidInput, "bad compressed HTTP body: " + why, where);
    }
  }
}

Result<std::string> undo_coding(const std::string& coding, std::string data, std::size_t max, const Location& where) {
  if (coding == "chunked") return dechunk(data, where);
  const bool gzip = coding == "gzip" || coding == "x-gzip";
  if (!gzip && coding != "deflate") {
    return make_error(ErrorKind::kUnsupported, "unsupported HTTP encoding \"" + coding + "\"", where);
  }
  if (looks_like_markup(data)) return data;
  auto inflated = inflate_bytes(data, 15 + 32, max, where);
  // HTTP "deflate" is meant to be zlib-wrapped, but many servers send raw deflate.
  if (!inflated && !gzip && inflated.error().kind == ErrorKind::kInvalidInput) {
    auto raw = inflate_bytes(data, -15, max, where);
    if (raw) return raw;
  }
  return inflated;
}

}  // namespace

// ---------------------------------------------------------------- header fields

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && lower(a) == lower(b);
}

std::optional<std::string_view> find_header(const Headers& headers, std::string_view name) {
  for (const Header& h : headers) {
    if (iequals(h.name, name)) return std::string_view(h.value);
  }
  return std::nullopt;
}

bool add_header_line(std::string_view line, Headers& headers) {
  if (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
    if (headers.empty()) return false;
    headers.back().value += ' ';
    headers.back().value += trim(line);
    return true;
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos || headers.size() >= kMaxHeaders) return false;
  const std::string_view name = trim(line.substr(0, colon));
  if (name.empty()) return false;
  headers.push_back(Header{std::string(name), std::string(trim(line.substr(colon + 1)))});
  return true;
}

// ---------------------------------------------------------------- HTTP messages

std::optional<HttpResponse> parse_http(std::string_view block) {
  std::string_view rest = block;
  std::string_view line;
  const bool has_newline = next_line(rest, line);
  if (!has_newline) line = block, rest = {};
  if (!line.starts_with("HTTP/")) return std::nullopt;
  const auto space = line.find(' ');
  if (space == std::string_view::npos) return std::nullopt;
  std::string_view code = trim(line.substr(space + 1));
  code = code.substr(0, code.find(' '));
  const auto status = parse_number<int>(code);
  if (!status || *status < 100 || *status > 999) return std::nullopt;
  HttpResponse response;
  response.status = *status;
  while (has_newline && next_line(rest, line)) {
    if (line.empty()) {
      response.body = rest;
      response.complete = true;
      break;
    }
    add_header_line(line, response.headers);  // junk header lines are ignored, as browsers do
  }
  return response;
}

Result<std::string> decode_payload(const HttpResponse& http, std::size_t max, const Location& where) {
  std::string data(http.body);
  std::vector<std::string> codings = coding_list(find_header(http.headers, "Content-Encoding"));
  const std::vector<std::string> transfer = coding_list(find_header(http.headers, "Transfer-Encoding"));
  codings.insert(codings.end(), transfer.begin(), transfer.end());
  for (auto it = codings.rbegin(); it != codings.rend(); ++it) {
    auto decoded = undo_coding(*it, std::move(data), max, where);
    if (!decoded) return decoded.error();
    data = std::move(decoded).value();
  }
  return data;
}

}  // namespace sipur::ingest::detail
