#include "core/time.h"

#include <array>
#include <cctype>

namespace sipur {
namespace {

// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Cursor {
  std::string_view s;
  std::size_t i = 0;
  bool done() const { return i >= s.size(); }
  char peek() const { return done() ? '\0' : s[i]; }
  bool eat(char c) {
    if (peek() != c) return false;
    ++i;
    return true;
  }
  // Reads exactly n digits.
  bool digits(int n, int& out) {
    out = 0;
    for (int k = 0; k < n; ++k) {
      if (done() || !std::isdigit(static_cast<unsigned char>(s[i]))) return false;
      out = out * 10 + (s[i++] - '0');
    }
    return true;
  }
  void skip_spaces() {
    while (!done() && s[i] == ' ') ++i;
  }
};

bool valid_date(int y, int m, int d) {
  static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= kDays[static_cast<std::size_t>(m - 1)];
}

std::optional<ParsedTime> parse_iso(std::string_view text) {
  Cursor c{text};
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
  if (!c.digits(4, y) || !c.eat('-') || !c.digits(2, mo) || !c.eat('-') || !c.digits(2, d)) return std::nullopt;
  if (!valid_date(y, mo, d)) return std::nullopt;
  ParsedTime out;
  if (c.eat('T') || c.eat(' ')) {
    if (!c.digits(2, h) || !c.eat(':') || !c.digits(2, mi)) return std::nullopt;
    if (c.eat(':') && !c.digits(2, se)) return std::nullopt;
    if (c.eat('.') || c.eat(',')) {
      while (!c.done() && std::isdigit(static_cast<unsigned char>(c.peek()))) ++c.i;
    }
    if (h > 23 || mi > 59 || se > 60) return std::nullopt;
    c.skip_spaces();
    int offset_minutes = 0;
    if (c.eat('Z') || c.eat('z')) {
      out.zone_known = true;
    } else if (c.peek() == '+' || c.peek() == '-') {
      const int sign = c.peek() == '-' ? -1 : 1;
      ++c.i;
      int oh = 0, om = 0;
      if (!c.digits(2, oh)) return std::nullopt;
      c.eat(':');
      if (!c.done() && !c.digits(2, om)) return std::nullopt;
      if (oh > 14 || om > 59) return std::nullopt;
      offset_minutes = sign * (oh * 60 + om);
      out.zone_known = true;
    }
    out.epoch_seconds = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 + h * 3600LL +
                        mi * 60LL + se - offset_minutes * 60LL;
  } else {
    out.epoch_seconds = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400;
  }
  if (!c.done()) return std::nullopt;
  return out;
}

// "Tue, 02 Apr 2019 10:00:00 GMT" (RFC 1123, as in HTTP headers).
std::optional<ParsedTime> parse_rfc1123(std::string_view text) {
  static constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto comma = text.find(',');
  if (comma == std::string_view::npos) return std::nullopt;
  Cursor c{text, comma + 1};
  c.skip_spaces();
  int d = 0, y = 0, h = 0, mi = 0, se = 0;
  if (!c.digits(2, d) || !c.eat(' ')) return std::nullopt;
  if (c.i + 3 > text.size()) return std::nullopt;
  const std::string_view mon = text.substr(c.i, 3);
  int mo = 0;
  for (std::size_t k = 0; k < kMonths.size(); ++k) {
    if (kMonths[k] == mon) mo = static_cast<int>(k) + 1;
  }
  if (mo == 0) return std::nullopt;
  c.i += 3;
  if (!c.eat(' ') || !c.digits(4, y) || !c.eat(' ') || !c.digits(2, h) || !c.eat(':') || !c.digits(2, mi) ||
      !c.eat(':') || !c.digits(2, se)) {
    return std::nullopt;
  }
  if (!valid_date(y, mo, d) || h > 23 || mi > 59 || se > 60) return std::nullopt;
  c.skip_spaces();
  const std::string_view zone = text.substr(c.i);
  if (zone != "GMT" && zone != "UTC" && zone != "+0000") return std::nullopt;
  return ParsedTime{
      days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 + h * 3600LL + mi * 60LL + se,
      true};
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<ParsedTime> parse_time(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  if (auto iso = parse_iso(text)) return iso;
  return parse_rfc1123(text);
}

namespace {

// `value` as exactly `width` decimal digits, zero-padded (value < 10^width).
void append_digits(std::string& out, unsigned value, int width) {
  char digits[10];
  for (int i = width - 1; i >= 0; --i) {
    digits[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out.append(digits, static_cast<std::size_t>(width));
}

}  // namespace

std::string format_time(const ParsedTime& time) {
  std::int64_t z = time.epoch_seconds / 86400;
  std::int64_t secs = time.epoch_seconds % 86400;
  if (secs < 0) {
    secs += 86400;
    --z;
  }
  // civil_from_days (H. Hinnant).
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2 ? 1 : 0;
  // Written digit by digit: this runs for every dated article, and
  // snprintf's format parsing cost more than the date arithmetic above.
  std::string out;
  out.reserve(21);
  if (y >= 0 && y <= 9999) {
    append_digits(out, static_cast<unsigned>(y), 4);
  } else {
    out += std::to_string(y);  // outside ISO 8601's four digits; parse_time never gives these
  }
  out += '-';
  append_digits(out, m, 2);
  out += '-';
  append_digits(out, d, 2);
  out += 'T';
  append_digits(out, static_cast<unsigned>(secs / 3600), 2);
  out += ':';
  append_digits(out, static_cast<unsigned>(secs / 60 % 60), 2);
  out += ':';
  append_digits(out, static_cast<unsigned>(secs % 60), 2);
  if (time.zone_known) out += 'Z';
  return out;
}

}  // namespace sipur
