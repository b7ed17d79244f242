#include "cluster/event_clusterer.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace sipur::cluster {
namespace {

// Times outside this range are typing errors or placeholders; such an
// article is clustered as if it had no time (the decision says so), so one
// bad date can neither hold an event open for decades nor retire the others.
constexpr std::int64_t kEarliestPlausible = 0;           // 1970-01-01
constexpr std::int64_t kLatestPlausible = 4102444800LL;  // 2100-01-01

// How many articles pass between sweeps for events and stories that have
// aged out; between sweeps, an aged-out event is still skipped when scoring.
constexpr std::size_t kSweepEvery = 512;

// The n heaviest distinct terms, ties by term (deterministic labels).
// Views, not strings, while ranking: an event's centroid holds hundreds of
// terms and only n are kept. Callers list a term at most twice (title and
// body), so the 2n heaviest entries nearly always hold the answer; the rest
// is sorted only when they do not.
std::vector<std::string> top_terms(std::vector<std::pair<double, std::string_view>> weighted, std::size_t n) {
  auto heavier = [](const auto& x, const auto& y) {
    return x.first != y.first ? x.first > y.first : x.second < y.second;
  };
  std::vector<std::string> out;
  auto take = [&](auto from, auto to) {
    for (auto it = from; it != to && out.size() < n; ++it) {
      if (std::find(out.begin(), out.end(), it->second) == out.end()) out.emplace_back(it->second);
    }
  };
  const auto ranked = weighted.begin() + static_cast<std::ptrdiff_t>(std::min(weighted.size(), 2 * n));
  std::partial_sort(weighted.begin(), ranked, weighted.end(), heavier);
  take(weighted.begin(), ranked);
  if (out.size() < n) {
    std::sort(ranked, weighted.end(), heavier);
    take(ranked, weighted.end());
  }
  return out;
}

std::string numbered(char prefix, std::uint64_t n) {
  std::string id(1, prefix);
  id.append(std::to_string(n));
  return id;
}

// 12 for "e12" (prefix 'e'); 0 if the id is not of that form.
std::uint64_t number_of(const std::string& id, char prefix) {
  if (id.size() < 2 || id[0] != prefix) return 0;
  std::uint64_t n = 0;
  const auto [end, ec] = std::from_chars(id.data() + 1, id.data() + id.size(), n);
  return ec == std::errc() && end == id.data() + id.size() ? n : 0;
}

double cosine(double dot, double norm2) {
  return norm2 > 0 ? dot / std::sqrt(norm2) : 0;
}

// A free slot of `slots` (reusing a retired one first), holding a fresh T.
template <class T>
std::uint32_t take_slot(std::vector<T>& slots, std::vector<std::uint32_t>& free) {
  if (free.empty()) {
    slots.emplace_back();
    return static_cast<std::uint32_t>(slots.size() - 1);
  }
  const std::uint32_t slot = free.back();
  free.pop_back();
  return slot;
}

}  // namespace

void EventClusterer::Accumulator::start(std::size_t slots) {
  if (title.size() < slots) {
    title.resize(slots);
    body.resize(slots);
    entities.resize(slots);
    title_specific.resize(slots);
    body_specific.resize(slots);
    stamp.resize(slots);
  }
  ++round;
  touched.clear();
}

void EventClusterer::Accumulator::touch(std::uint32_t slot) {
  if (stamp[slot] == round) return;
  stamp[slot] = round;
  title[slot] = body[slot] = entities[slot] = title_specific[slot] = body_specific[slot] = 0;
  touched.push_back(slot);
}

EventClusterer::EventClusterer(ClusterOptions options) : options_(options) {}

EventClusterer::TermId EventClusterer::intern(const std::string& term) {
  const auto [it, added] = term_ids_.try_emplace(term, static_cast<TermId>(term_names_.size()));
  if (added) {
    term_names_.push_back(term);
    term_display_.push_back(kUnseen);
    df_.push_back(0);
    title_postings_.emplace_back();
    body_postings_.emplace_back();
    entity_postings_.emplace_back();
    story_postings_.emplace_back();
  }
  return it->second;
}

std::string_view EventClusterer::display_of(TermId t) const {
  const std::uint32_t slot = term_display_[t];
  return slot == kItself || slot == kUnseen ? std::string_view(term_names_[t])
                                            : std::string_view(display_forms_[slot].form);
}

