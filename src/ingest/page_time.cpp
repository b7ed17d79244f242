// Dates in URLs and datelines (declared in page_time.h).
#include "ingest/page_time.h"

#include <array>
#include <string>
#include <vector>

#include "text/utf8.h"

namespace sipur::ingest {
namespace {

constexpr std::int64_t k1990 = 631152000;  // 1990-01-01T00:00:00Z
constexpr std::size_t kDatelineLines = 6;
constexpr std::size_t kShortLineWords = 12;
constexpr std::size_t kOpeningWords = 5;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

int to_int(std::string_view digits) {
  int value = 0;
  for (const char c : digits) value = value * 10 + (c - '0');
  return value;
}

// A day as parse_time reads it ("2019-04-02"), if the parts make a plausible date.
std::optional<ParsedTime> make_date(int year, int month, int day) {
  if (year < 1990 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  std::string iso = std::to_string(year) + '-';
  iso += static_cast<char>('0' + month / 10);
  iso += static_cast<char>('0' + month % 10);
  iso += '-';
  iso += static_cast<char>('0' + day / 10);
  iso += static_cast<char>('0' + day % 10);
  return parse_time(iso);
}

struct DigitRun {
  std::size_t begin;
  std::size_t end;
};

std::vector<DigitRun> digit_runs(std::string_view s) {
  std::vector<DigitRun> runs;
  for (std::size_t i = 0; i < s.size();) {
    if (!is_digit(s[i])) {
      ++i;
      continue;
    }
    const std::size_t b = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    runs.push_back({b, i});
  }
  return runs;
}

// Month names of the languages sipur meets most, lowercase (ASCII letters lowered only).
struct MonthName {
  std::string_view name;
  int month;
};
constexpr std::array<MonthName, 84> kMonths = {{
    {"january", 1},    {"february", 2},  {"march", 3},       {"april", 4},      {"may", 5},       {"june", 6},
    {"july", 7},       {"august", 8},    {"september", 9},   {"october", 10},   {"november", 11}, {"december", 12},
    {"jan", 1},        {"feb", 2},       {"mar", 3},         {"apr", 4},        {"jun", 6},       {"jul", 7},
    {"aug", 8},        {"sep", 9},       {"sept", 9},        {"oct", 10},       {"nov", 11},      {"dec", 12},
    {"januar", 1},     {"februar", 2},   {"m\xC3\xA4rz", 3}, {"mai", 5},        {"juni", 6},      {"juli", 7},
    {"oktober", 10},   {"dezember", 12}, {"jänner", 1},      {"okt", 10},       {"dez", 12},      {"janvier", 1},
    {"février", 2},    {"mars", 3},      {"avril", 4},       {"juin", 6},       {"juillet", 7},   {"août", 8},
    {"septembre", 9},  {"octobre", 10},  {"novembre", 11},   {"décembre", 12},  {"enero", 1},     {"febrero", 2},
    {"marzo", 3},      {"abril", 4},     {"mayo", 5},        {"junio", 6},      {"julio", 7},     {"agosto", 8},
    {"septiembre", 9}, {"octubre", 10},  {"noviembre", 11},  {"diciembre", 12}, {"ינואר", 1},     {"פברואר", 2},
    {"מרץ", 3},        {"מרס", 3},       {"אפריל", 4},       {"מאי", 5},        {"יוני", 6},      {"יולי", 7},
    {"אוגוסט", 8},     {"ספטמבר", 9},    {"אוקטובר", 10},    {"נובמבר", 11},    {"דצמבר", 12},    {"gennaio", 1},
    {"febbraio", 2},   {"aprile", 4},    {"maggio", 5},      {"giugno", 6},     {"luglio", 7},    {"settembre", 9},
    {"ottobre", 10},   {"dicembre", 12}, {"stycznia", 1},    {"lutego", 2},     {"marca", 3},     {"kwietnia", 4},
}};

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}

int month_of(std::string_view word) {
  std::string w = ascii_lower(word);
  while (!w.empty() && w.back() == '.') w.pop_back();
  for (int pass = 0; pass < 2; ++pass) {
    for (const MonthName& m : kMonths) {
      if (w == m.name) return m.month;
    }
    if (!w.starts_with("\xD7\x91")) break;  // Hebrew "ב" before a month: "באפריל"
    w.erase(0, 2);
  }
  return 0;
}

// "2", "02", "2." as a day number; 0 if the word is none.
int day_of(std::string_view word) {
  if (word.ends_with('.')) word.remove_suffix(1);
  if (word.empty() || word.size() > 2) return 0;
  for (const char c : word) {
    if (!is_digit(c)) return 0;
  }
  return to_int(word);
}

int year_of(std::string_view word) {
  if (word.size() != 4) return 0;
  for (const char c : word) {
    if (!is_digit(c)) return 0;
  }
  return to_int(word);
}

// "02.04.2019", "2.4.2019", "2019-04-02" as one word.
std::optional<ParsedTime> numeric_date(std::string_view word) {
  const std::vector<DigitRun> runs = digit_runs(word);
  if (runs.size() != 3 || runs.front().begin != 0 || runs.back().end != word.size()) return std::nullopt;
  const char sep1 = word[runs[0].end];
  const char sep2 = word[runs[1].end];
  if (runs[1].begin != runs[0].end + 1 || runs[2].begin != runs[1].end + 1 || sep1 != sep2) return std::nullopt;
  const auto part = [&](std::size_t k) { return word.substr(runs[k].begin, runs[k].end - runs[k].begin); };
  if (sep1 == '-' && part(0).size() == 4) return make_date(to_int(part(0)), to_int(part(1)), to_int(part(2)));
  if (sep1 == '.' && part(2).size() == 4 && part(0).size() <= 2 && part(1).size() <= 2) {
    return make_date(to_int(part(2)), to_int(part(1)), to_int(part(0)));
  }
  return std::nullopt;
}

std::vector<std::string_view> first_words(std::string_view text, std::size_t limit) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  const auto separates = [](char c) {
    return text::is_ascii_space(c) || c == ',' || c == '(' || c == ')' || c == '|' || c == ';' || c == '/';
  };
  while (i < text.size() && words.size() < limit) {
    while (i < text.size() && separates(text[i])) ++i;
    const std::size_t b = i;
    while (i < text.size() && !separates(text[i])) ++i;
    if (i > b) words.push_back(text.substr(b, i - b));
  }
  return words;
}

}  // namespace

