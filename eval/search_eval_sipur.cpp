// sipur's side of the search evaluation and benchmark (scripts/eval-search,
// docs/SEARCH.md):
//   search_eval_sipur ingest-cost --articles FILE --dir DIR [--rounds N]
//     ingests FILE into fresh stores with and without the search index,
//     alternating, and prints {"articles","without_s","with_s",
//     "without_cpu_s","with_cpu_s","ratio","cpu_ratio","index_bytes",
//     "index_bytes_per_article"} (medians over the rounds). On a shared
//     machine the CPU times are the steadier measure: ingest is one thread.
//   search_eval_sipur query --db DB --queries FILE [--flat] [--limit N] [--scored N] [--out FILE]
//     runs each query (one per line) and writes {"q","ids","ms","error"}
//     per line; prints {"queries","p50_ms","p99_ms","mean_ms","cpu_p50_ms","cpu_p99_ms","errors"}
//     (wall and CPU time of each query; CPU is what a query costs a core).
//     --flat ranks articles without grouping them by story (what the
//     relevance evaluation scores); without it, the grouped page the CLI
//     and the API show, snippets included. --scored: the newest matches
//     scored (SearchOptions::scored; 0 scores all).
#include <sqlite3.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pipeline/ingest_job.h"
#include "search/searcher.h"
#include "store/store.h"

namespace {

using Clock = std::chrono::steady_clock;
using sipur::Result;
using sipur::Status;

std::string arg_value(const std::vector<std::string>& args, const std::string& name, const std::string& fallback) {
  for (std::size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == name) return args[i + 1];
  }
  return fallback;
}

bool has_flag(const std::vector<std::string>& args, const std::string& name) {
  return std::find(args.begin(), args.end(), name) != args.end();
}

double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto at = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(at, v.size() - 1)];
}

std::int64_t index_bytes(sipur::store::Store& store) {
  std::int64_t total = 0;
  for (const char* sql : {"SELECT coalesce(sum(length(block)), 0) FROM search_v1_data",
                          "SELECT coalesce(sum(length(term)) + 8 * count(*), 0) FROM search_v1_idx",
                          "SELECT coalesce(sum(length(sz)) + 8 * count(*), 0) FROM search_v1_docsize"}) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(store.connection(), sql, -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) {
      total += sqlite3_column_int64(s, 0);
    }
    sqlite3_finalize(s);
  }
  return total;
}

int ingest_cost(const std::vector<std::string>& args) {
  const std::string articles = arg_value(args, "--articles", "");
  const std::filesystem::path dir = arg_value(args, "--dir", "");
  const int rounds = std::stoi(arg_value(args, "--rounds", "3"));
  if (articles.empty() || dir.empty()) {
    std::cerr << "ingest-cost needs --articles FILE --dir DIR\n";
    return 2;
  }
  std::filesystem::create_directories(dir);
  std::vector<double> with, without, with_cpu, without_cpu;
  std::int64_t stored = 0, bytes = 0;
  for (int r = 0; r < rounds; ++r) {
    for (const bool indexed : {false, true}) {
      const std::filesystem::path db = dir / (std::string(indexed ? "with" : "without") + ".db");
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db.string() + suffix);
      Result<std::unique_ptr<sipur::store::Store>> store = sipur::store::Store::open(db.string());
      if (!store) {
        std::cerr << store.error().describe() << '\n';
        return 1;
      }
      sipur::pipeline::IngestOptions options;
      options.search_index = indexed;
      const auto start = Clock::now();
      const double cpu_start = cpu_seconds();
      Result<sipur::pipeline::IngestSummary> summary =
          sipur::pipeline::run_ingest(*store.value(), {articles}, options, {});
      const double secs = std::chrono::duration<double>(Clock::now() - start).count();
      const double cpu = cpu_seconds() - cpu_start;
      if (!summary) {
        std::cerr << summary.error().describe() << '\n';
        return 1;
      }
      (indexed ? with : without).push_back(secs);
      (indexed ? with_cpu : without_cpu).push_back(cpu);
      stored = summary.value().stored;
      if (indexed) bytes = index_bytes(*store.value());
      std::cerr << (indexed ? "with index " : "without    ") << secs << " s, cpu " << cpu << " s\n";
    }
  }
  const double w = median(with), wo = median(without);
  const double wc = median(with_cpu), woc = median(without_cpu);
  nlohmann::ordered_json out = {
      {"articles", stored},
      {"without_s", wo},
      {"with_s", w},
      {"articles_per_s_without", static_cast<double>(stored) / wo},
      {"articles_per_s_with", static_cast<double>(stored) / w},
      {"without_cpu_s", woc},
      {"with_cpu_s", wc},
      {"articles_per_cpu_s_without", static_cast<double>(stored) / woc},
      {"articles_per_cpu_s_with", static_cast<double>(stored) / wc},
      {"ratio", w / wo},
      {"cpu_ratio", wc / woc},
      {"index_bytes", bytes},
      {"index_bytes_per_article", stored ? static_cast<double>(bytes) / static_cast<double>(stored) : 0.0}};
  std::cout << out.dump() << '\n';
  return 0;
}