// TF-IDF with the document frequencies seen so far (this article counted),
// unit length.
EventClusterer::SparseVector EventClusterer::weigh(const SparseVector& counts) const {
  SparseVector out;
  out.reserve(counts.size());
  double n2 = 0;
  for (const auto& [id, tf] : counts) {
    const double idf = std::log((static_cast<double>(documents_) + 1) / (static_cast<double>(df_[id]) + 1)) + 1;
    const double w = (1 + std::log(tf)) * idf;
    out.emplace_back(id, static_cast<float>(w));
    n2 += w * w;
  }
  if (n2 > 0) {
    const double inv = 1 / std::sqrt(n2);
    for (auto& [id, w] : out) w = static_cast<float>(w * inv);
  }
  std::sort(out.begin(), out.end());
  return out;
}

EventClusterer::Vectors EventClusterer::vectors_of(const ArticleFeatures& a) {
  // Each term is looked up once: its id serves the document frequencies and
  // the weights.
  auto counts_of = [this](const TermCounts& terms) {
    SparseVector counts;
    counts.reserve(terms.size());
    for (const auto& [t, c] : terms) counts.emplace_back(intern(t), c);
    return counts;
  };
  const SparseVector title = counts_of(a.title_terms);
  const SparseVector body = counts_of(a.body_terms);
  std::vector<TermId> seen;
  seen.reserve(title.size() + body.size());
  for (const auto* counts : {&title, &body}) {
    for (const auto& [id, c] : *counts) seen.push_back(id);
  }
  std::sort(seen.begin(), seen.end());
  seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
  for (const TermId id : seen) ++df_[id];
  ++documents_;
  // Display forms (ArticleFeatures::display): a term of the article without
  // one was met as itself, and reads as itself from then on (the stem
  // "final", once met as "final", no longer reads "finale"); otherwise the
  // articles vote, one vote each, and the form most of them use wins.
  // (The round wraps after 2^32 articles: at worst one label then reads as
  // its stem.)
  ++display_round_;
  for (const auto& [at, display] : a.display) {
    if (at >= title.size() + body.size()) continue;  // not a term of the article
    const TermId id = at < title.size() ? title[at].first : body[at - title.size()].first;
    std::uint32_t& slot = term_display_[id];
    if (slot == kItself) continue;
    if (slot == kUnseen) {
      slot = static_cast<std::uint32_t>(display_forms_.size());
      display_forms_.push_back({display, 0, 0});
    }
    DisplayForm& d = display_forms_[slot];
    d.round = display_round_;
    if (d.form == display) {
      ++d.votes;
    } else if (d.votes == 0) {
      d.form = display;
      d.votes = 1;
    } else {
      --d.votes;
    }
  }
  for (const TermId id : seen) {
    std::uint32_t& slot = term_display_[id];
    if (slot == kUnseen || (slot != kItself && display_forms_[slot].round != display_round_)) {
      if (slot != kUnseen) display_forms_[slot].form.clear();  // no longer read; its entry stays unused
      slot = kItself;
    }
  }
  Vectors v;
  v.title = weigh(title);
  v.body = weigh(body);
  for (const std::string& x : a.entities) v.entities.push_back(intern(x));
  std::sort(v.entities.begin(), v.entities.end());
  v.entities.erase(std::unique(v.entities.begin(), v.entities.end()), v.entities.end());
  for (const TermId id : seen) {
    const std::string& name = term_names_[id];
    if (!name.empty() && name[0] >= '0' && name[0] <= '9') v.numbers.push_back(id);
  }
  return v;
}

std::optional<std::int64_t> EventClusterer::plausible_time(const ArticleFeatures& a) const {
  if (!a.published || *a.published < kEarliestPlausible || *a.published >= kLatestPlausible) return std::nullopt;
  return a.published;
}

bool EventClusterer::active(const Event& e, std::optional<std::int64_t> now) const {
  return !now || !e.last || *e.last >= *now - options_.active_seconds;
}

// Retires what has aged out relative to `now` (the time of the article being
// clustered, not the newest time seen, so that one future-dated article
// cannot age out everything else).
void EventClusterer::retire_old(std::optional<std::int64_t> now) {
  if (++adds_since_sweep_ < kSweepEvery || !now) return;
  adds_since_sweep_ = 0;
  std::vector<std::uint32_t> old_events;
  for (const auto& [number, slot] : live_events_) {
    if (!active(events_[slot], now)) old_events.push_back(slot);
  }
  for (const std::uint32_t slot : old_events) retire_event(slot);
  std::vector<std::uint32_t> old_stories;
  for (const auto& [number, slot] : live_stories_) {
    const Story& s = stories_[slot];
    if (s.live_events == 0 && s.last && *s.last < *now - options_.story_active_seconds) old_stories.push_back(slot);
  }
  for (const std::uint32_t slot : old_stories) retire_story(slot);
}

