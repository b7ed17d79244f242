#include "cluster/features.h"

#include <algorithm>
#include <set>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/byte_io.h"

namespace sipur::cluster {
namespace {

void add_term(const analysis::AnalyzedToken& t, TermCounts& terms, std::set<std::string>& entities) {
  if (t.punctuation || t.stop_word) return;
  const std::string& key = t.number ? t.surface : (t.lemma.empty() ? t.normalized : t.lemma);
  if (key.empty()) return;
  terms[key] += 1.0F;
  if (t.entity_candidate) entities.insert(key);
}

// The stored form: a version byte that JSON cannot start with, then the
// title's and the body's terms with their counts, then the entities. Terms
// go in the maps' iteration order, which the same input reproduces; no
// sorting, since this is written for every article.
constexpr char kBinaryVersion = 1;

void put_terms(ByteWriter& w, const TermCounts& terms) {
  w.put(static_cast<std::uint32_t>(terms.size()));
  for (const auto& [term, count] : terms) {
    w.put_string<std::uint32_t>(term);
    w.put(count);
  }
}

bool get_terms(ByteReader& r, TermCounts& into) {
  const std::size_t n = r.get_count<std::uint32_t>(8);
  into.reserve(n);
  for (std::size_t i = 0; i < n && r.ok(); ++i) {
    const std::string_view term = r.get_string_view<std::uint32_t>();
    const auto count = r.get<float>();
    if (r.ok()) into[std::string(term)] = count;
  }
  return r.ok();
}

// The JSON form that stores written before the binary one hold:
// {"title":[["term",count],...],"body":[...],"entities":["name",...]}.
bool deserialize_json_features(const std::string& json, ArticleFeatures& out) {
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

}  // namespace

ArticleFeatures features_of(const std::vector<analysis::AnalyzedToken>& tokens, std::size_t title_end) {
  ArticleFeatures f;
  std::set<std::string> entities;
  for (const auto& t : tokens) add_term(t, t.token.begin < title_end ? f.title_terms : f.body_terms, entities);
  f.entities.assign(entities.begin(), entities.end());
  return f;
}

std::string serialize_features(const ArticleFeatures& f) {
  auto write = [&f](ByteWriter& w) {
    w.put(kBinaryVersion);
    put_terms(w, f.title_terms);
    put_terms(w, f.body_terms);
    w.put(static_cast<std::uint32_t>(f.entities.size()));
    for (const std::string& e : f.entities) w.put_string<std::uint32_t>(e);
  };
  return ByteWriter::write_sized(write);
}

bool deserialize_features(const std::string& bytes, ArticleFeatures& out) {
  if (bytes.empty()) return false;
  if (bytes.front() == '{') return deserialize_json_features(bytes, out);
  ByteReader r(bytes);
  if (r.get<char>() != kBinaryVersion) return false;
  if (!get_terms(r, out.title_terms) || !get_terms(r, out.body_terms)) return false;
  const std::size_t n = r.get_count<std::uint32_t>(4);
  out.entities.reserve(n);
  for (std::size_t i = 0; i < n && r.ok(); ++i) out.entities.push_back(r.get_string<std::uint32_t>());
  return r.ok() && r.at_end();
}

}  // namespace sipur::cluster
