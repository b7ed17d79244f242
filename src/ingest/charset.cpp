#include "ingest/charset.h"

#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#include <array>
#include <climits>
#include <memory>
#include <utility>

#include "text/utf8.h"

namespace sipur::ingest {
namespace {

struct ConverterCloser {
  void operator()(UConverter* converter) const { ucnv_close(converter); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string_view strip_quotes(std::string_view s) {
  s = trim(s);
  while (!s.empty() && (s.front() == '"' || s.front() == '\'')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == '"' || s.back() == '\'')) s.remove_suffix(1);
  return trim(s);
}

// Labels whose real-world meaning differs from ICU's reading of the name. Pages
// labelled Latin-1 or ASCII are in practice windows-1252 (the WHATWG Encoding
// standard says so too), and the "-i" (implicit order) Hebrew label is the same
// byte-to-character table as visual ISO-8859-8.
std::string canonical_charset(std::string_view label) {
  std::string name = lowercase(strip_quotes(label));
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 9> kAliases = {{
      {"utf8", "utf-8"},
      {"unicode-1-1-utf-8", "utf-8"},
      {"iso-8859-8-i", "iso-8859-8"},
      {"csiso88598i", "iso-8859-8"},
      {"logical", "iso-8859-8"},
      {"iso-8859-1", "windows-1252"},
      {"latin1", "windows-1252"},
      {"us-ascii", "windows-1252"},
      {"ascii", "windows-1252"},
  }};
  for (const auto& [alias, target] : kAliases) {
    if (name == alias) return std::string(target);
  }
  return name;
}

Result<std::string> validate_utf8(std::string_view bytes, const Location& where) {
  const std::size_t bom = text::strip_bom(bytes);
  if (const auto bad = text::first_invalid_utf8(bytes)) {
    const std::uint64_t offset = (where.has_offset ? where.offset : 0) + bom + *bad;
    return make_error(ErrorKind::kInvalidUtf8, "invalid UTF-8 at byte " + std::to_string(bom + *bad),
                      Location{where.file, where.line, offset, true});
  }
  return std::string(bytes);
}

// Legacy charset -> UTF-16 -> UTF-8, each step preflighted for its exact size.
Result<std::string> convert(std::string_view bytes, const std::string& charset, const Location& where) {
  if (bytes.size() > static_cast<std::size_t>(INT32_MAX / 2)) {
    return make_error(ErrorKind::kTooLarge, "too large to convert from " + charset, where);
  }
  UErrorCode status = U_ZERO_ERROR;
  const ConverterPtr converter(ucnv_open(charset.c_str(), &status));
  if (U_FAILURE(status) || !converter) {
    return make_error(ErrorKind::kUnsupported, "unknown charset '" + charset + "'", where);
  }
  const auto length = static_cast<int32_t>(bytes.size());
  status = U_ZERO_ERROR;
  const int32_t units = ucnv_toUChars(converter.get(), nullptr, 0, bytes.data(), length, &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) {
    return make_error(ErrorKind::kUnsupported, std::string("cannot decode ") + charset + ": " + u_errorName(status),
                      where);
  }
  std::u16string wide(static_cast<std::size_t>(units), u'\0');
  status = U_ZERO_ERROR;
  ucnv_toUChars(converter.get(), wide.data(), units, bytes.data(), length, &status);
  if (U_FAILURE(status) && status != U_STRING_NOT_TERMINATED_WARNING) {
    return make_error(ErrorKind::kUnsupported, std::string("cannot decode ") + charset + ": " + u_errorName(status),
                      where);
  }
  int32_t utf8_length = 0;
  status = U_ZERO_ERROR;
  u_strToUTF8WithSub(nullptr, 0, &utf8_length, wide.data(), units, 0xFFFD, nullptr, &status);
  std::string out(static_cast<std::size_t>(utf8_length), '\0');
  status = U_ZERO_ERROR;
  u_strToUTF8WithSub(out.data(), utf8_length, nullptr, wide.data(), units, 0xFFFD, nullptr, &status);
  if (U_FAILURE(status)) {
    return make_error(ErrorKind::kUnsupported, std::string("cannot encode UTF-8: ") + u_errorName(status), where);
  }
  std::string_view view(out);
  if (text::strip_bom(view) > 0) out.erase(0, 3);
  return out;
}

// The value after "charset" (optionally spaced, then '='), up to a quote, ';',
// space or '>'; "" when `s` holds no such assignment.
std::string charset_value_after(std::string_view s) {
  std::size_t from = 0;
  while ((from = s.find("charset", from)) != std::string_view::npos) {
    std::size_t i = from + 7;
    from = i;
    while (i < s.size() && is_space(s[i])) ++i;
    if (i >= s.size() || s[i] != '=') continue;
    ++i;
    while (i < s.size() && (is_space(s[i]) || s[i] == '"' || s[i] == '\'')) ++i;
    std::size_t end = i;
    while (end < s.size() && !is_space(s[end]) && s[end] != '"' && s[end] != '\'' && s[end] != ';' && s[end] != '>' &&
           s[end] != '/') {
      ++end;
    }
    if (end > i) return std::string(s.substr(i, end - i));
  }
  return "";
}

}  // namespace

Result<std::string> to_utf8(std::string_view bytes, std::string_view charset, const Location& where) {
  const std::string name = canonical_charset(charset);
  if (name.empty() || name == "utf-8") return validate_utf8(bytes, where);
  return convert(bytes, name, where);
}

std::string sniff_html_charset(std::string_view html) {
  const std::string head = lowercase(html.substr(0, 4096));
  // An XML declaration names the encoding of XHTML served as XML.
  if (head.starts_with("<?xml")) {
    const std::size_t end = head.find("?>");
    const std::string_view decl = std::string_view(head).substr(0, end);
    const std::size_t at = decl.find("encoding");
    if (at != std::string_view::npos) {
      std::string_view rest = trim(decl.substr(at + 8));
      if (!rest.empty() && rest.front() == '=') {
        rest = strip_quotes(rest.substr(1));
        const std::size_t stop = rest.find_first_of("\"' ");
        if (!rest.empty()) return std::string(rest.substr(0, stop));
      }
    }
  }
  std::size_t from = 0;
  while ((from = head.find("<meta", from)) != std::string::npos) {
    const std::size_t end = head.find('>', from);
    const std::string_view tag = std::string_view(head).substr(from, end == std::string::npos ? end : end - from);
    from += 5;
    std::string value = charset_value_after(tag);
    if (!value.empty()) return value;
  }
  return "";
}

std::string charset_from_content_type(std::string_view content_type) {
  std::string_view rest = content_type;
  while (!rest.empty()) {
    const std::size_t semi = rest.find(';');
    const std::string_view param = trim(rest.substr(0, semi));
    rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
    const std::size_t eq = param.find('=');
    if (eq == std::string_view::npos || lowercase(trim(param.substr(0, eq))) != "charset") continue;
    return lowercase(strip_quotes(param.substr(eq + 1)));
  }
  return "";
}

}  // namespace sipur::ingest
