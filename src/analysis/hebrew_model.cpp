#include "analysis/hebrew_model.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "analysis/tokenizer.h"
#include "text/utf8.h"

namespace sipur::analysis {
namespace {

constexpr const char* kMagic = "sipur-hebrew-model";
constexpr int kMinContextCount = 2;

bool has_hebrew(std::string_view s) {
  std::size_t pos = 0;
  while (pos < s.size()) {
    if (is_hebrew_letter(text::next_code_point(s, pos))) return true;
  }
  return false;
}

std::string strip_underscores(std::string_view s) {
  std::string out;
  for (const char c : s) {
    if (c != '_') out.push_back(c);
  }
  return out;
}

std::string first_code_point(std::string_view s) {
  std::size_t pos = 0;
  if (!s.empty()) (void)text::next_code_point(s, pos);
  return std::string(s.substr(0, pos));
}

template <class T>
void add_count(std::vector<Counted<T>>& list, const T& value, int count = 1) {
  for (auto& c : list) {
    if (c.value == value) {
      c.count += count;
      return;
    }
  }
  list.push_back({value, count});
}

template <class T>
void sort_by_count(std::vector<Counted<T>>& list) {
  std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.count > b.count; });
}

Segment segment_of(const ConlluWord& w) {
  return {w.form, w.lemma, w.upos};
}

// Code points of a UTF-8 string, each as its own string.
std::vector<std::string> code_points(std::string_view s) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < s.size()) {
    const std::size_t start = pos;
    (void)text::next_code_point(s, pos);
    out.emplace_back(s.substr(start, pos - start));
  }
  return out;
}

void add_lemma_rule(HebrewModel& model, std::string_view surface, std::string_view lemma) {
  const auto s = code_points(surface);
  const auto l = code_points(lemma);
  std::size_t common = 0;
  while (common < s.size() && common < l.size() && s[common] == l[common]) ++common;
  if (common == 0) return;  // not a suffix rewrite
  LemmaRule rule{s.size() - common, ""};
  for (std::size_t i = common; i < l.size(); ++i) rule.add += l[i];
  std::string key;
  for (std::size_t n = 1; n <= 3 && n < s.size(); ++n) {
    key.insert(0, s[s.size() - n]);
    add_count(model.lemma_rules[key], rule);
  }
}

// --- serialization -------------------------------------------------------

void write_segments(std::ostream& out, const SegmentList& list) {
  out << '\t' << list.size();
  for (const Segment& s : list) out << '\t' << s.form << '\t' << s.lemma << '\t' << s.upos;
}

void write_analysis(std::ostream& out, const TokenAnalysis& a) {
  out << '\t' << a.prefix_letters;
  write_segments(out, a.prefixes);
  out << '\t' << a.base.form << '\t' << a.base.lemma << '\t' << a.base.upos;
  write_segments(out, a.suffix);
}

struct Fields {
  std::vector<std::string_view> cols;
  std::size_t next = 1;
  bool ok = true;

  std::string_view take() {
    if (next >= cols.size()) {
      ok = false;
      return {};
    }
    return cols[next++];
  }
  int take_int() {
    const std::string_view s = take();
    int v = 0;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || v < 0) ok = false;
    return v;
  }
  Segment take_segment() {
    Segment s;
    s.form = std::string(take());
    s.lemma = std::string(take());
    s.upos = std::string(take());
    return s;
  }
  SegmentList take_segments() {
    const int n = take_int();
    SegmentList list;
    for (int i = 0; ok && i < n && i < 16; ++i) list.push_back(take_segment());
    if (n > 16) ok = false;
    return list;
  }
  TokenAnalysis take_analysis() {
    TokenAnalysis a;
    a.prefix_letters = static_cast<std::size_t>(take_int());
    a.prefixes = take_segments();
    a.base = take_segment();
    a.suffix = take_segments();
    return a;
  }
};

