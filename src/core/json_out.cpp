#include "core/json_out.h"

#include <cmath>
#include <cstdio>

#include "text/utf8.h"

namespace sipur {

namespace {

void append_escaped_valid(std::string& out, std::string_view s) {
  for (const char c : s) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      (void)std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
      out.append(buf);
    } else {
      out.push_back(c);
    }
  }
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
  (void)std::snprintf(buf, sizeof buf, "%.6g", v);
  out.append(buf);
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
