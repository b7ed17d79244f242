#include "cluster/event_training.h"

#include <linear.h>
#include <xgboost/c_api.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <map>
#include <memory>
#include <numeric>
#include <stdexcept>

namespace sipur::cluster {
namespace {

std::uint64_t event_number(const std::string& id) {
  std::uint64_t n = 0;
  if (id.size() < 2) return 0;
  std::from_chars(id.data() + 1, id.data() + id.size(), n);
  return n;
}

struct Rows {
  std::vector<FeatureVector> x;
  std::vector<double> y;
};

// Every candidate's evidence, labeled 1 when the candidate is the article's
// gold event. Without a policy, each article joins its gold event (teacher
// forcing: events as a perfect decision would form them); with one, it goes
// where the policy sends it, and a candidate counts as the gold event when
// most of its articles are of it, so that the rows also hold the mixed
// events the model itself makes (as DAgger does).
Rows supervised_rows(const LabeledSet& set, const ClusterOptions& options, std::shared_ptr<const EventModel> policy) {
  ClusterOptions with = options;
  with.model = policy;
  EventClusterer clusterer(with);
  std::map<std::string, std::uint64_t> event_of_gold;                   // teacher forcing: gold label -> its event
  std::map<std::uint64_t, std::map<std::string, std::size_t>> members;  // event -> gold labels of its articles
  auto majority = [&](std::uint64_t event) {
    const auto& labels = members[event];
    std::string best;
    std::size_t most = 0;
    for (const auto& [label, n] : labels) {
      if (n > most) {
        most = n;
        best = label;
      }
    }
    return best;
  };
  Rows rows;
  for (std::size_t i = 0; i < set.articles.size(); ++i) {
    const ArticleFeatures& a = set.articles[i];
    const auto gold = set.gold.find(a.id);
    const bool labeled = gold != set.gold.end();
    Supervision supervision;
    supervision.force = policy == nullptr;
    supervision.join = labeled && supervision.force ? event_of_gold[gold->second] : 0;
    supervision.observe = [&](std::uint64_t event, const Evidence& e) {
      if (!labeled) return;  // an article without a gold label teaches nothing
      const bool same = supervision.force ? event == supervision.join : majority(event) == gold->second;
      rows.x.push_back(feature_vector(e));
      rows.y.push_back(same ? 1 : -1);
    };
    const Decision d = clusterer.add(a, set.copy_of[i], &supervision);
    const std::uint64_t event = event_number(d.event);
    if (labeled) {
      ++members[event][gold->second];
      if (supervision.force && supervision.join == 0) event_of_gold[gold->second] = event;
    }
  }
  return rows;
}

// Pairs within clusters: sum of n(n-1)/2 over the cells of a grouping.
template <class Map>
double pairs(const Map& sizes) {
  double n = 0;
  for (const auto& [key, size] : sizes) n += static_cast<double>(size) * (static_cast<double>(size) - 1) / 2;
  return n;
}

}  // namespace

ClusterLabels cluster_set(const LabeledSet& set, const ClusterOptions& options) {
  EventClusterer clusterer(options);
  ClusterLabels out;
  for (std::size_t i = 0; i < set.articles.size(); ++i) {
    out[set.articles[i].id] = clusterer.add(set.articles[i], set.copy_of[i]).event;
  }
  return out;
}

double set_score(const LabeledSet& set, const ClusterLabels& predicted) {
  if (set.metric != SetMetric::kSameLanguagePairwise) {
    const ClusteringScores s = score_clustering(predicted, set.gold);
    return set.metric == SetMetric::kBcubed ? s.bcubed.f1 : s.pairwise.f1;
  }
  // Pairwise over pairs of articles in one language: the pairs of each
  // language's articles, summed.
  std::map<std::string, std::string> lang;
  for (const ArticleFeatures& a : set.articles) lang[a.id] = a.lang;
  std::map<std::pair<std::string, std::string>, std::size_t> pred, gold;
  std::map<std::tuple<std::string, std::string, std::string>, std::size_t> both;
  for (const auto& [id, g] : set.gold) {
    const std::string& l = lang[id];
    const auto p = predicted.find(id);
    const std::string pc = p == predicted.end() ? "missing:" + id : p->second;
    ++pred[{l, pc}];
    ++gold[{l, g}];
    ++both[{l, pc, g}];
  }
  const double tp = pairs(both), pp = pairs(pred), gp = pairs(gold);
  const double precision = pp > 0 ? tp / pp : 1, recall = gp > 0 ? tp / gp : 1;
  return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
}

namespace {

// Logistic regression over the rows (liblinear), weights toward "joins".
std::pair<FeatureVector, double> fit(const Rows& all, double c) {
  // liblinear wants each row as index:value nodes ending with index -1,
  // with a constant 1 feature for the bias.
  std::vector<std::vector<feature_node>> nodes(all.x.size());
  std::vector<feature_node*> x(all.x.size());
  for (std::size_t i = 0; i < all.x.size(); ++i) {
    for (std::size_t f = 0; f < kEvidenceFeatures; ++f) {
      if (all.x[i][f] != 0) nodes[i].push_back({static_cast<int>(f + 1), all.x[i][f]});
    }
    nodes[i].push_back({static_cast<int>(kEvidenceFeatures + 1), 1.0});
    nodes[i].push_back({-1, 0});
    x[i] = nodes[i].data();
  }
  problem prob{};
  prob.l = static_cast<int>(all.x.size());
  prob.n = static_cast<int>(kEvidenceFeatures + 1);
  prob.y = const_cast<double*>(all.y.data());  // liblinear does not write it
  prob.x = x.data();
  prob.bias = -1;  // the constant feature above stands for it
  parameter param{};
  param.solver_type = L2R_LR;
  param.eps = 0.001;
  param.C = c;
  set_print_string_function([](const char*) {});
  FeatureVector weights{};
  double bias = 0;
  if (prob.l == 0) return {weights, bias};
  model* m = train(&prob, &param);
  // The weights are for liblinear's first label, the one of the first row:
  // turned toward "joins" (+1).
  const double sign = m->label[0] == 1 ? 1 : -1;
  for (std::size_t f = 0; f < kEvidenceFeatures; ++f)
    weights[f] = sign * get_decfun_coef(m, static_cast<int>(f + 1), 0);
  bias = sign * get_decfun_coef(m, static_cast<int>(kEvidenceFeatures + 1), 0);
  free_and_destroy_model(&m);
  return {weights, bias};
}

// An XGBoost call that fails on rows this file built is a bug.
void check(int status) {
  if (status != 0) throw std::logic_error(std::string("xgboost: ") + XGBGetLastError());
}

// One tree of XGBoost's JSON dump ({"nodeid","split":"fN","split_condition",
// "yes","no","children"} or {"nodeid","leaf"}), as nodes by id.
Tree tree_of(const nlohmann::json& root) {
  Tree tree;
  std::vector<const nlohmann::json*> pending = {&root};
  while (!pending.empty()) {
    const nlohmann::json& j = *pending.back();
    pending.pop_back();
    const auto id = j.at("nodeid").get<std::size_t>();
    if (tree.size() <= id) tree.resize(id + 1);
    TreeNode& node = tree[id];
    if (j.contains("leaf")) {
      node.value = j.at("leaf").get<double>();
      continue;
    }
    node.feature = std::stoi(j.at("split").get<std::string>().substr(1));  // "f12"
    node.threshold = j.at("split_condition").get<float>();
    node.yes = j.at("yes").get<std::uint32_t>();
    node.no = j.at("no").get<std::uint32_t>();
    for (const auto& child : j.at("children")) pending.push_back(&child);
  }
  return tree;
}

// Which way each feature may move the probability: up with a similarity,
// down with a time gap, either way for the rest (sizes, flags, ages).
// Trees held to these carry over to sets they were not grown on, where
// unconstrained ones learn each set's quirks.
std::string monotone_constraints() {
  static const std::map<std::string_view, int> directions = {{"title", 1},
                                                             {"body", 1},
                                                             {"entities", 1},
                                                             {"time", 1},
                                                             {"log_gap_hours", -1},
                                                             {"combined", 1},
                                                             {"margin", 1},
                                                             {"member_title", 1},
                                                             {"title_specific", 1},
                                                             {"body_specific", 1},
                                                             {"numbers", 1},
                                                             {"hebrew_title", 1},
                                                             {"hebrew_member_title", 1},
                                                             {"rule_margin", 1},
                                                             {"body_rule_margin", 1},
                                                             {"body_margin", 1},
                                                             {"undated_body", 1},
                                                             {"member_specific", 1},
                                                             {"log_member_gap_hours", -1}};
  std::string out = "(";
  for (const std::string_view name : evidence_feature_names()) {
    const auto it = directions.find(name);
    if (out.size() > 1) out.push_back(',');
    out.append(std::to_string(it == directions.end() ? 0 : it->second));
  }
  out.push_back(')');
  return out;
}

// Boosted trees over the rows (XGBoost, one thread: the same rows give the
// same trees), toward "joins".
std::vector<Tree> fit_trees(const Rows& all, const EventModel& linear, const TrainingOptions& options) {
  std::vector<float> data;
  data.reserve(all.x.size() * kEvidenceFeatures);
  for (const FeatureVector& x : all.x) {
    for (const double v : x) data.push_back(static_cast<float>(v));
  }
  std::vector<float> labels;
  labels.reserve(all.y.size());
  for (const double y : all.y) labels.push_back(y > 0 ? 1.0F : 0.0F);
  DMatrixHandle matrix = nullptr;
  check(XGDMatrixCreateFromMat(data.data(), all.x.size(), kEvidenceFeatures, std::nanf(""), &matrix));
  check(XGDMatrixSetFloatInfo(matrix, "label", labels.data(), labels.size()));
  // Boosted from the logistic model's log-odds: the trees learn what it
  // gets wrong.
  std::vector<float> margins;
  margins.reserve(all.x.size());
  for (const FeatureVector& x : all.x) margins.push_back(static_cast<float>(linear.linear_log_odds(x)));
  check(XGDMatrixSetFloatInfo(matrix, "base_margin", margins.data(), margins.size()));
  BoosterHandle booster = nullptr;
  check(XGBoosterCreate(&matrix, 1, &booster));
  const std::vector<std::pair<std::string, std::string>> params = {{"objective", "binary:logistic"},
                                                                   {"base_score", "0.5"},
                                                                   {"tree_method", "hist"},
                                                                   {"nthread", "1"},
                                                                   {"seed", "0"},
                                                                   {"verbosity", "0"},
                                                                   {"max_depth", std::to_string(options.depth)},
                                                                   {"eta", std::to_string(options.eta)},
                                                                   {"monotone_constraints", monotone_constraints()}};
  for (const auto& [key, value] : params) check(XGBoosterSetParam(booster, key.c_str(), value.c_str()));
  for (std::size_t round = 0; round < options.trees; ++round) {
    check(XGBoosterUpdateOneIter(booster, static_cast<int>(round), matrix));
  }
  bst_ulong count = 0;
  const char** dumps = nullptr;
  check(XGBoosterDumpModelEx(booster, "", 0, "json", &count, &dumps));
  std::vector<Tree> trees;
  for (bst_ulong i = 0; i < count; ++i) trees.push_back(tree_of(nlohmann::json::parse(dumps[i])));
  check(XGBoosterFree(booster));
  check(XGDMatrixFree(matrix));
  return trees;
}

// The threshold at which the model clusters the sets best on average (ties:
// the lower, which the sweep meets first).
void choose_threshold(EventModel& model, const std::vector<const LabeledSet*>& sets, const TrainingOptions& options,
                      TrainingReport* report) {
  auto shared = std::make_shared<EventModel>(model);
  double best_threshold = options.thresholds.front(), best_mean = -1;
  if (report != nullptr) report->sweep.clear();
  for (const double t : options.thresholds) {
    shared->set_threshold(t);
    ClusterOptions with = options.clusters;
    with.model = shared;
    double sum = 0;
    for (const LabeledSet* set : sets) sum += set_score(*set, cluster_set(*set, with));
    const double mean = sets.empty() ? 0 : sum / static_cast<double>(sets.size());
    if (report != nullptr) report->sweep.emplace_back(t, mean);
    if (mean > best_mean) {
      best_mean = mean;
      best_threshold = t;
    }
  }
  model.set_threshold(best_threshold);
}

}  // namespace

EventModel train_event_model(const std::vector<const LabeledSet*>& sets, const TrainingOptions& options,
                             TrainingReport* report) {
  std::string names;
  for (const LabeledSet* set : sets) names += (names.empty() ? "" : ",") + set->name;
  Rows all;
  std::shared_ptr<const EventModel> policy;  // none: teacher forcing first
  EventModel model;
  for (std::size_t round = 0; round <= options.rounds; ++round) {
    // Each set weighs alike, whatever its size or how many candidates its
    // articles meet (full reports meet many more than headlines): a set's
    // rows are repeated up to about the largest set's count.
    std::vector<Rows> per_set;
    std::size_t most = 0;
    for (const LabeledSet* set : sets) {
      per_set.push_back(supervised_rows(*set, options.clusters, policy));
      most = std::max(most, per_set.back().y.size());
    }
    for (const Rows& r : per_set) {
      const std::size_t copies = r.y.empty() ? 0 : std::max<std::size_t>(1, (most + r.y.size() / 2) / r.y.size());
      for (std::size_t k = 0; k < copies; ++k) {
        all.x.insert(all.x.end(), r.x.begin(), r.x.end());
        all.y.insert(all.y.end(), r.y.begin(), r.y.end());
      }
    }
    const auto [weights, bias] = fit(all, options.c);
    model = EventModel(weights, bias, 0.5, names);
    if (options.trees > 0) model = EventModel(weights, bias, 0.5, names, fit_trees(all, model, options));
    choose_threshold(model, sets, options, report);
    policy = std::make_shared<EventModel>(model);
  }
  if (report != nullptr) {
    report->rows = all.y.size();
    report->positives = static_cast<std::size_t>(std::count(all.y.begin(), all.y.end(), 1.0));
  }
  return model;
}

std::vector<FeatureVector> sample_rows(const LabeledSet& set, const ClusterOptions& options, std::size_t n) {
  const Rows rows = supervised_rows(set, options, nullptr);
  std::vector<FeatureVector> out;
  if (rows.x.empty() || n == 0) return out;
  const std::size_t step = std::max<std::size_t>(1, rows.x.size() / n);
  for (std::size_t i = 0; i < rows.x.size() && out.size() < n; i += step) out.push_back(rows.x[i]);
  return out;
}

}  // namespace sipur::cluster