namespace {
template <class Postings>
void drop_postings(Postings& lists, std::uint32_t term, std::uint32_t slot) {
  auto& list = lists[term];
  list.erase(std::remove_if(list.begin(), list.end(), [&](const auto& p) { return p.slot == slot; }), list.end());
}
}  // namespace

void EventClusterer::retire_event(std::uint32_t slot) {
  if (events_[slot].story == kPendingStory) decide_story(slot);  // its articles need a story before it goes
  Event& e = events_[slot];
  if (e.changed) retired_summaries_.push_back(summary_of(e));
  for (const TermId t : e.title.terms) drop_postings(title_postings_, t, slot);
  for (const TermId t : e.body.terms) drop_postings(body_postings_, t, slot);
  for (const auto& [x, n] : e.entities) drop_postings(entity_postings_, x, slot);
  for (const std::string& id : e.members) article_event_.erase(id);
  --stories_[e.story].live_events;
  live_events_.erase(e.number);
  e = Event{};
  free_events_.push_back(slot);
}

void EventClusterer::retire_story(std::uint32_t slot) {
  Story& s = stories_[slot];
  for (const TermId t : s.title.terms) drop_postings(story_postings_, t, slot);
  live_stories_.erase(s.number);
  s = Story{};
  free_stories_.push_back(slot);
}

std::uint32_t EventClusterer::create_event(std::uint64_t number, std::uint32_t story) {
  const std::uint32_t slot = take_slot(events_, free_events_);
  events_[slot].number = number;
  events_[slot].story = story;
  if (story != kPendingStory) ++stories_[story].live_events;
  live_events_[number] = slot;
  next_event_ = std::max(next_event_, number + 1);
  // Without times nothing ages out: the oldest events retire past the cap.
  while (live_events_.size() > options_.max_active_events) retire_event(live_events_.begin()->second);
  return slot;
}

std::uint32_t EventClusterer::create_story(std::uint64_t number) {
  const std::uint32_t slot = take_slot(stories_, free_stories_);
  stories_[slot].number = number;
  live_stories_[number] = slot;
  next_story_ = std::max(next_story_, number + 1);
  if (live_stories_.size() > options_.max_active_stories) {
    for (const auto& [n, s] : live_stories_) {
      if (s != slot && stories_[s].live_events == 0) {
        retire_story(s);
        break;
      }
    }
  }
  return slot;
}

void EventClusterer::add_to(Centroid& c, const SparseVector& v, std::uint32_t slot,
                            std::vector<std::vector<Posting>>& postings) {
  for (const auto& [t, w] : v) {
    const auto [it, added] = c.index.try_emplace(t, static_cast<std::uint32_t>(c.weights.size()));
    if (added) {
      c.weights.push_back(0);
      c.terms.push_back(t);
      postings[t].push_back({slot, it->second});
    }
    float& x = c.weights[it->second];
    c.norm2 += 2.0 * x * w + static_cast<double>(w) * w;
    x += w;
  }
}

void EventClusterer::join(std::uint32_t slot, const ArticleFeatures& a, const Vectors& v,
                          std::optional<std::int64_t> published) {
  Event& e = events_[slot];
  add_to(e.title, v.title, slot, title_postings_);
  add_to(e.body, v.body, slot, body_postings_);
  for (const TermId x : v.entities) {
    if (e.entities[x]++ == 0) entity_postings_[x].push_back({slot, 0});
  }
  ++e.size;
  if (published) {
    e.first = std::min(e.first.value_or(*published), *published);
    e.last = std::max(e.last.value_or(*published), *published);
  }
  // The label: the member title closest to the title centroid so far.
  double dot = 0;
  for (const auto& [t, w] : v.title) dot += w * e.title.weights[e.title.index.at(t)];
  const double closeness = cosine(dot, e.title.norm2);
  if (closeness > e.label_score && !a.title.empty()) {
    e.label = a.title;
    e.label_score = closeness;
  }
  e.members.push_back(a.id);
  article_event_[a.id] = slot;
  if (!v.title.empty()) {
    e.recent_titles.push_back({published, v.title});
    if (e.recent_titles.size() > kRecentTitles) e.recent_titles.pop_front();
  }
  e.changed = true;
  if (e.story == kPendingStory) return;  // the story gets all of it when it is decided
  Story& s = stories_[e.story];
  add_to(s.title, story_terms(v), e.story, story_postings_);
  for (const TermId x : v.entities) ++s.entities[x];
  if (published) s.last = std::max(s.last.value_or(*published), *published);
  ++s.size;
}

