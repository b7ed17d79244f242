#include "cluster/features.h"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

namespace sipur::cluster {
namespace {

void add_terms(const std::vector<analysis::AnalyzedToken>& tokens, TermCounts& terms, std::set<std::string>& entities) {
  for (const auto& t : tokens) {
    if (t.punctuation || t.stop_word) continue;
    const std::string key = t.number ? t.surface : (t.lemma.empty() ? t.normalized : t.lemma);
    if (key.empty()) continue;
    terms[key] += 1.0F;
    if (t.entity_candidate) entities.insert(key);
  }
}

}  // namespace

ArticleFeatures features_of(const std::vector<analysis::AnalyzedToken>& title_tokens,
                            const std::vector<analysis::AnalyzedToken>& body_tokens) {
  ArticleFeatures f;
  std::set<std::string> entities;
  add_terms(title_tokens, f.title_terms, entities);
  add_terms(body_tokens, f.body_terms, entities);
  f.entities.assign(entities.begin(), entities.end());
  return f;
}

std::string serialize_features(const ArticleFeatures& f) {
  auto sorted_terms = [](const TermCounts& terms) {
    std::vector<std::pair<std::string, float>> v(terms.begin(), terms.end());
    std::sort(v.begin(), v.end());
    nlohmann::json out = nlohmann::json::array();
    for (const auto& [k, c] : v) out.push_back({k, c});
    return out;
  };
  nlohmann::json j = {
      {"title", sorted_terms(f.title_terms)}, {"body", sorted_terms(f.body_terms)}, {"entities", f.entities}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool deserialize_features(const std::string& json, ArticleFeatures& out) {
  const auto j = nlohmann::json::parse(json, nullptr, false);
  if (!j.is_object()) return false;
  auto terms = [](const nlohmann::json& a, TermCounts& into) {
    if (!a.is_array()) return false;
    for (const auto& p : a) {
      if (!p.is_array() || p.size() != 2 || !p[0].is_string() || !p[1].is_number()) return false;
      into[p[0].get<std::string>()] = p[1].get<float>();
    }
    return true;
  };
  if (!terms(j.value("title", nlohmann::json()), out.title_terms)) return false;
  if (!terms(j.value("body", nlohmann::json()), out.body_terms)) return false;
  const auto e = j.value("entities", nlohmann::json());
  if (!e.is_array()) return false;
  for (const auto& x : e) {
    if (x.is_string()) out.entities.push_back(x.get<std::string>());
  }
  return true;
}

}  // namespace sipur::cluster
