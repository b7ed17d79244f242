// Internal to the HTML reader: a pre-scan of the markup that flattens absurdly
// deep element nesting before Gumbo sees it, since Gumbo's parse time grows
// with depth times tags.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sipur::ingest::detail {

// Drops start tags (and as many end tags) past 1024 open elements, as browsers flatten
// absurdly deep trees; nullopt when the page is shallow enough to parse as it is.
std::optional<std::string> flatten_deep_nesting(std::string_view html);

}  // namespace sipur::ingest::detail
