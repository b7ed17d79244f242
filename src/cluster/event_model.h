// The learned "join this event?" decision: a logistic model with boosted
// trees that correct it, over the evidence an article and a candidate event
// share (Evidence), trained by
// `sipur train-events` from labeled sets (event_training.h) and shipped in
// model/events.model. The clusterer joins the candidate with the highest
// probability when it reaches the model's threshold, else starts an event.
//
// The file is text, versioned, and checked on load: the feature names must
// be those this build computes (a model for other features is refused, not
// misread), and its self-test lines must give back their probabilities.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace sipur::cluster {

// What an article and one candidate event have in common, as the clusterer
// measures it (event_clusterer.cpp fills it for its best candidates).
struct Evidence {
  double title = 0;            // title TF-IDF cosine with the event's title centroid
  bool title_weighed = false;  // both have title terms
  double body = 0;             // body cosine (0 without bodies on both sides)
  bool bodies = false;
  double body_share = 0;  // how much of a full body the article has, 0..1
  double entities = 0;    // share of the article's entities the event holds
  bool has_entities = false;
  double time = 1;              // exp(-gap / scale) outside the event's span
  double gap_hours = 0;         // 0 inside the span or without times
  bool dated = false;           // both have times
  double size = 1;              // the event's articles
  double combined = 0;          // the hand-weighted score of these (the former rule)
  double margin = 0;            // combined minus the best candidate's combined (<= 0)
  double rule_margin = 0;       // combined minus what the hand-weighted rule asks of this article and event
  double age_hours = 0;         // since the event's first article (0 without times)
  double member_title = 0;      // the best title cosine with one of the event's recent articles
  double member_gap_hours = 0;  // the time between the article and that member (0 without times)
  double member_specific = 0;   // the best such cosine over terms the last day's news does not share widely
  double title_specific = 0;    // title cosine over the terms the last day's news does not share widely
  double body_specific = 0;     // the same for bodies
  double numbers = 0;           // share of the article's numbers the event holds
  bool has_numbers = false;
  bool hebrew = false;  // the article is Hebrew
};

inline constexpr std::size_t kEvidenceFeatures = 27;
using FeatureVector = std::array<double, kEvidenceFeatures>;

// The model's inputs, in the order of evidence_feature_names().
[[nodiscard]] FeatureVector feature_vector(const Evidence& e);
[[nodiscard]] const std::array<std::string_view, kEvidenceFeatures>& evidence_feature_names();

// One node of a boosted tree: a split sends x to `yes` when
// float(x[feature]) < threshold (as XGBoost, which grew it, compares), else
// to `no`; a leaf (feature -1) adds `value` to the log-odds.
struct TreeNode {
  std::int32_t feature = -1;
  float threshold = 0;
  std::uint32_t yes = 0, no = 0;
  double value = 0;
};
using Tree = std::vector<TreeNode>;  // node 0 is the root

class EventModel {
 public:
  EventModel() = default;
  // log-odds = bias + weights . x + the leaf each tree gives x: a logistic
  // model, and trees boosted on its log-odds that correct it where the kind
  // of input (a headline or a full report, with or without a time) wants
  // other weights than the one line (none: the logistic model alone).
  EventModel(FeatureVector weights, double bias, double threshold, std::string trained_on,
             std::vector<Tree> trees = {});

  // Reads and checks a model file: kInvalidInput naming the file and line
  // for anything that is not this format, version and feature list, or a
  // self-test that does not hold; kNotFound / kIo when it cannot be read.
  [[nodiscard]] static Result<EventModel> load(const std::string& path);
  [[nodiscard]] static Result<EventModel> parse(std::string_view text, const std::string& name);
  // The file's text, with self-test lines computed from `tests`.
  [[nodiscard]] std::string serialize(const std::vector<FeatureVector>& tests) const;

  [[nodiscard]] double probability(const FeatureVector& x) const;
  [[nodiscard]] double log_odds(const FeatureVector& x) const;
  // The logistic part's alone (what the trees were boosted from).
  [[nodiscard]] double linear_log_odds(const FeatureVector& x) const;
  [[nodiscard]] double probability(const Evidence& e) const { return probability(feature_vector(e)); }
  [[nodiscard]] double threshold() const { return threshold_; }
  void set_threshold(double t) { threshold_ = t; }
  [[nodiscard]] const FeatureVector& weights() const { return weights_; }
  [[nodiscard]] double bias() const { return bias_; }
  [[nodiscard]] const std::string& trained_on() const { return trained_on_; }
  [[nodiscard]] const std::vector<Tree>& trees() const { return trees_; }

 private:
  FeatureVector weights_{};
  double bias_ = 0;
  std::vector<Tree> trees_;
  double threshold_ = 0.5;
  std::string trained_on_;
};

// model/events.model in the source tree.
[[nodiscard]] std::string default_event_model_path();

}  // namespace sipur::cluster
