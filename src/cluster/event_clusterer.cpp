#include "cluster/event_clusterer.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace sipur::cluster {
namespace {

using Weights = std::unordered_map<std::string, double>;

// Cosine of a unit-length article vector with a centroid of squared norm
// `norm2`, given their dot product.
double cosine(double norm2, double dot) {
  return norm2 <= 0 ? 0 : dot / std::sqrt(norm2);
}

// The n heaviest distinct terms, ties by term (deterministic labels).
std::vector<std::string> top_terms(std::vector<std::pair<double, std::string>> weighted, std::size_t n) {
  std::sort(weighted.begin(), weighted.end(),
            [](const auto& x, const auto& y) { return x.first != y.first ? x.first > y.first : x.second < y.second; });
  std::vector<std::string> out;
  for (const auto& [w, t] : weighted) {
    if (out.size() >= n) break;
    if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
  }
  return out;
}

std::string numbered(char prefix, std::size_t n) {
  std::string id(1, prefix);
  id.append(std::to_string(n));
  return id;
}

}  // namespace

void EventClusterer::Vector::add(const Weights& v) {
  for (const auto& [k, w] : v) {
    double& x = weights[k];
    norm2 += 2 * x * w + w * w;
    x += w;
  }
}

double EventClusterer::Vector::dot(const Weights& v) const {
  double d = 0;
  for (const auto& [k, w] : v) {
    if (const auto it = weights.find(k); it != weights.end()) d += it->second * w;
  }
  return d;
}

EventClusterer::EventClusterer(ClusterOptions options) : options_(options) {}

// TF-IDF with the document frequencies seen so far, unit length.
Weights EventClusterer::weigh(const TermCounts& terms) const {
  Weights out;
  double n2 = 0;
  for (const auto& [term, tf] : terms) {
    const auto it = df_.find(term);
    const double df = it == df_.end() ? 0 : static_cast<double>(it->second);
    const double idf = std::log((static_cast<double>(documents_) + 1) / (df + 1)) + 1;
    const double w = (1 + std::log(tf)) * idf;
    out[term] = w;
    n2 += w * w;
  }
  if (n2 > 0) {
    const double inv = 1 / std::sqrt(n2);
    for (auto& [k, w] : out) w *= inv;
  }
  return out;
}

void EventClusterer::observe_terms(const ArticleFeatures& a) {
  std::set<std::string> seen;
  for (const auto& [t, c] : a.title_terms) seen.insert(t);
  for (const auto& [t, c] : a.body_terms) seen.insert(t);
  for (const std::string& t : seen) ++df_[t];
  ++documents_;
  if (a.published) newest_ = std::max(newest_.value_or(*a.published), *a.published);
}

bool EventClusterer::active(const Event& e, std::optional<std::int64_t> now) const {
  if (now && e.last) return *e.last >= *now - options_.active_seconds;
  return e.order + options_.max_active_events >= events_.size();
}

EventClusterer::Scored EventClusterer::score(const ArticleFeatures& a, const Weights& title, const Weights& body,
                                             const Event& e) const {
  Scored s;
  s.title = e.title.norm2 > 0 ? cosine(e.title.norm2, e.title.dot(title)) : 0;
  const bool bodies = !body.empty() && e.body.norm2 > 0;
  s.body = bodies ? cosine(e.body.norm2, e.body.dot(body)) : 0;
  if (!a.entities.empty()) {
    double shared = 0;
    for (const std::string& x : a.entities) shared += e.entities.count(x) ? 1 : 0;
    s.entities = shared / static_cast<double>(a.entities.size());
  }
  double weight = options_.title_weight;
  double total = options_.title_weight * s.title;
  if (bodies) {
    weight += options_.body_weight;
    total += options_.body_weight * s.body;
  }
  if (!a.entities.empty()) {
    weight += options_.entity_weight;
    total += options_.entity_weight * s.entities;
  }
  if (a.published && e.last && e.first) {
    const std::int64_t t = *a.published;
    const std::int64_t gap = t < *e.first ? *e.first - t : t > *e.last ? t - *e.last : 0;
    s.time = std::exp(-static_cast<double>(gap) / (options_.time_scale_hours * 3600));
  }
  s.score = (weight > 0 ? total / weight : 0) * s.time;
  return s;
}