void EventClusterer::decide_story(std::uint32_t slot) {
  Event& e = events_[slot];
  // The event's titles so far, as one unit vector: its title centroid is
  // their sum. An event without title terms (no title, or a dateline in its
  // place) is linked by its bodies instead, so that it can join a story.
  const Centroid& c = e.title.norm2 > 0 || e.body.norm2 <= 0 ? e.title : e.body;
  const double norm = std::sqrt(c.norm2);
  SparseVector sum, unit;
  for (std::size_t i = 0; i < c.terms.size(); ++i) {
    sum.emplace_back(c.terms[i], c.weights[i]);
    if (norm > 0) unit.emplace_back(c.terms[i], static_cast<float>(c.weights[i] / norm));
  }
  std::vector<TermId> entities;
  for (const auto& [x, n] : e.entities) entities.push_back(x);
  std::sort(entities.begin(), entities.end());
  StoryDecision d;
  e.story = link_story(unit, entities, e.first, d.story_score);
  Story& s = stories_[e.story];
  d.new_story = s.size == 0;
  ++s.live_events;
  add_to(s.title, sum, e.story, story_postings_);
  for (const auto& [x, n] : e.entities) s.entities[x] += n;
  if (e.last) s.last = std::max(s.last.value_or(*e.last), *e.last);
  s.size += e.size;
  e.changed = true;
  d.event = event_id(e);
  d.story = story_id(e);
  story_decisions_.push_back(std::move(d));
  if (const auto it = std::find(pending_dated_.begin(), pending_dated_.end(), e.number); it != pending_dated_.end()) {
    pending_dated_.erase(it);
  }
}

// Oldest first, stopping at the first that has not timed out: in a stream in
// time order that is every one due; one out of order waits for its turn.
void EventClusterer::decide_timed_out_stories(std::optional<std::int64_t> now) {
  if (!now) return;
  const auto limit = static_cast<std::int64_t>(options_.story_defer_hours * 3600);
  while (!pending_dated_.empty()) {
    const std::uint32_t slot = live_events_.at(pending_dated_.front());
    const Event& e = events_[slot];
    if (!e.first || *e.first >= *now - limit) break;
    decide_story(slot);
  }
}

void EventClusterer::decide_pending_stories() {
  std::vector<std::uint32_t> pending;  // oldest first, dated or not
  for (const auto& [number, slot] : live_events_) {
    if (events_[slot].story == kPendingStory) pending.push_back(slot);
  }
  for (const std::uint32_t slot : pending) decide_story(slot);
}

bool EventClusterer::stories_pending() const {
  return std::any_of(live_events_.begin(), live_events_.end(),
                     [this](const auto& live) { return events_[live.second].story == kPendingStory; });
}

std::vector<StoryDecision> EventClusterer::take_story_decisions() {
  std::vector<StoryDecision> out = std::move(story_decisions_);
  story_decisions_.clear();
  return out;
}

EventClusterer::Specificity EventClusterer::specificity(const Vectors& v) const {
  Specificity out;
  out.title.assign(v.title.size(), 1.0F);
  out.body.assign(v.body.size(), 1.0F);
  // Too few recent articles say nothing about what is widely shared.
  const auto n = static_cast<double>(recent_.size());
  if (recent_.size() < 20) return out;
  const double scale = std::log(n + 1);
  auto fill = [&](const SparseVector& terms, std::vector<float>& g) {
    for (std::size_t i = 0; i < terms.size(); ++i) {
      const auto it = recent_df_.find(terms[i].first);
      const double df = it == recent_df_.end() ? 0 : it->second;
      g[i] = static_cast<float>(std::clamp(std::log((n + 1) / (df + 1)) / scale, 0.0, 1.0));
    }
  };
  fill(v.title, out.title);
  fill(v.body, out.body);
  return out;
}

