#include <cstdio>
#include <iostream>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/views.h"
#include "store/store.h"

namespace sipur::cli {
namespace {

struct ExportArgs {
  std::string db;
  std::string what;
};

// One JSON object per line; the fields are a stable interface (README).
std::string article_line(const Article& a) {
  nlohmann::ordered_json line = {
      {"id", a.id},
      {"source", a.source},
      {"url", a.url},
      {"lang", a.lang},
      {"published", a.published.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(a.published)},
      {"title", a.title},
      {"text", a.body}};
  return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// A failed write is not checked here: it sets stdout's error flag, which
// stdout_written checks once at the end of the run.
void put_line(const std::string& line) {
  (void)std::fwrite(line.data(), 1, line.size(), stdout);
  (void)std::fputc('\n', stdout);
}

int run(const ExportArgs& args) {
  Result<std::unique_ptr<store::Store>> opened = store::Store::open(args.db);
  if (!opened) {
    std::cerr << "sipur export: " << opened.error().describe() << '\n';
    return kExitFailure;
  }
  Status status = Ok{};
  if (args.what == "articles") {
    status = opened.value()->for_each_article([](const Article& a) { put_line(article_line(a)); });
  } else if (args.what == "assignments") {
    // Every stored article appears; one a stopped run left unclustered has
    // null event and story until the next ingest clusters it.
    std::unordered_map<std::string, std::pair<std::string, std::string>> assigned;
    status = opened.value()->for_each_assignment([&](const store::AssignmentRow& r) {
      assigned[r.id] = {r.event, r.story};
    });
    if (status) {
      status = opened.value()->for_each_article([&](const Article& a) {
        const auto it = assigned.find(a.id);
        nlohmann::ordered_json line = {{"id", a.id}, {"event", nullptr}, {"story", nullptr}};
        if (it != assigned.end()) {
          line["event"] = it->second.first;
          line["story"] = it->second.second;
        }
        put_line(line.dump());
      });
    }
  } else {
    status = opened.value()->for_each_copy([](const store::CopyRow& c) {
      nlohmann::ordered_json line = {{"a", c.a}, {"b", c.b}, {"kind", c.kind}, {"score", c.score}};
      put_line(line.dump());
    });
  }
  if (!status) {
    std::cerr << "sipur export: " << status.error().describe() << '\n';
    return kExitFailure;
  }
  return stdout_written() ? kExitOk : kExitFailure;
}

}  // namespace

void add_export_command(CLI::App& app, int& exit_status) {
  auto args = std::make_shared<ExportArgs>();
  CLI::App* cmd = app.add_subcommand("export", "Print stored data as JSONL");
  cmd->add_option("--db", args->db, "SQLite store file")->required()->check(CLI::ExistingFile);
  cmd->add_option("what", args->what, "What to export: articles, copies, assignments")
      ->required()
      ->check(CLI::IsMember({"articles", "copies", "assignments"}));
  cmd->callback([args, &exit_status] { exit_status = run(*args); });
}

}  // namespace sipur::cli
