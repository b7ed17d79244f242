#include "crosslang/name_key.h"

#include <algorithm>
#include <memory>
#include <vector>

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include "text/utf8.h"

namespace sipur::crosslang {
namespace {

// ICU transliterators are not safe to share between threads; each thread
// builds its own the first time it needs one. nullptr if ICU lacks the rules.
icu::Transliterator* transliterator(const char* id) {
  struct Cached {
    std::string id;
    std::unique_ptr<icu::Transliterator> t;
  };
  thread_local std::vector<Cached> cache;
  for (auto& c : cache) {
    if (c.id == id) return c.t.get();
  }
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> t(
      icu::Transliterator::createInstance(icu::UnicodeString::fromUTF8(id), UTRANS_FORWARD, status));
  if (U_FAILURE(status)) t.reset();
  cache.push_back({id, std::move(t)});
  return cache.back().t.get();
}

std::string run_transliterator(const char* id, std::string_view s) {
  icu::Transliterator* t = transliterator(id);
  if (t == nullptr) return std::string(s);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  t->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

bool is_hebrew_letter(char32_t c) {
  return c >= U'\u05D0' && c <= U'\u05EA';
}
bool is_geresh(char32_t c) {
  return c == U'\'' || c == U'\u05F3' || c == U'\u2019';
}
bool is_gershayim(char32_t c) {
  return c == U'"' || c == U'\u05F4' || c == U'\u201D';
}
bool is_dash(char32_t c) {
  return c == U'-' || c == U'\u05BE' || c == U'\u2010' || c == U'\u2013';
}

char32_t fold_final(char32_t c) {
  switch (c) {
    case U'ך':
      return U'כ';
    case U'ם':
      return U'מ';
    case U'ן':
      return U'נ';
    case U'ף':
      return U'פ';
    case U'ץ':
      return U'צ';
    default:
      return c;
  }
}

// Appends sound classes; a class repeated with no vowel between counts once
// (tt, ck, and Hebrew's unwritten doubling), across a vowel it does not
// (Papa, פאפא: "pp").
class Skeleton {
 public:
  void add(char c) {
    if (!out_.empty() && out_.back() == c && !vowel_since_) return;
    out_ += c;
    vowel_since_ = false;
  }
  void vowel() { vowel_since_ = true; }
  [[nodiscard]] std::string take() { return std::move(out_); }

 private:
  std::string out_;
  bool vowel_since_ = false;
};

std::string hebrew_skeleton(const std::vector<char32_t>& w) {
  Skeleton k;
  for (std::size_t i = 0; i < w.size(); ++i) {
    const char32_t c = fold_final(w[i]);
    const bool geresh = i + 1 < w.size() && is_geresh(w[i + 1]);
    const bool last = i + 1 == w.size() || (geresh && i + 2 == w.size());
    switch (c) {
      case U'א':
      case U'ע':
      case U'י':
        k.vowel();
        break;
      case U'ו':
        // A consonant (v, w) at the start and doubled; a vowel (o, u) inside.
        if (i + 1 < w.size() && w[i + 1] == U'ו') {
          k.add('v');
          ++i;
        } else if (i == 0) {
          k.add('v');
        } else {
          k.vowel();
        }
        break;
      case U'ה':
        if (last) {
          k.vowel();
        } else {
          k.add('h');
        }
        break;
      case U'ב':
        k.add('b');
        break;
      case U'ג':
        k.add(geresh ? 'J' : 'g');
        break;
      case U'ד':
        k.add('d');
        break;
      case U'ז':
        k.add(geresh ? 'Z' : 'z');
        break;
      case U'ח':
        k.add('X');
        break;
      case U'ט':
      case U'ת':
        k.add('t');
        break;
      case U'כ':
      case U'ק':
        k.add('k');
        break;
      case U'ל':
        k.add('l');
        break;
      case U'מ':
        k.add('m');
        break;
      case U'נ':
        k.add('n');
        break;
      case U'ס':
        k.add('s');
        break;
      case U'פ':
        k.add('p');
        break;
      case U'צ':
        k.add(geresh ? 'C' : 'c');
        break;
      case U'ר':
        k.add('r');
        break;
      case U'ש':
        k.add('S');
        break;
      default:
        break;  // geresh, other marks
    }
  }
  return k.take();
}

bool is_vowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

// `s` is lowercase ASCII letters.
std::string latin_skeleton(std::string_view s) {
  Skeleton k;
  auto at = [&](std::size_t i) { return i < s.size() ? s[i] : '\0'; };
  auto starts = [&](std::size_t i, std::string_view p) { return s.substr(i).starts_with(p); };
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (is_vowel(c)) {
      k.vowel();
      ++i;
      continue;
    }
    if (starts(i, "tsch")) {
      k.add('C');
      i += 4;
    } else if (starts(i, "sch")) {
      k.add('S');
      i += 3;
    } else if (starts(i, "dzh") || starts(i, "dsh")) {
      k.add('J');
      i += 3;
    } else if (starts(i, "sh") || starts(i, "sz")) {
      k.add('S');
      i += 2;
    } else if (starts(i, "zh")) {
      k.add('Z');
      i += 2;
    } else if (starts(i, "ch") || starts(i, "cz")) {
      k.add('C');
      i += 2;
    } else if (starts(i, "kh")) {
      k.add('X');
      i += 2;
    } else if (starts(i, "ph")) {
      k.add('p');
      i += 2;
    } else if (starts(i, "th")) {
      k.add('t');
      i += 2;
    } else if (starts(i, "ts") || starts(i, "tz")) {
      k.add('c');
      i += 2;
    } else if (starts(i, "dj")) {
      k.add('J');
      i += 2;
    } else if (starts(i, "gh")) {
      k.add('g');
      i += 2;
    } else {
      const char next = at(i + 1);
      const bool after_vowel = i > 0 && is_vowel(s[i - 1]);
      switch (c) {
        case 'c':
          k.add(next == 'e' || next == 'i' || next == 'y' ? 's' : 'k');
          break;
        case 'x':
          k.add('k');
          k.add('s');
          break;
        case 'q':
          k.add('k');
          break;
        case 'f':
          k.add('p');
          break;
        case 'j':
          k.add('J');
          break;
        case 'w':
          // Consonantal before a vowel (Washington); after one it may be
          // written or not (Moscow, מוסקבה; Andrew, אנדרו), which the cheap
          // deletion of v in name_similarity allows.
          if (is_vowel(next) || !after_vowel || i + 1 == s.size()) k.add('v');
          break;
        case 'h':
          // Silent after a vowel unless a vowel follows (Sarah, John; Abraham).
          if (!after_vowel || is_vowel(next)) k.add('h');
          break;
        default:
          if (c >= 'a' && c <= 'z') k.add(c);
          break;
      }
      ++i;
    }
  }
  return k.take();
}

// Lowercase ASCII letters of a Latin word (Rüütel -> ruutel, İpekçi -> ipekci).
std::string fold_latin(std::string_view word) {
  const std::string folded =
      text::is_ascii(word) ? std::string(word) : run_transliterator("Any-Latin; Latin-ASCII", word);
  std::string out;
  for (const char ch : folded) {
    if (ch >= 'A' && ch <= 'Z') out += static_cast<char>(ch - 'A' + 'a');
    if (ch >= 'a' && ch <= 'z') out += ch;
  }
  return out;
}

// The token as its own key: lowercase, dashes as '-'.
std::string direct_key(const std::vector<char32_t>& w, std::size_t from) {
  std::string out = "=";
  for (std::size_t i = from; i < w.size(); ++i) {
    char32_t c = w[i];
    if (is_dash(c)) c = U'-';
    if (c >= U'A' && c <= U'Z') c = c - U'A' + U'a';
    text::append_utf8(out, c);
  }
  return out;
}

double substitution_cost(char a, char b) {
  if (a == b) return 0;
  if (a > b) std::swap(a, b);
  // Pairs the two scripts write for one sound, ASCII-ordered (uppercase first).
  struct Pair {
    char a, b;
    double cost;
  };
  static constexpr Pair kCheap[] = {
      {'C', 'S', 0.4}, {'C', 'X', 0.25}, {'C', 'c', 0.4}, {'C', 'k', 0.5}, {'C', 'J', 0.5}, {'J', 'Z', 0.5},
      {'J', 'g', 0.4}, {'S', 'Z', 0.4},  {'S', 's', 0.3}, {'X', 'h', 0.4}, {'X', 'k', 0.3}, {'Z', 'z', 0.4},
      {'b', 'p', 0.6}, {'b', 'v', 0.15}, {'c', 's', 0.4}, {'c', 'z', 0.3}, {'d', 't', 0.6}, {'g', 'k', 0.6},
      {'p', 'v', 0.6}, {'s', 'z', 0.5},  {'S', 'c', 0.6},
  };
  for (const Pair& p : kCheap) {
    if ((p.a == a && p.b == b) || (p.a == b && p.b == a)) return p.cost;
  }
  return 1;
}

// Classes one script writes and the other may leave out.
double indel_cost(char c) {
  switch (c) {
    case 'h':
      return 1.0;
    case 'v':
      return 0.6;
    case 'J':
      return 0.6;
    default:
      return 1;
  }
}

}  // namespace

std::string name_key(std::string_view word, std::string_view lang) {
  (void)lang;  // the script decides; other Latin-script languages may want their own rules
  if (word.empty() || text::first_invalid_utf8(word)) return {};
  std::vector<char32_t> w;
  std::size_t pos = 0;
  while (pos < word.size()) w.push_back(text::next_code_point(word, pos));
  std::size_t hebrew = 0, latin = 0, upper = 0, digits = 0;
  for (const char32_t c : w) {
    if (is_hebrew_letter(c)) ++hebrew;
    if ((c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= U'\u00C0' && c <= U'\u024F')) ++latin;
    if (c >= U'A' && c <= U'Z') ++upper;
    if (c >= U'0' && c <= U'9') ++digits;
  }
  if (digits > 0) {
    // ב-2019, ב-S-300: a Hebrew prefix and a dash before the token proper.
    std::size_t from = 0;
    while (from < w.size() && is_hebrew_letter(w[from])) ++from;
    if (from > 0 && from < w.size() && is_dash(w[from])) ++from;
    if (from == w.size() || (from > 0 && from < w.size() && is_hebrew_letter(w[from]))) from = 0;
    return direct_key(w, from);
  }
  if (hebrew > 0 && latin == 0) {
    if (std::any_of(w.begin(), w.end(), is_gershayim)) return {};  // an acronym (צה"ל): Hebrew only
    std::string key = hebrew_skeleton(w);
    return key.size() >= 2 ? key : std::string();
  }
  if (latin > 0 && hebrew == 0) {
    if (upper >= 2 && upper == latin) return direct_key(w, 0);  // CNN, IDF, NATO
    std::string key = latin_skeleton(fold_latin(word));
    return key.size() >= 2 ? key : std::string();
  }
  return {};
}

double name_similarity(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return 0;
  if (a.front() == '=' || b.front() == '=') return a == b ? 1 : 0;
  // Weighted Levenshtein, one row at a time.
  std::vector<double> row(b.size() + 1), next(b.size() + 1);
  row[0] = 0;
  for (std::size_t j = 1; j <= b.size(); ++j) row[j] = row[j - 1] + indel_cost(b[j - 1]);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    next[0] = row[0] + indel_cost(a[i - 1]);
    for (std::size_t j = 1; j <= b.size(); ++j) {
      next[j] = std::min({row[j] + indel_cost(a[i - 1]), next[j - 1] + indel_cost(b[j - 1]),
                          row[j - 1] + substitution_cost(a[i - 1], b[j - 1])});
    }
    std::swap(row, next);
  }
  const double longest = static_cast<double>(std::max(a.size(), b.size()));
  return std::max(0.0, 1.0 - row[b.size()] / longest);
}

std::string transliterate_hebrew(std::string_view hebrew) {
  return run_transliterator("Hebrew-Latin; Latin-ASCII", hebrew);
}

}  // namespace sipur::crosslang
