// Removal of page boilerplate that survives into article text: inline promo
// runs ("עוד בוואלה! NEWS…", "Read more: …"), "related articles" lists with
// bylines, photo credits, and the headline (and lead) repeated at the end of
// the body — all seen in real scraped pages (../shared/seeds). What goes is
// returned so it can be shown; the map leads back to the input.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/article.h"
#include "text/offset_map.h"

namespace sipur::text {

struct StrippedText {
  std::string text;
  OffsetMap map;  // text offsets -> input offsets
  std::vector<Removed> removed;
};

// `body` is clean text (clean_characters); `title` the article's clean title.
[[nodiscard]] StrippedText strip_boilerplate(std::string_view body, std::string_view title);

// Removes photo/image credits inside one line ("… Photo by X / GPO",
// "(צילום: …)"); used for titles, which are not split into lines.
[[nodiscard]] StrippedText strip_inline_credits(std::string_view line);

}  // namespace sipur::text
