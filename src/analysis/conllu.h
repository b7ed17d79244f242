// Reading Universal Dependencies CoNLL-U files: sentences of surface tokens,
// each token holding its syntactic words (one, or several for a multi-word
// token such as בבית = ב + ה + בית). Only what training and evaluation of
// the analyzer need: FORM, LEMMA, UPOS and SpaceAfter.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace sipur::analysis {

struct ConlluWord {
  std::string form;
  std::string lemma;
  std::string upos;
};

struct ConlluToken {
  std::string form;
  std::vector<ConlluWord> words;
  bool space_after = true;
};

struct ConlluSentence {
  std::string text;  // from "# text =", may be empty
  std::vector<ConlluToken> tokens;
};

// The tab-separated fields of one line (CoNLL-U rows, model file rows).
[[nodiscard]] std::vector<std::string_view> split_tabs(std::string_view line);

// kInvalidInput with file and line for malformed lines (bad ids, ranges
// that do not cover their words, too few columns).
[[nodiscard]] Result<std::vector<ConlluSentence>> read_conllu(const std::string& path);

}  // namespace sipur::analysis