int query(const std::vector<std::string>& args) {
  const std::string db = arg_value(args, "--db", "");
  const std::string queries = arg_value(args, "--queries", "");
  const std::string out_path = arg_value(args, "--out", "");
  const std::size_t limit = std::stoul(arg_value(args, "--limit", "10"));
  const bool flat = has_flag(args, "--flat");
  const std::size_t scored = std::stoul(arg_value(args, "--scored", std::to_string(sipur::search::kScoredMatches)));
  Result<std::unique_ptr<sipur::store::Store>> store = sipur::store::Store::open_read_only(db);
  if (!store) {
    std::cerr << store.error().describe() << '\n';
    return 1;
  }
  Result<std::unique_ptr<sipur::search::Searcher>> searcher = sipur::search::Searcher::open(*store.value(), {});
  if (!searcher) {
    std::cerr << searcher.error().describe() << '\n';
    return 1;
  }
  sipur::search::SearchOptions options;
  options.stories = limit;
  options.scored = scored;
  if (flat) {
    options.group_by_story = false;
    options.per_story = 1;
    options.candidates = limit;
  }
  // The analyzer loads the Hebrew model and Hspell at its first Hebrew
  // word (a server does once): not a query's cost.
  (void)searcher.value()->search("ירושלים", options);
  std::ifstream in(queries);
  std::ofstream out;
  if (!out_path.empty()) out.open(out_path);
  std::vector<double> ms, cpu_ms;  // wall and CPU: on a shared machine a query may wait for a core
  std::int64_t errors = 0;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto start = Clock::now();
    const double cpu_start = cpu_seconds();
    Result<sipur::search::SearchResults> r = searcher.value()->search(line, options);
    const double took = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    const double cpu_took = (cpu_seconds() - cpu_start) * 1000;
    ms.push_back(took);
    cpu_ms.push_back(cpu_took);
    nlohmann::ordered_json j = {
        {"q", line}, {"ids", nlohmann::ordered_json::array()}, {"ms", took}, {"cpu_ms", cpu_took}};
    if (r) {
      for (const auto& g : r.value().groups) {
        for (const auto& h : g.hits) j["ids"].push_back(h.id);
      }
      j["matches"] = r.value().matches;
    } else {
      ++errors;
      j["error"] = r.error().message;
    }
    if (out.is_open()) out << j.dump() << '\n';
  }
  double sum = 0;
  for (const double m : ms) sum += m;
  nlohmann::ordered_json summary = {{"queries", ms.size()},
                                    {"p50_ms", percentile(ms, 0.5)},
                                    {"p99_ms", percentile(ms, 0.99)},
                                    {"mean_ms", ms.empty() ? 0 : sum / static_cast<double>(ms.size())},
                                    {"cpu_p50_ms", percentile(cpu_ms, 0.5)},
                                    {"cpu_p99_ms", percentile(cpu_ms, 0.99)},
                                    {"errors", errors}};
  std::cout << summary.dump() << '\n';
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && args[0] == "ingest-cost") return ingest_cost(args);
  if (!args.empty() && args[0] == "query") return query(args);
  std::cerr << "usage: search_eval_sipur ingest-cost|query ... (see the file's head)\n";
  return 2;
}
