// `sipur eval`: the stored clustering scored against a gold file
// ({"id","event","story"} per line) at the event or story level, with the
// definitions of eval/cluster_metrics.py (src/cluster/cluster_metrics.h).
// A bad gold line is reported with its line number and skipped.
#include <fstream>
#include <iostream>
#include <map>

#include "cli/commands.h"
#include "cli/views.h"
#include "cluster/cluster_metrics.h"

namespace sipur::cli {
namespace {

struct EvalArgs {
  std::string db;
  std::string gold;
  std::string level = "event";
  bool json = false;
};

struct Gold {
  cluster::ClusterLabels labels;
  std::size_t rejected = 0;
};

// An id or label as ingest reads ids: a string, or an integer in decimal.
std::optional<std::string> key_text(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer() || value.is_number_unsigned()) return value.dump();
  return std::nullopt;
}

// One gold line -> (id, label at `level`), or what is wrong with it.
Result<std::pair<std::string, std::string>> parse_gold_line(const std::string& line, const std::string& level,
                                                            const Location& where) {
  nlohmann::json record;
  try {
    record = nlohmann::json::parse(line);
  } catch (const nlohmann::json::parse_error& e) {  // nlohmann's way of saying the line is not JSON
    return make_error(ErrorKind::kInvalidInput, "malformed JSON at column " + std::to_string(e.byte), where);
  }
  if (!record.is_object()) return make_error(ErrorKind::kInvalidInput, "expected a JSON object", where);
  const auto id = record.find("id");
  if (id == record.end()) return make_error(ErrorKind::kInvalidInput, "missing \"id\"", where);
  const std::optional<std::string> id_text = key_text(*id);
  if (!id_text || id_text->empty()) {
    return make_error(ErrorKind::kInvalidInput, "\"id\" must be a non-empty string or an integer", where);
  }
  const auto label = record.find(level);
  if (label == record.end()) return make_error(ErrorKind::kInvalidInput, "missing \"" + level + "\"", where);
  const std::optional<std::string> label_text = key_text(*label);
  if (!label_text) {
    return make_error(ErrorKind::kInvalidInput, "\"" + level + "\" must be a string or an integer", where);
  }
  return std::pair{*id_text, *label_text};
}

Result<Gold> read_gold(const std::string& path, const std::string& level) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ErrorKind::kIo, "cannot read the gold file", Location{path});
  Gold gold;
  std::map<std::string, std::uint64_t> first_line;
  std::string line;
  std::uint64_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;  // blank lines, as the Python reader
    const Location where{path, number};
    Result<std::pair<std::string, std::string>> parsed = parse_gold_line(line, level, where);
    if (parsed) {
      const auto& [id, label] = parsed.value();
      const auto [seen, added] = first_line.emplace(id, number);
      if (added) {
        gold.labels.emplace(id, label);
        continue;
      }
      parsed = make_error(ErrorKind::kInvalidInput,
                          "duplicate id \"" + id + "\" (first on line " + std::to_string(seen->second) + ")", where);
    }
    std::cerr << "rejected: " << terminal_safe(parsed.error().describe()) << '\n';
    ++gold.rejected;
  }
  if (in.bad()) return make_error(ErrorKind::kIo, "read failed", Location{path, number});
  return gold;
}

nlohmann::ordered_json scores_json(const cluster::PrecisionRecall& s) {
  return {{"precision", s.precision}, {"recall", s.recall}, {"f1", s.f1}};
}

int run(const EvalArgs& args) {
  Result<std::unique_ptr<store::Store>> opened = store::Store::open(args.db);
  if (!opened) {
    std::cerr << "sipur eval: " << opened.error().describe() << '\n';
    return kExitFailure;
  }
  Result<Gold> gold = read_gold(args.gold, args.level);
  if (!gold) {
    std::cerr << "sipur eval: " << gold.error().describe() << '\n';
    return kExitFailure;
  }
  cluster::ClusterLabels predicted;
  const bool by_event = args.level == "event";
  const Status listed = opened.value()->for_each_assignment([&](const store::AssignmentRow& r) {
    if (gold.value().labels.count(r.id) > 0) predicted.emplace(r.id, by_event ? r.event : r.story);
  });
  if (!listed) {
    std::cerr << "sipur eval: " << listed.error().describe() << '\n';
    return kExitFailure;
  }
  const cluster::ClusteringScores s = cluster::score_clustering(predicted, gold.value().labels);
  const int done = gold.value().rejected > 0 ? kExitRejected : kExitOk;
  if (args.json) {
    const nlohmann::ordered_json out = {{"level", args.level},
                                        {"gold_ids", s.gold_ids},
                                        {"missing", s.missing},
                                        {"gold_clusters", s.gold_clusters},
                                        {"predicted_clusters", s.predicted_clusters},
                                        {"rejected", gold.value().rejected},
                                        {"bcubed", scores_json(s.bcubed)},
                                        {"pairwise", scores_json(s.pairwise)}};
    return put(json_line(out) + "\n") ? done : kExitFailure;
  }
  std::string out = "level " + args.level + ": " + std::to_string(s.gold_ids) + " gold ids in " +
                    std::to_string(s.gold_clusters) + " gold clusters, " + std::to_string(s.predicted_clusters) +
                    " predicted clusters, " + std::to_string(s.missing) + " missing";
  if (const std::size_t rejected = gold.value().rejected; rejected > 0) {
    out += ", " + std::to_string(rejected) + (rejected == 1 ? " gold line" : " gold lines") + " rejected";
  }
  out += "\n";
  for (const auto& [name, scores] : {std::pair{"BCubed  ", s.bcubed}, std::pair{"pairwise", s.pairwise}}) {
    out += std::string(name) + "  precision " + three_decimals(scores.precision) + "  recall " +
           three_decimals(scores.recall) + "  F1 " + three_decimals(scores.f1) + "\n";
  }
  return put(out) ? done : kExitFailure;
}

}  // namespace

void add_eval_command(CLI::App& app, int& exit_status) {
  auto args = std::make_shared<EvalArgs>();
  CLI::App* cmd = app.add_subcommand("eval", "Score the stored clustering against gold labels");
  cmd->add_option("--db", args->db, "SQLite store file")->required()->check(CLI::ExistingFile);
  cmd->add_option("--gold", args->gold, "JSONL {\"id\",\"event\",\"story\"} per line")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--level", args->level, "Which clusters to score")
      ->check(CLI::IsMember({"event", "story"}))
      ->capture_default_str();
  cmd->add_flag("--json", args->json, "The scores as one JSON object");
  cmd->callback([args, &exit_status] { exit_status = run(*args); });
}

}  // namespace sipur::cli
