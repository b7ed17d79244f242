// A load client for `sipur serve` (scripts/bench-serve): posts the articles
// of a JSONL file, one per request from several clients at once, or in
// NDJSON batches from one client, while reader threads fetch story and
// article pages; prints the rates and latency percentiles as one JSON line.
// Loopback only: it connects to 127.0.0.1.
//
//   serve_load --port P --input FILE --mode single|ndjson [--clients N] [--batch N]
//              [--reads FILE --readers N [--read-rate R]] [--token T]
// --reads: one request path a line ("/v1/stories/s12"); the readers cycle
// through them while the posts last, each at most R requests a second
// (a paced load, as from people browsing; 0: as fast as answers come).
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Args {
  int port = 0;
  std::string input;
  std::string mode = "single";
  int clients = 8;
  std::size_t batch = 1000;
  std::string reads;
  int readers = 0;
  double read_rate = 0;  // requests a second per reader; 0: as fast as answers come
  std::string token;
};

std::vector<std::string> lines_of(const std::string& path) {
  std::vector<std::string> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

// Latencies in milliseconds, collected by several threads.
class Latencies {
 public:
  void add(double ms) {
    const std::lock_guard<std::mutex> lock(mutex_);
    values_.push_back(ms);
  }
  [[nodiscard]] std::size_t size() const { return values_.size(); }
  [[nodiscard]] double percentile(double p) {
    if (values_.empty()) return 0;
    std::sort(values_.begin(), values_.end());
    const auto i = static_cast<std::size_t>(p * static_cast<double>(values_.size() - 1) + 0.5);
    return values_[std::min(i, values_.size() - 1)];
  }

 private:
  std::mutex mutex_;
  std::vector<double> values_;
};

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

httplib::Client client_for(const Args& args) {
  httplib::Client c("127.0.0.1", args.port);
  c.set_keep_alive(true);
  c.set_tcp_nodelay(true);  // headers and body go in two writes: without it, Nagle waits on a delayed ACK (40 ms)
  c.set_read_timeout(300, 0);
  c.set_write_timeout(300, 0);
  return c;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i];
    const std::string value = argv[i + 1];
    if (key == "--port")
      args.port = std::atoi(value.c_str());
    else if (key == "--input")
      args.input = value;
    else if (key == "--mode")
      args.mode = value;
    else if (key == "--clients")
      args.clients = std::atoi(value.c_str());
    else if (key == "--batch")
      args.batch = static_cast<std::size_t>(std::atol(value.c_str()));
    else if (key == "--reads")
      args.reads = value;
    else if (key == "--readers")
      args.readers = std::atoi(value.c_str());
    else if (key == "--read-rate")
      args.read_rate = std::atof(value.c_str());
    else if (key == "--token")
      args.token = value;
    else {
      std::fprintf(stderr, "serve_load: unknown option %s\n", key.c_str());
      return 2;
    }
  }
  if (args.port <= 0 || args.input.empty() || (args.mode != "single" && args.mode != "ndjson")) {
    std::fprintf(stderr,
                 "usage: serve_load --port P --input FILE --mode single|ndjson [--clients N] [--batch N] "
                 "[--reads FILE --readers N [--read-rate R]] [--token T]\n");
    return 2;
  }
  const std::vector<std::string> articles = lines_of(args.input);
  const std::vector<std::string> read_paths = args.reads.empty() ? std::vector<std::string>() : lines_of(args.reads);
  httplib::Headers headers;
  if (!args.token.empty()) headers.emplace("Authorization", "Bearer " + args.token);

  std::atomic<bool> writing{true};
  std::atomic<long> errors{0};
  Latencies posts;
  std::map<std::string, Latencies> reads_by_kind;  // "stories", "story", "article": fixed before the threads start
  for (const char* kind : {"stories", "story", "article", "other"}) reads_by_kind[kind];
  auto kind_of = [](const std::string& path) -> std::string {
    if (path.rfind("/v1/stories?", 0) == 0 || path == "/v1/stories") return "stories";
    if (path.rfind("/v1/stories/", 0) == 0) return "story";
    if (path.rfind("/v1/articles/", 0) == 0) return "article";
    return "other";
  };

  std::vector<std::thread> readers;
  for (int r = 0; r < args.readers && !read_paths.empty(); ++r) {
    readers.emplace_back([&, r] {
      httplib::Client c = client_for(args);
      auto next = Clock::now();
      const auto gap =
          args.read_rate > 0
              ? std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / args.read_rate))
              : Clock::duration::zero();
      for (std::size_t i = static_cast<std::size_t>(r) * 7919; writing; ++i) {
        if (gap.count() > 0) {
          std::this_thread::sleep_until(next);
          next += gap;
        }
        const std::string& path = read_paths[i % read_paths.size()];
        const auto started = Clock::now();
        const auto got = c.Get(path.c_str(), headers);
        if (!got || got->status != 200) {
          ++errors;
          continue;
        }
        reads_by_kind.at(kind_of(path)).add(ms_since(started));
      }
    });
  }

  const auto started = Clock::now();
  if (args.mode == "single") {
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> writers;
    for (int w = 0; w < args.clients; ++w) {
      writers.emplace_back([&] {
        httplib::Client c = client_for(args);
        for (std::size_t i = next++; i < articles.size(); i = next++) {
          const auto sent = Clock::now();
          const auto got = c.Post("/v1/articles", headers, articles[i], "application/json");
          if (!got || got->status != 200) {
            ++errors;
            continue;
          }
          posts.add(ms_since(sent));
        }
      });
    }
    for (std::thread& t : writers) t.join();
  } else {
    httplib::Client c = client_for(args);
    for (std::size_t i = 0; i < articles.size(); i += args.batch) {
      std::string body;
      for (std::size_t j = i; j < std::min(articles.size(), i + args.batch); ++j)
        body.append(articles[j]).push_back('\n');
      const auto sent = Clock::now();
      const auto got = c.Post("/v1/articles", headers, body, "application/x-ndjson");
      if (!got || got->status != 200) {
        ++errors;
        continue;
      }
      posts.add(ms_since(sent));
    }
  }
  const double seconds = ms_since(started) / 1000;
  writing = false;
  for (std::thread& t : readers) t.join();

  std::printf(
      "{\"mode\":\"%s\",\"articles\":%zu,\"seconds\":%.3f,\"articles_per_second\":%.1f,\"requests\":%zu,"
      "\"post_p50_ms\":%.3f,\"post_p99_ms\":%.3f,\"post_max_ms\":%.3f,\"errors\":%ld",
      args.mode.c_str(), articles.size(), seconds, static_cast<double>(articles.size()) / seconds, posts.size(),
      posts.percentile(0.5), posts.percentile(0.99), posts.percentile(1.0), errors.load());
  for (auto& [kind, latencies] : reads_by_kind) {
    if (latencies.size() == 0) continue;
    std::printf(",\"%s_reads\":%zu,\"%s_read_p50_ms\":%.3f,\"%s_read_p99_ms\":%.3f", kind.c_str(), latencies.size(),
                kind.c_str(), latencies.percentile(0.5), kind.c_str(), latencies.percentile(0.99));
  }
  std::printf("}\n");
  return errors.load() == 0 ? 0 : 1;
}
