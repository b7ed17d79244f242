// Event-clusterer benchmark (a report, not a test; run via scripts/bench-clusterer):
// times cluster::EventClusterer alone, so that a change to the clusterer can
// be measured without the noise of reading, analysis, copy detection and
// SQLite around it (end-to-end figures come from scripts/bench-clusters).
//
// The input is a store that `sipur ingest` made: its assignments hold each
// article's features, and its decisions the copy each one joined. They are
// loaded once, put back in the order the pipeline clustered them, and then
// clustered `--rounds` times after an untimed round, each time by a fresh
// EventClusterer with the default options: add() per article, then the end
// of a run (decide_pending_stories, take_story_decisions,
// take_changed_summaries). Each round is timed whole, construction and
// destruction included; the report gives the best round (the least
// disturbed on a shared machine; run it on one core) and the median.
//
// Two checks keep the figures honest. An untimed first round counts the
// articles whose event or story differs from the store's: 0 when the replay
// is faithful, i.e. the rounds do the work the pipeline did (a store made by
// an older build differs too). And every round must give the same checksum
// of its decisions: the work cannot be optimized away, and a change meant
// only for speed shows if it changes the checksum. Exit status 0, 1 if the
// rounds disagree or the command line is wrong, 2 if the store cannot be read.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <nlohmann/json.hpp>
#include <numeric>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "cluster/event_clusterer.h"
#include "cluster/features.h"
#include "core/main_guard.h"
#include "store/store.h"

namespace {

using namespace sipur;
using Clock = std::chrono::steady_clock;

struct Args {
  std::string db;
  std::size_t rounds = 15;
};

// One article as the clusterer met it, and where the store says it went.
struct Replayed {
  cluster::ArticleFeatures features;
  std::string copy_of;
  std::string event, story;
};

struct IoError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

void check(const Status& s) {
  if (!s) throw IoError(s.error().describe());
}

// The assignments in the order the pipeline added them to the clusterer.
// Their seq order is not that order: an article whose event's story is
// pending is held and written only once the story is decided (replayed in
// seq order, 17,724 of the 17,758 2014 headlines got other events). The
// pipeline clusters a batch of queued articles sorted by publication time
// (unknown last), then arrival; arrival is ingest order, which the
// fingerprints table keeps. Exact for a store made by one run of up to the
// reorder window (20,000 articles, one batch); the mismatch count shows
// otherwise.
std::vector<Replayed> load(const std::string& path) {
  if (!std::filesystem::exists(path)) throw IoError(path + ": no such store");  // open() would create one
  Result<std::unique_ptr<store::Store>> opened = store::Store::open(path);
  if (!opened) throw IoError(opened.error().describe());
  store::Store& store = *opened.value();
  std::vector<Replayed> out;
  std::size_t n = 0;
  check(store.for_each_assignment_to_replay(0, [&](const store::AssignmentRow& row) {
    ++n;
    Replayed r;
    if (!cluster::deserialize_features(row.features, r.features)) {
      throw IoError("DB: assignment " + std::to_string(n) + ": damaged features");
    }
    // As ingest_job.cpp's replay fills them: the blob holds only the terms.
    r.features.id = row.id;
    r.features.published = row.published;
    r.features.title = row.title;
    // The decision names the source only if the copy joined its event; a
    // copy whose source's event had retired was clustered like any article,
    // as it is here without copy_of.
    const auto decision = nlohmann::json::parse(row.decision, nullptr, false);
    if (decision.is_object() && decision.contains("copy_of") && decision["copy_of"].is_string()) {
      r.copy_of = decision["copy_of"].get<std::string>();
    }
    r.event = row.event;
    r.story = row.story;
    out.push_back(std::move(r));
  }));
  const Result<std::int64_t> articles = store.count_articles();
  if (!articles) throw IoError(articles.error().describe());
  std::unordered_map<std::string, std::size_t> arrival;
  check(store.for_each_recent_fingerprint(
      static_cast<std::size_t>(articles.value()),
      [&](const store::FingerprintRow& f) { arrival.emplace(f.id, arrival.size()); }));
  std::vector<std::size_t> order(out.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  auto key = [&](std::size_t i) {
    const auto a = arrival.find(out[i].features.id);
    return std::pair(out[i].features.published.value_or(INT64_MAX), a == arrival.end() ? SIZE_MAX : a->second);
  };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return key(x) < key(y); });
  std::vector<Replayed> sorted;
  sorted.reserve(out.size());
  for (const std::size_t i : order) sorted.push_back(std::move(out[i]));
  return sorted;
}

