// The event decision's options, shared by the commands that cluster
// (`ingest`, `serve`): which model, or the hand-weighted rule instead.
#pragma once

#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "cluster/event_model.h"
#include "core/error.h"

namespace sipur::cli {

struct EventModelOptions {
  std::string path = cluster::default_event_model_path();
  bool hand_rule = false;
};

void add_event_model_options(CLI::App* cmd, EventModelOptions& options);

// The model to cluster with (nullptr with --hand-rule), read and checked
// (format, features, self-tests) before anything is written; the error
// names the file and line.
[[nodiscard]] Result<std::shared_ptr<const cluster::EventModel>> load_event_model(const EventModelOptions& options);

}  // namespace sipur::cli
