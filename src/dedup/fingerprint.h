// Fingerprints for copy detection, computed from the analysis so that copies
// are found through inflection and prefixes (seed 001 repeats passages of
// 002 only after both are reduced to lemmas):
//  - a content hash of the normalized text (exact copies);
//  - shingles: hashes of runs of `shingle_words` consecutive content lemmas
//    (stop words and punctuation skipped), in document order, each with the
//    byte span it covers (for showing shared passages);
//  - MinHash signature over the shingle set (near copies, via LSH).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/analyzer.h"

namespace sipur::dedup {

struct FingerprintOptions {
  int shingle_words = 3;
  int minhash_size = 64;  // signature length; must be a multiple of the band count
  // Also fill shingle_set and minhash. Without them CopyIndex::add computes
  // them itself, and only for an article that is no exact copy of one it
  // holds: an exact copy needs only its content hash.
  bool signatures = true;
};

struct Shingle {
  std::uint64_t hash = 0;
  std::uint32_t begin = 0;  // byte span in the analyzed text, first word's start to last word's end
  std::uint32_t end = 0;
};

struct Fingerprint {
  std::uint64_t content_hash = 0;
  std::vector<Shingle> shingles;           // document order, may repeat
  std::vector<std::uint64_t> shingle_set;  // sorted, unique hashes
  std::vector<std::uint32_t> minhash;      // empty when there are no shingles
  std::uint32_t content_words = 0;
};

// Spans in the shingles are byte offsets into the text `tokens` were
// analyzed from.
[[nodiscard]] Fingerprint fingerprint(const std::vector<analysis::AnalyzedToken>& tokens,
                                      const FingerprintOptions& options);

// Fills fp.minhash from fp.shingle_set (also used when a fingerprint is
// reloaded from the store, which keeps only the shingles).
void compute_minhash(Fingerprint& fp, int minhash_size);

// Rebuilds shingle_set from shingles.
void compute_shingle_set(Fingerprint& fp);

// Compact little-endian form of the shingles for the store, and its checked
// inverse (false on damaged bytes).
[[nodiscard]] std::string serialize_shingles(const std::vector<Shingle>& shingles);
[[nodiscard]] bool deserialize_shingles(std::string_view bytes, std::vector<Shingle>& out);

// Exact Jaccard similarity and containment (share of the smaller set found
// in the other) of two shingle sets.
struct Overlap {
  double jaccard = 0;
  double containment = 0;
  std::size_t shared = 0;
};
[[nodiscard]] Overlap overlap(std::span<const std::uint64_t> a_set, std::span<const std::uint64_t> b_set);

// Estimated Jaccard from the MinHash signatures (share of equal positions).
[[nodiscard]] double estimated_jaccard(const Fingerprint& a, const Fingerprint& b);

}  // namespace sipur::dedup