// Deterministic output: maps are written in key order.
template <class Map>
std::vector<typename Map::const_pointer> sorted(const Map& map) {
  std::vector<typename Map::const_pointer> out;
  out.reserve(map.size());
  for (const auto& entry : map) out.push_back(&entry);
  std::sort(out.begin(), out.end(), [](auto a, auto b) { return a->first < b->first; });
  return out;
}

// Reads and checks the first line (magic, format version); returns the scheme.
Result<std::string> read_header(std::istream& in, const std::string& path) {
  if (!in) return make_error(ErrorKind::kNotFound, "cannot open Hebrew model", {path});
  std::string line;
  if (!std::getline(in, line)) return make_error(ErrorKind::kInvalidInput, "empty model file", {path, 1});
  const auto head = split_tabs(line);
  if (head.size() != 3 || head[0] != kMagic) {
    return make_error(ErrorKind::kInvalidInput, "not a sipur Hebrew model", {path, 1});
  }
  if (head[1] != std::to_string(HebrewModel::kFormatVersion)) {
    return make_error(
        ErrorKind::kUnsupported,
        "model format " + std::string(head[1]) + ", this sipur reads " + std::to_string(HebrewModel::kFormatVersion),
        {path, 1});
  }
  return std::string(head[2]);
}

}  // namespace

TokenAnalysis decompose(const ConlluToken& token) {
  TokenAnalysis a;
  const auto& w = token.words;
  if (w.empty()) return a;
  // Suffix: trailing pronouns, with HTB's "_של_" before them.
  std::size_t s = w.size();
  while (s > 1 && w[s - 1].upos == "PRON") --s;
  if (s < w.size() && s > 1 && strip_underscores(w[s - 1].form) == "של" && w[s - 1].form.front() == '_') --s;
  // Prefixes: the leading words that are spelled by leading letters of the
  // surface (or are HTB's implicit ה_).
  std::size_t pos = 0;
  std::size_t b = 0;
  static const std::set<std::string> prefix_words = {"ו", "ה", "ב", "ל", "מ", "ש", "כ", "כש", "לכש", "מש", "וכש"};
  while (b + 1 < s) {
    const std::string bare = strip_underscores(w[b].form);
    if (!prefix_words.count(bare)) break;
    if (token.form.compare(pos, bare.size(), bare) == 0 && w[b].form.back() != '_') {
      pos += bare.size();
    } else if (!(bare == "ה" && w[b].form == "ה_")) {
      break;
    }
    a.prefixes.push_back(segment_of(w[b]));
    ++b;
  }
  // A base that is itself fused with a following pronoun (HTB "ל_" + "_הם"):
  // the base's letters are in the surface even though it ends with '_'.
  a.prefix_letters = pos;
  a.base = segment_of(w[b]);
  for (std::size_t i = b + 1; i < w.size(); ++i) a.suffix.push_back(segment_of(w[i]));
  return a;
}

