#include "server/ingest_service.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <iostream>

#include "pipeline/search_catch_up.h"

namespace sipur::server {

Result<std::unique_ptr<IngestService>> IngestService::start(const std::string& db, const IngestServiceOptions& options,
                                                            Metrics& metrics) {
  std::unique_ptr<IngestService> service(new IngestService(options, metrics));
  Result<std::unique_ptr<store::Store>> opened = store::Store::open(db);
  if (!opened) return opened.error();
  // One writer per store: a second server's copy window and live events
  // would not see this one's articles. flock is apart from SQLite's own
  // (fcntl) locks; the kernel drops it if the process dies.
  service->lock_fd_ = ::open(db.c_str(), O_RDONLY | O_CLOEXEC);
  if (service->lock_fd_ < 0 || ::flock(service->lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    return make_error(ErrorKind::kBusy, "another sipur serve is writing to this store", {db});
  }
  service->store_ = std::move(opened).value();
  // An answered POST promises its article is kept: with kPowerLoss every
  // commit reaches the disk before the answer goes out.
  if (Status s = service->store_->set_durability(options.durability); !s) return s.error();
  pipeline::IngestOptions ingest = options.ingest;
  if (ingest.search_index) {
    // Articles whose search rows a killed server still held (or that a run
    // without the index stored) are indexed before any new one.
    pipeline::SearchCatchUp how;
    how.analyzer = ingest.analyzer;
    how.progress = [](std::int64_t n) {
      if (n % 100000 == 0) std::cerr << "sipur serve: indexing stored articles for search: " << n << " so far\n";
    };
    Result<std::int64_t> caught = pipeline::catch_up_search_index(*service->store_, how);
    if (!caught) return caught.error();
    if (caught.value() > 0) {
      std::cerr << "sipur serve: stored articles the search index lacked, now indexed: " << caught.value() << '\n';
    }
    if (options.search_refresh.count() > 0) ingest.search_hold_rows = kSearchHoldRows;
  }
  Result<std::unique_ptr<pipeline::IngestWriter>> writer = pipeline::IngestWriter::open(*service->store_, ingest);
  if (!writer) return writer.error();
  service->writer_ = std::move(writer).value();
  // Articles a killed server or ingest stored but never clustered.
  store::Store& store = *service->store_;
  if (Status s = store.in_transaction(
          [&] { return service->writer_->cluster_queued(pipeline::IngestWriter::Flush::kCommit, service->summary_); });
      !s) {
    return s.error();
  }
  service->thread_ = std::thread([raw = service.get()] { raw->run(); });
  return service;
}

IngestService::~IngestService() {
  stop();
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

Result<std::vector<ArticleOutcome>> IngestService::submit(std::vector<Article> articles) {
  if (articles.empty()) return std::vector<ArticleOutcome>();
  auto submission = std::make_unique<Submission>();
  submission->articles = std::move(articles);
  std::future<Result<std::vector<ArticleOutcome>>> answer = submission->answer.get_future();
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (failure_) return *failure_;
    if (stopping_) return make_error(ErrorKind::kBusy, "the server is shutting down");
    const std::size_t n = submission->articles.size();
    if (queued_articles_ > 0 && queued_articles_ + n > options_.queue_capacity) {
      return make_error(ErrorKind::kBusy, "the ingest queue is full (" + std::to_string(queued_articles_) +
                                              " articles waiting); try again shortly");
    }
    queued_articles_ += n;
    queue_.push_back(std::move(submission));
  }
  wake_.notify_one();
  return answer.get();
}

std::size_t IngestService::depth() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return queued_articles_;
}

std::optional<Error> IngestService::failure() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return failure_;
}

void IngestService::stop() {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void IngestService::run() {
  using Clock = std::chrono::steady_clock;
  for (;;) {
    std::vector<std::unique_ptr<Submission>> group;
    bool refresh = false;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      const auto ready = [&] { return !queue_.empty() || stopping_; };
      // Search rows held since before the refresh interval are written
      // first, even while posts keep coming.
      if (options_.search_refresh.count() > 0 && writer_->held_search_rows() > 0 && !failure_) {
        const auto due = search_held_since_ + options_.search_refresh;
        (void)wake_.wait_until(lock, due, ready);
        refresh = Clock::now() >= due;
      } else {
        wake_.wait(lock, ready);
      }
      if (!refresh) {
        if (queue_.empty()) break;  // stopping, and everything accepted is committed
        // Whole submissions, up to max_group articles (at least one submission).
        std::size_t articles = 0;
        while (!queue_.empty() && (group.empty() || articles + queue_.front()->articles.size() <= options_.max_group)) {
          articles += queue_.front()->articles.size();
          group.push_back(std::move(queue_.front()));
          queue_.pop_front();
        }
      }
    }
    if (refresh) {
      if (Status s = write_search_rows(); !s) {
        const std::lock_guard<std::mutex> lock(mutex_);
        if (!failure_) failure_ = s.error();
      }
      continue;
    }
    const bool held_before = writer_->held_search_rows() > 0;
    commit_group(group);
    if (!held_before && writer_->held_search_rows() > 0) search_held_since_ = Clock::now();
  }
  finish_run();
}

