#include "pipeline/ingest_job.h"

#include <algorithm>
#include <climits>
#include <limits>
#include <numeric>
#include <optional>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "core/json_out.h"
#include "ingest/article_id.h"
#include "ingest/input_walker.h"
#include "langid/langid.h"
#include "text/clean_article.h"
#include "text/opening.h"

namespace sipur::pipeline {

void prepare_article(Article& article) {
  if (article.id.empty()) article.id = ingest::derived_id(article);
  text::clean_article(article);
  langid::LanguageGuess guess = langid::identify(article.lang_given, article.title, article.body);
  article.lang = std::move(guess.lang);
  article.lang_method = std::move(guess.method);
  article.lang_given = langid::normalize_tag(article.lang_given);
}

std::string copy_text(const Article& article) {
  if (article.body.empty()) return article.title;
  if (article.title.empty()) return article.body;
  return article.title + "\n\n" + article.body;
}

namespace {

store::CopyRow copy_row(const dedup::CopyRelation& r) {
  nlohmann::json passages = nlohmann::json::array();
  for (const dedup::Passage& p : r.passages) passages.push_back({p.a_begin, p.a_end, p.b_begin, p.b_end, p.words});
  return {r.a, r.b, std::string(dedup::to_string(r.kind)), r.score, r.jaccard, r.containment, passages.dump()};
}

// The label an article offers its event: its title, or where the title
// gives no terms (none, or a dateline such as "Friday, March 8, 2013 at
// 12:46 PM") the opening words of its body. `body` may be only its first
// 200 characters (the store's replay reads no more; text::opening needs
// fewer).
std::string label_of(const cluster::ArticleFeatures& f, const std::string& title, std::string_view body) {
  if (!f.title_terms.empty()) return title;
  std::string opening = text::opening(body);
  return opening.empty() ? title : opening;
}

// An article's MinHash signature is computed by the copy index, and only
// when the article is no exact copy of one it holds (an exact copy needs only
// its content hash): reposts are common in news streams.
IngestOptions with_lazy_signatures(IngestOptions options) {
  options.fingerprint.signatures = false;
  options.copies.minhash_size = options.fingerprint.minhash_size;
  return options;
}

// What clustering needs of an article, kept until the end of the run.
struct Pending {
  std::int64_t order_time = INT64_MAX;
  std::size_t arrival = 0;
  cluster::ArticleFeatures features;
  std::string copy_of;
};

// Analysis, copy detection and clustering for stored articles. The copy
// window and the events are rebuilt from the store when a run starts.
class AnalysisStage {
 public:
  static Result<std::unique_ptr<AnalysisStage>> create(store::Store& store, const IngestOptions& options) {
    Result<std::unique_ptr<analysis::Analyzer>> analyzer = analysis::Analyzer::create(options.analyzer);
    if (!analyzer) return analyzer.error();
    auto stage = std::unique_ptr<AnalysisStage>(new AnalysisStage(std::move(analyzer).value(), options));
    // The copy window: the last max_articles fingerprints, but for those that
    // are older than the window (the index would evict them at once).
    Result<std::optional<std::int64_t>> newest = store.newest_fingerprint_time(options.copies.max_articles);
    if (!newest) return newest.error();
    const std::int64_t min_published =
        newest.value() ? *newest.value() - options.copies.window_seconds : std::numeric_limits<std::int64_t>::min();
    Status resumed = store.for_each_recent_fingerprint(
        options.copies.max_articles, min_published, [&](const store::FingerprintRow& row) {
          dedup::IndexedArticle a{row.id, row.published, {}};
          a.fingerprint.content_hash = row.content_hash;
          a.fingerprint.content_words = row.content_words;
          if (!dedup::deserialize_shingles(row.shingles, a.fingerprint.shingles)) return;  // damaged: skip, not fatal
          stage->index_.restore(std::move(a));  // which computes the signature it needs
        });
    if (!resumed) return resumed.error();
    // The events: the state saved at the end of the last run, then the
    // assignments made after it (all of them if there is no usable state).
    Result<std::optional<store::ClusterStateRow>> saved = store.cluster_state();
    if (!saved) return saved.error();
    std::int64_t after_assignment = 0;
    std::int64_t after_article = 0;
    if (saved.value() && stage->clusterer_.load_state(saved.value()->state)) {
      after_assignment = saved.value()->assignment_seq;
      after_article = saved.value()->article_seq;
    }
    resumed = store.for_each_assignment_to_replay(after_assignment, [&](const store::AssignmentRow& row) {
      cluster::ArticleFeatures f;
      if (!cluster::deserialize_features(row.features, f)) return;
      f.id = row.id;
      f.published = row.published;                    // without it, replayed events would never age
      f.title = label_of(f, row.title, row.opening);  // and would lose their labels
      stage->clusterer_.restore(f, row.event, row.story);
      ++stage->clustered_since_save_;  // replayed: worth saving at the end of this run
    });
    if (!resumed) return resumed.error();
    // Articles a stopped run stored but never clustered are clustered now.
    std::vector<Article> orphans;
    resumed = store.for_each_unassigned_article(after_article, [&](const Article& a) { orphans.push_back(a); });
    if (!resumed) return resumed.error();
    for (const Article& a : orphans) {
      Result<std::vector<analysis::AnalyzedToken>> tokens = stage->analyze(a);
      if (!tokens) return tokens.error();
      stage->queue(a, tokens.value(), "");
    }
    return stage;
  }

