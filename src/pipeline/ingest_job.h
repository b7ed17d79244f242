// The ingest job: inputs -> readers -> cleaning -> language id -> store.
// Shared by the CLI and (later) the server and stream workers, so that every
// shell runs the same pipeline.
#pragma once

#include <cstdint>
#include <functional>
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
  // many; a stream out of order by more than a window is clustered in arrival
  // order across windows. Bounds the memory clustering holds back.
  std::size_t reorder_window = 20000;
  bool detect_copies = true;
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
// clustered by the next run).
[[nodiscard]] Result<IngestSummary> run_ingest(store::Store& store, const std::vector<std::string>& inputs,
                                               const IngestOptions& options, const IngestCallbacks& callbacks);

// Cleaning, id and language for one article as read (what run_ingest does
// before storing); exposed for tests and other shells.
void prepare_article(Article& article);

// The text copy detection fingerprints, to which passage offsets refer.
[[nodiscard]] std::string copy_text(const Article& article);

}  // namespace sipur::pipeline
