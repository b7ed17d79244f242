// Time-expression throughput (a report, not a test): find_time_mentions and
// estimate_text_time over the title and text of every record of the JSONL
// files given, on one core, the whole set repeated until it has run for at
// least a second. Prints per file MB/s, articles/s and vs-scan, the ratio to
// one plain read of the same bytes (what any scanner must at least do; a
// figure that carries across machines), then the mentions found by kind.
// Usage: timex_bench FILE.jsonl... (e.g. ../shared/data/hebrew-headlines-2014/articles*.jsonl
// ../shared/data/ecbplus/articles.jsonl). With --print first, it prints every mention instead
// (id, surface, kind, resolution, days) for review. Exit status 2 when a file cannot be read.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/main_guard.h"
#include "timex/timex.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Doc {
  std::string id, text, lang;
  std::optional<std::int64_t> reference;
};

// "2014-07-08T00:15:00+03:00" -> the UTC midnight of that date is enough for a benchmark.
std::optional<std::int64_t> day_of(const std::string& iso) {
  if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  try {
    const int y = std::stoi(iso.substr(0, 4)), m = std::stoi(iso.substr(5, 2)), d = std::stoi(iso.substr(8, 2));
    if (!sipur::timex::is_valid_date(y, m, d)) return std::nullopt;
    return static_cast<std::int64_t>(sipur::timex::days_from_civil(y, m, d)) * 86400;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

bool read(const char* path, std::vector<Doc>& docs) {
  std::ifstream in(path);
  if (!in) return false;
  std::string line;
  while (std::getline(in, line)) {
    const auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) continue;
    Doc d;
    d.id = j.value("id", "");
    d.text = j.value("title", "") + "\n" + j.value("text", "");
    d.lang = j.value("lang", "en");
    d.reference = day_of(j.value("published", ""));
    docs.push_back(std::move(d));
  }
  return true;
}

// One line per mention: id, surface, kind, resolution, first..last day.
int print_mentions(int argc, char** argv) {
  for (int a = 2; a < argc; ++a) {
    std::vector<Doc> docs;
    if (!read(argv[a], docs)) {
      (void)std::fprintf(stderr, "cannot read %s\n", argv[a]);
      return 2;
    }
    for (const Doc& d : docs) {
      for (const auto& m : sipur::timex::find_time_mentions(d.text, d.lang, d.reference)) {
        const std::string_view kind = sipur::timex::kind_name(m.kind);
        const std::string_view resolution = sipur::timex::resolution_name(m.resolution);
        std::printf("%s\t%s\t%.*s\t%.*s", d.id.c_str(), m.text.c_str(), static_cast<int>(kind.size()), kind.data(),
                    static_cast<int>(resolution.size()), resolution.data());
        if (m.days) {
          std::printf("\t%s..%s", sipur::timex::format_day(m.days->first).c_str(),
                      sipur::timex::format_day(m.days->last).c_str());
        }
        std::printf("\n");
      }
    }
  }
  return 0;
}

}  // namespace

// The reference pass the figures are compared with: one read of every byte (counting the bytes that
// start a code point and the digits), what any scanner of the text must at least do.
double reference_mb_per_s(const std::vector<Doc>& docs, double mb) {
  std::size_t rounds = 0, count = 0;
  const auto start = Clock::now();
  double seconds = 0;
  do {
    for (const Doc& d : docs) {
      for (const char c : d.text) count += static_cast<std::size_t>((c & 0xC0) != 0x80) + (c >= '0' && c <= '9');
    }
    ++rounds;
    seconds = std::chrono::duration<double>(Clock::now() - start).count();
  } while (seconds < 0.2);
  if (count == 42) std::printf(" ");  // keeps the work observable
  return mb * static_cast<double>(rounds) / seconds;
}

int run(int argc, char** argv) {
  if (argc < 2) {
    (void)std::fprintf(stderr, "usage: timex_bench [--print] FILE.jsonl...\n");
    return 1;
  }
  if (std::string_view(argv[1]) == "--print") return print_mentions(argc, argv);
  std::printf("%-60s %9s %7s %8s %12s %10s %9s\n", "file", "articles", "MB", "MB/s", "articles/s", "vs-scan",
              "mentions");
  std::map<std::string_view, std::size_t> kinds;
  for (int a = 1; a < argc; ++a) {
    std::vector<Doc> docs;
    if (!read(argv[a], docs)) {
      (void)std::fprintf(stderr, "cannot read %s\n", argv[a]);
      return 2;
    }
    std::size_t bytes = 0;
    for (const Doc& d : docs) bytes += d.text.size();
    std::size_t rounds = 0, mentions = 0;
    std::int64_t checksum = 0;
    const auto start = Clock::now();
    double seconds = 0;
    do {
      for (const Doc& d : docs) {
        const auto found = sipur::timex::find_time_mentions(d.text, d.lang, d.reference);
        const auto estimate = sipur::timex::estimate_text_time(found, d.reference);
        checksum += static_cast<std::int64_t>(found.size()) + (estimate.days.empty() ? 0 : estimate.days[0].day);
        if (rounds == 0) {
          mentions += found.size();
          for (const auto& m : found) ++kinds[sipur::timex::kind_name(m.kind)];
        }
      }
      ++rounds;
      seconds = std::chrono::duration<double>(Clock::now() - start).count();
    } while (seconds < 1.0);
    const double mb = static_cast<double>(bytes) / 1e6;
    const double speed = mb * static_cast<double>(rounds) / seconds;
    std::printf("%-60s %9zu %7.2f %8.1f %12.0f %10.3f %9zu\n", argv[a], docs.size(), mb, speed,
                static_cast<double>(docs.size() * rounds) / seconds, speed / reference_mb_per_s(docs, mb), mentions);
    if (checksum == 42) std::printf(" ");  // keeps the work observable
  }
  std::printf("mentions by kind:");
  for (const auto& [kind, n] : kinds) std::printf(" %.*s=%zu", static_cast<int>(kind.size()), kind.data(), n);
  std::printf("\n");
  return 0;
}

int main(int argc, char** argv) {
  return sipur::guard_main("timex_bench", 2, [&] { return run(argc, argv); });
}