// The event with this id, created in `story` if new; also used to replay
// stored assignments, so a run and its replay build the same state.
std::size_t EventClusterer::event_index(const std::string& id, std::size_t story) {
  if (const auto it = event_of_id_.find(id); it != event_of_id_.end()) return it->second;
  Event e;
  e.id = id;
  e.order = events_.size();
  e.story = story;
  event_of_id_[e.id] = events_.size();
  events_.push_back(std::move(e));
  return events_.size() - 1;
}

std::size_t EventClusterer::story_index(const std::string& id) {
  if (const auto it = story_of_id_.find(id); it != story_of_id_.end()) return it->second;
  Story s;
  s.id = id;
  story_of_id_[s.id] = stories_.size();
  stories_.push_back(std::move(s));
  return stories_.size() - 1;
}

void EventClusterer::join(std::size_t index, const ArticleFeatures& a, const Weights& title, const Weights& body) {
  Event& e = events_[index];
  for (const auto& [t, w] : title) {
    if (!e.title.weights.count(t) && !e.body.weights.count(t)) postings_[t].push_back(index);
  }
  for (const auto& [t, w] : body) {
    if (!e.title.weights.count(t) && !e.body.weights.count(t)) postings_[t].push_back(index);
  }
  e.title.add(title);
  e.body.add(body);
  for (const std::string& x : a.entities) e.entities[x] += 1;
  ++e.size;
  if (a.published) {
    e.first = std::min(e.first.value_or(*a.published), *a.published);
    e.last = std::max(e.last.value_or(*a.published), *a.published);
  }
  // The label: the member title closest to the title centroid so far.
  const double closeness = e.title.norm2 > 0 ? e.title.dot(title) / std::sqrt(e.title.norm2) : 0;
  if (closeness > e.label_score && !a.title.empty()) {
    e.label = a.title;
    e.label_score = closeness;
  }
  article_event_[a.id] = index;
  Story& s = stories_[e.story];
  s.title.add(title);
  for (const std::string& x : a.entities) s.entities[x] += 1;
  if (a.published) s.last = std::max(s.last.value_or(*a.published), *a.published);
  ++s.size;
}

std::size_t EventClusterer::link_story(const ArticleFeatures& a, const Weights& title) {
  std::size_t best = stories_.size();
  double best_score = options_.story_threshold;
  for (std::size_t i = 0; i < stories_.size(); ++i) {
    const Story& s = stories_[i];
    if (a.published && s.last && *s.last < *a.published - options_.story_active_seconds) continue;
    double ent = 0;
    if (!a.entities.empty()) {
      for (const std::string& x : a.entities) ent += s.entities.count(x) ? 1 : 0;
      ent /= static_cast<double>(a.entities.size());
    }
    const double cos = s.title.norm2 > 0 ? s.title.dot(title) / std::sqrt(s.title.norm2) : 0;
    const double score = a.entities.empty() ? cos : 0.6 * ent + 0.4 * cos;
    if (score > best_score) {
      best_score = score;
      best = i;
    }
  }
  if (best < stories_.size()) return best;
  return story_index(numbered('s', stories_.size() + 1));
}

