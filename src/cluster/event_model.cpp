#include "cluster/event_model.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>

namespace sipur::cluster {
namespace {

// 1: a logistic model (bias and weights); 2: and boosted trees after them.
constexpr std::string_view kLogisticHeader = "sipur-event-model 1";
constexpr std::string_view kTreesHeader = "sipur-event-model 2";

constexpr std::array<std::string_view, kEvidenceFeatures> kNames = {"title",
                                                                    "title_weighed",
                                                                    "body",
                                                                    "body_share",
                                                                    "entities",
                                                                    "has_entities",
                                                                    "time",
                                                                    "log_gap_hours",
                                                                    "dated",
                                                                    "log_size",
                                                                    "combined",
                                                                    "margin",
                                                                    "member_title",
                                                                    "title_specific",
                                                                    "body_specific",
                                                                    "numbers",
                                                                    "has_numbers",
                                                                    "hebrew",
                                                                    "hebrew_title",
                                                                    "hebrew_member_title",
                                                                    "rule_margin",
                                                                    "log_age_hours",
                                                                    "body_rule_margin",
                                                                    "body_margin",
                                                                    "undated_body",
                                                                    "member_specific",
                                                                    "log_member_gap_hours"};

std::vector<std::string_view> split(std::string_view s, char by) {
  std::vector<std::string_view> out;
  while (true) {
    const std::size_t at = s.find(by);
    out.push_back(s.substr(0, at));
    if (at == std::string_view::npos) return out;
    s.remove_prefix(at + 1);
  }
}

bool to_double(std::string_view s, double& out) {
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size() && std::isfinite(out);
}

std::string number(double x) {
  char buffer[32];
  (void)std::snprintf(buffer, sizeof buffer, "%.17g", x);
  return buffer;
}

// Nine significant digits give a float back exactly.
std::string float_number(float x) {
  char buffer[32];
  (void)std::snprintf(buffer, sizeof buffer, "%.9g", static_cast<double>(x));
  return buffer;
}

std::optional<std::size_t> feature_index(std::string_view name) {
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == name) return i;
  }
  return std::nullopt;
}

bool to_index(std::string_view s, std::uint32_t& out) {
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

}  // namespace

const std::array<std::string_view, kEvidenceFeatures>& evidence_feature_names() {
  return kNames;
}

FeatureVector feature_vector(const Evidence& e) {
  const double weighed = e.title_weighed ? 1 : 0;
  const double he = e.hebrew ? 1 : 0;
  return {e.title * weighed,
          weighed,
          e.bodies ? e.body : 0,
          e.bodies ? e.body_share : 0,
          e.has_entities ? e.entities : 0,
          e.has_entities ? 1.0 : 0.0,
          e.time,
          std::log1p(e.gap_hours),
          e.dated ? 1.0 : 0.0,
          std::log(std::max(1.0, e.size)),
          e.combined,
          e.margin,
          e.member_title * weighed,
          e.title_specific * weighed,
          e.bodies ? e.body_specific : 0,
          e.has_numbers ? e.numbers : 0,
          e.has_numbers ? 1.0 : 0.0,
          he,
          he * e.title * weighed,
          he * e.member_title * weighed,
          e.rule_margin,
          std::log1p(e.age_hours),
          e.bodies ? e.body_share * e.rule_margin : 0,
          e.bodies ? e.body_share * e.margin : 0,
          e.bodies && !e.dated ? e.body : 0,
          e.member_specific * weighed,
          e.title_weighed ? std::log1p(e.member_gap_hours) : 0};
}

EventModel::EventModel(FeatureVector weights, double bias, double threshold, std::string trained_on,
                       std::vector<Tree> trees)
    : weights_(weights),
      bias_(bias),
      trees_(std::move(trees)),
      threshold_(threshold),
      trained_on_(std::move(trained_on)) {}

double EventModel::probability(const FeatureVector& x) const {
  return 1 / (1 + std::exp(-log_odds(x)));
}

double EventModel::linear_log_odds(const FeatureVector& x) const {
  double z = bias_;
  for (std::size_t i = 0; i < x.size(); ++i) z += weights_[i] * x[i];
  return z;
}

