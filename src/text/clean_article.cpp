#include "text/clean_article.h"

#include "text/boilerplate.h"
#include "text/normalize.h"

namespace sipur::text {
namespace {

// Titles and leads are single lines for display and matching.
std::string clean_line(std::string_view raw, std::vector<Removed>& removed) {
  const CleanText chars = clean_characters(raw);
  StrippedText stripped = strip_inline_credits(collapse_spaces(chars.text));
  for (Removed& r : stripped.removed) removed.push_back(std::move(r));
  return std::move(stripped.text);
}

}  // namespace

void clean_article(Article& article) {
  article.title = clean_line(article.title, article.removed);
  article.lead = clean_line(article.lead, article.removed);
  const CleanText chars = clean_characters(article.raw_body);
  StrippedText stripped = strip_boilerplate(chars.text, article.title);
  article.body = std::move(stripped.text);
  article.body_map = stripped.map.then(chars.map);
  for (Removed& r : stripped.removed) article.removed.push_back(std::move(r));
}

}  // namespace sipur::text
