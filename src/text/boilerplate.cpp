#include "text/boilerplate.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <span>
#include <string>

#include "text/normalize.h"
#include "text/utf8.h"

namespace sipur::text {
namespace {

struct Line {
  std::size_t begin = 0;
  std::size_t end = 0;  // excludes '\n'
  bool removed = false;
  // A span inside the line that goes (inline credit); begin == end if none.
  std::size_t cut_begin = 0;
  std::size_t cut_end = 0;
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The rules below read clean text as matching does (text::fold_punctuation):
// clean text keeps ״ ־ ” ׃ as written, and "צילום׃" is a credit as
// "צילום:" is. `prefix` folds to itself (ASCII or Hebrew letters).
bool starts_with_folded(std::string_view s, std::string_view prefix) {
  std::size_t same = 0;
  while (same < s.size() && same < prefix.size() && s[same] == prefix[same]) ++same;
  if (same == prefix.size()) return true;
  // Only a character that folds makes up for a difference, and all but the
  // backtick are beyond ASCII: nearly every line is turned away here.
  if (same == s.size() || (static_cast<unsigned char>(s[same]) < 0x80 && s[same] != '`')) return false;
  std::size_t i = 0;
  std::size_t j = 0;
  while (j < prefix.size()) {
    if (i >= s.size() || fold_punctuation(next_code_point(s, i)) != next_code_point(prefix, j)) return false;
  }
  return true;
}

bool starts_with_any(std::string_view s, std::initializer_list<std::string_view> prefixes) {
  return std::any_of(prefixes.begin(), prefixes.end(), [&](std::string_view p) { return s.starts_with(p); });
}

std::size_t count_words(std::string_view s) {
  std::size_t words = 0;
  bool in_word = false;
  for (const char c : s) {
    const bool space = c == ' ' || c == '\t' || c == '\n';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

// Headings that open a list of other articles; everything after them is the
// list (seed 004: "עוד כתבות שיעניינו אותך" followed by headlines and bylines).
enum class HeadingMatch { kNone, kPrefix, kWholeLine };

constexpr std::array<std::string_view, 16> kHeadings = {
    "עוד כתבות שיעניינו אותך", "כתבות נוספות",    "כתבות קשורות", "עוד באותו נושא",
    "אולי יעניין אותך",        "עוד כתבות",       "המומלצים",     "Related articles",
    "Related Articles",        "Related stories", "More stories", "You may also like",
    "Recommended for you",     "More from",       "Most read",    "Read next"};

// The bytes a heading can start with: every paragraph of every article is
// checked, most of them turned away by their first byte.
constexpr std::array<bool, 256> kHeadingFirstBytes = [] {
  std::array<bool, 256> first{};
  for (std::string_view h : kHeadings) first[static_cast<unsigned char>(h.front())] = true;
  return first;
}();

HeadingMatch match_related_heading(std::string_view line) {
  if (line.empty() || !kHeadingFirstBytes[static_cast<unsigned char>(line.front())]) return HeadingMatch::kNone;
  // Headings hold no character that folds; a colon after them may be sof
  // pasuq ("כתבות נוספות׃"), which clean text keeps as written.
  while (!line.empty()) {
    if (line.back() == ':' || line.back() == ' ') {
      line.remove_suffix(1);
    } else if (line.ends_with("\u05C3")) {
      line.remove_suffix(2);
    } else {
      break;
    }
  }
  HeadingMatch best = HeadingMatch::kNone;
  for (std::string_view h : kHeadings) {
    if (line == h) {
      best = HeadingMatch::kWholeLine;
      break;
    }
    if (line.starts_with(h)) best = HeadingMatch::kPrefix;
  }
  // Words are counted only for a line that starts like a heading: every
  // paragraph of every article comes through here.
  return best != HeadingMatch::kNone && count_words(line) > 8 ? HeadingMatch::kNone : best;
}

// Inline promotion runs inserted into the body by the publisher; `line`
// read as matching reads it.
bool is_folded_promo(std::string_view line) {
  if (starts_with_any(line,
                      {"עוד בוואלה",    "עוד ב-ynet",    "עוד בynet",  "עוד במאקו", "עוד באתר",     "קראו עוד",
                       "קראו גם",       "לכתבות נוספות", "Read more",  "READ MORE", "Read also",    "READ ALSO",
                       "Also read",     "ALSO READ",     "Related:",   "RELATED:",  "Recommended:", "Advertisement",
                       "ADVERTISEMENT", "Click here",    "Sign up for"})) {
    return true;
  }
  // "עוד ב<outlet>!": the outlet's own promotions shout; "עוד בשבוע שעבר"
  // without an exclamation mark is a sentence.
  if (line.starts_with("עוד ב")) {
    const std::size_t bang = line.find('!');
    if (bang != std::string_view::npos && bang < 48) return true;
  }
  // "Read  Why did …": a promoted headline after a bare "Read" (the double
  // space is gone once spaces collapse), a short paragraph of its own.
  if (line.starts_with("Read ") && line.size() > 5 && line[5] >= 'A' && line[5] <= 'Z') {
    return count_words(line) <= 20;
  }
  return line.starts_with("Read: ") || line.starts_with("READ: ");
}

bool is_promo(std::string_view line) {
  // Only a Hebrew promotion can hold what folds ("עוד ב־ynet", with a maqaf),
  // and the "!" after "עוד ב" is counted in bytes of the folded line.
  if (line.starts_with("עוד ב") && has_foldable_punctuation(line)) return is_folded_promo(fold_punctuation(line));
  return is_folded_promo(line);
}

constexpr std::array<std::string_view, 24> kCreditStarts = {
    "צילום:",  "צילום :", "צילומים:", "קרדיט:",  "קרדיט :", "Photo:", "Photo by ", "Photos:",
    "Credit:", "Image:",  "Picture:", "(צילום",  "(קרדיט",  "(Photo", "(Credit",   "(Image",
    "Foto:",   "Fotos:",  "Bild:",    "Bilder:", "Photo :", "(Foto",  "(Bild",     "Bildquelle:"};

// The first bytes find_inline_credit filters on before it compares.
constexpr bool passes_credit_filter(std::string_view p) {
  const char c = p[0];
  return c == '(' || c == 'P' || c == 'C' || c == 'I' || c == 'F' || c == 'B' ||
         (c == '\xD7' && (p[1] == '\xA6' || p[1] == '\xA7'));
}
static_assert(std::all_of(kCreditStarts.begin(), kCreditStarts.end(), passes_credit_filter),
              "a credit start that find_inline_credit's first-bytes filter would skip");

bool is_credit_start(std::string_view s) {
  return std::any_of(kCreditStarts.begin(), kCreditStarts.end(),
                     [&](std::string_view p) { return starts_with_folded(s, p); });
}

// Finds an inline credit in a line: a parenthesised one anywhere, or an
// unparenthesised one running to the end of the line. Returns [begin, end)
// relative to the line, or begin == end.
std::pair<std::size_t, std::size_t> find_inline_credit(std::string_view line) {
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (i > 0 && line[i - 1] != ' ' && line[i] != '(') continue;
    // Cheap filter: every credit start begins with "(", "P", "C", "I", "F", "B", or
    // the Hebrew letters צ (0xD7 0xA6) or ק (0xD7 0xA7) (checked at compile time).
    if (i + 1 >= line.size() || !passes_credit_filter(line.substr(i, 2))) continue;
    const std::string_view rest = line.substr(i);
    if (!is_credit_start(rest)) continue;
    if (rest.front() == '(') {
      const std::size_t close = rest.find(')');
      if (close != std::string_view::npos) return {i, i + close + 1};
      continue;
    }
    // Unparenthesised: only as the tail of a line, and only if short.
    if (count_words(rest) <= 10) return {i, line.size()};
  }
  return {0, 0};
}

bool ends_sentence(std::string_view line) {
  line = trim(line);
  if (line.empty()) return false;
  std::size_t at = line.size() - 1;
  while (at > 0 && (static_cast<unsigned char>(line[at]) & 0xC0) == 0x80) --at;  // the last code point's start
  const char32_t last = fold_punctuation(next_code_point(line, at));             // ” closes a quotation as " does
  return last == '.' || last == '!' || last == '?' || last == '"' || last == ':' || last == ')' || last == ';';
}

std::vector<Line> split_lines(std::string_view body) {
  std::vector<Line> lines;
  std::size_t start = 0;
  while (start <= body.size()) {
    std::size_t nl = body.find('\n', start);
    if (nl == std::string_view::npos) nl = body.size();
    lines.push_back({start, nl});
    start = nl + 1;
  }
  return lines;
}

std::string_view text_of(std::string_view body, const Line& l) {
  return body.substr(l.begin, l.end - l.begin);
}

void mark_related_lists(std::string_view body, std::vector<Line>& lines, std::vector<Removed>& removed) {
  // 1. A heading that opens a list: it and all after it go.
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const HeadingMatch match = match_related_heading(trim(text_of(body, lines[i])));
    if (match == HeadingMatch::kNone) continue;
    // A line that merely starts like a heading counts only in the second
    // half of the text; near the top it is more likely a real sentence. A
    // line that is exactly a heading counts anywhere (lists can be longer
    // than the article they follow).
    if (match == HeadingMatch::kPrefix && lines[i].begin * 2 < body.size()) continue;
    if (i == 0) continue;
    std::string text;
    for (std::size_t k = i; k < lines.size(); ++k) {
      lines[k].removed = true;
      const std::string_view t = trim(text_of(body, lines[k]));
      if (t.empty()) continue;
      if (!text.empty()) text += '\n';
      text += t;
    }
    removed.push_back({"related-list", std::move(text)});
    return;
  }
  // 2. No heading: a tail of at least six short lines without sentence
  // punctuation (headlines and bylines) is a list too.
  std::size_t first = lines.size();
  std::size_t short_lines = 0;
  for (std::size_t k = lines.size(); k-- > 0;) {
    if (lines[k].removed) continue;
    const std::string_view t = trim(text_of(body, lines[k]));
    if (t.empty()) continue;
    if (count_words(t) > 10 || ends_sentence(t)) break;
    first = k;
    ++short_lines;
  }
  if (short_lines < 6 || first == 0) return;
  std::string text;
  for (std::size_t k = first; k < lines.size(); ++k) {
    lines[k].removed = true;
    const std::string_view t = trim(text_of(body, lines[k]));
    if (t.empty()) continue;
    if (!text.empty()) text += '\n';
    text += t;
  }
  removed.push_back({"related-list", std::move(text)});
}

bool has_letter_or_digit(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    // ASCII alphanumerics, or any non-ASCII character but punctuation that
    // folds to ASCII (letters of other scripts; other non-ASCII
    // punctuation-only lines are rare enough to keep).
    const char32_t c = fold_punctuation(next_code_point(s, i));
    if (c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) return true;
  }
  return false;
}

// Lines at the very end that hold no letter or digit (a stray ">" or "|"
// left by a scraper) are debris.
void mark_trailing_debris(std::string_view body, std::vector<Line>& lines, std::vector<Removed>& removed) {
  for (std::size_t k = lines.size(); k-- > 0;) {
    if (lines[k].removed) continue;
    const std::string_view t = trim(text_of(body, lines[k]));
    if (t.empty()) continue;
    if (has_letter_or_digit(t)) return;
    lines[k].removed = true;
    removed.push_back({"debris", std::string(t)});
  }
}

void mark_promos_and_credits(std::string_view body, std::vector<Line>& lines, std::vector<Removed>& removed) {
  for (Line& line : lines) {
    if (line.removed) continue;
    const std::string_view t = trim(text_of(body, line));
    if (t.empty()) continue;
    if (is_promo(t)) {
      line.removed = true;
      removed.push_back({"promo", std::string(t)});
      continue;
    }
    const auto [b, e] = find_inline_credit(text_of(body, line));
    if (b == e) continue;
    if (b == 0 || trim(text_of(body, line).substr(0, b)).empty()) {
      line.removed = true;
    } else {
      line.cut_begin = line.begin + b;
      line.cut_end = line.begin + e;
    }
    removed.push_back({"photo-credit", std::string(trim(text_of(body, line).substr(b, e - b)))});
  }
}

// Writes the kept parts, at most one empty line in a row, trimmed.
StrippedText assemble(std::string_view body, const std::vector<Line>& lines, std::vector<Removed> removed) {
  StrippedText out;
  out.removed = std::move(removed);
  bool blank_pending = false;
  auto put = [&](std::size_t from, std::size_t to) {
    if (from >= to) return;
    out.map.add(out.text.size(), from);
    out.text.append(body.substr(from, to - from));
  };
  for (const Line& line : lines) {
    if (line.removed) continue;
    std::string_view t = text_of(body, line);
    if (trim(t).empty()) {
      blank_pending = !out.text.empty();
      continue;
    }
    if (!out.text.empty()) {
      out.map.add(out.text.size(), line.begin > 0 ? line.begin - 1 : 0);
      out.text.append(blank_pending ? "\n\n" : "\n");
    }
    blank_pending = false;
    if (line.cut_begin < line.cut_end) {
      // Keep one space where the credit was, none at the line's ends.
      put(line.begin, line.cut_begin);
      while (!out.text.empty() && out.text.back() == ' ') out.text.pop_back();
      std::size_t rest = line.cut_end;
      while (rest < line.end && body[rest] == ' ') ++rest;
      if (rest < line.end && line.cut_begin > line.begin) {
        out.map.add(out.text.size(), line.cut_begin);
        out.text.push_back(' ');
      }
      put(rest, line.end);
    } else {
      put(line.begin, line.end);
    }
  }
  return out;
}

struct Word {
  std::size_t begin;
  std::size_t end;
};

bool is_word_gap(char c) {
  return c == ' ' || c == '\n';
}

// The words of `s` (runs between spaces and line breaks), at most the first `limit`.
std::vector<Word> first_words_of(std::string_view s, std::size_t limit) {
  std::vector<Word> words;
  std::size_t i = 0;
  while (i < s.size() && words.size() < limit) {
    while (i < s.size() && is_word_gap(s[i])) ++i;
    const std::size_t b = i;
    while (i < s.size() && !is_word_gap(s[i])) ++i;
    if (i > b) words.push_back({b, i});
  }
  return words;
}

// The last `limit` words of `s`, in order.
std::vector<Word> last_words_of(std::string_view s, std::size_t limit) {
  std::vector<Word> words;
  std::size_t i = s.size();
  while (i > 0 && words.size() < limit) {
    while (i > 0 && is_word_gap(s[i - 1])) --i;
    const std::size_t e = i;
    while (i > 0 && !is_word_gap(s[i - 1])) --i;
    if (e > i) words.push_back({i, e});
  }
  std::reverse(words.begin(), words.end());
  return words;
}

std::size_t word_count(std::string_view s) {
  std::size_t words = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!is_word_gap(s[i]) && (i == 0 || is_word_gap(s[i - 1]))) ++words;
  }
  return words;
}