std::optional<ParsedTime> date_in_url(std::string_view url) {
  const std::size_t scheme = url.find("://");
  std::string_view path = scheme == std::string_view::npos ? url : url.substr(scheme + 3);
  const std::size_t slash = path.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  path = path.substr(slash);
  path = path.substr(0, path.find_first_of("?#"));
  const std::vector<DigitRun> runs = digit_runs(path);
  const auto part = [&](std::size_t k) { return path.substr(runs[k].begin, runs[k].end - runs[k].begin); };
  for (std::size_t k = 0; k < runs.size(); ++k) {
    const std::string_view run = part(k);
    if (run.size() == 8) {  // /20190402/
      if (auto date = make_date(to_int(run.substr(0, 4)), to_int(run.substr(4, 2)), to_int(run.substr(6, 2)))) {
        return date;
      }
    }
    if (run.size() != 4 || k + 2 >= runs.size()) continue;
    const char sep = path[runs[k].end];
    if ((sep != '/' && sep != '-') || runs[k + 1].begin != runs[k].end + 1 || path[runs[k + 1].end] != sep ||
        runs[k + 2].begin != runs[k + 1].end + 1 || part(k + 1).size() > 2 || part(k + 2).size() > 2) {
      continue;
    }
    if (auto date = make_date(to_int(run), to_int(part(k + 1)), to_int(part(k + 2)))) return date;
  }
  return std::nullopt;
}

namespace {

std::optional<ParsedTime> date_in_words(const std::vector<std::string_view>& words) {
  for (std::size_t k = 0; k < words.size(); ++k) {
    if (auto date = numeric_date(words[k])) return date;
    if (k + 2 < words.size()) {
      // "2. April 2019", "2 avril 2019"; "2 de abril de 2019" has its "de"s skipped below.
      if (const int day = day_of(words[k]); day > 0) {
        std::size_t m = k + 1;
        if (words[m] == "de" && m + 1 < words.size()) ++m;
        const int month = month_of(words[m]);
        std::size_t y = m + 1;
        if (y < words.size() && words[y] == "de" && y + 1 < words.size()) ++y;
        if (month > 0 && y < words.size()) {
          if (auto date = make_date(year_of(words[y]), month, day)) return date;
        }
      }
      // "April 2, 2019"
      if (const int month = month_of(words[k]); month > 0) {
        if (auto date = make_date(year_of(words[k + 2]), month, day_of(words[k + 1]))) return date;
      }
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<ParsedTime> dateline(std::string_view text) {
  // The first lines: a short one (a byline, "24. März 2004, 19:49 | Genesis") anywhere, a long one
  // (a paragraph opening "BERLIN, 2. April 2019 -") in its first words only: a date later in a
  // sentence is what the text is about, not when it was written.
  for (std::size_t line = 0; line < kDatelineLines && !text.empty(); ++line) {
    const std::size_t nl = text.find('\n');
    const std::string_view this_line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    std::vector<std::string_view> words = first_words(this_line, kShortLineWords + 1);
    if (words.size() > kShortLineWords) words.resize(kOpeningWords);
    if (auto date = date_in_words(words)) return date;
  }
  return std::nullopt;
}

bool plausible_publication(const ParsedTime& time, std::int64_t reference) {
  return time.epoch_seconds >= k1990 && time.epoch_seconds <= reference + 86400;
}

}  // namespace sipur::ingest
