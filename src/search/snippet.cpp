#include "search/snippet.h"

#include <algorithm>

#include "search/index_terms.h"

namespace sipur::search {
namespace {

bool matches_at(const std::vector<std::vector<std::string>>& terms, std::size_t at, const Matcher& m) {
  if (at + m.positions.size() > terms.size()) return false;
  for (std::size_t k = 0; k < m.positions.size(); ++k) {
    const std::vector<std::string>& have = terms[at + k];
    const TermChoice& want = m.positions[k];
    const bool any = std::any_of(want.begin(), want.end(), [&have](const std::string& t) {
      return std::find(have.begin(), have.end(), t) != have.end();
    });
    if (!any) return false;
  }
  return true;
}

bool is_continuation_byte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// The nearest whitespace at or before `pos` (0 if none within `slack`).
std::size_t back_to_space(std::string_view s, std::size_t pos, std::size_t slack) {
  const std::size_t floor = pos > slack ? pos - slack : 0;
  for (std::size_t i = pos; i > floor; --i) {
    if (s[i - 1] == ' ' || s[i - 1] == '\n') return i;
  }
  while (pos > 0 && pos < s.size() && is_continuation_byte(s[pos])) --pos;
  return floor == 0 ? 0 : pos;
}

// The nearest whitespace at or after `pos` (the end if none within `slack`).
std::size_t on_to_space(std::string_view s, std::size_t pos, std::size_t slack) {
  if (pos >= s.size()) return s.size();
  const std::size_t ceiling = std::min(s.size(), pos + slack);
  for (std::size_t i = pos; i < ceiling; ++i) {
    if (s[i] == ' ' || s[i] == '\n') return i;
  }
  while (pos < s.size() && is_continuation_byte(s[pos])) ++pos;
  return ceiling == s.size() ? s.size() : pos;
}

Snippet passage(std::string_view body, std::size_t begin, std::size_t end, const std::vector<Span>& spans) {
  Snippet out;
  out.begin = begin;
  out.text = std::string(body.substr(begin, end - begin));
  for (const Span& s : spans) {
    if (s.begin < begin || s.end > end) continue;
    out.highlights.push_back({s.begin - begin, s.end - begin});
  }
  out.cut_before = begin > 0;
  out.cut_after = end < body.size();
  return out;
}

}  // namespace

std::vector<Span> matched_spans(analysis::Analyzer& analyzer, std::string_view text, std::string_view lang,
                                const std::vector<Matcher>& matchers) {
  std::vector<analysis::AnalyzedToken> tokens = analyzer.analyze(text, lang, analysis::Analyzer::Detail::kMatching);
  std::erase_if(tokens, [](const analysis::AnalyzedToken& t) { return !is_indexed(t); });
  std::vector<std::vector<std::string>> terms;
  terms.reserve(tokens.size());
  for (const analysis::AnalyzedToken& t : tokens) terms.push_back(terms_of(t, lang));
  std::vector<Span> spans;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    for (const Matcher& m : matchers) {
      if (matches_at(terms, i, m)) {
        const Span span{tokens[i].token.begin, tokens[i + m.positions.size() - 1].token.end};
        // Overlapping runs (a phrase and one of its words) merge.
        if (!spans.empty() && span.begin < spans.back().end) {
          spans.back().end = std::max(spans.back().end, span.end);
        } else {
          spans.push_back(span);
        }
      }
    }
  }
  return spans;
}

Snippet make_snippet(analysis::Analyzer& analyzer, std::string_view body, std::string_view lang,
                     const std::vector<Matcher>& matchers) {
  constexpr std::size_t kSlack = 40;
  std::size_t paragraph = 0;
  while (paragraph < body.size()) {
    std::size_t end = body.find('\n', paragraph);
    if (end == std::string_view::npos) end = body.size();
    if (end > paragraph) {
      std::vector<Span> spans = matched_spans(analyzer, body.substr(paragraph, end - paragraph), lang, matchers);
      if (!spans.empty()) {
        for (Span& s : spans) {
          s.begin += paragraph;
          s.end += paragraph;
        }
        // The first match a third of the way in: some context before it.
        const std::size_t want_begin =
            spans.front().begin > kSnippetBytes / 3 ? spans.front().begin - kSnippetBytes / 3 : 0;
        const std::size_t begin = back_to_space(body, std::max(want_begin, paragraph), kSlack);
        const std::size_t end_at =
            std::max(on_to_space(body, std::min(body.size(), begin + kSnippetBytes), kSlack), spans.front().end);
        return passage(body, begin, end_at, spans);
      }
    }
    paragraph = end + 1;
  }
  return passage(body, 0, on_to_space(body, std::min(body.size(), kSnippetBytes), kSlack), {});
}

}  // namespace sipur::search