// The body ends with the start of the document again (title, then maybe the
// lead): find the longest such repeat of at least four words and cut it.
// Only the document's first and the body's last kMaxWords words can take
// part, so only those are split out (bodies run to thousands of words).
void cut_repeated_headline(StrippedText& text, std::string_view title) {
  constexpr std::size_t kMinWords = 4;
  constexpr std::size_t kMaxWords = 400;
  auto word = [](std::string_view s, const Word& w) { return s.substr(w.begin, w.end - w.begin); };
  // A repeat starts with the document's first word: most bodies do not hold
  // it among their last words, and need nothing more.
  const std::size_t tail_limit = std::min(kMaxWords, word_count(text.text) / 2);
  if (tail_limit < kMinWords) return;
  const std::vector<Word> tail_words = last_words_of(text.text, tail_limit);
  const std::vector<Word> title_first = first_words_of(title, 1);
  const std::string_view first =
      title_first.empty() ? word(text.text, first_words_of(text.text, 1).front()) : word(title, title_first.front());
  if (std::none_of(tail_words.begin(), tail_words.end(),
                   [&](const Word& w) { return same_when_folded(word(text.text, w), first); })) {
    return;
  }
  const std::vector<Word> body_head = first_words_of(text.text, kMaxWords);
  const std::size_t head_bytes = body_head.empty() ? 0 : body_head.back().end;
  const std::string doc = std::string(title) + "\n" + text.text.substr(0, head_bytes);
  const std::vector<Word> doc_words = first_words_of(doc, kMaxWords);
  const std::size_t offset = title.size() + 1;
  const std::size_t max_k = std::min(tail_limit, doc_words.size());
  const std::span<const Word> body_tail = std::span<const Word>(tail_words).last(max_k);
  for (std::size_t k = max_k; k >= kMinWords; --k) {
    const std::size_t tail = body_tail.size() - k;
    // The repeat must not overlap the text it repeats.
    if (doc_words[k - 1].end > body_tail[tail].begin + offset) continue;
    bool same = true;
    for (std::size_t j = 0; j < k && same; ++j) {
      same = same_when_folded(word(doc, doc_words[j]), word(text.text, body_tail[tail + j]));
    }
    if (!same) continue;
    std::size_t cut = body_tail[tail].begin;
    text.removed.push_back({"repeated-headline", text.text.substr(cut)});
    while (cut > 0 && (text.text[cut - 1] == ' ' || text.text[cut - 1] == '\n')) --cut;
    text.text.resize(cut);
    return;
  }
}

}  // namespace

