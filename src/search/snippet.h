// Where a result's matched words are: spans in its title and a passage of
// its body, as byte offsets into the clean text the store keeps (so a UI can
// mark them without trusting the text as markup). Found by analyzing the
// text again and matching its tokens' index terms against the query's
// matchers, so a highlighted word is one the index matched.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/analyzer.h"
#include "search/query_plan.h"

namespace sipur::search {

struct Span {
  std::size_t begin = 0;  // bytes
  std::size_t end = 0;
  friend bool operator==(const Span&, const Span&) = default;
};

struct Snippet {
  std::size_t begin = 0;         // where the passage starts in the clean body (bytes)
  std::string text;              // body.substr(begin, ...), cut at word boundaries
  std::vector<Span> highlights;  // in `text`
  bool cut_before = false;       // the body goes on before and after the passage
  bool cut_after = false;
};

// About this many bytes of body around the first match (a few lines).
inline constexpr std::size_t kSnippetBytes = 240;

// Spans in `text` where one of the matchers matches a run of tokens.
[[nodiscard]] std::vector<Span> matched_spans(analysis::Analyzer& analyzer, std::string_view text,
                                              std::string_view lang, const std::vector<Matcher>& matchers);

// The passage of `body` around its first matched words, or its opening
// (with no highlights) when none is found. Paragraphs are analyzed one at a
// time until one matches, so a long body costs what its start costs.
[[nodiscard]] Snippet make_snippet(analysis::Analyzer& analyzer, std::string_view body, std::string_view lang,
                                   const std::vector<Matcher>& matchers);

}  // namespace sipur::search