void EventClusterer::remember_recent(const Vectors& v, std::optional<std::int64_t> published) {
  Recent r;
  r.published = published;
  for (const auto* terms : {&v.title, &v.body}) {
    for (const auto& [t, w] : *terms) r.terms.push_back(t);
  }
  std::sort(r.terms.begin(), r.terms.end());
  r.terms.erase(std::unique(r.terms.begin(), r.terms.end()), r.terms.end());
  for (const TermId t : r.terms) ++recent_df_[t];
  recent_.push_back(std::move(r));
  const auto window = static_cast<std::int64_t>(options_.recent_hours * 3600);
  auto expired = [&](const Recent& old) {
    if (!published) return recent_.size() > options_.recent_undated;
    return recent_.size() > options_.recent_articles || (old.published && *old.published < *published - window);
  };
  while (!recent_.empty() && expired(recent_.front())) {
    for (const TermId t : recent_.front().terms) {
      const auto it = recent_df_.find(t);
      if (--it->second == 0) recent_df_.erase(it);
    }
    recent_.pop_front();
  }
}

void EventClusterer::accumulate(const Vectors& v, const Specificity& specific) {
  acc_.start(events_.size());
  for (std::size_t i = 0; i < v.title.size(); ++i) {
    const auto [t, w] = v.title[i];
    for (const Posting& p : title_postings_[t]) {
      acc_.touch(p.slot);
      const double dot = static_cast<double>(w) * events_[p.slot].title.weights[p.weight];
      acc_.title[p.slot] += dot;
      acc_.title_specific[p.slot] += dot * specific.title[i];
    }
  }
  for (std::size_t i = 0; i < v.body.size(); ++i) {
    const auto [t, w] = v.body[i];
    for (const Posting& p : body_postings_[t]) {
      acc_.touch(p.slot);
      const double dot = static_cast<double>(w) * events_[p.slot].body.weights[p.weight];
      acc_.body[p.slot] += dot;
      acc_.body_specific[p.slot] += dot * specific.body[i];
    }
  }
  for (const TermId x : v.entities) {
    for (const Posting& p : entity_postings_[x]) {
      acc_.touch(p.slot);
      acc_.entities[p.slot] += 1;
    }
  }
}

double EventClusterer::rule_threshold(double body_share, std::size_t event_size) const {
  const double threshold = options_.threshold + (options_.body_threshold - options_.threshold) * body_share;
  const bool large = options_.large_event_articles > 0 && event_size >= options_.large_event_articles;
  return large ? threshold * options_.large_event_factor : threshold;
}

double EventClusterer::body_share(const Vectors& v) const {
  if (options_.full_body_terms <= 0) return v.body.empty() ? 0 : 1;
  return std::min(1.0, static_cast<double>(v.body.size()) / options_.full_body_terms);
}

EventClusterer::Scored EventClusterer::score(const Vectors& v, std::optional<std::int64_t> published,
                                             std::uint32_t slot) const {
  const Event& e = events_[slot];
  Scored s;
  s.title = cosine(acc_.title[slot], e.title.norm2);
  const bool bodies = !v.body.empty() && e.body.norm2 > 0;
  s.body = bodies ? cosine(acc_.body[slot], e.body.norm2) : 0;
  if (!v.entities.empty()) s.entities = acc_.entities[slot] / static_cast<double>(v.entities.size());
  // Titles weigh in only when both sides have one: a missing title (or a
  // dateline in its place, see features_of) is no evidence of difference.
  s.title_weighed = !v.title.empty() && e.title.norm2 > 0;
  double weight = s.title_weighed ? options_.title_weight : 0;
  double total = weight * s.title;
  if (bodies) {
    // A lede of a few words says less than a full report: it weighs less.
    const double body_weight = options_.body_weight * body_share(v);
    weight += body_weight;
    total += body_weight * s.body;
  }
  if (!v.entities.empty()) {
    weight += options_.entity_weight;
    total += options_.entity_weight * s.entities;
  }
  if (published && e.first && e.last) {
    const std::int64_t t = *published;
    const std::int64_t gap = t < *e.first ? *e.first - t : t > *e.last ? t - *e.last : 0;
    s.time = std::exp(-static_cast<double>(gap) / (options_.time_scale_hours * 3600));
    s.gap_hours = static_cast<double>(gap) / 3600;
  }
  s.score = (weight > 0 ? total / weight : 0) * s.time;
  return s;
}

double EventClusterer::story_recency(const Story& s, std::optional<std::int64_t> published) const {
  if (!published || !s.last || options_.story_time_scale_hours <= 0) return 1;
  const std::int64_t gap = std::max<std::int64_t>(0, *published - *s.last);
  const double floor = std::clamp(options_.story_time_floor, 0.0, 1.0);
  return floor + (1 - floor) * std::exp(-static_cast<double>(gap) / (options_.story_time_scale_hours * 3600));
}