StrippedText strip_boilerplate(std::string_view body, std::string_view title) {
  std::vector<Line> lines = split_lines(body);
  std::vector<Removed> removed;
  mark_related_lists(body, lines, removed);
  mark_promos_and_credits(body, lines, removed);
  mark_trailing_debris(body, lines, removed);
  StrippedText out = assemble(body, lines, std::move(removed));
  cut_repeated_headline(out, title);
  out.map.finish(out.text.size(), body.size());
  return out;
}

StrippedText strip_inline_credits(std::string_view line) {
  StrippedText out;
  const auto [b, e] = find_inline_credit(line);
  if (b == e) {
    out.text = std::string(line);
    out.map.add(0, 0);
    out.map.finish(line.size(), line.size());
    return out;
  }
  out.removed.push_back({"photo-credit", std::string(trim(line.substr(b, e - b)))});
  out.map.add(0, 0);
  out.text = std::string(trim(line.substr(0, b)));
  const std::string_view after = trim(line.substr(e));
  if (!after.empty()) {
    if (!out.text.empty()) out.text.push_back(' ');
    out.map.add(out.text.size(), e + (line.substr(e).size() - after.size()));
    out.text.append(after);
  }
  out.map.finish(out.text.size(), line.size());
  return out;
}

}  // namespace sipur::text
