// Internal to the HTML reader: a pre-scan of the markup before Gumbo sees it.
// It flattens absurdly deep element nesting, since Gumbo's parse time grows
// with depth times tags, and empties scripts and styles, which Gumbo would
// tokenize byte by byte for nothing.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sipur::ingest::detail {

// Drops start tags (and as many end tags) past 1024 open elements, as browsers flatten
// absurdly deep trees, and the text of <script> (but JSON-LD) and <style> elements, which is never
// shown; nullopt when there is nothing to drop.
std::optional<std::string> prepare_markup(std::string_view html);

}  // namespace sipur::ingest::detail