Decision EventClusterer::add(const ArticleFeatures& a, const std::string& copy_of) {
  observe_terms(a);
  const Weights title = weigh(a.title_terms);
  const Weights body = weigh(a.body_terms);
  Decision d;
  if (!copy_of.empty()) {
    if (const auto it = article_event_.find(copy_of); it != article_event_.end()) {
      join(it->second, a, title, body);
      const Event& e = events_[it->second];
      d.event = e.id;
      d.story = stories_[e.story].id;
      d.copy_of = copy_of;
      d.score = 1;
      return d;
    }
  }
  // Candidates: active events sharing a term, most shared terms first.
  std::unordered_map<std::size_t, int> shared;
  for (const auto* terms : {&title, &body}) {
    for (const auto& [t, w] : *terms) {
      const auto it = postings_.find(t);
      if (it == postings_.end()) continue;
      for (auto p = it->second.rbegin(); p != it->second.rend() && p - it->second.rbegin() < 2000; ++p) ++shared[*p];
    }
  }
  std::vector<std::pair<int, std::size_t>> ranked;
  for (const auto& [e, n] : shared) {
    if (active(events_[e], a.published)) ranked.emplace_back(n, e);
  }
  std::sort(ranked.begin(), ranked.end(),
            [](const auto& x, const auto& y) { return x.first != y.first ? x.first > y.first : x.second > y.second; });
  if (ranked.size() > options_.max_candidates) ranked.resize(options_.max_candidates);
  std::size_t best = events_.size();
  Scored best_score;
  std::size_t second = events_.size();
  double second_score = 0;
  std::sort(ranked.begin(), ranked.end(), [](const auto& x, const auto& y) { return x.second < y.second; });
  for (const auto& [n, e] : ranked) {
    const Scored s = score(a, title, body, events_[e]);
    if (best == events_.size() || s.score > best_score.score) {
      second = best;
      second_score = best_score.score;
      best = e;
      best_score = s;
    } else if (second == events_.size() || s.score > second_score) {
      second = e;
      second_score = s.score;
    }
  }
  if (second < events_.size()) {
    d.runner_up = events_[second].id;
    d.runner_up_score = second_score;
  }
  if (best < events_.size() && best_score.score >= options_.threshold) {
    const Event& e = events_[best];
    std::vector<std::pair<double, std::string>> strongest;
    for (const auto* terms : {&title, &body}) {
      for (const auto& [t, w] : *terms) {
        const auto it = e.title.weights.find(t);
        const auto jt = e.body.weights.find(t);
        const double ew =
            (it == e.title.weights.end() ? 0 : it->second) + (jt == e.body.weights.end() ? 0 : jt->second);
        if (ew > 0) strongest.emplace_back(ew * w, t);
      }
    }
    d.shared_terms = top_terms(std::move(strongest), 8);
    join(best, a, title, body);
  } else {
    if (best < events_.size()) {  // the best event was not good enough: it is the runner-up
      d.runner_up = events_[best].id;
      d.runner_up_score = best_score.score;
    }
    const std::size_t story = link_story(a, title);
    const std::size_t index = event_index(numbered('e', events_.size() + 1), story);
    d.new_story = stories_[events_[index].story].size == 0;
    join(index, a, title, body);
    best = index;
    d.new_event = true;
  }
  const Event& e = events_[best];
  d.event = e.id;
  d.story = stories_[e.story].id;
  d.score = best_score.score;
  d.title = best_score.title;
  d.body = best_score.body;
  d.entities = best_score.entities;
  d.time = best_score.time;
  return d;
}

void EventClusterer::restore(const ArticleFeatures& a, const std::string& event, const std::string& story) {
  observe_terms(a);
  const Weights title = weigh(a.title_terms);
  const Weights body = weigh(a.body_terms);
  join(event_index(event, story_index(story)), a, title, body);
}

std::vector<EventSummary> EventClusterer::summaries() const {
  std::vector<EventSummary> out;
  out.reserve(events_.size());
  for (const Event& e : events_) {
    EventSummary s;
    s.id = e.id;
    s.story = stories_[e.story].id;
    s.label = e.label;
    s.size = e.size;
    s.first = e.first;
    s.last = e.last;
    std::vector<std::pair<double, std::string>> terms;
    for (const auto& [t, w] : e.title.weights) terms.emplace_back(w * 2, t);
    for (const auto& [t, w] : e.body.weights) terms.emplace_back(w, t);
    s.terms = top_terms(std::move(terms), 6);
    std::vector<std::pair<double, std::string>> ents;
    for (const auto& [x, n] : e.entities) ents.emplace_back(n, x);
    s.entities = top_terms(std::move(ents), 5);
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace sipur::cluster
