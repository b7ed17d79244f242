#include "text/opening.h"

#include "text/utf8.h"

namespace sipur::text {
namespace {

constexpr std::size_t kSentenceWords = 4;

bool ends_sentence(char c) {
  return c == '.' || c == '!' || c == '?';
}

}  // namespace

std::string opening(std::string_view body) {
  const bool longer = body.size() > kOpeningBytes;
  body = body.substr(0, kOpeningBytes);
  std::string out;
  std::size_t pos = 0;
  std::size_t words = 0;
  bool ended = false;  // at a sentence's or a line's end
  while (pos < body.size()) {
    while (pos < body.size() && is_ascii_space(body[pos])) ++pos;
    if (pos == body.size()) break;
    std::size_t end = pos;
    while (end < body.size() && !is_ascii_space(body[end])) ++end;
    // A word that runs into the limit may be cut in the middle (even inside
    // a UTF-8 sequence): it is left out, unless the limit is also the body's end.
    if (end == body.size() && longer) break;
    if (!out.empty()) out.push_back(' ');
    out.append(body.substr(pos, end - pos));
    ++words;
    pos = end;
    // A line break ends the opening as a sentence's end does: a first line
    // (a kicker, a dateline) stands alone. A full stop within the first
    // words is more often an abbreviation's ("U.S.", "Mr.").
    const bool line_end = pos < body.size() && (body[pos] == '\n' || body[pos] == '\r');
    ended = (ends_sentence(out.back()) && words >= kSentenceWords) || line_end;
    if (ended) break;
  }
  if (!ended && longer && !out.empty()) out.append("\u2026");
  return out;
}

}  // namespace sipur::text
