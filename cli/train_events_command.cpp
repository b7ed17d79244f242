// sipur train-events: learns the event decision (model/events.model) from
// labeled sets, and with --loso measures it on each set by a model trained
// without that set. Each set is ingested into a temporary store by the same
// pipeline as `sipur ingest`, so the features trained on are those a run
// computes, in the order it clusters them.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cluster/event_training.h"
#include "pipeline/ingest_job.h"

namespace sipur::cli {
namespace {

struct TrainEventsArgs {
  std::vector<std::string> sets;  // NAME:METRIC:ARTICLES:GOLD
  std::string out;
  bool loso = false;
  std::string loso_dir;
  bool json = false;
  double c = 1;
  std::size_t rounds = cluster::TrainingOptions{}.rounds;
  std::size_t trees = cluster::TrainingOptions{}.trees;
  int depth = cluster::TrainingOptions{}.depth;
  double eta = cluster::TrainingOptions{}.eta;
  std::vector<double> thresholds = {0.35, 0.4, 0.45, 0.5};
};

Result<cluster::SetMetric> metric_of(const std::string& name) {
  if (name == "bcubed") return cluster::SetMetric::kBcubed;
  if (name == "pairwise") return cluster::SetMetric::kPairwise;
  if (name == "same_lang_pairwise") return cluster::SetMetric::kSameLanguagePairwise;
  return make_error(ErrorKind::kUsage, "unknown metric '" + name + "' (bcubed, pairwise, same_lang_pairwise)");
}

Result<std::vector<std::string>> lines_of(const std::string& path) {
  std::ifstream in(path);
  if (!in) return make_error(ErrorKind::kNotFound, "cannot open", Location{path});
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) out.push_back(std::move(line));
  }
  return out;
}

// A temporary store, removed with its WAL files when it goes.
class TempStore {
 public:
  TempStore() {
    char name[] = "/tmp/sipur-train-XXXXXX";
    dir_ = mkdtemp(name) == nullptr ? std::string() : std::string(name);
  }
  ~TempStore() {
    std::error_code ignored;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ignored);
  }
  TempStore(const TempStore&) = delete;
  TempStore& operator=(const TempStore&) = delete;
  [[nodiscard]] std::string path() const { return dir_ + "/train.db"; }
  [[nodiscard]] bool ok() const { return !dir_.empty(); }

 private:
  std::string dir_;
};

// Ingests the set's articles and reads back, for each article, the features
// and copy relation the run clustered, in its clustering order (publication
// time, then input order: a set is far smaller than a reorder window).
Result<cluster::LabeledSet> load_set(const std::string& spec) {
  std::vector<std::string> parts;
  for (std::size_t from = 0;;) {
    const std::size_t at = spec.find(':', from);
    parts.push_back(spec.substr(from, at - from));
    if (at == std::string::npos) break;
    from = at + 1;
  }
  if (parts.size() != 4) return make_error(ErrorKind::kUsage, "--set wants NAME:METRIC:ARTICLES:GOLD, got " + spec);
  cluster::LabeledSet set;
  set.name = parts[0];
  Result<cluster::SetMetric> metric = metric_of(parts[1]);
  if (!metric) return metric.error();
  set.metric = metric.value();
  Result<std::vector<std::string>> gold = lines_of(parts[3]);
  if (!gold) return gold.error();
  std::size_t line_number = 0;
  for (const std::string& line : gold.value()) {
    ++line_number;
    const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object() || !j.contains("id") || !j["id"].is_string() || !j.contains("event") ||
        !j["event"].is_string()) {
      return make_error(ErrorKind::kInvalidInput, "want {\"id\",\"event\"} strings", Location{parts[3], line_number});
    }
    set.gold[j["id"].get<std::string>()] = j["event"].get<std::string>();
  }
  Result<std::vector<std::string>> articles = lines_of(parts[2]);
  if (!articles) return articles.error();
  std::map<std::string, std::size_t> arrival;
  for (const std::string& line : articles.value()) {
    const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_object() && j.contains("id") && j["id"].is_string())
      arrival.try_emplace(j["id"].get<std::string>(), arrival.size());
  }
  TempStore temp;
  if (!temp.ok()) return make_error(ErrorKind::kIo, "cannot make a temporary directory");
  Result<std::unique_ptr<store::Store>> opened = store::Store::open(temp.path());
  if (!opened) return opened.error();
  pipeline::IngestOptions options;
  Result<pipeline::IngestSummary> ran = pipeline::run_ingest(*opened.value(), {parts[2]}, options, {});
  if (!ran) return ran.error();
  struct Row {
    cluster::ArticleFeatures features;
    std::string copy_of;
  };
  std::vector<Row> rows;
  bool damaged = false;
  store::Store& db = *opened.value();
  std::optional<Error> failed;
  Status read = db.for_each_assignment_to_replay(0, [&](const store::AssignmentRow& a) {
    Row row;
    if (!cluster::deserialize_features(a.features, row.features)) damaged = true;
    // The stored features leave out what the assignment row or the article holds.
    row.features.id = a.id;
    row.features.published = a.published;
    row.features.title = a.title;
    Result<std::optional<Article>> article = db.get(a.id);
    if (!article) {
      failed = article.error();
    } else if (article.value()) {
      row.features.lang = article.value()->lang;
    }
    const nlohmann::json d = nlohmann::json::parse(a.decision, nullptr, false);
    if (d.is_object() && d.contains("copy_of") && d["copy_of"].is_string())
      row.copy_of = d["copy_of"].get<std::string>();
    rows.push_back(std::move(row));
  });
  if (!read) return read.error();
  if (failed) return *failed;
  if (damaged) return make_error(ErrorKind::kStorage, "stored features do not read back", Location{parts[2]});
  auto key = [&](const Row& r) {
    const auto it = arrival.find(r.features.id);
    return std::make_tuple(r.features.published.value_or(INT64_MAX), it == arrival.end() ? arrival.size() : it->second,
                           r.features.id);
  };
  std::stable_sort(rows.begin(), rows.end(), [&](const Row& x, const Row& y) { return key(x) < key(y); });
  for (Row& r : rows) {
    set.copy_of.push_back(std::move(r.copy_of));
    set.articles.push_back(std::move(r.features));
  }
  return set;
}

