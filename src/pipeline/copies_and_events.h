// The ingest job's stages after storing: each new article is analyzed,
// fingerprinted and compared with the copy window (dedup), then waits for
// clustering, which assigns the waiting articles to events and stories in
// publication-time order (cluster) and stores the assignments and the
// changed events. The copy window and the live events are rebuilt from the
// store when a run starts.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "cluster/event_clusterer.h"
#include "core/error.h"
#include "dedup/copy_index.h"
#include "pipeline/article_analysis.h"
#include "pipeline/ingest_job.h"
#include "search/search_index.h"
#include "store/store.h"

namespace sipur::pipeline {

// How far a call to CopiesAndEvents::cluster_queued goes. Either way every
// article given so far is assigned, with its story, when the caller
// commits: nothing is held across calls, so a commit is a point a killed
// run resumes from exactly (the articles stored after it are clustered
// again, in the same order, from the same state).
enum class ClusterFlush {
  // A full reorder window, or a server's group commit: the clusterer's
  // state is saved only now and then.
  kCommit,
  // The end of a run: the state is saved.
  kEndOfRun,
};

class CopiesAndEvents {
 public:
  [[nodiscard]] static Result<std::unique_ptr<CopiesAndEvents>> create(store::Store& store,
                                                                       const IngestOptions& options);

  // Fingerprints a newly stored article, stores the fingerprint and the copy
  // relations found, and queues it for clustering; returns the number of
  // relations. Inside the caller's transaction.
  [[nodiscard]] Result<std::int64_t> process(store::Store& store, const Article& article);

  [[nodiscard]] std::size_t queued() const { return pending_.size(); }

  [[nodiscard]] std::size_t held_search_rows() const { return search_ ? search_->held() : 0; }
  [[nodiscard]] Status write_search_rows() { return search_ ? search_->write_held() : Status(Ok{}); }

  // Clusters what is queued, in publication-time order, and stores
  // assignments and the changed events inside the caller's transaction (one
  // transaction for the lot: a kill in the middle leaves none of it). See
  // ClusterFlush.
  [[nodiscard]] Status cluster_queued(store::Store& store, IngestSummary& summary, ClusterFlush flush);

 private:
  // What clustering needs of an article, kept until it is clustered.
  struct Pending {
    std::int64_t order_time = INT64_MAX;
    std::size_t arrival = 0;
    cluster::ArticleFeatures features;
    std::string copy_of;
  };
  // An article clustered, with what its assignment needs (its story, once
  // its event's is decided: at the latest, at the end of the call).
  struct Clustered {
    cluster::Decision decision;
    std::string features;
    std::string id;
  };

  CopiesAndEvents(std::unique_ptr<ArticleAnalysis> analysis, const IngestOptions& options);
  Status store_assignment(store::Store& store, const Clustered& article, IngestSummary& summary);
  // Articles clustered in one call waiting for their events' stories:
  // places in the call's list, by event id.
  using Held = std::unordered_map<std::string, std::vector<std::size_t>>;
  // Gives the held articles of the events whose stories were just decided
  // their stories.
  void settle_decided_stories(std::vector<Clustered>& clustered, Held& held);
  // Upserts the events changed (or retired) since the last call, but for
  // those whose story is pending.
  Status store_events(store::Store& store);
  void queue(const Article& article, const std::vector<analysis::AnalyzedToken>& tokens, const std::string& copy_of);

  std::unique_ptr<ArticleAnalysis> analysis_;
  std::unique_ptr<search::SearchIndex> search_;  // fed the same tokens, in the same transaction; or none
  IngestOptions options_;
  dedup::CopyIndex index_;
  cluster::EventClusterer clusterer_;
  std::vector<Pending> pending_;
  std::size_t arrivals_ = 0;
  // A crash loses at most this many articles' worth of saved state (they are
  // replayed from their assignments at the next start).
  static constexpr std::size_t kStateEvery = 200000;
  std::size_t clustered_since_save_ = 0;
};

}  // namespace sipur::pipeline
