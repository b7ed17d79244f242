// The server's counters and latency histograms, rendered in Prometheus text
// format (exposition format 0.0.4) for GET /metrics. Updated by handler
// threads and the writer without locks (atomics).
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "core/error.h"

namespace sipur::server {

class Metrics {
 public:
  // Routes are known up front, so each has its histogram from the start.
  explicit Metrics(const std::vector<std::string>& routes);

  void observe_request(const std::string& route, int status, std::chrono::nanoseconds latency);
  void count_stored(std::int64_t n) { stored_ += n; }
  void count_duplicates(std::int64_t n) { duplicates_ += n; }
  void count_rejected(ErrorKind kind);
  void count_batch(std::size_t articles);

  // Values read at scrape time from elsewhere (the store, the queue).
  struct Gauges {
    std::int64_t events = -1;  // -1: unknown (the store could not be read)
    std::int64_t stories = -1;
    std::int64_t articles = -1;
    std::size_t queue_depth = 0;
    std::size_t queue_capacity = 0;
  };
  [[nodiscard]] std::string render(const Gauges& gauges) const;

 private:
  // Upper bounds in seconds: from a cached read to a slow group commit.
  static constexpr std::array<double, 14> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,    0.25,  0.5,    1,     2.5,  5,     10};
  struct Histogram {
    std::array<std::atomic<std::uint64_t>, kBuckets.size() + 1> counts{};  // the last: above every bound
    std::atomic<std::uint64_t> sum_nanos{0};
    std::atomic<std::uint64_t> count{0};
  };
  std::map<std::string, Histogram> latency_;  // by route; the map itself never changes after construction
  std::map<std::string, std::array<std::atomic<std::uint64_t>, 6>> status_classes_;  // 1xx..5xx, by route
  std::atomic<std::int64_t> stored_{0};
  std::atomic<std::int64_t> duplicates_{0};
  std::array<std::atomic<std::int64_t>, 32> rejected_{};  // by ErrorKind
  std::atomic<std::int64_t> batches_{0};
  std::atomic<std::int64_t> batched_articles_{0};
};

}  // namespace sipur::server