HebrewModel HebrewModel::train(const std::vector<ConlluSentence>& sentences, const std::string& scheme) {
  HebrewModel model;
  model.scheme = scheme;
  std::map<std::string, int> context_counts;
  std::map<std::string, std::vector<Counted<TokenAnalysis>>> context;

  // Pass 1: token tables, bases, lemmas, prefix letter strings.
  std::set<std::string> prefix_strings;
  for (const ConlluSentence& sentence : sentences) {
    std::string prev = "<s>";
    for (const ConlluToken& token : sentence.tokens) {
      if (!has_hebrew(token.form) || token.words.empty()) {
        prev = token.form;
        continue;
      }
      const TokenAnalysis a = decompose(token);
      add_count(model.tokens[token.form], a);
      add_count(context[prev + "\t" + token.form], a);
      std::size_t suffix_bytes = 0;
      if (scheme == "iahlt") {
        std::string suffix;
        for (const Segment& seg : a.suffix) suffix += seg.form;
        if (!suffix.empty() && token.form.size() > suffix.size() &&
            token.form.compare(token.form.size() - suffix.size(), suffix.size(), suffix) == 0) {
          suffix_bytes = suffix.size();
          if (a.base.upos != "ADP") ++model.suffix_forms[suffix];
        }
      }
      const std::string base_surface =
          token.form.substr(a.prefix_letters, token.form.size() - a.prefix_letters - suffix_bytes);
      if (!base_surface.empty()) {
        add_count(model.bases[base_surface], a.base);
        if (a.suffix.empty()) add_lemma_rule(model, base_surface, a.base.lemma);
      }
      ++model.lemmas[a.base.lemma];
      if (a.prefix_letters > 0) prefix_strings.insert(token.form.substr(0, a.prefix_letters));
      const std::string first = first_code_point(token.form);
      ++model.first_letter[first];
      if (a.prefix_letters == 0) ++model.bare_first_letter[first];
      prev = token.form;
    }
  }
  // Pass 2: how often tokens that start with a prefix string really split it.
  for (const ConlluSentence& sentence : sentences) {
    for (const ConlluToken& token : sentence.tokens) {
      if (!has_hebrew(token.form) || token.words.empty()) continue;
      const TokenAnalysis a = decompose(token);
      for (const std::string& p : prefix_strings) {
        if (token.form.size() < p.size() + 4 || token.form.compare(0, p.size(), p) != 0) continue;
        PrefixStat& stat = model.prefixes[p];
        ++stat.total;
        if (a.prefix_letters == p.size()) {
          ++stat.split;
          add_count(stat.patterns, a.prefixes);
        }
      }
    }
  }
  for (auto& [key, list] : context) {
    int total = 0;
    for (const auto& c : list) total += c.count;
    if (total >= kMinContextCount && list.size() > 0) model.in_context[key] = list;
  }
  for (auto& [k, v] : model.tokens) sort_by_count(v);
  for (auto& [k, v] : model.in_context) sort_by_count(v);
  for (auto& [k, v] : model.bases) sort_by_count(v);
  for (auto& [k, v] : model.prefixes) sort_by_count(v.patterns);
  for (auto& [k, v] : model.lemma_rules) sort_by_count(v);

  // Self-tests: frequent, unambiguous tokens and their lemmas.
  std::vector<std::pair<int, std::string>> frequent;
  for (const auto& [form, list] : model.tokens) {
    int total = 0;
    for (const auto& c : list) total += c.count;
    if (total >= 5 && list.front().count * 10 >= total * 9) frequent.emplace_back(total, form);
  }
  std::sort(frequent.begin(), frequent.end(),
            [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  for (std::size_t i = 0; i < frequent.size() && i < 8; ++i) {
    model.self_tests.emplace_back(frequent[i].second, model.tokens[frequent[i].second].front().value.base.lemma);
  }
  return model;
}

Status HebrewModel::save(const std::string& path) const {
  std::ofstream out(path, std::ios::binary);
  if (!out) return make_error(ErrorKind::kIo, "cannot write model", {path});
  out << kMagic << '\t' << kFormatVersion << '\t' << scheme << '\n';
  for (const auto* e : sorted(tokens)) {
    for (const auto& c : e->second) {
      out << "T\t" << e->first << '\t' << c.count;
      write_analysis(out, c.value);
      out << '\n';
    }
  }
  for (const auto* e : sorted(in_context)) {
    for (const auto& c : e->second) {
      out << "C\t" << e->first << '\t' << c.count;
      write_analysis(out, c.value);
      out << '\n';
    }
  }
  for (const auto* e : sorted(bases)) {
    for (const auto& c : e->second) {
      out << "B\t" << e->first << '\t' << c.count << '\t' << c.value.form << '\t' << c.value.lemma << '\t'
          << c.value.upos << '\n';
    }
  }
  for (const auto* e : sorted(lemmas)) out << "L\t" << e->first << '\t' << e->second << '\n';
  for (const auto* e : sorted(prefixes)) {
    out << "P\t" << e->first << '\t' << e->second.split << '\t' << e->second.total << '\n';
    for (const auto& c : e->second.patterns) {
      out << "Q\t" << e->first << '\t' << c.count;
      write_segments(out, c.value);
      out << '\n';
    }
  }
  for (const auto* e : sorted(first_letter)) {
    const auto bare = bare_first_letter.find(e->first);
    out << "F\t" << e->first << '\t' << (bare == bare_first_letter.end() ? 0 : bare->second) << '\t' << e->second
        << '\n';
  }
  for (const auto* e : sorted(lemma_rules)) {
    for (const auto& c : e->second) {
      out << "R\t" << e->first << '\t' << c.count << '\t' << c.value.strip << '\t' << c.value.add << '\n';
    }
  }
  for (const auto* e : sorted(suffix_forms)) out << "S\t" << e->first << '\t' << e->second << '\n';
  for (const auto& [token, lemma] : self_tests) out << "X\t" << token << '\t' << lemma << '\n';
  out.flush();
  if (!out) return make_error(ErrorKind::kIo, "write failed", {path});
  return Ok{};
}

Status HebrewModel::check(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  Result<std::string> scheme = read_header(in, path);
  if (!scheme) return scheme.error();
  return Ok{};
}

Result<HebrewModel> HebrewModel::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  Result<std::string> scheme = read_header(in, path);
  if (!scheme) return scheme.error();
  std::string line;
  HebrewModel model;
  model.scheme = std::move(scheme).value();
  std::uint64_t line_no = 1;
  while (std::getline(in, line)) {
    ++line_no;
    Fields f{split_tabs(line)};
    const std::string_view tag = f.cols[0];
    if (tag == "T" || tag == "C") {
      std::string key(f.take());
      if (tag == "C") key += "\t" + std::string(f.take());
      const int count = f.take_int();
      TokenAnalysis a = f.take_analysis();
      (tag == "T" ? model.tokens : model.in_context)[key].push_back({std::move(a), count});
    } else if (tag == "B") {
      const std::string key(f.take());
      const int count = f.take_int();
      model.bases[key].push_back({f.take_segment(), count});
    } else if (tag == "L") {
      const std::string key(f.take());
      model.lemmas[key] = f.take_int();
    } else if (tag == "P") {
      PrefixStat& stat = model.prefixes[std::string(f.take())];
      stat.split = f.take_int();
      stat.total = f.take_int();
    } else if (tag == "Q") {
      const std::string key(f.take());
      const int count = f.take_int();
      model.prefixes[key].patterns.push_back({f.take_segments(), count});
    } else if (tag == "F") {
      const std::string key(f.take());
      model.bare_first_letter[key] = f.take_int();
      model.first_letter[key] = f.take_int();
    } else if (tag == "R") {
      const std::string key(f.take());
      const int count = f.take_int();
      LemmaRule rule;
      rule.strip = static_cast<std::size_t>(f.take_int());
      rule.add = std::string(f.take());
      model.lemma_rules[key].push_back({rule, count});
    } else if (tag == "S") {
      const std::string key(f.take());
      model.suffix_forms[key] = f.take_int();
    } else if (tag == "X") {
      const std::string token(f.take());
      model.self_tests.emplace_back(token, std::string(f.take()));
    } else {
      f.ok = false;
    }
    if (!f.ok) return make_error(ErrorKind::kInvalidInput, "damaged model line", {path, line_no});
  }
  // The model checks itself: its own samples must come out as recorded.
  for (const auto& [token, lemma] : model.self_tests) {
    const auto it = model.tokens.find(token);
    if (it == model.tokens.end() || it->second.empty() || it->second.front().value.base.lemma != lemma) {
      return make_error(ErrorKind::kInvalidInput, "model fails its self-test on \"" + token + "\"", {path});
    }
  }
  if (model.self_tests.empty()) return make_error(ErrorKind::kInvalidInput, "model has no self-tests", {path});
  return model;
}

}  // namespace sipur::analysis
