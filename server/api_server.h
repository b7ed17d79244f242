// `sipur serve`: the HTTP API (JSON under /v1), the web UI's assets, health
// and metrics, over one store: one writer (IngestService) and read-only
// connections for readers (ReaderPool). docs/API.md describes every route.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "core/error.h"
#include "pipeline/ingest_job.h"
#include "store/store.h"

namespace sipur::server {

struct ServeOptions {
  std::string db;
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (printed when listening)
  std::string token_file;
  bool read_token_required = false;
  std::size_t max_body_mb = 32;  // a larger request body is refused (413) without being read
  std::size_t queue = 1000;      // articles waiting for the writer before posts are refused (503)
  std::size_t threads = 32;      // connections served at once; a slow client holds one
  int read_timeout_seconds = 5;  // a client silent this long mid-request is disconnected
  int keep_alive_seconds = 5;    // an idle kept-alive connection is closed after this long
  store::Durability durability = store::Durability::kPowerLoss;
  int debug_hold_writer_ms = 0;  // see IngestServiceOptions::debug_hold
  int search_refresh_ms = 1000;  // see IngestServiceOptions::search_refresh
  pipeline::IngestOptions ingest;
};

class ApiServer {
 public:
  // Checks the options (a host beyond loopback needs a token file), opens
  // the store and starts the writer; kUsage for options that contradict.
  [[nodiscard]] static Result<std::unique_ptr<ApiServer>> create(const ServeOptions& options);
  ~ApiServer();
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;

  // Binds the address; the port bound (the one asked for, or a free one for 0).
  [[nodiscard]] Result<int> bind();
  // Serves until stop(); then commits what was accepted and ends the run.
  [[nodiscard]] Status run();
  // From any thread (a signal handler's thread): stop listening, let
  // requests in flight finish.
  void stop();

 private:
  struct State;
  explicit ApiServer(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace sipur::server
