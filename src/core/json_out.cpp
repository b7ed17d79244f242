#include "core/json_out.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "text/utf8.h"

namespace sipur {

namespace {

void append_escaped_valid(std::string& out, std::string_view s) {
  // Runs that need no escape are appended whole.
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20) continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else {
      char buf[8];
      (void)std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
      out.append(buf);
    }
  }
  out.append(s.data() + run, s.size() - run);
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  out.push_back('"');
  // Valid runs are copied with escapes; each ill-formed byte becomes U+FFFD.
  while (!s.empty()) {
    const auto bad = text::first_invalid_utf8(s);
    if (!bad) {
      append_escaped_valid(out, s);
      break;
    }
    append_escaped_valid(out, s.substr(0, *bad));
    out.append("\xEF\xBF\xBD");
    s.remove_prefix(*bad + 1);
  }
  out.push_back('"');
}

void append_json_number(std::string& out, double v) {
  if (!std::isfinite(v)) {
    out.append("null");
    return;
  }
  char buf[32];
  const auto written = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 6);
  out.append(buf, written.ptr);
}

void append_json_strings(std::string& out, const std::vector<std::string>& items) {
  out.push_back('[');
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out.push_back(',');
    append_json_string(out, items[i]);
  }
  out.push_back(']');
}

}  // namespace sipur
