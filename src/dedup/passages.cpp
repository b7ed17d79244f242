#include "dedup/passages.h"

#include <algorithm>
#include <array>
#include <utility>

namespace sipur::dedup {
namespace {

constexpr std::size_t kMaxPositionsPerShingle = 16;  // repeated boilerplate must not make this quadratic

// A run of matching shingles that ends at position `a_last` in A.
struct Run {
  std::uint32_t a_last;
  std::uint32_t length;
};

// The run in `runs` (sorted by a_last) that ends at `a_last`, if any.
const Run* find_run(const std::vector<Run>& runs, std::uint32_t a_last) {
  const auto it =
      std::lower_bound(runs.begin(), runs.end(), a_last, [](const Run& r, std::uint32_t x) { return r.a_last < x; });
  return it != runs.end() && it->a_last == a_last ? &*it : nullptr;
}

// A bit per hash bucket, set for the shared hashes: most shingles of a long
// text are not shared, and one bit test turns them away before a search.
class SharedFilter {
 public:
  explicit SharedFilter(const std::vector<std::uint64_t>* shared) : all_(shared == nullptr) {
    if (shared != nullptr) {
      for (const std::uint64_t h : *shared) bits_[(h >> 6) % kWords] |= std::uint64_t{1} << (h & 63);
    }
  }
  [[nodiscard]] bool may_hold(std::uint64_t h) const { return all_ || (bits_[(h >> 6) % kWords] >> (h & 63) & 1) != 0; }

 private:
  static constexpr std::size_t kWords = 64;  // 4,096 bits: a few percent false positives at 100 shared hashes
  std::array<std::uint64_t, kWords> bits_{};
  bool all_;
};

}  // namespace

// Sorted arrays, not hash maps: this runs for every pair of texts that share
// enough shingles, and a map of vectors per call cost more than the matching.
std::vector<Passage> shared_passages(std::span<const Shingle> a, std::span<const Shingle> b, int shingle_words,
                                     std::uint32_t min_words, const std::vector<std::uint64_t>* shared) {
  // A's positions by hash, in position order within a hash; only those of
  // shared hashes when they are known (B's other shingles match nothing).
  std::vector<std::pair<std::uint64_t, std::uint32_t>> where_in_a;
  where_in_a.reserve(shared != nullptr ? std::min(a.size(), 2 * shared->size()) : a.size());
  const SharedFilter filter(shared);
  for (std::uint32_t i = 0; i < a.size(); ++i) {
    if (shared == nullptr ||
        (filter.may_hold(a[i].hash) && std::binary_search(shared->begin(), shared->end(), a[i].hash))) {
      where_in_a.emplace_back(a[i].hash, i);
    }
  }
  std::sort(where_in_a.begin(), where_in_a.end());
  std::vector<Passage> out;
  const auto extra = static_cast<std::uint32_t>(std::max(0, shingle_words - 1));
  auto close_run = [&](const Run& run, std::uint32_t b_last) {
    if (run.length + extra < min_words) return;
    const std::uint32_t a_first = run.a_last + 1 - run.length;
    const std::uint32_t b_first = b_last + 1 - run.length;
    out.push_back({a[a_first].begin, a[run.a_last].end, b[b_first].begin, b[b_last].end, run.length + extra});
  };
  // The runs that end at B's previous position and at the current one, each
  // sorted by where they end in A.
  std::vector<Run> previous;
  std::vector<Run> current;
  for (std::uint32_t j = 0; j < b.size(); ++j) {
    current.clear();
    if (!filter.may_hold(b[j].hash)) {
      for (const Run& run : previous) close_run(run, j - 1);
      previous.clear();
      continue;
    }
    auto at = std::lower_bound(where_in_a.begin(), where_in_a.end(), std::make_pair(b[j].hash, std::uint32_t{0}));
    for (std::size_t n = 0; at != where_in_a.end() && at->first == b[j].hash && n < kMaxPositionsPerShingle;
         ++at, ++n) {
      const std::uint32_t i = at->second;
      const Run* before = i > 0 ? find_run(previous, i - 1) : nullptr;
      current.push_back({i, (before != nullptr ? before->length : 0) + 1});
    }
    // Runs in `previous` that did not continue have ended at j - 1.
    for (const Run& run : previous) {
      if (find_run(current, run.a_last + 1) == nullptr) close_run(run, j - 1);
    }
    std::swap(previous, current);
  }
  for (const Run& run : previous) close_run(run, static_cast<std::uint32_t>(b.size()) - 1);
  std::sort(out.begin(), out.end(), [](const Passage& x, const Passage& y) {
    if (x.words != y.words) return x.words > y.words;
    return x.a_begin != y.a_begin ? x.a_begin < y.a_begin : x.b_begin < y.b_begin;
  });
  return out;
}

}  // namespace sipur::dedup
