// The server's one writer. HTTP handlers submit parsed articles and wait;
// a single thread owns the writing Store and the pipeline's IngestWriter
// (copy window, live events), takes every submission waiting (a group),
// stores, analyzes and clusters them in one transaction, and answers each
// submission only once that transaction has committed. Readers never go
// through here: they read the store on their own connections.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/article.h"
#include "core/error.h"
#include "pipeline/ingest_job.h"
#include "server/metrics.h"
#include "store/store.h"

namespace sipur::server {

struct CopyLink {
  std::string other;
  std::string kind;
  double score = 0;
};

// What became of one posted article.
struct ArticleOutcome {
  enum class Status { kStored, kDuplicate };
  std::string id;
  Status status = Status::kStored;
  std::string event;  // as committed
  std::string story;
  std::vector<CopyLink> copies;  // relations it is part of, as source or copy
};

inline constexpr std::size_t kSearchHoldRows = 256;

struct IngestServiceOptions {
  pipeline::IngestOptions ingest;
  std::size_t queue_capacity = 1000;  // articles waiting; a submission beyond is refused (kBusy)
  std::size_t max_group = 1000;       // articles per group commit at most
  store::Durability durability = store::Durability::kPowerLoss;
  // Search finds a posted article within this long of its answer, or once
  // kSearchHoldRows more have come: the index's rows are written for many
  // group commits at once, as FTS5 makes and later merges a segment for
  // every write (Elasticsearch's refresh interval, in effect). 0: with
  // each group commit.
  std::chrono::milliseconds search_refresh{1000};
  // Debug: how long the writer holds each group's transaction open before
  // committing it (tests show that readers and a full queue behave while
  // it does); 0 in normal use.
  std::chrono::milliseconds debug_hold{0};
};

class IngestService {
 public:
  // Opens the store for writing, rebuilds the pipeline's state from it,
  // clusters what a stopped run left unclustered, and starts the writer.
  [[nodiscard]] static Result<std::unique_ptr<IngestService>> start(const std::string& db,
                                                                    const IngestServiceOptions& options,
                                                                    Metrics& metrics);
  ~IngestService();
  IngestService(const IngestService&) = delete;
  IngestService& operator=(const IngestService&) = delete;

  // Queues the articles and waits until their transaction committed; the
  // outcomes come in the order given. kBusy when the queue is full (a
  // submission is admitted whole, and always into an empty queue); kStorage
  // when the store failed (the writer then takes no more: restart the
  // server, which resumes from what was committed); kBusy after stop().
  [[nodiscard]] Result<std::vector<ArticleOutcome>> submit(std::vector<Article> articles);

  // Refuses new submissions, lets the writer commit what was accepted, ends
  // the run (every story decided, the clusterer's state saved) and joins it.
  void stop();

  [[nodiscard]] std::size_t depth() const;
  [[nodiscard]] std::size_t capacity() const { return options_.queue_capacity; }
  // The writer failed (a store error); nullopt while it works.
  [[nodiscard]] std::optional<Error> failure() const;

 private:
  struct Submission {
    std::vector<Article> articles;
    std::promise<Result<std::vector<ArticleOutcome>>> answer;
  };

  IngestService(IngestServiceOptions options, Metrics& metrics) : options_(std::move(options)), metrics_(metrics) {}
  void run();
  // One group in one transaction; answers every submission in it.
  void commit_group(std::vector<std::unique_ptr<Submission>>& group);
  [[nodiscard]] Result<ArticleOutcome> outcome_of(const std::string& id, bool stored);
  // The group's articles leave the queue's count.
  void release(const std::vector<std::unique_ptr<Submission>>& group);
  void finish_run();
  // Writes the search rows the writer holds, in a transaction of their own.
  [[nodiscard]] Status write_search_rows();

  IngestServiceOptions options_;
  Metrics& metrics_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<pipeline::IngestWriter> writer_;
  pipeline::IngestSummary summary_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::unique_ptr<Submission>> queue_;
  std::size_t queued_articles_ = 0;
  bool stopping_ = false;
  std::optional<Error> failure_;
  std::chrono::steady_clock::time_point search_held_since_;  // the writer's thread only
  std::thread thread_;
  int lock_fd_ = -1;  // holds the store's writer lock
};

}  // namespace sipur::server
