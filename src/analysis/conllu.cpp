#include "analysis/conllu.h"

#include <charconv>
#include <fstream>

namespace sipur::analysis {
namespace {

bool parse_int(std::string_view s, int& out) {
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

}  // namespace

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> cols;
  std::size_t start = 0;
  while (true) {
    const std::size_t tab = line.find('\t', start);
    cols.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
    if (tab == std::string_view::npos) return cols;
    start = tab + 1;
  }
}

Result<std::vector<ConlluSentence>> read_conllu(const std::string& path) {
  std::ifstream in(path);
  if (!in) return make_error(ErrorKind::kNotFound, "cannot open CoNLL-U file", {path});
  std::vector<ConlluSentence> sentences;
  ConlluSentence current;
  int range_end = 0;  // last word id covered by the open multi-word token
  std::string line;
  std::uint64_t line_no = 0;
  auto flush = [&]() {
    if (!current.tokens.empty()) sentences.push_back(std::move(current));
    current = ConlluSentence{};
    range_end = 0;
  };
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      flush();
      continue;
    }
    if (line[0] == '#') {
      if (line.rfind("# text = ", 0) == 0) current.text = line.substr(9);
      continue;
    }
    const auto cols = split_tabs(line);
    if (cols.size() < 10) return make_error(ErrorKind::kInvalidInput, "a word line needs 10 columns", {path, line_no});
    const std::string_view id = cols[0];
    if (id.find('.') != std::string_view::npos) continue;  // empty nodes
    const bool no_space = cols[9].find("SpaceAfter=No") != std::string_view::npos;
    if (const std::size_t dash = id.find('-'); dash != std::string_view::npos) {
      int first = 0;
      int last = 0;
      if (!parse_int(id.substr(0, dash), first) || !parse_int(id.substr(dash + 1), last) || last < first) {
        return make_error(ErrorKind::kInvalidInput, "bad multi-word token range", {path, line_no});
      }
      current.tokens.push_back({std::string(cols[1]), {}, !no_space});
      range_end = last;
      continue;
    }
    int word_id = 0;
    if (!parse_int(id, word_id)) return make_error(ErrorKind::kInvalidInput, "bad word id", {path, line_no});
    ConlluWord word{std::string(cols[1]), std::string(cols[2]), std::string(cols[3])};
    if (word_id <= range_end && !current.tokens.empty()) {
      current.tokens.back().words.push_back(std::move(word));
    } else {
      current.tokens.push_back({word.form, {word}, !no_space});
    }
  }
  flush();
  return sentences;
}

}  // namespace sipur::analysis