const EventClusterer::SparseVector& EventClusterer::story_terms(const Vectors& v) {
  return v.title.empty() ? v.body : v.title;
}

std::uint32_t EventClusterer::link_story(const SparseVector& terms, const std::vector<TermId>& entities,
                                         std::optional<std::int64_t> published, double& story_score) {
  // Title cosines with every story reached through the story postings.
  story_acc_.start(stories_.size());
  for (const auto& [t, w] : terms) {
    for (const Posting& p : story_postings_[t]) {
      story_acc_.touch(p.slot);
      story_acc_.title[p.slot] += static_cast<double>(w) * stories_[p.slot].title.weights[p.weight];
    }
  }
  std::uint32_t best = 0;
  bool found = false;
  double best_score = options_.story_threshold;
  for (const std::uint32_t slot : story_acc_.touched) {
    const Story& s = stories_[slot];
    if (published && s.last && *s.last < *published - options_.story_active_seconds) continue;
    double score = cosine(story_acc_.title[slot], s.title.norm2);
    if (!entities.empty() && options_.story_entity_weight > 0) {
      double shared = 0;
      for (const TermId x : entities) shared += s.entities.count(x) ? 1 : 0;
      score = (score + options_.story_entity_weight * shared / static_cast<double>(entities.size())) /
              (1 + options_.story_entity_weight);
    }
    // Recency only lowers a score (it is at most 1): a story that cannot
    // reach the threshold or the best so far even undecayed is passed over
    // before paying for the exponential.
    if (score <= options_.story_threshold || score < best_score) continue;
    score *= story_recency(s, published);
    const bool better = score > best_score || (found && score == best_score && s.number < stories_[best].number);
    if (score > options_.story_threshold && better) {
      best = slot;
      best_score = score;
      found = true;
    }
  }
  if (found) {
    story_score = best_score;
    return best;
  }
  story_score = 0;
  return create_story(next_story_);
}

std::vector<std::string> EventClusterer::shared_terms(const Vectors& v, const Event& e) const {
  std::vector<std::pair<double, std::string_view>> strongest;
  auto weight_in = [](const Centroid& c, TermId t) {
    const auto it = c.index.find(t);
    return it == c.index.end() ? 0.0 : static_cast<double>(c.weights[it->second]);
  };
  for (const auto* terms : {&v.title, &v.body}) {
    for (const auto& [t, w] : *terms) {
      const double ew = weight_in(e.title, t) + weight_in(e.body, t);
      if (ew > 0) strongest.emplace_back(ew * w, display_of(t));
    }
  }
  return top_terms(std::move(strongest), 8);
}

namespace {
// The dot product of two sparse vectors sorted by term, and the same with
// each of x's terms counted by its weight in `gx` (aligned with x).
template <class V>
std::pair<double, double> sparse_dots(const V& x, const std::vector<float>& gx, const V& y) {
  double dot = 0, weighted = 0;
  std::size_t i = 0, j = 0;
  while (i < x.size() && j < y.size()) {
    if (x[i].first < y[j].first) {
      ++i;
    } else if (y[j].first < x[i].first) {
      ++j;
    } else {
      const double d = static_cast<double>(x[i].second) * y[j].second;
      dot += d;
      weighted += d * gx[i];
      ++i;
      ++j;
    }
  }
  return {dot, weighted};
}
}  // namespace

