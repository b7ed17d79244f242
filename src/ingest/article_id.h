// Stable article ids for records that come without one.
#pragma once

#include <string>
#include <string_view>

#include "core/article.h"

namespace sipur::ingest {

// 64-bit XXH3 as 16 lowercase hex digits.
[[nodiscard]] std::string hex_hash(std::string_view bytes);

// "u" + hash of source and URL when the article has a URL (the same page
// read twice is the same article), else "c" + hash of title and body as read.
[[nodiscard]] std::string derived_id(const Article& article);

}  // namespace sipur::ingest