Status IngestService::write_search_rows() {
  if (failure()) return Ok{};  // no more writes: a restart catches the index up
  return store_->in_transaction([&] { return writer_->write_search_rows(); });
}

Result<ArticleOutcome> IngestService::outcome_of(const std::string& id, bool stored) {
  ArticleOutcome out;
  out.id = id;
  out.status = stored ? ArticleOutcome::Status::kStored : ArticleOutcome::Status::kDuplicate;
  Result<std::optional<store::AssignmentRow>> assigned = store_->assignment(id);
  if (!assigned) return assigned.error();
  if (assigned.value()) {
    out.event = assigned.value()->event;
    out.story = assigned.value()->story;
  }
  const Status listed = store_->for_each_copy_of(id, [&](const store::CopyRow& c) {
    out.copies.push_back({c.a == id ? c.b : c.a, c.kind, c.score});
  });
  if (!listed) return listed.error();
  return out;
}

void IngestService::commit_group(std::vector<std::unique_ptr<Submission>>& group) {
  std::optional<Error> failed;
  if (const std::lock_guard<std::mutex> lock(mutex_); failure_) failed = failure_;
  std::vector<std::vector<ArticleOutcome>> answers(group.size());
  std::int64_t stored = 0;
  std::int64_t duplicates = 0;
  std::size_t articles = 0;
  if (!failed) {
    if (Status s = store_->begin(); !s) failed = s.error();
  }
  // Each article is stored and analyzed, then all are clustered together,
  // then their event and story read back inside the same transaction: what
  // a later GET shows once it has committed.
  std::vector<std::vector<std::pair<std::string, bool>>> added(group.size());
  for (std::size_t g = 0; g < group.size() && !failed; ++g) {
    for (Article& article : group[g]->articles) {
      Result<bool> fresh = writer_->add(article, summary_);
      if (!fresh) {
        failed = fresh.error();
        break;
      }
      added[g].emplace_back(article.id, fresh.value());
      ++(fresh.value() ? stored : duplicates);
      ++articles;
    }
  }
  if (!failed && options_.debug_hold.count() > 0) std::this_thread::sleep_for(options_.debug_hold);
  if (!failed) {
    if (Status s = writer_->cluster_queued(pipeline::IngestWriter::Flush::kCommit, summary_); !s) {
      failed = s.error();
    }
  }
  for (std::size_t g = 0; g < group.size() && !failed; ++g) {
    for (const auto& [id, fresh] : added[g]) {
      Result<ArticleOutcome> outcome = outcome_of(id, fresh);
      if (!outcome) {
        failed = outcome.error();
        break;
      }
      answers[g].push_back(std::move(outcome).value());
    }
  }
  if (!failed) {
    if (Status s = store_->commit(); !s) failed = s.error();
  }
  if (failed) {
    store_->rollback();
    // The copy window and the live events now hold articles the store does
    // not: no more writes until a restart rebuilds them from the store.
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      if (!failure_) failure_ = failed;
    }
    release(group);
    for (auto& s : group) s->answer.set_value(*failed);
    return;
  }
  metrics_.count_stored(stored);
  metrics_.count_duplicates(duplicates);
  metrics_.count_batch(articles);
  release(group);
  for (std::size_t g = 0; g < group.size(); ++g) group[g]->answer.set_value(std::move(answers[g]));
}

void IngestService::release(const std::vector<std::unique_ptr<Submission>>& group) {
  // Before the answers go out: a client that posts again on its answer
  // finds the room its articles took.
  std::size_t done = 0;
  for (const auto& s : group) done += s->articles.size();
  const std::lock_guard<std::mutex> lock(mutex_);
  queued_articles_ -= done;
}

void IngestService::finish_run() {
  if (failure()) return;
  // What `sipur ingest` does at the end of a run: every story decided (none
  // is pending after a group anyway) and the clusterer's state saved, so
  // that the next start replays nothing.
  const Status ended = store_->in_transaction([&]() -> Status {
    if (Status s = writer_->cluster_queued(pipeline::IngestWriter::Flush::kEndOfRun, summary_); !s) return s;
    return writer_->write_search_rows();
  });
  if (!ended) return;
  (void)store_->record_run({summary_.read, summary_.stored, summary_.duplicates, 0}, "sipur serve");
}

}  // namespace sipur::server
