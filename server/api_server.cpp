#include "server/api_server.h"

#include <httplib.h>
#include <sys/socket.h>

#include <chrono>
#include <regex>
#include <vector>

#include "server/access.h"
#include "server/handlers.h"
#include "server/http_errors.h"
#include "server/post_body.h"

namespace sipur::server {
namespace {

// What the UI's pages may load: only the server's own scripts and styles.
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'";

enum class Access { kOpen, kRead, kWrite };

struct Route {
  std::string name;  // in metrics
  std::regex pattern;
  std::string method;  // GET routes take HEAD too
  Access access;
};

std::vector<Route> make_routes() {
  // The explanation before the article: an article path ending in
  // /explain is the explanation's.
  return {
      {"post_articles", std::regex(R"(/v1/articles)"), "POST", Access::kWrite},
      {"get_explanation", std::regex(R"(/v1/articles/(.+)/explain)"), "GET", Access::kRead},
      {"get_article", std::regex(R"(/v1/articles/(.+))"), "GET", Access::kRead},
      {"list_stories", std::regex(R"(/v1/stories)"), "GET", Access::kRead},
      {"get_story", std::regex(R"(/v1/stories/(.+))"), "GET", Access::kRead},
      {"get_event", std::regex(R"(/v1/events/(.+))"), "GET", Access::kRead},
      {"list_copies", std::regex(R"(/v1/copies)"), "GET", Access::kRead},
      {"search", std::regex(R"(/v1/search)"), "GET", Access::kRead},
      {"healthz", std::regex(R"(/healthz)"), "GET", Access::kOpen},
      {"metrics", std::regex(R"(/metrics)"), "GET", Access::kRead},
      {"ui", std::regex(R"(/)"), "GET", Access::kOpen},
      {"assets", std::regex(R"(/assets/(.+))"), "GET", Access::kOpen},
  };
}

std::vector<std::string> route_names(const std::vector<Route>& routes) {
  std::vector<std::string> names;
  for (const Route& r : routes) names.push_back(r.name);
  names.emplace_back("unmatched");
  return names;
}

// The kind of an error httplib answered itself (a bad request line, a
// body over the limit, a URI too long), for its JSON body.
ErrorKind kind_of_status(int status) {
  switch (status) {
    case 401:
      return ErrorKind::kUnauthorized;
    case 404:
      return ErrorKind::kNotFound;
    case 405:
      return ErrorKind::kNotAllowed;
    case 413:
    case 414:
    case 431:
      return ErrorKind::kTooLarge;
    case 415:
      return ErrorKind::kUnsupported;
    case 503:
      return ErrorKind::kBusy;
    default:
      return status >= 500 ? ErrorKind::kInternal : ErrorKind::kInvalidInput;
  }
}

using Clock = std::chrono::steady_clock;

// httplib listens with a backlog of 5 (CPPHTTPLIB_LISTEN_BACKLOG, fixed
// when Debian built the library): a burst of connections beyond it has its
// SYNs dropped, and clients retry a second later. Listening again on the
// bound socket widens the queue (Linux takes the new backlog).
class Listener : public httplib::Server {
 public:
  void widen_backlog() { ::listen(svr_sock_, SOMAXCONN); }
};

}  // namespace

struct ApiServer::State {
  explicit State(const ServeOptions& opts)
      : options(opts), routes(make_routes()), metrics(route_names(routes)), readers(opts.db) {}

  ServeOptions options;
  std::vector<Route> routes;
  Metrics metrics;
  ReaderPool readers;
  std::string token;  // empty: no token file
  std::unique_ptr<IngestService> ingest;
  std::unique_ptr<HandlerContext> context;
  Listener http;
  bool bound = false;

  const Route* route_of(const std::string& path, std::smatch* match = nullptr) const {
    for (const Route& r : routes) {
      std::smatch m;
      if (std::regex_match(path, m, r.pattern)) {
        if (match) *match = m;
        return &r;
      }
    }
    return nullptr;
  }

  // Routes, checks method, access and media type before a body is read;
  // Handled when the request was answered here (an error), Unhandled to
  // let its handler run.
  httplib::Server::HandlerResponse screen(const httplib::Request& req, httplib::Response& res) {
    const auto started = Clock::now();
    const Route* route = route_of(req.path);
    auto refuse = [&](const Error& error) {
      send_error(res, error);
      // A body this server refused unread would be read as the next request.
      if (req.has_header("Content-Length") || req.has_header("Transfer-Encoding")) {
        res.set_header("Connection", "close");
      }
      metrics.observe_request(route ? route->name : "unmatched", res.status, Clock::now() - started);
      return httplib::Server::HandlerResponse::Handled;
    };
    if (!route) return refuse(make_error(ErrorKind::kNotFound, "no route for " + req.path));
    const bool method_ok = req.method == route->method || (route->method == "GET" && req.method == "HEAD");
    if (!method_ok) {
      res.set_header("Allow", route->method == "GET" ? "GET, HEAD" : route->method);
      return refuse(
          make_error(ErrorKind::kNotAllowed, req.method + " is not allowed on " + req.path + "; use " + route->method));
    }
    const bool needs_token = !token.empty() && (route->access == Access::kWrite ||
                                                (route->access == Access::kRead && options.read_token_required));
    if (needs_token && !bearer_matches(req.get_header_value("Authorization"), token)) {
      res.set_header("WWW-Authenticate", "Bearer");
      return refuse(make_error(ErrorKind::kUnauthorized, req.has_header("Authorization")
                                                             ? "the bearer token is wrong"
                                                             : "this route needs Authorization: Bearer <token>"));
    }
    if (route->access == Access::kWrite && !body_format(req.get_header_value("Content-Type"))) {
      return refuse(make_error(ErrorKind::kUnsupported,
                               "Content-Type must be application/json (one article) or application/x-ndjson (many), "
                               "UTF-8; got \"" +
                                   req.get_header_value("Content-Type") + "\""));
    }
    return httplib::Server::HandlerResponse::Unhandled;
  }

