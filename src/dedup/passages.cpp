#include "dedup/passages.h"

#include <algorithm>
#include <unordered_map>

namespace sipur::dedup {
namespace {

constexpr std::size_t kMaxPositionsPerShingle = 16;  // repeated boilerplate must not make this quadratic

}  // namespace

std::vector<Passage> shared_passages(std::span<const Shingle> a, std::span<const Shingle> b, int shingle_words,
                                     std::uint32_t min_words) {
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> where_in_a;
  for (std::uint32_t i = 0; i < a.size(); ++i) {
    auto& positions = where_in_a[a[i].hash];
    if (positions.size() < kMaxPositionsPerShingle) positions.push_back(i);
  }
  std::vector<Passage> out;
  const auto extra = static_cast<std::uint32_t>(std::max(0, shingle_words - 1));
  // run[i] = length of the matching run ending at (i in A, previous j in B).
  std::unordered_map<std::uint32_t, std::uint32_t> previous;
  std::unordered_map<std::uint32_t, std::uint32_t> current;
  auto close_run = [&](std::uint32_t a_last, std::uint32_t b_last, std::uint32_t length) {
    if (length + extra < min_words) return;
    const std::uint32_t a_first = a_last + 1 - length;
    const std::uint32_t b_first = b_last + 1 - length;
    out.push_back({a[a_first].begin, a[a_last].end, b[b_first].begin, b[b_last].end, length + extra});
  };
  for (std::uint32_t j = 0; j < b.size(); ++j) {
    current.clear();
    if (const auto it = where_in_a.find(b[j].hash); it != where_in_a.end()) {
      for (const std::uint32_t i : it->second) {
        const auto before = i > 0 ? previous.find(i - 1) : previous.end();
        current[i] = (before == previous.end() ? 0 : before->second) + 1;
      }
    }
    // Runs in `previous` that did not continue have ended at j - 1.
    for (const auto& [i, length] : previous) {
      if (!current.count(i + 1)) close_run(i, j - 1, length);
    }
    std::swap(previous, current);
  }
  for (const auto& [i, length] : previous) close_run(i, static_cast<std::uint32_t>(b.size()) - 1, length);
  std::sort(out.begin(), out.end(), [](const Passage& x, const Passage& y) {
    return x.words != y.words ? x.words > y.words : x.a_begin < y.a_begin;
  });
  return out;
}

}  // namespace sipur::dedup
