// The independent engine of the search evaluation (scripts/eval-search,
// docs/SEARCH.md): Xapian with its default analysis (TermGenerator and
// QueryParser without a stemmer: Xapian has none for Hebrew) indexing the
// same articles, title and text, in memory; BM25, its default weighting.
//   search_eval_xapian --articles FILE --queries FILE --out FILE [--limit N]
// writes {"q","ids","ms"} per query and prints {"queries","p50_ms","p99_ms"}.
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace {

std::string arg_value(const std::vector<std::string>& args, const std::string& name, const std::string& fallback) {
  for (std::size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == name) return args[i + 1];
  }
  return fallback;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto at = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(at, v.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  const std::string articles = arg_value(args, "--articles", "");
  const std::string queries = arg_value(args, "--queries", "");
  const std::string out_path = arg_value(args, "--out", "");
  const auto limit = static_cast<Xapian::doccount>(std::stoul(arg_value(args, "--limit", "10")));
  if (articles.empty() || queries.empty() || out_path.empty()) {
    std::cerr << "usage: search_eval_xapian --articles FILE --queries FILE --out FILE [--limit N]\n";
    return 2;
  }
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::TermGenerator indexer;
  std::ifstream in(articles);
  std::string line;
  while (std::getline(in, line)) {
    const auto j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object()) continue;
    Xapian::Document doc;
    indexer.set_document(doc);
    indexer.index_text(j.value("title", ""));
    indexer.increase_termpos();
    indexer.index_text(j.value("text", ""));
    doc.set_data(j.value("id", ""));
    db.add_document(doc);
  }
  db.commit();
  Xapian::Enquire enquire(db);
  Xapian::QueryParser parser;
  parser.set_database(db);
  std::ifstream qin(queries);
  std::ofstream out(out_path);
  std::vector<double> ms;
  while (std::getline(qin, line)) {
    if (line.empty()) continue;
    const auto start = std::chrono::steady_clock::now();
    nlohmann::json j = {{"q", line}, {"ids", nlohmann::json::array()}};
    try {
      enquire.set_query(parser.parse_query(line));
      const Xapian::MSet mset = enquire.get_mset(0, limit);
      for (auto it = mset.begin(); it != mset.end(); ++it) j["ids"].push_back(it.get_document().get_data());
    } catch (const Xapian::Error& e) {
      j["error"] = e.get_msg();
    }
    const double took = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    j["ms"] = took;
    ms.push_back(took);
    out << j.dump() << '\n';
  }
  std::cout << nlohmann::json{{"queries", ms.size()}, {"p50_ms", percentile(ms, 0.5)}, {"p99_ms", percentile(ms, 0.99)}}
                   .dump()
            << '\n';
  return 0;
}