  // A handler with its latency measured under the route's name.
  template <class Handler>
  auto timed(const std::string& name, Handler handler) {
    return [this, name, handler](const httplib::Request& req, httplib::Response& res) {
      const auto started = Clock::now();
      handler(*context, req, res);
      metrics.observe_request(name, res.status, Clock::now() - started);
    };
  }

  void install() {
    http.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                              {"Content-Security-Policy", kContentSecurityPolicy},
                              {"Referrer-Policy", "no-referrer"}});
    http.new_task_queue = [n = options.threads] { return new httplib::ThreadPool(n); };
    http.set_read_timeout(options.read_timeout_seconds, 0);
    http.set_write_timeout(options.read_timeout_seconds, 0);
    http.set_keep_alive_timeout(options.keep_alive_seconds);
    http.set_payload_max_length(options.max_body_mb << 20);
    http.set_tcp_nodelay(true);
    http.set_pre_routing_handler(
        [this](const httplib::Request& req, httplib::Response& res) { return screen(req, res); });
    http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
      // httplib's own refusals (a malformed request, a body over the
      // limit) get the same JSON body as the API's.
      if (!res.body.empty()) return;
      send_error(res, make_error(kind_of_status(res.status),
                                 "HTTP " + std::to_string(res.status) +
                                     (res.status == 413 ? ": the request body is too large" : "")));
    });
    http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
      std::string what = "internal error";
      try {
        if (ep) std::rethrow_exception(ep);
      } catch (const std::exception& e) {
        what = std::string("internal error: ") + e.what();
      } catch (...) {
      }
      send_error(res, make_error(ErrorKind::kInternal, what));
    });
    http.Post("/v1/articles",
              [this](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& content) {
                const auto started = Clock::now();
                post_articles(*context, req, res, content);
                metrics.observe_request("post_articles", res.status, Clock::now() - started);
              });
    http.Get(R"(/v1/articles/(.+)/explain)", timed("get_explanation", get_explanation));
    http.Get(R"(/v1/articles/(.+))", timed("get_article", get_article));
    http.Get(R"(/v1/stories)", timed("list_stories", list_stories));
    http.Get(R"(/v1/stories/(.+))", timed("get_story", get_story));
    http.Get(R"(/v1/events/(.+))", timed("get_event", get_event));
    http.Get(R"(/v1/copies)", timed("list_copies", list_copies));
    http.Get(R"(/v1/search)", timed("search", search_articles));
    http.Get(R"(/healthz)", timed("healthz", get_health));
    http.Get(R"(/metrics)", timed("metrics", get_metrics));
    http.Get(R"(/)", timed("ui", get_asset));
    http.Get(R"(/assets/(.+))", timed("assets", get_asset));
  }
};

ApiServer::ApiServer(std::unique_ptr<State> state) : state_(std::move(state)) {}

ApiServer::~ApiServer() {
  stop();
  if (state_->ingest) state_->ingest->stop();
}

Result<std::unique_ptr<ApiServer>> ApiServer::create(const ServeOptions& options) {
  auto state = std::make_unique<State>(options);
  if (!options.token_file.empty()) {
    Result<std::string> token = read_token_file(options.token_file);
    if (!token) return token.error();
    state->token = std::move(token).value();
  }
  if (state->token.empty() && !is_loopback_host(options.host)) {
    return make_error(ErrorKind::kUsage, "listening on " + options.host +
                                             " (beyond loopback) needs --token-file: anyone who can reach it could "
                                             "write to the store");
  }
  if (state->token.empty() && options.read_token_required) {
    return make_error(ErrorKind::kUsage, "--read-token-required needs --token-file");
  }
  IngestServiceOptions ingest;
  ingest.ingest = options.ingest;
  ingest.queue_capacity = options.queue;
  ingest.durability = options.durability;
  ingest.debug_hold = std::chrono::milliseconds(options.debug_hold_writer_ms);
  ingest.search_refresh = std::chrono::milliseconds(options.search_refresh_ms);
  Result<std::unique_ptr<IngestService>> started = IngestService::start(options.db, ingest, state->metrics);
  if (!started) return started.error();
  state->ingest = std::move(started).value();
  state->context.reset(
      new HandlerContext{state->options, *state->ingest, state->readers, state->metrics, {}, {}, {}, {}, {}, {}});
  state->install();
  return std::unique_ptr<ApiServer>(new ApiServer(std::move(state)));
}

Result<int> ApiServer::bind() {
  const int port =
      state_->options.port == 0
          ? state_->http.bind_to_any_port(state_->options.host)
          : (state_->http.bind_to_port(state_->options.host, state_->options.port) ? state_->options.port : -1);
  if (port < 0) {
    return make_error(ErrorKind::kIo, "cannot listen on " + state_->options.host + ":" +
                                          std::to_string(state_->options.port) + " (in use, or not an address here)");
  }
  state_->http.widen_backlog();
  state_->bound = true;
  return port;
}

Status ApiServer::run() {
  if (!state_->bound) return make_error(ErrorKind::kUsage, "run() before bind()");
  const bool served = state_->http.listen_after_bind();
  // Every request in flight has been answered (httplib joined its threads):
  // what the writer accepted is committed; now end the run.
  state_->ingest->stop();
  if (const std::optional<Error> failed = state_->ingest->failure()) return *failed;
  if (!served) return make_error(ErrorKind::kIo, "the server stopped listening unexpectedly");
  return Ok{};
}

void ApiServer::stop() {
  state_->http.stop();
}

}  // namespace sipur::server