  // Fingerprints a newly stored article, stores the fingerprint and the copy
  // relations found, and queues it for clustering; returns the relations.
  Result<std::int64_t> process(store::Store& store, const Article& article) {
    Result<std::vector<analysis::AnalyzedToken>> analyzed = analyze(article);
    if (!analyzed) return analyzed.error();
    const std::vector<analysis::AnalyzedToken>& tokens = analyzed.value();
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
    std::string copy_of;
    double best = 0;
    for (const dedup::CopyRelation& r : relations) {
      if (Status s = store.insert_copy(copy_row(r)); !s) return s.error();
      // An exact or near copy belongs to its source's event.
      const double strength = r.kind == dedup::CopyKind::kExact ? 2 : r.kind == dedup::CopyKind::kNear ? r.score : 0;
      if (r.b == article.id && strength > best) {
        best = strength;
        copy_of = r.a;
      }
    }
    queue(article, tokens, copy_of);
    return static_cast<std::int64_t>(relations.size());
  }

  [[nodiscard]] std::size_t queued() const { return pending_.size(); }

  // Clusters what is queued, in publication-time order, and stores
  // assignments and the changed events in transactions of `batch` articles.
  // With end_of_run (or once kStateEvery articles were clustered since the
  // last save) the clusterer's state is saved in the last transaction, so
  // that the next run starts from it.
  Status cluster_queued(store::Store& store, IngestSummary& summary, bool end_of_run) {
    // Sorted by index: a Pending holds whole feature maps, too heavy to move.
    // Arrival numbers are unique, so the order is total and stable.
    std::vector<std::size_t> order(pending_.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [this](std::size_t x, std::size_t y) {
      const Pending& a = pending_[x];
      const Pending& b = pending_[y];
      return a.order_time != b.order_time ? a.order_time < b.order_time : a.arrival < b.arrival;
    });
    std::size_t in_batch = 0;
    if (Status s = store.begin(); !s) return s;
    for (const std::size_t i : order) {
      const Pending& p = pending_[i];
      Clustered article{clusterer_.add(p.features, p.copy_of), cluster::serialize_features(p.features), p.features.id};
      summary.new_events += article.decision.new_event ? 1 : 0;
      // Articles held for stories this one decided came before it.
      Status stored = store_decided_stories(store, summary);
      if (stored && article.decision.story.empty()) {
        held_[article.decision.event].push_back(std::move(article));
      } else if (stored) {
        stored = store_assignment(store, article, summary);
      }
      if (!stored) {
        store.rollback();
        return stored;
      }
      if (++in_batch >= options_.batch_size) {
        if (Status s = store_events(store); !s) return s;
        if (Status s = store.commit(); !s) return s;
        if (Status s = store.begin(); !s) return s;
        in_batch = 0;
      }
    }
    pending_.clear();
    if (end_of_run) {
      // A run's output is final: young events get their stories now.
      clusterer_.decide_pending_stories();
      if (Status s = store_decided_stories(store, summary); !s) {
        store.rollback();
        return s;
      }
    }
    if (Status s = store_events(store); !s) return s;
    // The saved state must cover every stored assignment and no held one
    // (a restart clusters unassigned articles again): with articles held,
    // the periodic save waits for a later batch.
    if ((end_of_run && clustered_since_save_ > 0) || (clustered_since_save_ >= kStateEvery && held_.empty())) {
      if (Status s = store.save_cluster_state(clusterer_.save_state()); !s) {
        store.rollback();
        return s;
      }
      clustered_since_save_ = 0;
    }
    return store.commit();
  }

