#include "cluster/features.h"

#include <algorithm>
#include <charconv>
#include <set>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/json_out.h"

namespace sipur::cluster {
namespace {

void add_term(const analysis::AnalyzedToken& t, TermCounts& terms, std::set<std::string>& entities) {
  if (t.punctuation || t.stop_word) return;
  const std::string& key = t.number ? t.surface : (t.lemma.empty() ? t.normalized : t.lemma);
  if (key.empty()) return;
  terms[key] += 1.0F;
  if (t.entity_candidate) entities.insert(key);
}

// [["term", count], ...] sorted by term, so the stored form is stable.
void append_terms(std::string& out, const TermCounts& terms) {
  std::vector<std::pair<std::string_view, float>> sorted(terms.begin(), terms.end());
  std::sort(sorted.begin(), sorted.end());
  out.push_back('[');
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (i > 0) out.push_back(',');
    out.push_back('[');
    append_json_string(out, sorted[i].first);
    // Shortest form that reads back as the same float ("1", "2.5").
    char buf[32];
    buf[0] = ',';
    const auto written = std::to_chars(buf + 1, buf + sizeof buf - 1, sorted[i].second);
    *written.ptr = ']';
    out.append(buf, written.ptr + 1);
  }
  out.push_back(']');
}

}  // namespace

ArticleFeatures features_of(const std::vector<analysis::AnalyzedToken>& tokens, std::size_t title_end) {
  ArticleFeatures f;
  std::set<std::string> entities;
  for (const auto& t : tokens) add_term(t, t.token.begin < title_end ? f.title_terms : f.body_terms, entities);
  f.entities.assign(entities.begin(), entities.end());
  return f;
}

std::string serialize_features(const ArticleFeatures& f) {
  std::string out = "{\"title\":";
  append_terms(out, f.title_terms);
  out += ",\"body\":";
  append_terms(out, f.body_terms);
  out += ",\"entities\":";
  append_json_strings(out, f.entities);
  out += "}";
  return out;
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