Evidence EventClusterer::evidence(const ArticleFeatures& a, const Vectors& v, const Specificity& specific,
                                  std::optional<std::int64_t> published, std::uint32_t slot, const Scored& s,
                                  double best_combined) const {
  const Event& e = events_[slot];
  Evidence x;
  x.title = s.title;
  x.title_weighed = s.title_weighed;
  x.bodies = !v.body.empty() && e.body.norm2 > 0;
  x.body = s.body;
  x.body_share = body_share(v);
  x.has_entities = !v.entities.empty();
  x.entities = s.entities;
  x.time = s.time;
  x.gap_hours = s.gap_hours;
  x.dated = published && e.first;
  x.size = static_cast<double>(e.size);
  x.combined = s.score;
  x.margin = s.score - best_combined;
  x.rule_margin = s.score - rule_threshold(x.body_share, e.size);
  if (published && e.first) x.age_hours = std::max(0.0, static_cast<double>(*published - *e.first) / 3600);
  // The member most like the article, and how far apart in time the two are.
  double best_member = -1;
  for (const Event::MemberTitle& member : e.recent_titles) {
    const auto [dot, specific_dot] = sparse_dots(v.title, specific.title, member.title);
    x.member_specific = std::max(x.member_specific, specific_dot);
    if (dot > best_member) {
      best_member = dot;
      x.member_title = dot;
      x.member_gap_hours =
          published && member.published ? std::abs(static_cast<double>(*published - *member.published)) / 3600 : 0;
    }
  }
  x.title_specific = cosine(acc_.title_specific[slot], e.title.norm2);
  x.body_specific = x.bodies ? cosine(acc_.body_specific[slot], e.body.norm2) : 0;
  x.has_numbers = !v.numbers.empty();
  if (x.has_numbers) {
    std::size_t held = 0;
    for (const TermId t : v.numbers) held += e.title.index.contains(t) || e.body.index.contains(t) ? 1 : 0;
    x.numbers = static_cast<double>(held) / static_cast<double>(v.numbers.size());
  }
  x.hebrew = a.lang == "he";
  return x;
}

Decision EventClusterer::add(const ArticleFeatures& a, const std::string& copy_of, const Supervision* supervision) {
  const std::optional<std::int64_t> published = plausible_time(a);
  retire_old(published);
  decide_timed_out_stories(published);
  const Vectors v = vectors_of(a);
  Decision d;
  d.time_ignored = a.published && !published;
  // Once an event holds enough articles, its pending story is decided.
  auto settle = [this](std::uint32_t slot) {
    const Event& e = events_[slot];
    if (e.story == kPendingStory && e.size >= options_.story_defer_articles) decide_story(slot);
  };
  if (!copy_of.empty() && supervision == nullptr) {
    if (const auto it = article_event_.find(copy_of); it != article_event_.end()) {
      const std::uint32_t slot = it->second;
      join(slot, a, v, published);
      settle(slot);
      remember_recent(v, published);
      d.event = event_id(events_[slot]);
      d.story = story_id(events_[slot]);
      d.copy_of = copy_of;
      d.score = 1;
      return d;
    }
  }
  const Specificity specific = specificity(v);
  accumulate(v, specific);
  // Every live candidate by the hand-weighted score, best first (ties: the
  // older event).
  std::vector<std::pair<std::uint32_t, Scored>> candidates;
  for (const std::uint32_t slot : acc_.touched) {
    if (active(events_[slot], published)) candidates.emplace_back(slot, score(v, published, slot));
  }
  auto before = [this](const auto& x, const auto& y) {
    return x.second.score != y.second.score ? x.second.score > y.second.score
                                            : events_[x.first].number < events_[y.first].number;
  };
  const bool learned = options_.model != nullptr || supervision != nullptr;
  const std::size_t ranked =
      learned ? std::min(candidates.size(), options_.model_candidates) : std::min<std::size_t>(candidates.size(), 2);
  std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(ranked), candidates.end(),
                    before);
  candidates.resize(ranked);
  // Which candidate is best, and whether it is good enough: by the model's
  // probability, or by the hand-weighted score and threshold.
  std::optional<std::size_t> best, second;
  bool accept = false;
  std::vector<double> probability(candidates.size(), -1);
  if (learned) {
    const double best_combined = candidates.empty() ? 0 : candidates.front().second.score;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      const auto& [slot, scored] = candidates[i];
      const Evidence x = evidence(a, v, specific, published, slot, scored, best_combined);
      if (supervision != nullptr && supervision->observe) supervision->observe(events_[slot].number, x);
      if (options_.model) probability[i] = options_.model->probability(x);
    }
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      if (!best || probability[i] > probability[*best]) {
        second = best;
        best = i;
      } else if (!second || probability[i] > probability[*second]) {
        second = i;
      }
    }
    d.threshold = options_.model ? options_.model->threshold() : 0;
    accept = best && options_.model && probability[*best] >= d.threshold;
  } else {
    if (!candidates.empty()) best = 0;
    if (candidates.size() > 1) second = 1;
    // Without a candidate, the threshold of an event of no articles.
    d.threshold = rule_threshold(body_share(v), best ? events_[candidates[*best].first].size : 0);
    accept = best && candidates[*best].second.score >= d.threshold;
  }
  Scored best_score;
  if (best) {
    best_score = candidates[*best].second;
    d.probability = probability[*best];
  }
  // Training: the article goes where its label says, whatever was decided.
  std::optional<std::uint32_t> forced;
  if (supervision != nullptr && supervision->force) {
    accept = false;
    if (const auto it = live_events_.find(supervision->join); supervision->join != 0 && it != live_events_.end()) {
      forced = it->second;
    }
  }
  std::uint32_t chosen = 0;
  if (accept || forced) {
    if (accept && second) {
      d.runner_up = event_id(events_[candidates[*second].first]);
      d.runner_up_score = learned ? probability[*second] : candidates[*second].second.score;
    }
    chosen = forced ? *forced : candidates[*best].first;
    const Event& e = events_[chosen];
    d.shared_terms = shared_terms(v, e);
    for (const TermId x : v.entities) {
      if (e.entities.count(x)) d.shared_entities.emplace_back(display_of(x));
    }
    std::sort(d.shared_entities.begin(), d.shared_entities.end());
    join(chosen, a, v, published);
    settle(chosen);
  } else {
    if (best) {  // the best event was not good enough: it is the runner-up
      d.runner_up = event_id(events_[candidates[*best].first]);
      d.runner_up_score = learned ? probability[*best] : best_score.score;
    }
    if (options_.story_defer_articles > 1) {
      chosen = create_event(next_event_, kPendingStory);
      if (published) pending_dated_.push_back(events_[chosen].number);
    } else {
      const std::uint32_t story = link_story(story_terms(v), v.entities, published, d.story_score);
      d.new_story = stories_[story].size == 0;
      chosen = create_event(next_event_, story);
    }
    join(chosen, a, v, published);
    d.new_event = true;  // the sub-scores below are then those of the runner-up
  }
  remember_recent(v, published);
  d.event = event_id(events_[chosen]);
  d.story = story_id(events_[chosen]);
  d.score = best_score.score;
  d.title = best_score.title;
  d.title_weighed = best ? best_score.title_weighed : !v.title.empty();
  d.body = best_score.body;
  d.entities = best_score.entities;
  d.time = best_score.time;
  return d;
}