std::string f3(double x) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.3f", x);
  return buffer;
}

int run(const TrainEventsArgs& args) {
  std::vector<cluster::LabeledSet> sets;
  for (const std::string& spec : args.sets) {
    Result<cluster::LabeledSet> set = load_set(spec);
    if (!set) {
      std::cerr << "sipur train-events: " << set.error().describe() << '\n';
      return set.error().kind == ErrorKind::kUsage ? kExitUsage : kExitFailure;
    }
    sets.push_back(std::move(set).value());
  }
  if (sets.size() < 2) {
    std::cerr << "sipur train-events: give at least two sets: the threshold is chosen by leaving each out\n";
    return kExitUsage;
  }
  cluster::TrainingOptions options;
  options.c = args.c;
  options.rounds = args.rounds;
  options.trees = args.trees;
  options.depth = args.depth;
  options.eta = args.eta;
  // The weights do not depend on the threshold: each left-out model is
  // trained once and scored at every threshold.
  options.thresholds = {0.5};
  std::vector<std::shared_ptr<cluster::EventModel>> without;
  for (const auto& held : sets) {
    std::vector<const cluster::LabeledSet*> others;
    for (const auto& s : sets) {
      if (&s != &held) others.push_back(&s);
    }
    without.push_back(std::make_shared<cluster::EventModel>(cluster::train_event_model(others, options)));
  }
  // The threshold: the best mean score over the sets, each clustered by the
  // model trained without it (ties: the lower).
  std::vector<std::vector<double>> left_out(args.thresholds.size());
  std::vector<std::vector<cluster::ClusterLabels>> left_out_labels(args.thresholds.size());
  double best_mean = -1;
  std::size_t best = 0;
  std::cerr << "mean left-out score by threshold:";
  for (std::size_t t = 0; t < args.thresholds.size(); ++t) {
    double sum = 0;
    for (std::size_t i = 0; i < sets.size(); ++i) {
      without[i]->set_threshold(args.thresholds[t]);
      cluster::ClusterOptions with = options.clusters;
      with.model = without[i];
      left_out_labels[t].push_back(cluster::cluster_set(sets[i], with));
      left_out[t].push_back(cluster::set_score(sets[i], left_out_labels[t].back()));
      sum += left_out[t].back();
    }
    const double mean = sum / static_cast<double>(sets.size());
    std::cerr << ' ' << args.thresholds[t] << ':' << f3(mean);
    if (mean > best_mean) {
      best_mean = mean;
      best = t;
    }
  }
  std::cerr << '\n';
  options.thresholds = {args.thresholds[best]};
  std::vector<const cluster::LabeledSet*> all;
  for (const auto& s : sets) all.push_back(&s);
  cluster::TrainingReport report;
  auto model = std::make_shared<cluster::EventModel>(cluster::train_event_model(all, options, &report));
  std::cerr << "trained on " << report.rows << " candidate rows (" << report.positives << " joins) of "
            << model->trained_on() << "; threshold " << model->threshold() << '\n';
  if (!args.out.empty()) {
    std::vector<cluster::FeatureVector> tests;
    for (const auto& s : sets) {
      for (const auto& x : cluster::sample_rows(s, options.clusters, 2)) tests.push_back(x);
    }
    std::ofstream out(args.out, std::ios::binary | std::ios::trunc);
    out << model->serialize(tests);
    if (!out.flush()) {
      std::cerr << "sipur train-events: cannot write " << args.out << '\n';
      return kExitFailure;
    }
  }
  if (!args.loso_dir.empty()) {
    // The left-out clusterings, as `sipur export assignments` prints them
    // (the story column holds the event: stories are not learned here).
    for (std::size_t i = 0; i < sets.size(); ++i) {
      std::ofstream out(args.loso_dir + "/" + sets[i].name + ".jsonl", std::ios::trunc);
      for (const cluster::ArticleFeatures& a : sets[i].articles) {
        const std::string& event = left_out_labels[best][i].at(a.id);
        out << nlohmann::json({{"id", a.id}, {"event", event}, {"story", event}}).dump() << '\n';
      }
      if (!out.flush()) {
        std::cerr << "sipur train-events: cannot write in " << args.loso_dir << '\n';
        return kExitFailure;
      }
    }
  }
  if (!args.loso) return kExitOk;
  // Each set: the hand-weighted rule, the model trained on every set, and
  // the model trained on the others only (what unseen news would get).
  nlohmann::ordered_json rows = nlohmann::json::array();
  for (std::size_t i = 0; i < sets.size(); ++i) {
    cluster::ClusterOptions rule = options.clusters, with_all = options.clusters;
    with_all.model = model;
    nlohmann::ordered_json row;
    row["set"] = sets[i].name;
    row["rule"] = cluster::set_score(sets[i], cluster::cluster_set(sets[i], rule));
    row["in_sample"] = cluster::set_score(sets[i], cluster::cluster_set(sets[i], with_all));
    row["left_out"] = left_out[best][i];
    rows.push_back(row);
  }
  if (args.json) {
    std::cout << rows.dump() << '\n';
  } else {
    std::cout << "| set | hand rule | model, all sets | model, this set left out |\n|---|---|---|---|\n";
    for (const auto& r : rows) {
      std::cout << "| " << r["set"].get<std::string>() << " | " << f3(r["rule"]) << " | " << f3(r["in_sample"]) << " | "
                << f3(r["left_out"]) << " |\n";
    }
  }
  return kExitOk;
}

}  // namespace

