// `sipur serve`: the HTTP API and the web UI over a store (server/,
// docs/API.md). SIGTERM or SIGINT stops it gracefully: it stops listening,
// answers the requests in flight, commits what the writer accepted, saves
// the clusterer's state, and exits 0.
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <iostream>
#include <thread>

#include "cli/analyzer_options.h"
#include "cli/commands.h"
#include "cli/event_model_options.h"
#include "server/api_server.h"

namespace sipur::cli {
namespace {

struct ServeArgs {
  server::ServeOptions options;
  std::string sync = "full";
  EventModelOptions event_model;
};

int run(ServeArgs& args) {
  args.options.durability = args.sync == "full" ? store::Durability::kPowerLoss : store::Durability::kProcessCrash;
  // The same event decision as `sipur ingest`, checked before the store opens.
  Result<std::shared_ptr<const cluster::EventModel>> model = load_event_model(args.event_model);
  if (!model) {
    std::cerr << "sipur serve: " << model.error().describe() << '\n';
    return kExitFailure;
  }
  args.options.ingest.clusters.model = model.value();
  // The signals are taken by one thread with sigwait: blocked here, before
  // any thread starts, so that every thread inherits the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  Result<std::unique_ptr<server::ApiServer>> created = server::ApiServer::create(args.options);
  if (!created) {
    std::cerr << "sipur serve: " << created.error().describe() << '\n';
    return created.error().kind == ErrorKind::kUsage ? kExitUsage : kExitFailure;
  }
  server::ApiServer& api = *created.value();
  Result<int> port = api.bind();
  if (!port) {
    std::cerr << "sipur serve: " << port.error().describe() << '\n';
    return kExitFailure;
  }
  std::thread stopper([&] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    api.stop();
  });
  const std::string host =
      args.options.host.find(':') != std::string::npos ? "[" + args.options.host + "]" : args.options.host;
  std::printf("sipur serve: listening on http://%s:%d/ (store %s)\n", host.c_str(), port.value(),
              args.options.db.c_str());
  std::fflush(stdout);
  const Status served = api.run();
  // Stopped by a signal, the stopper has returned; stopped otherwise, it
  // still waits for one.
  pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
  if (!served) {
    std::cerr << "sipur serve: " << served.error().describe() << '\n';
    return kExitFailure;
  }
  std::fprintf(stderr, "sipur serve: stopped; every accepted article is committed\n");
  return kExitOk;
}

}  // namespace

void add_serve_command(CLI::App& app, int& exit_status) {
  auto args = std::make_shared<ServeArgs>();
  server::ServeOptions& o = args->options;
  CLI::App* cmd = app.add_subcommand("serve", "Serve the JSON API and the web UI over a store (docs/API.md)");
  cmd->add_option("--db", o.db, "SQLite store file (created if missing)")->required();
  cmd->add_option("--host", o.host, "Address to listen on (beyond loopback needs --token-file)")->capture_default_str();
  cmd->add_option("--port", o.port, "Port to listen on (0: any free port, printed)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--token-file", o.token_file, "File whose first line is the bearer token writes need")
      ->check(CLI::ExistingFile);
  cmd->add_flag("--read-token-required", o.read_token_required, "Reads (/v1, /metrics) need the token too");
  cmd->add_option("--max-body-mb", o.max_body_mb, "Refuse request bodies larger than this (413)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--queue", o.queue, "Articles waiting for the writer before posts are refused (503)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--threads", o.threads, "Connections served at once")
      ->capture_default_str()
      ->check(CLI::Range(2, 1024));
  cmd->add_option("--read-timeout", o.read_timeout_seconds, "Seconds a client may stay silent mid-request")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));
  cmd->add_option("--sync", args->sync,
                  "full: every acknowledged write is on disk (fsync per group commit); normal: survives a crash of "
                  "the process, not of the machine")
      ->capture_default_str()
      ->check(CLI::IsMember({"full", "normal"}));
  cmd->add_option("--search-refresh-ms", o.search_refresh_ms,
                  "Search finds a posted article within this many milliseconds of its answer (or once 256 more "
                  "came); 0: at once, at a cost to posting")
      ->capture_default_str()
      ->check(CLI::Range(0, 3600000));
  cmd->add_option("--debug-hold-writer-ms", o.debug_hold_writer_ms,
                  "Debug: hold each group commit's transaction open this long (tests of readers and a full queue)")
      ->check(CLI::Range(0, 600000));
  add_analyzer_options(cmd, o.ingest.analyzer);
  add_event_model_options(cmd, args->event_model);
  cmd->callback([args, &exit_status] { exit_status = run(*args); });
}

}  // namespace sipur::cli