 private:
  static std::string json_strings(const std::vector<std::string>& items) {
    std::string out;
    append_json_strings(out, items);
    return out;
  }

  // An article clustered, with what its assignment needs: written at once,
  // or held until its event's story is known.
  struct Clustered {
    cluster::Decision decision;
    std::string features;
    std::string id;
  };

  Status store_assignment(store::Store& store, const Clustered& article, IngestSummary& summary) {
    store::AssignmentRow row;
    row.id = article.id;
    row.event = article.decision.event;
    row.story = article.decision.story;
    row.decision = decision_json(article.decision);
    row.features = article.features;
    if (Status s = store.insert_assignment(row); !s) return s;
    ++summary.clustered;
    ++clustered_since_save_;
    return Ok{};
  }

  // Writes the held articles of the events whose stories were just decided.
  Status store_decided_stories(store::Store& store, IngestSummary& summary) {
    for (const cluster::StoryDecision& decided : clusterer_.take_story_decisions()) {
      const auto it = held_.find(decided.event);
      if (it == held_.end()) continue;
      for (Clustered& article : it->second) {
        article.decision.story = decided.story;
        if (article.decision.new_event) {  // the article that made the event tells how its story was chosen
          article.decision.new_story = decided.new_story;
          article.decision.story_score = decided.story_score;
        }
        if (Status s = store_assignment(store, article, summary); !s) return s;
      }
      held_.erase(it);
    }
    return Ok{};
  }

  // Written by hand (keys in the order nlohmann::json would sort them): one
  // per article, where a JSON DOM cost more than the decision itself.
  static std::string decision_json(const cluster::Decision& d) {
    std::string out;
    out.reserve(512);
    auto key = [&out](std::string_view k) {  // keys are plain ASCII literals: nothing to escape
      out.push_back(out.empty() ? '{' : ',');
      out.push_back('"');
      out.append(k);
      out.append("\":");
    };
    auto number = [&](std::string_view k, double v) {
      key(k);
      append_json_number(out, v);
    };
    auto text = [&](std::string_view k, std::string_view v) {
      key(k);
      append_json_string(out, v);
    };
    auto flag = [&](std::string_view k, bool v) {
      key(k);
      out.append(v ? "true" : "false");
    };
    number("body", d.body);
    text("copy_of", d.copy_of);
    number("entities", d.entities);
    text("event", d.event);
    flag("new_event", d.new_event);
    flag("new_story", d.new_story);
    text("runner_up", d.runner_up);
    number("runner_up_score", d.runner_up_score);
    number("score", d.score);
    key("shared_entities");
    append_json_strings(out, d.shared_entities);
    key("shared_terms");
    append_json_strings(out, d.shared_terms);
    text("story", d.story);
    number("story_score", d.story_score);
    number("time", d.time);
    flag("time_ignored", d.time_ignored);
    number("title", d.title);
    flag("title_weighed", d.title_weighed);
    out.push_back('}');
    return out;
  }

  // Upserts the events changed (or retired) since the last call, inside the
  // caller's transaction.
  Status store_events(store::Store& store) {
    for (const cluster::EventSummary& e : clusterer_.take_changed_summaries()) {
      store::EventRow row;
      row.id = e.id;
      row.story = e.story;
      row.label = e.label;
      row.terms = json_strings(e.terms);
      row.entities = json_strings(e.entities);
      row.size = static_cast<std::int64_t>(e.size);
      row.first = e.first;
      row.last = e.last;
      if (Status s = store.upsert_event(row); !s) {
        store.rollback();
        return s;
      }
    }
    return Ok{};
  }

  AnalysisStage(std::unique_ptr<analysis::Analyzer> analyzer, const IngestOptions& options)
      : analyzer_(std::move(analyzer)),
        options_(with_lazy_signatures(options)),
        index_(options_.copies),
        clusterer_(options_.clusters) {}

  // The tokens, or why Hebrew could not be analyzed (the Hebrew model or
  // Hspell's dictionary, which load at the first Hebrew word, failed to):
  // the run stops there.
  Result<std::vector<analysis::AnalyzedToken>> analyze(const Article& article) {
    const std::string text = copy_text(article);
    constexpr auto kDetail = analysis::Analyzer::Detail::kMatching;
    // Only Hebrew strips prefixes on the corpus's words.
    auto tokens = article.lang == "he" ? analyzer_->observe_and_analyze(text, article.lang, kDetail)
                                       : analyzer_->analyze(text, article.lang, kDetail);
    if (Status hebrew = analyzer_->hebrew_status(); !hebrew) return hebrew.error();
    return tokens;
  }