void add_train_events_command(CLI::App& app, int& exit_status) {
  auto args = std::make_shared<TrainEventsArgs>();
  CLI::App* cmd = app.add_subcommand("train-events", "Learn the event decision from labeled sets (model/events.model)");
  cmd->add_option("--set", args->sets,
                  "A labeled set, NAME:METRIC:ARTICLES.jsonl:GOLD.jsonl (METRIC: bcubed, "
                  "pairwise or same_lang_pairwise; repeatable)")
      ->required();
  cmd->add_option("--out", args->out, "Model file to write");
  cmd->add_flag("--loso", args->loso, "Also score each set by a model trained without it");
  cmd->add_option("--loso-dir", args->loso_dir,
                  "Write each set's left-out clustering there as SET.jsonl ({\"id\",\"event\",\"story\"})")
      ->check(CLI::ExistingDirectory);
  cmd->add_flag("--json", args->json, "The --loso table as JSON");
  cmd->add_option("--threshold", args->thresholds,
                  "Thresholds to choose from, by the mean score of the left-out models")
      ->capture_default_str();
  cmd->add_option("--rounds", args->rounds, "Rounds of rows from the model's own clustering after teacher forcing")
      ->capture_default_str();
  cmd->add_option("--trees", args->trees,
                  "Boosted trees grown on the logistic model's log-odds (0: the logistic model alone)")
      ->capture_default_str();
  cmd->add_option("--depth", args->depth, "Depth of each tree")->capture_default_str();
  cmd->add_option("--eta", args->eta, "Learning rate of the boosting")->capture_default_str();
  cmd->add_option("--c", args->c, "Inverse regularization of the logistic regression")->capture_default_str();
  cmd->callback([args, &exit_status] { exit_status = run(*args); });
}

}  // namespace sipur::cli
