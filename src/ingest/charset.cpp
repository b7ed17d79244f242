#include "ingest/charset.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>

#include <simdjson.h>

#include <array>
#include <climits>
#include <memory>
#include <optional>
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

// ---------------------------------------------------------------- lenient decoding

// Longest prefix of a UTF-8 sequence at `i` that could still become valid (at least one byte): what
// one U+FFFD replaces (the "maximal subpart" of Unicode's recommended practice).
std::size_t bad_sequence_length(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  std::size_t want = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    want = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    want = 3;
    low = c == 0xE0 ? 0xA0 : 0x80;
    high = c == 0xED ? 0x9F : 0xBF;
  } else if (c >= 0xF0 && c <= 0xF4) {
    want = 4;
    low = c == 0xF0 ? 0x90 : 0x80;
    high = c == 0xF4 ? 0x8F : 0xBF;
  } else {
    return 1;
  }
  std::size_t n = 1;
  while (n < want && i + n < s.size()) {
    const auto next = static_cast<unsigned char>(s[i + n]);
    if (next < (n == 1 ? low : 0x80) || next > (n == 1 ? high : 0xBF)) break;
    ++n;
  }
  return n;
}

struct Utf8Census {
  std::size_t multibyte = 0;  // valid sequences of two bytes or more
  std::size_t invalid = 0;    // maximal subparts that are not UTF-8
};

Utf8Census census(std::string_view bytes) {
  Utf8Census out;
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto bad = text::first_invalid_utf8(bytes.substr(i));
    const std::size_t end = bad ? i + *bad : bytes.size();
    for (std::size_t k = i; k < end; ++k) {
      out.multibyte += (static_cast<unsigned char>(bytes[k]) & 0xC0) == 0xC0 ? 1 : 0;
    }
    if (!bad) break;
    ++out.invalid;
    i = end + bad_sequence_length(bytes, end);
  }
  return out;
}

// UTF-8 with every ill-formed subpart replaced by U+FFFD.
DecodedPage repair_utf8(std::string_view bytes) {
  DecodedPage out;
  out.charset = "utf-8";
  out.text.reserve(bytes.size());
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto bad = text::first_invalid_utf8(bytes.substr(i));
    if (!bad) {
      out.text.append(bytes.substr(i));
      break;
    }
    out.text.append(bytes.substr(i, *bad));
    if (out.replaced++ == 0) out.first_replaced = i + *bad;
    out.text.append("\xEF\xBF\xBD");
    i += *bad + bad_sequence_length(bytes, i + *bad);
  }
  return out;
}

struct Replacements {
  const char* base = nullptr;
  std::size_t count = 0;
  std::uint64_t first = 0;
};

// ICU's to-Unicode callback: every byte sequence that does not decode becomes one U+FFFD, counted.
void replace_and_count(const void* context, UConverterToUnicodeArgs* args, const char* /*units*/, int32_t length,
                       UConverterCallbackReason reason, UErrorCode* error) {
  if (reason > UCNV_IRREGULAR) return;  // reset, close, clone: nothing to replace
  auto* seen = static_cast<Replacements*>(const_cast<void*>(context));
  if (seen->count++ == 0 && args->source != nullptr && seen->base != nullptr) {
    const std::ptrdiff_t at = args->source - seen->base - length;
    seen->first = at > 0 ? static_cast<std::uint64_t>(at) : 0;
  }
  static constexpr UChar kReplacement = 0xFFFD;
  *error = U_ZERO_ERROR;
  ucnv_cbToUWriteUChars(args, &kReplacement, 1, 0, error);
}

// Bytes in a legacy charset ICU knows, undecodable ones replaced and counted; nullopt for a
// charset ICU does not know.
std::optional<DecodedPage> convert_lenient(std::string_view bytes, const std::string& charset) {
  UErrorCode status = U_ZERO_ERROR;
  const ConverterPtr converter(ucnv_open(charset.c_str(), &status));
  if (U_FAILURE(status) || !converter) return std::nullopt;
  Replacements seen{bytes.data()};
  status = U_ZERO_ERROR;
  ucnv_setToUCallBack(converter.get(), &replace_and_count, &seen, nullptr, nullptr, &status);
  if (U_FAILURE(status)) return std::nullopt;
  std::u16string wide;
  const char* source = bytes.data();
  const char* const source_end = bytes.data() + bytes.size();
  std::array<UChar, 8192> chunk{};
  do {
    UChar* target = chunk.data();
    status = U_ZERO_ERROR;
    ucnv_toUnicode(converter.get(), &target, chunk.data() + chunk.size(), &source, source_end, nullptr, true, &status);
    wide.append(chunk.data(), static_cast<std::size_t>(target - chunk.data()));
  } while (status == U_BUFFER_OVERFLOW_ERROR);
  if (U_FAILURE(status)) return std::nullopt;
  DecodedPage out;
  out.charset = charset;
  out.replaced = seen.count;
  out.first_replaced = seen.first;
  int32_t utf8_length = 0;
  status = U_ZERO_ERROR;
  const auto units = static_cast<int32_t>(wide.size());
  u_strToUTF8WithSub(nullptr, 0, &utf8_length, wide.data(), units, 0xFFFD, nullptr, &status);
  out.text.assign(static_cast<std::size_t>(utf8_length), '\0');
  status = U_ZERO_ERROR;
  u_strToUTF8WithSub(out.text.data(), utf8_length, nullptr, wide.data(), units, 0xFFFD, nullptr, &status);
  if (U_FAILURE(status)) return std::nullopt;
  std::string_view view(out.text);
  if (text::strip_bom(view) > 0) out.text.erase(0, 3);
  return out;
}

