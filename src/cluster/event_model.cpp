#include "cluster/event_model.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace sipur::cluster {
namespace {

// 1: the first learned decision.
constexpr std::string_view kHeader = "sipur-event-model 1";

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
  std::snprintf(buffer, sizeof buffer, "%.17g", x);
  return buffer;
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

EventModel::EventModel(FeatureVector weights, double bias, double threshold, std::string trained_on)
    : weights_(weights), bias_(bias), threshold_(threshold), trained_on_(std::move(trained_on)) {}

double EventModel::probability(const FeatureVector& x) const {
  double z = bias_;
  for (std::size_t i = 0; i < x.size(); ++i) z += weights_[i] * x[i];
  return 1 / (1 + std::exp(-z));
}

std::string EventModel::serialize(const std::vector<FeatureVector>& tests) const {
  std::string out(kHeader);
  out += "\n# A logistic model of 'this article joins this candidate event', trained by sipur train-events.\n";
  out += "trained-on\t" + trained_on_ + "\n";
  out += "threshold\t" + number(threshold_) + "\n";
  out += "bias\t" + number(bias_) + "\n";
  for (std::size_t i = 0; i < kNames.size(); ++i)
    out += "weight\t" + std::string(kNames[i]) + "\t" + number(weights_[i]) + "\n";
  for (const FeatureVector& x : tests) {
    out += "test";
    for (const double v : x) out += "\t" + number(v);
    out += "\t" + number(probability(x)) + "\n";
  }
  return out;
}

Result<EventModel> EventModel::parse(std::string_view text, const std::string& name) {
  EventModel m;
  std::size_t line_number = 0;
  std::size_t weights_seen = 0;
  bool has_threshold = false, has_bias = false;
  auto bad = [&](const std::string& why) {
    return make_error(ErrorKind::kInvalidInput, "event model: " + why, Location{name, line_number});
  };
  std::vector<std::pair<FeatureVector, double>> tests;
  for (std::string_view line : split(text, '\n')) {
    ++line_number;
    if (line_number == 1) {
      if (line != kHeader) {
        return bad("not a sipur event model of this version (want '" + std::string(kHeader) + "', got '" +
                   std::string(line.substr(0, 60)) + "')");
      }
      continue;
    }
    if (line.empty() || line[0] == '#') continue;
    const std::vector<std::string_view> f = split(line, '\t');
    if (f[0] == "trained-on" && f.size() == 2) {
      m.trained_on_ = std::string(f[1]);
    } else if (f[0] == "threshold" && f.size() == 2) {
      if (!to_double(f[1], m.threshold_) || m.threshold_ <= 0 || m.threshold_ >= 1)
        return bad("threshold not in (0, 1)");
      has_threshold = true;
    } else if (f[0] == "bias" && f.size() == 2) {
      if (!to_double(f[1], m.bias_)) return bad("bias is not a number");
      has_bias = true;
    } else if (f[0] == "weight" && f.size() == 3) {
      if (weights_seen >= kNames.size() || f[1] != kNames[weights_seen]) {
        return bad("weight '" + std::string(f[1]) + "' is not the feature this build expects at place " +
                   std::to_string(weights_seen + 1) +
                   (weights_seen < kNames.size() ? " ('" + std::string(kNames[weights_seen]) + "')" : ""));
      }
      if (!to_double(f[2], m.weights_[weights_seen])) return bad("weight is not a number");
      ++weights_seen;
    } else if (f[0] == "test" && f.size() == kEvidenceFeatures + 2) {
      FeatureVector x{};
      double p = 0;
      for (std::size_t i = 0; i < kEvidenceFeatures; ++i) {
        if (!to_double(f[i + 1], x[i])) return bad("self-test value is not a number");
      }
      if (!to_double(f.back(), p)) return bad("self-test probability is not a number");
      tests.emplace_back(x, p);
      if (weights_seen != kNames.size() || !has_bias) return bad("self-test before the weights and bias");
      if (std::abs(m.probability(x) - p) > 1e-9) {
        return bad("self-test fails: the model gives " + number(m.probability(x)) + ", the file says " + number(p));
      }
    } else {
      return bad("unexpected line '" + std::string(line.substr(0, 60)) + "'");
    }
  }
  if (weights_seen != kNames.size())
    return bad("has " + std::to_string(weights_seen) + " weights, want " + std::to_string(kNames.size()));
  if (!has_threshold || !has_bias) return bad("lacks its threshold or bias");
  if (tests.empty()) return bad("has no self-test lines");
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