double EventModel::log_odds(const FeatureVector& x) const {
  double z = linear_log_odds(x);
  // parse() and the trainer make every child's index larger than its
  // parent's, so each walk ends at a leaf.
  for (const Tree& tree : trees_) {
    const TreeNode* node = &tree[0];
    while (node->feature >= 0) {
      const float v = static_cast<float>(x[static_cast<std::size_t>(node->feature)]);
      node = &tree[v < node->threshold ? node->yes : node->no];
    }
    z += node->value;
  }
  return z;
}

std::string EventModel::serialize(const std::vector<FeatureVector>& tests) const {
  // Version 1 as long as there are no trees, so that such a model keeps its bytes.
  std::string out(trees_.empty() ? kLogisticHeader : kTreesHeader);
  out += "\n# A logistic model of 'this article joins this candidate event', trained by sipur train-events";
  out += trees_.empty() ? ".\n"
                        : ",\n# and boosted trees that correct its log-odds: each adds the leaf x reaches, going to "
                          "YES below a split.\n";
  out += "trained-on\t" + trained_on_ + "\n";
  out += "threshold\t" + number(threshold_) + "\n";
  out += "bias\t" + number(bias_) + "\n";
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    out.append("weight\t").append(kNames[i]).append("\t").append(number(weights_[i])).append("\n");
  }
  // Fields appended one by one: GCC 12 warns falsely (-Wrestrict) on long
  // chains of string + std::to_string.
  auto line = [&out](std::initializer_list<std::string_view> fields) {
    bool first = true;
    for (const std::string_view f : fields) {
      if (!first) out.push_back('\t');
      out.append(f);
      first = false;
    }
    out.push_back('\n');
  };
  for (const Tree& tree : trees_) {
    line({"tree", std::to_string(tree.size())});
    for (std::size_t id = 0; id < tree.size(); ++id) {
      const TreeNode& n = tree[id];
      if (n.feature < 0) {
        line({"leaf", std::to_string(id), number(n.value)});
      } else {
        line({"split", std::to_string(id), kNames[static_cast<std::size_t>(n.feature)], float_number(n.threshold),
              std::to_string(n.yes), std::to_string(n.no)});
      }
    }
  }
  for (const FeatureVector& x : tests) {
    out += "test";
    for (const double v : x) out.append("\t").append(number(v));
    out.append("\t").append(number(probability(x))).append("\n");
  }
  return out;
}

