// `sipur dups`: copies for people. Groups of articles linked by copy
// relations, each relation with its kind, score and the shared passages
// quoted from both articles.
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "store/store.h"
#include "views/copies.h"

namespace sipur::cli {
namespace {

struct DupsArgs {
  std::string db;
  bool json = false;
  std::size_t max_passage_chars = 300;
};

int run(const DupsArgs& args) {
  Result<std::unique_ptr<store::Store>> opened = store::Store::open(args.db);
  if (!opened) {
    std::cerr << "sipur dups: " << opened.error().describe() << '\n';
    return kExitFailure;
  }
  Result<std::vector<views::CopyGroup>> groups = views::copy_groups(*opened.value(), {args.max_passage_chars});
  if (!groups) {
    std::cerr << "sipur dups: " << groups.error().describe() << '\n';
    return kExitFailure;
  }
  if (args.json) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const views::CopyGroup& group : groups.value()) out.push_back(views::copy_group_json(group));
    std::cout << out.dump(2) << '\n';
    return kExitOk;
  }
  std::size_t n = 0;
  for (const views::CopyGroup& group : groups.value()) {
    std::cout << "group " << ++n << " (" << group.articles.size() << " articles)\n";
    for (const views::CopyGroupArticle& a : group.articles) {
      std::cout << "  " << a.id << "  " << a.source << "  " << a.published << "  " << a.title << '\n';
    }
    for (const views::CopyRelationView& r : group.relations) {
      std::cout << "  " << r.a << " -> " << r.b << "  " << r.kind << "  score " << r.score << '\n';
      for (const views::QuotedPassage& p : r.passages) {
        std::cout << "    passage of " << p.words << " words\n      a: " << p.a_text << "\n      b: " << p.b_text
                  << '\n';
      }
    }
    std::cout << '\n';
  }
  if (groups.value().empty()) std::cout << "no copies\n";
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