// FNV-1a: the same value on every platform, so that runs of two builds can
// be compared (a change meant to be pure speed keeps the checksum).
void mix(std::uint64_t& h, const std::string& s) {
  for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  h = (h ^ 0xffU) * 1099511628211ULL;  // a separator: ("ab", "c") and ("a", "bc") differ
}

struct Round {
  double seconds = 0;
  std::uint64_t checksum = 14695981039346656037ULL;
  std::size_t mismatches = 0;
};

// One round with a fresh clusterer. With `verify`, the mismatches are
// counted too (outside the timed rounds: keeping every decision's story
// costs time the clusterer does not take).
Round run_round(const std::vector<Replayed>& articles, bool verify) {
  Round r;
  const auto start = Clock::now();
  {
    cluster::EventClusterer clusterer(cluster::ClusterOptions{});
    std::vector<cluster::Decision> decisions;  // verify only
    for (const Replayed& a : articles) {
      const cluster::Decision d = clusterer.add(a.features, a.copy_of);
      mix(r.checksum, d.event);
      mix(r.checksum, d.story);
      if (verify) decisions.push_back(d);
    }
    // The end of a run, as the pipeline's: young events get their stories,
    // and every changed event is summarized. The stories count in the checksum.
    clusterer.decide_pending_stories();
    std::unordered_map<std::string, std::string> decided;  // event -> story, for the pending ones (verify only)
    for (const cluster::StoryDecision& s : clusterer.take_story_decisions()) {
      mix(r.checksum, s.event);
      mix(r.checksum, s.story);
      if (verify) decided[s.event] = s.story;
    }
    r.checksum += clusterer.take_changed_summaries().size();
    for (std::size_t i = 0; i < decisions.size(); ++i) {
      const cluster::Decision& d = decisions[i];
      const std::string& story = d.story.empty() ? decided[d.event] : d.story;  // empty while pending
      r.mismatches += d.event != articles[i].event || story != articles[i].story;
    }
  }
  r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return r;
}

bool parse_args(int argc, char** argv, Args& a) {
  for (int i = 1; i < argc; ++i) {
    const std::string f = argv[i];
    const bool has_value = i + 1 < argc;
    if (f == "--db" && has_value) {
      a.db = argv[++i];
    } else if (f == "--rounds" && has_value) {
      a.rounds = std::strtoull(argv[++i], nullptr, 10);
    } else {
      return false;
    }
  }
  return !a.db.empty() && a.rounds > 0;
}

int run(int argc, char** argv) {
  Args args;
  if (!parse_args(argc, argv, args)) {
    (void)std::fprintf(stderr, "usage: clusterer_bench --db STORE.db [--rounds N (default 15)]\n");
    return 1;
  }
  std::vector<Replayed> articles;
  try {
    articles = load(args.db);
  } catch (const IoError& e) {
    (void)std::fprintf(stderr, "clusterer_bench: %s\n", e.what());
    return 2;
  }
  const Round verified = run_round(articles, true);  // also warms the allocator and caches for the timed rounds
  std::vector<double> seconds;
  seconds.reserve(args.rounds);
  for (std::size_t i = 0; i < args.rounds; ++i) {
    const Round r = run_round(articles, false);
    if (r.checksum != verified.checksum) {
      (void)std::fprintf(
          stderr, "clusterer_bench: rounds disagree (checksum %016llx, then %016llx): not deterministic\n",
          static_cast<unsigned long long>(verified.checksum), static_cast<unsigned long long>(r.checksum));
      return 1;
    }
    seconds.push_back(r.seconds);
  }
  std::sort(seconds.begin(), seconds.end());
  const double best = seconds.front();
  std::printf(
      "clusterer: %zu articles, %zu rounds: best %.3f s (%.1fk articles/s), median %.3f s, mismatches %zu, "
      "checksum %016llx\n",
      articles.size(), seconds.size(), best, static_cast<double>(articles.size()) / best / 1000.0,
      seconds[seconds.size() / 2], verified.mismatches, static_cast<unsigned long long>(verified.checksum));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  return sipur::guard_main("clusterer_bench", 3, [&] { return run(argc, argv); });
}