Result<EventModel> EventModel::parse(std::string_view text, const std::string& name) {
  EventModel m;
  std::size_t line_number = 0;
  std::size_t weights_seen = 0;
  bool trees = false, has_threshold = false, has_bias = false;
  // The tree being read: its nodes, and how many of them are still to come.
  std::size_t nodes_left = 0;
  std::vector<bool> node_seen;
  auto bad = [&](const std::string& why) {
    return make_error(ErrorKind::kInvalidInput, "event model: " + why, Location{name, line_number});
  };
  // The inputs are those this build computes: each weight names the
  // feature of its place.
  auto expect_feature = [&](std::string_view got, std::size_t& seen) -> std::optional<Error> {
    if (seen >= kNames.size() || got != kNames[seen]) {
      return bad("weight '" + std::string(got) + "' is not the feature this build expects at place " +
                 std::to_string(seen + 1) + (seen < kNames.size() ? " ('" + std::string(kNames[seen]) + "')" : ""));
    }
    ++seen;
    return std::nullopt;
  };
  auto node_slot = [&](std::string_view id_text) -> std::optional<std::uint32_t> {
    std::uint32_t id = 0;
    if (!to_index(id_text, id) || id >= node_seen.size() || node_seen[id]) return std::nullopt;
    node_seen[id] = true;
    return id;
  };
  std::size_t tests = 0;
  for (std::string_view line : split(text, '\n')) {
    ++line_number;
    if (line_number == 1) {
      if (line != kLogisticHeader && line != kTreesHeader) {
        return bad("not a sipur event model of a version this build reads (want '" + std::string(kTreesHeader) +
                   "' or '" + std::string(kLogisticHeader) + "', got '" + std::string(line.substr(0, 60)) + "')");
      }
      trees = line == kTreesHeader;
      continue;
    }
    if (line.empty() || line[0] == '#') continue;
    const std::vector<std::string_view> f = split(line, '\t');
    const bool in_tree = nodes_left > 0;
    if (in_tree && f[0] != "split" && f[0] != "leaf") return bad("tree ends before its nodes");
    if (f[0] == "trained-on" && f.size() == 2) {
      m.trained_on_ = std::string(f[1]);
    } else if (f[0] == "threshold" && f.size() == 2) {
      if (!to_double(f[1], m.threshold_) || m.threshold_ <= 0 || m.threshold_ >= 1) {
        return bad("threshold not in (0, 1)");
      }
      has_threshold = true;
    } else if (f[0] == "bias" && f.size() == 2) {
      if (!to_double(f[1], m.bias_)) return bad("bias is not a number");
      has_bias = true;
    } else if (f[0] == "weight" && f.size() == 3) {
      if (auto e = expect_feature(f[1], weights_seen)) return *e;
      if (!to_double(f[2], m.weights_[weights_seen - 1])) return bad("weight is not a number");
    } else if (trees && f[0] == "tree" && f.size() == 2) {
      std::uint32_t n = 0;
      if (!to_index(f[1], n) || n == 0 || n > 1U << 20) return bad("tree size is not a positive count");
      if (weights_seen != kNames.size()) return bad("tree before the weights");
      m.trees_.emplace_back(n);
      node_seen.assign(n, false);
      nodes_left = n;
    } else if (in_tree && f[0] == "leaf" && f.size() == 3) {
      const std::optional<std::uint32_t> id = node_slot(f[1]);
      if (!id) return bad("leaf id is not a new node of this tree");
      TreeNode& node = m.trees_.back()[*id];
      if (!to_double(f[2], node.value)) return bad("leaf value is not a number");
      --nodes_left;
    } else if (in_tree && f[0] == "split" && f.size() == 6) {
      const std::optional<std::uint32_t> id = node_slot(f[1]);
      if (!id) return bad("split id is not a new node of this tree");
      TreeNode& node = m.trees_.back()[*id];
      const std::optional<std::size_t> feature = feature_index(f[2]);
      if (!feature) return bad("split on unknown feature '" + std::string(f[2]) + "'");
      node.feature = static_cast<std::int32_t>(*feature);
      double threshold = 0;
      if (!to_double(f[3], threshold)) return bad("split threshold is not a number");
      node.threshold = static_cast<float>(threshold);
      const std::size_t size = m.trees_.back().size();
      if (!to_index(f[4], node.yes) || !to_index(f[5], node.no) || node.yes <= *id || node.no <= *id ||
          node.yes >= size || node.no >= size) {
        return bad("a split's children must be later nodes of its tree");
      }
      --nodes_left;
    } else if (f[0] == "test" && f.size() == kEvidenceFeatures + 2) {
      FeatureVector x{};
      double p = 0;
      for (std::size_t i = 0; i < kEvidenceFeatures; ++i) {
        if (!to_double(f[i + 1], x[i])) return bad("self-test value is not a number");
      }
      if (!to_double(f.back(), p)) return bad("self-test probability is not a number");
      if (weights_seen != kNames.size() || (trees && m.trees_.empty()) || !has_bias || nodes_left > 0) {
        return bad("self-test before the whole model");
      }
      if (std::abs(m.probability(x) - p) > 1e-9) {
        return bad("self-test fails: the model gives " + number(m.probability(x)) + ", the file says " + number(p));
      }
      ++tests;
    } else {
      return bad("unexpected line '" + std::string(line.substr(0, 60)) + "'");
    }
  }
  if (nodes_left > 0) return bad("the last tree ends before its nodes");
  if (weights_seen != kNames.size()) {
    return bad("has " + std::to_string(weights_seen) + " weights, want " + std::to_string(kNames.size()));
  }
  if (trees && m.trees_.empty()) return bad("has no trees");
  if (!has_threshold || !has_bias) return bad("lacks its threshold or bias");
  if (tests == 0) return bad("has no self-test lines");
  return m;
}

Result<EventModel> EventModel::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ErrorKind::kNotFound, "event model not found", Location{path});
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return make_error(ErrorKind::kIo, "event model could not be read", Location{path});
  return parse(text.str(), path);
}

std::string default_event_model_path() {
  return std::string(SIPUR_MODEL_DIR) + "/events.model";
}

}  // namespace sipur::cluster
