// `sipur dups`: copies for people. Groups of articles linked by copy
// relations, each relation with its kind, score and the shared passages
// quoted from both articles.
#include <algorithm>
#include <iostream>
#include <map>
#include <numeric>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "pipeline/ingest_job.h"
#include "store/store.h"

namespace sipur::cli {
namespace {

struct DupsArgs {
  std::string db;
  bool json = false;
  std::size_t max_passage_chars = 300;
};

// Union-find over article ids: groups are the connected copy relations.
class Groups {
 public:
  std::size_t index(const std::string& id) {
    const auto [it, added] = ids_.emplace(id, parent_.size());
    if (added) parent_.push_back(parent_.size());
    return it->second;
  }
  std::size_t find(std::size_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  void join(const std::string& a, const std::string& b) {
    const std::size_t ra = find(index(a));
    const std::size_t rb = find(index(b));
    if (ra != rb) parent_[std::max(ra, rb)] = std::min(ra, rb);
  }
  const std::map<std::string, std::size_t>& ids() const { return ids_; }

 private:
  std::map<std::string, std::size_t> ids_;
  std::vector<std::size_t> parent_;
};

std::string excerpt(const std::string& text, std::size_t begin, std::size_t end, std::size_t max_chars) {
  begin = std::min(begin, text.size());
  end = std::clamp(end, begin, text.size());
  std::string out = text.substr(begin, end - begin);
  if (out.size() > max_chars) {
    std::size_t cut = max_chars;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;  // whole characters only
    out = out.substr(0, cut) + "…";
  }
  for (char& c : out) {
    if (c == '\n') c = ' ';
  }
  return out;
}

int run(const DupsArgs& args) {
  Result<std::unique_ptr<store::Store>> opened = store::Store::open(args.db);
  if (!opened) {
    std::cerr << "sipur dups: " << opened.error().describe() << '\n';
    return kExitFailure;
  }
  store::Store& store = *opened.value();
  std::vector<store::CopyRow> copies;
  Groups groups;
  Status status = store.for_each_copy([&](const store::CopyRow& c) {
    copies.push_back(c);
    groups.join(c.a, c.b);
  });
  if (!status) {
    std::cerr << "sipur dups: " << status.error().describe() << '\n';
    return kExitFailure;
  }
  std::map<std::size_t, std::vector<std::string>> members;  // root -> ids, sorted
  for (const auto& [id, i] : groups.ids()) members[groups.find(i)].push_back(id);
  std::map<std::string, Article> articles;
  for (const auto& [id, i] : groups.ids()) {
    Result<std::optional<Article>> a = store.get(id);
    if (a && a.value()) articles[id] = std::move(*a.value());
  }
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& [root, ids] : members) {
    nlohmann::ordered_json group = {{"articles", nlohmann::ordered_json::array()},
                                    {"relations", nlohmann::ordered_json::array()}};
    for (const std::string& id : ids) {
      const Article& a = articles[id];
      group["articles"].push_back({{"id", id}, {"source", a.source}, {"published", a.published}, {"title", a.title}});
    }
    for (const store::CopyRow& c : copies) {
      if (groups.find(groups.index(c.a)) != root) continue;
      const std::string ta = pipeline::copy_text(articles[c.a]);
      const std::string tb = pipeline::copy_text(articles[c.b]);
      nlohmann::ordered_json rel = {
          {"a", c.a}, {"b", c.b}, {"kind", c.kind}, {"score", c.score}, {"passages", nlohmann::ordered_json::array()}};
      const auto passages = nlohmann::json::parse(c.passages, nullptr, false);
      if (passages.is_array()) {
        for (const auto& p : passages) {
          if (!p.is_array() || p.size() != 5) continue;
          rel["passages"].push_back({{"words", p[4]},
                                     {"a_text", excerpt(ta, p[0], p[1], args.max_passage_chars)},
                                     {"b_text", excerpt(tb, p[2], p[3], args.max_passage_chars)}});
        }
      }
      group["relations"].push_back(rel);
    }
    out.push_back(group);
  }
  if (args.json) {
    std::cout << out.dump(2) << '\n';
    return kExitOk;
  }
  std::size_t n = 0;
  for (const auto& group : out) {
    std::cout << "group " << ++n << " (" << group["articles"].size() << " articles)\n";
    for (const auto& a : group["articles"]) {
      std::cout << "  " << a["id"].get<std::string>() << "  " << a["source"].get<std::string>() << "  "
                << a["published"].get<std::string>() << "  " << a["title"].get<std::string>() << '\n';
    }
    for (const auto& r : group["relations"]) {
      std::cout << "  " << r["a"].get<std::string>() << " -> " << r["b"].get<std::string>() << "  "
                << r["kind"].get<std::string>() << "  score " << r["score"].get<double>() << '\n';
      for (const auto& p : r["passages"]) {
        std::cout << "    passage of " << p["words"].get<int>() << " words\n      a: " << p["a_text"].get<std::string>()
                  << "\n      b: " << p["b_text"].get<std::string>() << '\n';
      }
    }
    std::cout << '\n';
  }
  if (out.empty()) std::cout << "no copies\n";
  return kExitOk;
}

}  // namespace

void add_dups_command(CLI::App& app, int& exit_status) {
  auto args = std::make_shared<DupsArgs>();
  CLI::App* cmd = app.add_subcommand("dups", "Groups of copies with their shared passages");
  cmd->add_option("--db", args->db, "SQLite store file")->required()->check(CLI::ExistingFile);
  cmd->add_flag("--json", args->json, "JSON for scripts");
  cmd->add_option("--max-passage-chars", args->max_passage_chars, "Cut quoted passages after this many bytes")
      ->capture_default_str();
  cmd->callback([args, &exit_status] { exit_status = run(*args); });
}

}  // namespace sipur::cli
