// Shared passages between two fingerprinted texts: maximal runs of
// consecutive shingles that occur in the same order in both, as byte spans
// of each text (what a reader sees highlighted).
#pragma once

#include <cstdint>
#include <vector>

#include "dedup/fingerprint.h"

namespace sipur::dedup {

struct Passage {
  std::uint32_t a_begin = 0, a_end = 0;  // byte span in text A
  std::uint32_t b_begin = 0, b_end = 0;  // byte span in text B
  std::uint32_t words = 0;               // content words in the passage
};

// Passages of at least `min_words` content words, longest first.
// `shingle_words` is the shingle length the fingerprints were made with.
// `shared`, if given, holds (sorted) every hash the two have in common, as
// the shingle sets tell: only those positions are indexed.
[[nodiscard]] std::vector<Passage> shared_passages(std::span<const Shingle> a, std::span<const Shingle> b,
                                                   int shingle_words, std::uint32_t min_words,
                                                   const std::vector<std::uint64_t>* shared = nullptr);

}  // namespace sipur::dedup
