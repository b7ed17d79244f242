#include "cli/event_model_options.h"

namespace sipur::cli {

void add_event_model_options(CLI::App* cmd, EventModelOptions& options) {
  cmd->add_option("--event-model", options.path,
                  "The learned event decision, as `sipur train-events` writes it (default: the shipped "
                  "model/events.model)")
      ->check(CLI::ExistingFile);
  cmd->add_flag("--hand-rule", options.hand_rule,
                "Decide events by the hand-weighted score and thresholds (--event-threshold, --body-threshold) "
                "instead of the model");
}

Result<std::shared_ptr<const cluster::EventModel>> load_event_model(const EventModelOptions& options) {
  if (options.hand_rule) return std::shared_ptr<const cluster::EventModel>();
  Result<cluster::EventModel> loaded = cluster::EventModel::load(options.path);
  if (!loaded) return loaded.error();
  return std::make_shared<const cluster::EventModel>(std::move(loaded).value());
}

}  // namespace sipur::cli
