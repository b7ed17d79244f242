#include "crosslang/lexicon.h"

#include <algorithm>
#include <fstream>

#include "text/utf8.h"

namespace sipur::crosslang {
namespace {

// Below this share of entries with Hebrew on one side and Latin letters on
// the other, a file is not the lexicon it was given as (MUSE he-en has 22
// such lines in 45,679).
constexpr double kMinPairShare = 0.9;

bool has_hebrew(std::string_view s) {
  std::size_t pos = 0;
  while (pos < s.size()) {
    const char32_t c = text::next_code_point(s, pos);
    if (c >= U'\u05D0' && c <= U'\u05EA') return true;
  }
  return false;
}

bool has_latin(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); });
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t at = s.find(sep, start);
    out.push_back(s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) return out;
    start = at + 1;
  }
}

std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  for (std::string_view w : split(s, ' ')) {
    if (!w.empty()) out.push_back(w);
  }
  return out;
}

// "ו ל ד י מ י ר" (the token-level splits spell the Hebrew letter by letter).
std::string join_letters(std::string_view spaced) {
  std::string out;
  for (std::string_view w : words(spaced)) out += w;
  return out;
}

}  // namespace

Result<Lexicon> Lexicon::load(const std::string& path, Format format) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ErrorKind::kNotFound, "cannot open the lexicon", {path});
  Lexicon lex;
  lex.path_ = path;
  std::string line;
  std::uint64_t line_no = 0;
  std::size_t well_formed = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    const Location where{path, line_no};
    if (line_no == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
    if (const auto bad = text::first_invalid_utf8(line)) {
      return make_error(ErrorKind::kInvalidUtf8, "byte " + std::to_string(*bad) + " is not UTF-8", where);
    }
    const std::vector<std::string_view> fields = split(line, '\t');
    const bool token_split = format == Format::kNames && fields.size() == 3;
    if ((fields.size() != 2 && !token_split) || fields[0].empty() || fields[1].empty()) {
      return make_error(
          ErrorKind::kInvalidInput,
          format == Format::kWords ? "expected word<TAB>translation" : "expected English name<TAB>Hebrew name", where);
    }
    ++well_formed;
    std::string_view hebrew = fields[0], english = fields[1];
    if (format == Format::kNames || has_hebrew(fields[1])) std::swap(hebrew, english);
    if (!has_hebrew(hebrew) || !has_latin(english) || has_hebrew(english)) {
      ++lex.skipped_;
      continue;
    }
    if (format == Format::kWords) {
      lex.add(std::string(hebrew), lower_ascii(english));
      continue;
    }
    if (token_split) {
      lex.add(join_letters(hebrew), lower_ascii(english));
      continue;
    }
    // A full name maps as a whole and, where both sides have as many words,
    // word by word (ולדימיר פוטין: ולדימיר -> vladimir, פוטין -> putin).
    lex.add(std::string(hebrew), lower_ascii(english));
    const auto he_words = words(hebrew), en_words = words(english);
    if (he_words.size() > 1 && he_words.size() == en_words.size()) {
      for (std::size_t i = 0; i < he_words.size(); ++i) {
        if (has_hebrew(he_words[i]) && has_latin(en_words[i]))
          lex.add(std::string(he_words[i]), lower_ascii(en_words[i]));
      }
    }
  }
  if (in.bad()) return make_error(ErrorKind::kIo, "read failed", {path, line_no});
  if (well_formed == 0) return make_error(ErrorKind::kEmptyInput, "the lexicon has no entries", {path});
  if (static_cast<double>(well_formed - lex.skipped_) < kMinPairShare * static_cast<double>(well_formed)) {
    return make_error(ErrorKind::kInvalidInput,
                      std::to_string(lex.skipped_) + " of " + std::to_string(well_formed) +
                          " lines do not pair Hebrew with Latin letters: not a " +
                          (format == Format::kWords ? "Hebrew-English word list" : "English-Hebrew names list"),
                      {path});
  }
  return lex;
}

void Lexicon::add(std::string hebrew, std::string english) {
  std::vector<std::string>& list = to_english_[std::move(hebrew)];
  if (std::find(list.begin(), list.end(), english) == list.end()) {
    list.push_back(std::move(english));
    ++entries_;
  }
}

const std::vector<std::string>& Lexicon::english(std::string_view hebrew) const {
  static const std::vector<std::string> kNone;
  const auto it = to_english_.find(absl::string_view(hebrew.data(), hebrew.size()));
  return it == to_english_.end() ? kNone : it->second;
}

std::vector<std::string> Lexicon::hebrew_words() const {
  std::vector<std::string> out;
  out.reserve(to_english_.size());
  for (const auto& [hebrew, english] : to_english_) out.push_back(hebrew);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace sipur::crosslang
