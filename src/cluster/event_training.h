// Learning the event decision (event_model.h) from labeled sets, and
// measuring it on sets it did not see.
//
// Training follows the clusterer's own path: each set's articles are added
// in the order the pipeline adds them, and every candidate the model would
// weigh is a row (1 if the candidate is the article's gold event), while the
// article joins its gold event whatever was decided, so that the candidates
// are formed as they would be by a perfect decision (teacher forcing). A
// logistic regression (liblinear) over the rows of all training sets, and
// boosted trees (XGBoost) that correct its log-odds, give the probability;
// the threshold is the one at which clustering the training
// sets with the model scores best on average, each set by its own metric.
#pragma once

#include <string>
#include <vector>

#include "cluster/cluster_metrics.h"
#include "cluster/event_clusterer.h"
#include "cluster/event_model.h"
#include "cluster/features.h"

namespace sipur::cluster {

enum class SetMetric { kBcubed, kPairwise, kSameLanguagePairwise };

struct LabeledSet {
  std::string name;
  SetMetric metric = SetMetric::kPairwise;
  std::vector<ArticleFeatures> articles;  // in the order the pipeline clusters them
  std::vector<std::string> copy_of;       // per article: the earlier article it copies, or ""
  ClusterLabels gold;                     // article id -> gold event
};

struct TrainingOptions {
  ClusterOptions clusters;  // everything but the model
  // A logistic regression (liblinear), then this many boosted trees
  // (XGBoost) grown on its log-odds (0: the logistic model alone). The
  // trees weigh evidence by the kind of input (a headline or a full report,
  // with or without a time) where one linear weight must serve all of them.
  std::size_t trees = 0;
  int depth = 4;      // of each tree
  double eta = 0.05;  // learning rate
  double c = 1;       // liblinear's inverse regularization
  // Rounds after the first (teacher forcing) in which the rows come from
  // clustering with the last round's model, added to those before.
  std::size_t rounds = 0;
  // Thresholds tried, lowest first (one: that threshold, no sweep).
  std::vector<double> thresholds = {0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8};
};

// The event of each article of `set` clustered with `options` (the model in
// them, or the hand-weighted rule).
[[nodiscard]] ClusterLabels cluster_set(const LabeledSet& set, const ClusterOptions& options);

// The set's own metric (F1) for a clustering of it.
[[nodiscard]] double set_score(const LabeledSet& set, const ClusterLabels& predicted);

struct TrainingReport {
  std::size_t rows = 0, positives = 0;
  // Mean training-set score at each threshold tried.
  std::vector<std::pair<double, double>> sweep;
};

// The model learned from `sets`.
[[nodiscard]] EventModel train_event_model(const std::vector<const LabeledSet*>& sets, const TrainingOptions& options,
                                           TrainingReport* report = nullptr);

// Feature vectors to use as a model file's self-tests: a few rows of `set`.
[[nodiscard]] std::vector<FeatureVector> sample_rows(const LabeledSet& set, const ClusterOptions& options,
                                                     std::size_t n);

}  // namespace sipur::cluster