struct DetectorCloser {
  void operator()(UCharsetDetector* detector) const { ucsdet_close(detector); }
};

// The detector sees at most this much of a page: enough for its statistics, bounded in time.
constexpr std::size_t kDetectBytes = 256 << 10;

// Valid multi-byte sequences per bad one above which bytes are UTF-8 whatever the page declares.
constexpr std::size_t kMostlyUtf8 = 10;

}  // namespace

std::string detect_charset(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  const std::unique_ptr<UCharsetDetector, DetectorCloser> detector(ucsdet_open(&status));
  if (U_FAILURE(status) || !detector) return "";
  const std::string_view sample = bytes.substr(0, kDetectBytes);
  ucsdet_setText(detector.get(), sample.data(), static_cast<int32_t>(sample.size()), &status);
  ucsdet_enableInputFilter(detector.get(), 1);  // skip markup: tags are ASCII and say nothing
  const UCharsetMatch* match = ucsdet_detect(detector.get(), &status);
  if (U_FAILURE(status) || match == nullptr) return "";
  const char* name = ucsdet_getName(match, &status);
  if (U_FAILURE(status) || name == nullptr) return "";
  return lowercase(name);
}

Result<DecodedPage> decode_page(std::string_view bytes, std::string_view header_charset, const Location& where) {
  if (bytes.size() > (std::size_t{1} << 30)) return make_error(ErrorKind::kTooLarge, "page over 1 GiB", where);
  // A byte-order mark beats any label.
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    DecodedPage page = repair_utf8(bytes.substr(3));
    page.first_replaced += 3;
    page.charset_source = "bom";
    return page;
  }
  for (const auto& [mark, name] :
       {std::pair{std::string_view("\xFF\xFE"), "utf-16le"}, std::pair{std::string_view("\xFE\xFF"), "utf-16be"}}) {
    if (!bytes.starts_with(mark)) continue;
    if (auto page = convert_lenient(bytes.substr(2), name)) {
      page->first_replaced += 2;
      page->charset_source = "bom";
      return std::move(*page);
    }
  }
  std::string declared = canonical_charset(header_charset);
  std::string source = "header";
  if (declared.empty()) {
    declared = canonical_charset(sniff_html_charset(bytes));
    source = "meta";
    // A page whose bytes let us read its <meta> is not UTF-16, whatever it says (HTML spec).
    if (declared.starts_with("utf-16") || declared.starts_with("utf-32")) declared = "utf-8";
  }
  const bool declared_utf8 = declared == "utf-8";
  // Valid UTF-8 is UTF-8 whatever the label says: legacy text with letters beyond ASCII almost
  // never happens to be well-formed UTF-8. (simdjson's check: most pages pass it.)
  if (simdjson::validate_utf8(bytes.data(), bytes.size())) {
    DecodedPage page{std::string(bytes), "utf-8", declared_utf8 ? source : "default", 0, 0, ""};
    if (!declared.empty() && !declared_utf8 && !text::is_ascii(bytes)) {
      page.charset_source = "detected";
      page.doubt = "declared " + declared + ", but the bytes are UTF-8";
    }
    return page;
  }
  const Utf8Census utf8 = census(bytes);
  // A UTF-8 page with stray bytes stays UTF-8: when it says so, or says nothing, and has more valid
  // sequences than bad ones; whatever it says, when nearly all are valid.
  if (((declared_utf8 || declared.empty()) && utf8.invalid <= utf8.multibyte) ||
      utf8.invalid * kMostlyUtf8 <= utf8.multibyte) {
    DecodedPage page = repair_utf8(bytes);
    page.charset_source = declared_utf8 ? source : "detected";
    if (!declared.empty() && !declared_utf8) page.doubt = "declared " + declared + ", but the bytes are UTF-8";
    return page;
  }
  std::string doubt;
  if (!declared.empty() && !declared_utf8) {
    if (auto page = convert_lenient(bytes, declared)) {
      page->charset_source = source;
      return std::move(*page);
    }
    doubt = "unknown charset '" + declared + "'";
  } else if (declared_utf8) {
    doubt = "declared utf-8, but most of its non-ASCII bytes are not UTF-8";
  }
  // Nothing usable declared: ask the detector; windows-1252 (the web's default) if it cannot tell.
  std::string detected = canonical_charset(detect_charset(bytes));
  if (detected.empty() || detected == "utf-8" || detected.starts_with("utf-16") || detected.starts_with("utf-32")) {
    detected = "windows-1252";
  }
  std::optional<DecodedPage> page = convert_lenient(bytes, detected);
  if (!page) page = convert_lenient(bytes, "windows-1252");
  if (!page) return make_error(ErrorKind::kUnsupported, "no converter for windows-1252", where);
  page->charset_source = "detected";
  page->doubt = doubt.empty() ? doubt : doubt + ": read as " + page->charset;
  return std::move(*page);
}

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
