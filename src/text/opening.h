// A stand-in headline for an article without a title: the opening words of
// its body, so that an event made of such articles still has a label.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sipur::text {

// Bytes of the body that opening() may read: it never looks further, so a
// caller that holds only this prefix (the store's replay reads a prefix of
// each title-less body) gets the same answer as one that holds the whole.
inline constexpr std::size_t kOpeningBytes = 120;

// The body's first sentence, or as many whole words as fit in
// kOpeningBytes followed by "…" where it was cut; whitespace runs become
// one space. Empty for a body without words. `body` must be valid UTF-8.
[[nodiscard]] std::string opening(std::string_view body);

}  // namespace sipur::text
