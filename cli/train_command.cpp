#include <iostream>

#include "analysis/conllu.h"
#include "analysis/hebrew_model.h"
#include "cli/commands.h"

namespace sipur::cli {
namespace {

struct TrainArgs {
  std::vector<std::string> inputs;
  std::string out;
  std::string scheme = "iahlt";
  int folds = 0;
  int holdout = -1;
};

int run(const TrainArgs& args) {
  std::vector<analysis::ConlluSentence> sentences;
  for (const std::string& path : args.inputs) {
    Result<std::vector<analysis::ConlluSentence>> read = analysis::read_conllu(path);
    if (!read) {
      std::cerr << "sipur train-analyzer: " << read.error().describe() << '\n';
      return kExitFailure;
    }
    // Fold of a sentence = its index in its file modulo --folds, so that an
    // evaluation can hold out the same fold it then scores.
    for (std::size_t i = 0; i < read.value().size(); ++i) {
      if (args.folds > 0 && static_cast<int>(i % static_cast<std::size_t>(args.folds)) == args.holdout) continue;
      sentences.push_back(std::move(read.value()[i]));
    }
  }
  const analysis::HebrewModel model = analysis::HebrewModel::train(sentences, args.scheme);
  if (Status s = model.save(args.out); !s) {
    std::cerr << "sipur train-analyzer: " << s.error().describe() << '\n';
    return kExitFailure;
  }
  std::cerr << "trained on " << sentences.size() << " sentences, " << model.tokens.size() << " token forms -> "
            << args.out << '\n';
  return kExitOk;
}

}  // namespace

void add_train_command(CLI::App& app, int& exit_status) {
  auto args = std::make_shared<TrainArgs>();
  CLI::App* cmd = app.add_subcommand("train-analyzer", "Learn the Hebrew analyzer's model from CoNLL-U treebanks");
  cmd->add_option("inputs", args->inputs, "CoNLL-U files")->required()->check(CLI::ExistingFile);
  cmd->add_option("--out", args->out, "Model file to write")->required();
  cmd->add_option("--scheme", args->scheme, "Word conventions: iahlt (surface pieces) or htb")
      ->check(CLI::IsMember({"iahlt", "htb"}))
      ->capture_default_str();
  cmd->add_option("--folds", args->folds, "With --holdout: split each file's sentences into this many folds");
  cmd->add_option("--holdout", args->holdout, "Leave out this fold (0-based) for cross-validation");
  cmd->callback([args, &exit_status] { exit_status = run(*args); });
}

}  // namespace sipur::cli