void EventClusterer::restore(const ArticleFeatures& a, const std::string& event, const std::string& story) {
  const std::uint64_t event_number = number_of(event, 'e');
  const std::uint64_t story_number = number_of(story, 's');
  if (event_number == 0 || story_number == 0) return;  // not an id this clusterer made
  const std::optional<std::int64_t> published = plausible_time(a);
  retire_old(published);
  const Vectors v = vectors_of(a);
  std::uint32_t story_slot = 0;
  if (const auto it = live_stories_.find(story_number); it != live_stories_.end()) {
    story_slot = it->second;
  } else {
    story_slot = create_story(story_number);
  }
  std::uint32_t slot = 0;
  if (const auto it = live_events_.find(event_number); it != live_events_.end()) {
    slot = it->second;
  } else {
    slot = create_event(event_number, story_slot);
  }
  join(slot, a, v, published);
  remember_recent(v, published);
  events_[slot].changed = false;  // stored already
}

std::string EventClusterer::event_id(const Event& e) const {
  return numbered('e', e.number);
}

std::string EventClusterer::story_id(const Event& e) const {
  return e.story == kPendingStory ? std::string() : numbered('s', stories_[e.story].number);
}

EventSummary EventClusterer::summary_of(const Event& e) const {
  EventSummary s;
  s.id = event_id(e);
  s.story = story_id(e);
  s.label = e.label;
  s.size = e.size;
  s.first = e.first;
  s.last = e.last;
  std::vector<std::pair<double, std::string_view>> terms;
  for (std::size_t i = 0; i < e.title.terms.size(); ++i) {
    terms.emplace_back(e.title.weights[i] * 2, display_of(e.title.terms[i]));
  }
  for (std::size_t i = 0; i < e.body.terms.size(); ++i) {
    terms.emplace_back(e.body.weights[i], display_of(e.body.terms[i]));
  }
  s.terms = top_terms(std::move(terms), 6);
  std::vector<std::pair<double, std::string_view>> ents;
  for (const auto& [x, n] : e.entities) ents.emplace_back(n, display_of(x));
  s.entities = top_terms(std::move(ents), 5);
  return s;
}

std::vector<EventSummary> EventClusterer::take_changed_summaries() {
  std::vector<EventSummary> out = std::move(retired_summaries_);
  retired_summaries_.clear();
  for (const auto& [number, slot] : live_events_) {
    Event& e = events_[slot];
    if (!e.changed) continue;
    out.push_back(summary_of(e));
    e.changed = false;
  }
  return out;
}

}  // namespace sipur::cluster
