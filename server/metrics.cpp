#include "server/metrics.h"

#include <cstdio>

namespace sipur::server {
namespace {

std::string number(double v) {
  char buf[32];
  const int n = std::snprintf(buf, sizeof buf, "%.9g", v);
  return std::string(buf, static_cast<std::size_t>(n > 0 ? n : 0));
}

constexpr ErrorKind kKinds[] = {ErrorKind::kInvalidInput, ErrorKind::kInvalidUtf8, ErrorKind::kBinaryInput,
                                ErrorKind::kEmptyInput,   ErrorKind::kTooLarge,    ErrorKind::kTruncated,
                                ErrorKind::kUnsupported,  ErrorKind::kNotFound,    ErrorKind::kIo,
                                ErrorKind::kStorage,      ErrorKind::kUsage,       ErrorKind::kNotAllowed,
                                ErrorKind::kUnauthorized, ErrorKind::kBusy,        ErrorKind::kInternal};

}  // namespace

Metrics::Metrics(const std::vector<std::string>& routes) {
  for (const std::string& r : routes) {
    latency_[r];
    status_classes_[r];
  }
}

void Metrics::observe_request(const std::string& route, int status, std::chrono::nanoseconds latency) {
  const auto it = latency_.find(route);
  if (it == latency_.end()) return;
  Histogram& h = it->second;
  const double seconds = std::chrono::duration<double>(latency).count();
  std::size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  h.counts[bucket].fetch_add(1, std::memory_order_relaxed);
  h.sum_nanos.fetch_add(static_cast<std::uint64_t>(latency.count()), std::memory_order_relaxed);
  h.count.fetch_add(1, std::memory_order_relaxed);
  const int status_class = status / 100;
  if (status_class >= 1 && status_class <= 5) {
    status_classes_.at(route)[static_cast<std::size_t>(status_class)].fetch_add(1, std::memory_order_relaxed);
  }
}

void Metrics::count_rejected(ErrorKind kind) {
  const auto i = static_cast<std::size_t>(kind);
  if (i < rejected_.size()) rejected_[i].fetch_add(1, std::memory_order_relaxed);
}

void Metrics::count_batch(std::size_t articles) {
  batches_.fetch_add(1, std::memory_order_relaxed);
  batched_articles_.fetch_add(static_cast<std::int64_t>(articles), std::memory_order_relaxed);
}

std::string Metrics::render(const Gauges& g) const {
  std::string out;
  auto line = [&out](const std::string& text) { out.append(text).push_back('\n'); };
  line("# HELP sipur_articles_stored_total Articles stored (new ids) since the server started.");
  line("# TYPE sipur_articles_stored_total counter");
  line("sipur_articles_stored_total " + std::to_string(stored_.load()));
  line("# HELP sipur_articles_duplicate_total Articles posted whose id the store already held.");
  line("# TYPE sipur_articles_duplicate_total counter");
  line("sipur_articles_duplicate_total " + std::to_string(duplicates_.load()));
  line("# HELP sipur_articles_rejected_total Articles posted and rejected, by error kind.");
  line("# TYPE sipur_articles_rejected_total counter");
  for (const ErrorKind kind : kKinds) {
    line("sipur_articles_rejected_total{kind=\"" + std::string(to_string(kind)) + "\"} " +
         std::to_string(rejected_[static_cast<std::size_t>(kind)].load()));
  }
  line("# HELP sipur_ingest_batches_total Group commits of the writer.");
  line("# TYPE sipur_ingest_batches_total counter");
  line("sipur_ingest_batches_total " + std::to_string(batches_.load()));
  line("# HELP sipur_ingest_batched_articles_total Articles in those group commits.");
  line("# TYPE sipur_ingest_batched_articles_total counter");
  line("sipur_ingest_batched_articles_total " + std::to_string(batched_articles_.load()));
  line("# HELP sipur_ingest_queue_depth Articles waiting for the writer.");
  line("# TYPE sipur_ingest_queue_depth gauge");
  line("sipur_ingest_queue_depth " + std::to_string(g.queue_depth));
  line("# HELP sipur_ingest_queue_capacity Articles the queue holds before posts are refused (503).");
  line("# TYPE sipur_ingest_queue_capacity gauge");
  line("sipur_ingest_queue_capacity " + std::to_string(g.queue_capacity));
  if (g.articles >= 0) {
    line("# HELP sipur_articles Articles in the store.");
    line("# TYPE sipur_articles gauge");
    line("sipur_articles " + std::to_string(g.articles));
  }
  if (g.events >= 0) {
    line("# HELP sipur_events Events in the store.");
    line("# TYPE sipur_events gauge");
    line("sipur_events " + std::to_string(g.events));
  }
  if (g.stories >= 0) {
    line("# HELP sipur_stories Stories in the store.");
    line("# TYPE sipur_stories gauge");
    line("sipur_stories " + std::to_string(g.stories));
  }
  line("# HELP sipur_http_request_duration_seconds Time from routing a request to its answer, by route.");
  line("# TYPE sipur_http_request_duration_seconds histogram");
  for (const auto& [route, h] : latency_) {
    std::uint64_t cumulative = 0;
    const std::string labels = "route=\"" + route + "\"";
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += h.counts[i].load();
      line("sipur_http_request_duration_seconds_bucket{" + labels + ",le=\"" + number(kBuckets[i]) + "\"} " +
           std::to_string(cumulative));
    }
    cumulative += h.counts[kBuckets.size()].load();
    line("sipur_http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} " + std::to_string(cumulative));
    line("sipur_http_request_duration_seconds_sum{" + labels + "} " +
         number(static_cast<double>(h.sum_nanos.load()) / 1e9));
    line("sipur_http_request_duration_seconds_count{" + labels + "} " + std::to_string(h.count.load()));
  }
  line("# HELP sipur_http_responses_total Answers by route and status class.");
  line("# TYPE sipur_http_responses_total counter");
  for (const auto& [route, classes] : status_classes_) {
    for (std::size_t c = 1; c <= 5; ++c) {
      line("sipur_http_responses_total{route=\"" + route + "\",code=\"" + std::to_string(c) + "xx\"} " +
           std::to_string(classes[c].load()));
    }
  }
  return out;
}

}  // namespace sipur::server
