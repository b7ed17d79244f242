// The ingest job: inputs -> readers -> cleaning -> language id -> store ->
// analysis -> copies -> events. Shared by the CLI (run_ingest over files)
// and the server (an IngestWriter fed article by article), so that every
// shell runs the same pipeline.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "cluster/event_clusterer.h"
#include "core/error.h"
#include "dedup/copy_index.h"
#include "ingest/reader.h"
#include "store/store.h"

namespace sipur::pipeline {

struct IngestOptions {
  ingest::ReadOptions read;
  std::size_t batch_size = 1000;  // articles per transaction
  // Articles are clustered in publication-time order within windows of this
  // many stored articles; a stream out of order by more than a window is
  // clustered in arrival order across windows. Bounds the memory clustering
  // holds back. A window is clustered in one transaction, so a killed run
  // resumes at a window's start and gives the clustering of one run.
  std::size_t reorder_window = 20000;
  bool detect_copies = true;
  // Index each stored article for search (src/search) as it is analyzed;
  // off only to measure what the index costs (eval/search_eval_sipur.cpp).
  // Articles not indexed wait in the store's search_pending list.
  bool search_index = true;
  // Rows of the search index held until this many wait (0: written at the
  // commit of their articles): a server's small group commits would each
  // make FTS5 write and merge a segment. See IngestWriter::write_search_rows.
  std::size_t search_hold_rows = 0;
  analysis::AnalyzerOptions analyzer;
  dedup::FingerprintOptions fingerprint;
  dedup::CopyIndexOptions copies;
  cluster::ClusterOptions clusters;
};

struct IngestSummary {
  std::int64_t read = 0;        // records found: stored + duplicates + rejected
  std::int64_t stored = 0;      // new articles committed
  std::int64_t duplicates = 0;  // ids already in the store (or earlier in this run)
  std::int64_t rejected = 0;    // bad records and files, each reported
  std::int64_t bytes = 0;       // raw bytes of the records stored or found duplicate
  std::int64_t copies = 0;      // copy relations found among the stored articles
  std::int64_t clustered = 0;   // articles assigned to events in this run
  std::int64_t new_events = 0;
};

struct IngestCallbacks {
  std::function<void(const Error&)> on_reject;            // one bad record or file
  std::function<void(const IngestSummary&)> on_progress;  // after each article
};

// Runs the job: stores and fingerprints each article as it is read, and
// clusters the new articles in publication-time order within reorder
// windows (ties and articles without times in arrival order; a run shorter
// than a window is clustered exactly in time order). Returns the summary, or
// an Error when the store fails (the current batch is rolled back; earlier
// batches stay committed, and articles stored but not yet clustered are
// clustered by the next run, which given the same input gives the ids,
// events and stories of one uninterrupted run).
[[nodiscard]] Result<IngestSummary> run_ingest(store::Store& store, const std::vector<std::string>& inputs,
                                               const IngestOptions& options, const IngestCallbacks& callbacks);

// Cleaning, id and language for one article as read (what run_ingest does
// before storing); exposed for tests and other shells.
void prepare_article(Article& article);

class CopiesAndEvents;  // copies_and_events.h

// The ingest job one article at a time, for a shell that owns the loop and
// the transactions (run_ingest; the server's writer, which commits a group
// of posted articles at a time). One per store, used by one thread.
class IngestWriter {
 public:
  // Rebuilds the copy window and the live events from the store; articles a
  // stopped run stored but never clustered wait for the next
  // cluster_queued().
  [[nodiscard]] static Result<std::unique_ptr<IngestWriter>> open(store::Store& store, const IngestOptions& options);
  ~IngestWriter();
  IngestWriter(const IngestWriter&) = delete;
  IngestWriter& operator=(const IngestWriter&) = delete;

  // Prepares the article (prepare_article) and stores it; a new one is then
  // fingerprinted, its copies found and stored, and it waits for
  // clustering. Inside a transaction the caller began. Counts it in
  // `summary` (read, stored or duplicates, bytes, copies). true if stored,
  // false if its id was already in the store.
  [[nodiscard]] Result<bool> add(Article& article, IngestSummary& summary);

  // Articles waiting for clustering.
  [[nodiscard]] std::size_t queued() const;

  // Search index rows held (IngestOptions::search_hold_rows), and their
  // writing inside the caller's transaction: a shell calls it when the
  // rows have waited long enough, and before it stops.
  [[nodiscard]] std::size_t held_search_rows() const;
  [[nodiscard]] Status write_search_rows();

  // Clusters the waiting articles in time order and stores their
  // assignments and changed events inside the caller's transaction: every
  // article given so far is assigned, with its story, when the caller
  // commits. kCommit for a full reorder window or a server's group commit
  // (the clusterer's state is saved now and then); kEndOfRun saves it.
  enum class Flush { kCommit, kEndOfRun };
  [[nodiscard]] Status cluster_queued(Flush flush, IngestSummary& summary);

 private:
  IngestWriter(store::Store& store, const IngestOptions& options, std::unique_ptr<CopiesAndEvents> stage);
  store::Store& store_;
  IngestOptions options_;
  std::unique_ptr<CopiesAndEvents> stage_;  // nullptr without detect_copies
};

}  // namespace sipur::pipeline
