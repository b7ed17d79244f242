// Scores of a clustering against gold labels: BCubed and pairwise precision,
// recall and F1, with the definitions of eval/cluster_metrics.py (the two
// must agree; tests compare them). Scored over the gold ids only: predicted
// ids outside gold are ignored, and a gold id the prediction lacks counts as
// a singleton of its own.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>

namespace sipur::cluster {

// Item id -> cluster label.
using ClusterLabels = std::unordered_map<std::string, std::string>;

struct PrecisionRecall {
  double precision = 1;
  double recall = 1;
  double f1 = 1;
};

struct ClusteringScores {
  PrecisionRecall bcubed;    // per gold id, averaged over gold ids
  PrecisionRecall pairwise;  // over unordered pairs of gold ids
  std::size_t gold_ids = 0;
  std::size_t missing = 0;  // gold ids the prediction lacks
  std::size_t gold_clusters = 0;
  std::size_t predicted_clusters = 0;  // over the gold ids the prediction has
};

// Empty denominators: no gold ids scores 1 everywhere; with no predicted
// pairs pairwise precision is 1 (nothing wrong was claimed), with no gold
// pairs recall is 1; F1 is 0 when precision + recall is 0.
[[nodiscard]] ClusteringScores score_clustering(const ClusterLabels& predicted, const ClusterLabels& gold);

}  // namespace sipur::cluster
