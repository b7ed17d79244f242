#include "cluster/cluster_metrics.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <utility>
#include <vector>

namespace sipur::cluster {
namespace {

double f1(double p, double r) {
  return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

double pairs(std::uint64_t n) {
  const std::uint64_t count = n < 2 ? 0 : n * (n - 1) / 2;  // exact in integers: n * (n - 1) is even
  return static_cast<double>(count);
}

// Dense numbers for labels, in order of first use.
class Numbering {
 public:
  std::size_t of(const std::string& label) {
    const auto [it, added] = numbers_.emplace(label, next_);
    if (added) ++next_;
    return it->second;
  }
  std::size_t fresh() { return next_++; }
  [[nodiscard]] std::size_t size() const { return next_; }

 private:
  std::unordered_map<std::string, std::size_t> numbers_;
  std::size_t next_ = 0;
};

}  // namespace

ClusteringScores score_clustering(const ClusterLabels& predicted, const ClusterLabels& gold) {
  ClusteringScores out;
  out.gold_ids = gold.size();
  if (gold.empty()) return out;

  // Sorted ids make the numbering, and so the order of summation, deterministic.
  std::vector<const std::pair<const std::string, std::string>*> items;
  items.reserve(gold.size());
  for (const auto& entry : gold) items.push_back(&entry);
  std::sort(items.begin(), items.end(), [](const auto* x, const auto* y) { return x->first < y->first; });

  Numbering predicted_numbers;
  Numbering gold_numbers;
  std::vector<std::uint64_t> predicted_size;
  std::vector<std::uint64_t> gold_size;
  std::map<std::pair<std::size_t, std::size_t>, std::uint64_t> cell;  // (predicted, gold) -> ids in both
  std::size_t present_clusters = 0;
  for (const auto* item : items) {
    std::size_t p = 0;
    if (const auto it = predicted.find(item->first); it != predicted.end()) {
      const std::size_t before = predicted_numbers.size();
      p = predicted_numbers.of(it->second);
      present_clusters += predicted_numbers.size() > before ? 1 : 0;
    } else {
      p = predicted_numbers.fresh();  // a singleton no other id can share
      ++out.missing;
    }
    const std::size_t g = gold_numbers.of(item->second);
    predicted_size.resize(predicted_numbers.size());
    gold_size.resize(gold_numbers.size());
    ++predicted_size[p];
    ++gold_size[g];
    ++cell[{p, g}];
  }
  out.gold_clusters = gold_numbers.size();
  out.predicted_clusters = present_clusters;

  // BCubed: each of the c ids of a cell has precision c / |its predicted
  // cluster| and recall c / |its gold cluster|.
  const auto n = static_cast<double>(gold.size());
  double precision_sum = 0;
  double recall_sum = 0;
  double both_pairs = 0;
  for (const auto& [key, c] : cell) {
    const auto count = static_cast<double>(c);
    precision_sum += count * count / static_cast<double>(predicted_size[key.first]);
    recall_sum += count * count / static_cast<double>(gold_size[key.second]);
    both_pairs += pairs(c);
  }
  out.bcubed.precision = precision_sum / n;
  out.bcubed.recall = recall_sum / n;
  out.bcubed.f1 = f1(out.bcubed.precision, out.bcubed.recall);

  double predicted_pairs = 0;
  double gold_pairs = 0;
  for (const std::uint64_t size : predicted_size) predicted_pairs += pairs(size);
  for (const std::uint64_t size : gold_size) gold_pairs += pairs(size);
  out.pairwise.precision = predicted_pairs > 0 ? both_pairs / predicted_pairs : 1.0;
  out.pairwise.recall = gold_pairs > 0 ? both_pairs / gold_pairs : 1.0;
  out.pairwise.f1 = f1(out.pairwise.precision, out.pairwise.recall);
  return out;
}

}  // namespace sipur::cluster
