#include "pipeline/copies_and_events.h"

#include <algorithm>
#include <climits>
#include <limits>
#include <numeric>
#include <optional>
#include <string_view>

#include "core/byte_io.h"
#include "views/records.h"

namespace sipur::pipeline {
namespace {

store::CopyRow copy_row(const dedup::CopyRelation& r) {
  return {r.a,       r.b,           std::string(dedup::to_string(r.kind)), r.score,
          r.jaccard, r.containment, views::encode_passages(r.passages)};
}

// An article's MinHash signature is computed by the copy index, and only
// when the article is no exact copy of one it holds (an exact copy needs only
// its content hash): reposts are common in news streams.
// The source whose event a copy joins: of the relations in which `id` is
// the copy, the exact one, else the nearest near copy (partial reuse does
// not decide an event); of equals, the smallest id, so that the choice is
// the same whatever order the relations come in (live, or from the store).
template <class Relations, class Kind>
std::string source_to_join(const std::string& id, const Relations& relations, Kind kind_of) {
  std::string copy_of;
  double best = 0;
  for (const auto& r : relations) {
    const dedup::CopyKind kind = kind_of(r);
    const double strength = kind == dedup::CopyKind::kExact ? 2 : kind == dedup::CopyKind::kNear ? r.score : 0;
    if (r.b == id && strength > 0 && (strength > best || (strength == best && r.a < copy_of))) {
      best = strength;
      copy_of = r.a;
    }
  }
  return copy_of;
}

IngestOptions with_lazy_signatures(IngestOptions options) {
  options.fingerprint.signatures = false;
  options.copies.minhash_size = options.fingerprint.minhash_size;
  return options;
}

// The stage's saved state: the clusterer's and the analyzer's bytes, each
// behind its own magic, in one store row.
constexpr std::string_view kStageStateMagic = "sipur-stage-state 1\n";

struct StageState {
  std::string clusterer;
  std::string analyzer;
};

std::string pack_state(const StageState& state) {
  return ByteWriter::write_sized([&](ByteWriter& w) {
    w.put_bytes(kStageStateMagic);
    w.put_varint_string(state.clusterer);
    w.put_varint_string(state.analyzer);
  });
}

std::optional<StageState> unpack_state(std::string_view bytes) {
  ByteReader r(bytes);
  if (r.get_bytes(kStageStateMagic.size()) != kStageStateMagic) return std::nullopt;
  StageState state;
  state.clusterer = std::string(r.get_varint_string_view());
  state.analyzer = std::string(r.get_varint_string_view());
  if (!r.ok() || !r.at_end()) return std::nullopt;
  return state;
}

}  // namespace

CopiesAndEvents::CopiesAndEvents(std::unique_ptr<ArticleAnalysis> analysis, const IngestOptions& options)
    : analysis_(std::move(analysis)),
      options_(with_lazy_signatures(options)),
      index_(options_.copies),
      clusterer_(options_.clusters) {}

Result<std::unique_ptr<CopiesAndEvents>> CopiesAndEvents::create(store::Store& store, const IngestOptions& options) {
  Result<std::unique_ptr<ArticleAnalysis>> analysis = ArticleAnalysis::create(options.analyzer);
  if (!analysis) return analysis.error();
  auto stage = std::unique_ptr<CopiesAndEvents>(new CopiesAndEvents(std::move(analysis).value(), options));
  if (options.search_index) {
    Result<std::unique_ptr<search::SearchIndex>> search = search::SearchIndex::open(store, options.search_hold_rows);
    if (!search) return search.error();
    stage->search_ = std::move(search).value();
  }
  // The copy window: the last max_articles fingerprints, given to the index
  // in their order, which evicts what it evicted then. (Not only those
  // within window_seconds of the newest: the window evicts from its oldest
  // arrival, so an older article that came after a newer one stays in it,
  // and a restart must keep it too.)
  Status resumed =
      store.for_each_recent_fingerprint(options.copies.max_articles, [&](const store::FingerprintRow& row) {
        dedup::IndexedArticle a{row.id, row.published, {}};
        a.fingerprint.content_hash = row.content_hash;
        a.fingerprint.content_words = row.content_words;
        if (!dedup::deserialize_shingles(row.shingles, a.fingerprint.shingles)) return;  // damaged: skip, not fatal
        stage->index_.restore(std::move(a));
      });
  if (!resumed) return resumed.error();
  // The events: the state saved at the end of the last run, then the
  // assignments made after it (all of them if there is no usable state).
  // The saved state holds the clusterer's and the analyzer's (what it has
  // seen of the corpus, which decides how later words read): a state
  // without the latter (an older sipur's) is not used, and every
  // assignment is replayed instead, which teaches the analyzer again.
  Result<std::optional<store::ClusterStateRow>> saved = store.cluster_state();
  if (!saved) return saved.error();
  std::int64_t after_assignment = 0;
  std::int64_t after_article = 0;
  if (saved.value()) {
    const std::optional<StageState> state = unpack_state(saved.value()->state);
    if (state && stage->clusterer_.load_state(state->clusterer) && stage->analysis_->load_state(state->analyzer)) {
      after_assignment = saved.value()->assignment_seq;
      after_article = saved.value()->article_seq;
    } else {
      stage->clusterer_ = cluster::EventClusterer(stage->options_.clusters);  // it may have loaded its part
    }
  }
  std::optional<Error> unreadable;
  resumed = store.for_each_assignment_to_replay(after_assignment, [&](const store::AssignmentRow& row) {
    cluster::ArticleFeatures f;
    if (!cluster::deserialize_features(row.features, f)) return;
    f.id = row.id;
    f.published = row.published;                    // without it, replayed events would never age
    f.title = label_of(f, row.title, row.opening);  // and would lose their labels
    stage->clusterer_.restore(f, row.event, row.story);
    ++stage->clustered_since_save_;  // replayed: worth saving at the end of this run
    Result<std::optional<Article>> article = store.get(row.id);
    if (!article) {
      unreadable = article.error();
    } else if (article.value()) {
      stage->analysis_->observe(*article.value());
    }
  });
  if (!resumed) return resumed.error();
  if (unreadable) return *unreadable;
  // Articles a stopped run stored but never clustered are clustered now.
  std::vector<Article> orphans;
  resumed = store.for_each_unassigned_article(after_article, [&](const Article& a) { orphans.push_back(a); });
  if (!resumed) return resumed.error();
  std::unordered_map<std::string_view, std::size_t> arrival;  // of each orphan, among the orphans
  for (std::size_t i = 0; i < orphans.size(); ++i) arrival.emplace(orphans[i].id, i);
  for (std::size_t i = 0; i < orphans.size(); ++i) {
    const Article& a = orphans[i];
    Result<std::vector<analysis::AnalyzedToken>> tokens = stage->analysis_->tokens(a);
    if (!tokens) return tokens.error();
    // A copy joins its source's event, as it would have in the stopped run:
    // its relations are in the store. Only those found when it was stored
    // count, with articles that came before it: a relation found when a
    // later article came was that article's to join by.
    std::vector<store::CopyRow> relations;
    resumed = store.for_each_copy_of(a.id, [&](const store::CopyRow& r) {
      const std::string& other = r.a == a.id ? r.b : r.a;
      const auto it = arrival.find(other);
      if (it == arrival.end() || it->second < i) relations.push_back(r);
    });
    if (!resumed) return resumed.error();
    const std::string copy_of = source_to_join(a.id, relations, [](const store::CopyRow& r) {
      for (const dedup::CopyKind kind : {dedup::CopyKind::kExact, dedup::CopyKind::kNear}) {
        if (r.kind == dedup::to_string(kind)) return kind;
      }
      return dedup::CopyKind::kPartial;
    });
    stage->queue(a, tokens.value(), copy_of);
  }
  return stage;
}

Result<std::int64_t> CopiesAndEvents::process(store::Store& store, const Article& article) {
  Result<std::vector<analysis::AnalyzedToken>> analyzed = analysis_->tokens(article);
  if (!analyzed) return analyzed.error();
  const std::vector<analysis::AnalyzedToken>& tokens = analyzed.value();
  if (search_) {
    if (Status s = search_->add(article, tokens); !s) return s.error();
  }
  dedup::Fingerprint fp = dedup::fingerprint(tokens, options_.fingerprint);
  store::FingerprintRow row{article.id, article.published_utc, fp.content_hash, fp.content_words,
                            dedup::serialize_shingles(fp.shingles)};
  const auto relations = index_.add({article.id, article.published_utc, std::move(fp)});
  // An exact copy is not indexed (its source stands for it), so a restart
  // needs only its content hash, not its shingles.
  if (std::any_of(relations.begin(), relations.end(),
                  [&](const dedup::CopyRelation& r) { return r.kind == dedup::CopyKind::kExact; })) {
    row.shingles.clear();
  }
  if (Status s = store.insert_fingerprint(row); !s) return s.error();
  for (const dedup::CopyRelation& r : relations) {
    if (Status s = store.insert_copy(copy_row(r)); !s) return s.error();
  }
  queue(article, tokens, source_to_join(article.id, relations, [](const dedup::CopyRelation& r) { return r.kind; }));
  return static_cast<std::int64_t>(relations.size());
}

Status CopiesAndEvents::cluster_queued(store::Store& store, IngestSummary& summary, ClusterFlush flush) {
  // Sorted by index: a Pending holds whole feature maps, too heavy to move.
  // Arrival numbers are unique, so the order is total and stable.
  std::vector<std::size_t> order(pending_.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [this](std::size_t x, std::size_t y) {
    const Pending& a = pending_[x];
    const Pending& b = pending_[y];
    return a.order_time != b.order_time ? a.order_time < b.order_time : a.arrival < b.arrival;
  });
  // The assignments are stored in the order the articles were clustered,
  // once every story is known: a restart replays them in that order, which
  // rebuilds the live events as they were (retirements, the recent titles).
  std::vector<Clustered> clustered;
  clustered.reserve(order.size());
  Held held;
  for (const std::size_t i : order) {
    const Pending& p = pending_[i];
    clustered.push_back(
        {clusterer_.add(p.features, p.copy_of), cluster::serialize_features(p.features), p.features.id});
    const cluster::Decision& decision = clustered.back().decision;
    summary.new_events += decision.new_event ? 1 : 0;
    if (decision.story.empty()) held[decision.event].push_back(clustered.size() - 1);
    settle_decided_stories(clustered, held);
  }
  pending_.clear();
  // Every article given so far gets its story now: a run's output is final,
  // a server answers with the story, and a held article would otherwise be
  // stored unassigned at the commit, to be clustered again after later ones
  // by a run that resumes from it.
  clusterer_.decide_pending_stories();
  settle_decided_stories(clustered, held);
  for (const Clustered& article : clustered) {
    if (Status s = store_assignment(store, article, summary); !s) return s;
  }
  if (Status s = store_events(store); !s) return s;
  if ((flush == ClusterFlush::kEndOfRun && clustered_since_save_ > 0) || clustered_since_save_ >= kStateEvery) {
    if (Status s = store.save_cluster_state(pack_state({clusterer_.save_state(), analysis_->save_state()})); !s)
      return s;
    clustered_since_save_ = 0;
  }
  return Ok{};
}

Status CopiesAndEvents::store_assignment(store::Store& store, const Clustered& article, IngestSummary& summary) {
  store::AssignmentRow row;
  row.id = article.id;
  row.event = article.decision.event;
  row.story = article.decision.story;
  row.decision = views::encode_decision(article.decision);
  row.features = article.features;
  if (Status s = store.insert_assignment(row); !s) return s;
  ++summary.clustered;
  ++clustered_since_save_;
  return Ok{};
}

void CopiesAndEvents::settle_decided_stories(std::vector<Clustered>& clustered, Held& held) {
  for (const cluster::StoryDecision& decided : clusterer_.take_story_decisions()) {
    const auto it = held.find(decided.event);
    if (it == held.end()) continue;
    for (const std::size_t i : it->second) {
      cluster::Decision& decision = clustered[i].decision;
      decision.story = decided.story;
      if (decision.new_event) {  // the article that made the event tells how its story was chosen
        decision.new_story = decided.new_story;
        decision.story_score = decided.story_score;
      }
    }
    held.erase(it);
  }
}

Status CopiesAndEvents::store_events(store::Store& store) {
  for (const cluster::EventSummary& e : clusterer_.take_changed_summaries()) {
    // An event whose story is pending has only held articles, which are not
    // stored yet: its row waits for them (deciding its story changes it
    // again), so that a commit before then leaves no event without articles.
    if (e.story.empty()) continue;
    store::EventRow row;
    row.id = e.id;
    row.story = e.story;
    row.label = e.label;
    row.terms = views::encode_strings(e.terms);
    row.entities = views::encode_strings(e.entities);
    row.size = static_cast<std::int64_t>(e.size);
    row.first = e.first;
    row.last = e.last;
    if (Status s = store.upsert_event(row); !s) return s;
  }
  return Ok{};
}

void CopiesAndEvents::queue(const Article& article, const std::vector<analysis::AnalyzedToken>& tokens,
                            const std::string& copy_of) {
  Pending p;
  p.features = features_of(article, tokens);
  p.order_time = article.published_utc.value_or(INT64_MAX);
  p.arrival = arrivals_++;
  p.copy_of = copy_of;
  pending_.push_back(std::move(p));
}

}  // namespace sipur::pipeline