  void queue(const Article& article, const std::vector<analysis::AnalyzedToken>& tokens, const std::string& copy_of) {
    // Title tokens come first in copy_text(); the rest is the body.
    Pending p;
    p.features = cluster::features_of(tokens, article.title.empty() ? 0 : article.title.size());
    p.features.id = article.id;
    p.features.published = article.published_utc;
    p.features.lang = article.lang;
    p.features.title = label_of(p.features, article.title, article.body);
    p.order_time = article.published_utc.value_or(INT64_MAX);
    p.arrival = arrivals_++;
    p.copy_of = copy_of;
    pending_.push_back(std::move(p));
  }

  std::unique_ptr<analysis::Analyzer> analyzer_;
  IngestOptions options_;
  dedup::CopyIndex index_;
  cluster::EventClusterer clusterer_;
  std::vector<Pending> pending_;
  std::unordered_map<std::string, std::vector<Clustered>> held_;  // by event id
  std::size_t arrivals_ = 0;
  // A crash loses at most this many articles' worth of saved state (they are
  // replayed from their assignments at the next start).
  static constexpr std::size_t kStateEvery = 200000;
  std::size_t clustered_since_save_ = 0;
};

}  // namespace

Result<IngestSummary> run_ingest(store::Store& store, const std::vector<std::string>& inputs,
                                 const IngestOptions& options, const IngestCallbacks& callbacks) {
  IngestSummary summary;
  std::optional<Error> fatal;
  std::unique_ptr<AnalysisStage> copies;
  if (options.detect_copies) {
    Result<std::unique_ptr<AnalysisStage>> created = AnalysisStage::create(store, options);
    if (!created) return created.error();
    copies = std::move(created).value();
  }
  std::size_t in_batch = 0;
  bool open_batch = false;

  auto reject = [&](Error&& error) {
    ++summary.read;
    ++summary.rejected;
    if (callbacks.on_reject) callbacks.on_reject(error);
    if (callbacks.on_progress) callbacks.on_progress(summary);
  };
  auto accept = [&](Article&& article) {
    if (fatal) return;
    ++summary.read;
    prepare_article(article);
    if (!open_batch) {
      if (Status s = store.begin(); !s) {
        fatal = s.error();
        return;
      }
      open_batch = true;
    }
    Result<bool> inserted = store.insert(article);
    if (!inserted) {
      fatal = inserted.error();
      return;
    }
    summary.bytes += static_cast<std::int64_t>(article.raw.size());
    if (inserted.value()) {
      ++summary.stored;
      if (copies) {
        Result<std::int64_t> found = copies->process(store, article);
        if (!found) {
          fatal = found.error();
          return;
        }
        summary.copies += found.value();
      }
    } else {
      ++summary.duplicates;
    }
    if (++in_batch >= options.batch_size) {
      if (Status s = store.commit(); !s) {
        fatal = s.error();
        return;
      }
      open_batch = false;
      in_batch = 0;
      if (copies && copies->queued() >= options.reorder_window) {
        if (Status s = copies->cluster_queued(store, summary, false); !s) fatal = s.error();
      }
    }
    if (callbacks.on_progress) callbacks.on_progress(summary);
  };

  ingest::ReadSink sink{accept, reject};
  const std::vector<ingest::InputFile> files = ingest::expand_inputs(inputs, sink);
  for (const ingest::InputFile& file : files) {
    if (fatal) break;
    ingest::read_input(file, options.read, sink);
  }
  if (fatal) {
    if (open_batch) store.rollback();
    return *fatal;
  }
  if (open_batch) {
    if (Status s = store.commit(); !s) {
      store.rollback();
      return s.error();
    }
  }
  if (copies) {
    if (Status s = copies->cluster_queued(store, summary, true); !s) return s.error();
  }
  std::string joined;
  for (const std::string& input : inputs) joined += (joined.empty() ? "" : " ") + input;
  if (Status s = store.record_run({summary.read, summary.stored, summary.duplicates, summary.rejected}, joined); !s) {
    return s.error();
  }
  return summary;
}

}  // namespace sipur::pipeline
