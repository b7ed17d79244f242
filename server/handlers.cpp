#include "server/handlers.h"

#include <charconv>

#include <nlohmann/json.hpp>

#include "core/time.h"
#include "search/search_json.h"
#include "server/assets.h"
#include "server/http_errors.h"
#include "server/post_body.h"
#include "views/article_page.h"
#include "views/catalog.h"
#include "views/copies.h"
#include "views/explain.h"
#include "views/story_list.h"
#include "views/story_page.h"

namespace sipur::server {
namespace {

constexpr std::size_t kDefaultLimit = 20;
constexpr std::size_t kMaxLimit = 1000;
// Search answers hold snippets: fewer stories and articles per page.
constexpr std::size_t kMaxSearchStories = 100;
constexpr std::int64_t kMaxSearchPerStory = 20;

Error bad_parameter(const std::string& name, const std::string& why) {
  return make_error(ErrorKind::kInvalidInput, "query parameter \"" + name + "\": " + why);
}

// A whole non-negative number, or the default when the parameter is absent.
Result<std::int64_t> int_param(const httplib::Request& req, const std::string& name, std::int64_t fallback,
                               std::int64_t max) {
  if (!req.has_param(name)) return fallback;
  const std::string text = req.get_param_value(name);
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || value < 0 || value > max) {
    return bad_parameter(name, "expected a whole number from 0 to " + std::to_string(max));
  }
  return value;
}

Result<std::size_t> limit_param(const httplib::Request& req) {
  Result<std::int64_t> limit = int_param(req, "limit", kDefaultLimit, kMaxLimit);
  if (!limit || limit.value() == 0) return bad_parameter("limit", "expected a whole number from 1 to 1000");
  return static_cast<std::size_t>(limit.value());
}

// An ISO-8601 time (a date alone means its midnight, UTC); absent: nullopt.
Result<std::optional<std::int64_t>> time_param(const httplib::Request& req, const std::string& name) {
  if (!req.has_param(name)) return std::optional<std::int64_t>();
  const std::optional<ParsedTime> parsed = parse_time(req.get_param_value(name));
  if (!parsed) return bad_parameter(name, "expected an ISO-8601 date or time, such as 2019-04-02 or 2019-04-02T10:00Z");
  return std::optional<std::int64_t>(parsed->epoch_seconds);
}

// The route's one capture: the id in the path (httplib has decoded it).
std::string path_id(const httplib::Request& req) {
  return req.matches.size() > 1 ? req.matches[1].str() : std::string();
}

Error not_found(const std::string& what, const std::string& id) {
  return make_error(ErrorKind::kNotFound, "no " + what + " with id \"" + id + "\"");
}

nlohmann::ordered_json or_null(const std::string& text) {
  return text.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(text);
}

nlohmann::ordered_json outcome_json(const ArticleOutcome& o) {
  nlohmann::ordered_json copies = nlohmann::ordered_json::array();
  for (const CopyLink& c : o.copies) copies.push_back({{"other", c.other}, {"kind", c.kind}, {"score", c.score}});
  return {{"id", o.id},
          {"status", o.status == ArticleOutcome::Status::kStored ? "stored" : "duplicate"},
          {"event", or_null(o.event)},
          {"story", or_null(o.story)},
          {"copies", std::move(copies)}};
}

nlohmann::ordered_json rejected_json(const Error& e) {
  nlohmann::ordered_json item = {{"id", nullptr},
                                 {"status", "rejected"},
                                 {"reason", error_message(e)},
                                 {"kind", std::string(to_string(e.kind))},
                                 {"event", nullptr},
                                 {"story", nullptr},
                                 {"copies", nlohmann::ordered_json::array()}};
  if (e.where.line > 0) item["line"] = e.where.line;
  return item;
}

}  // namespace

void send_error(httplib::Response& res, const Error& error) {
  res.status = http_status(error.kind);
  res.set_content(error_body(error), "application/json");
}

void send_json(httplib::Response& res, const std::string& json) {
  if (res.status < 0) res.status = 200;
  res.set_header("Cache-Control", "no-store");
  res.set_content(json, "application/json");
}

void post_articles(HandlerContext& ctx, const httplib::Request& req, httplib::Response& res,
                   const httplib::ContentReader& content) {
  const std::optional<BodyFormat> format = body_format(req.get_header_value("Content-Type"));
  if (!format) {  // routing checked it already; kept for a handler called otherwise
    send_error(res,
               make_error(ErrorKind::kUnsupported, "Content-Type must be application/json or application/x-ndjson"));
    return;
  }
  // Read no further than the limit: httplib refuses a declared length over
  // it before reading; a chunked body is cut here.
  const std::size_t limit = ctx.options.max_body_mb << 20;
  std::string body;
  bool too_large = false;
  const bool complete = content([&](const char* data, std::size_t size) {
    if (body.size() + size > limit) {
      too_large = true;
      return false;
    }
    body.append(data, size);
    return true;
  });
  if (too_large || res.status == 413) {
    res.set_header("Connection", "close");
    send_error(res, make_error(ErrorKind::kTooLarge, "the request body is over the limit of " +
                                                         std::to_string(ctx.options.max_body_mb) + " MB"));
    return;
  }
  if (!complete) {
    send_error(res, make_error(ErrorKind::kTruncated, "the request body ended early"));
    return;
  }
  Result<std::vector<PostedRecord>> parsed = parse_post_body(body, *format);
  if (!parsed) {
    ctx.metrics.count_rejected(parsed.error().kind);
    send_error(res, parsed.error());
    return;
  }
  std::vector<Article> articles;
  for (PostedRecord& record : parsed.value()) {
    if (Article* article = std::get_if<Article>(&record)) {
      articles.push_back(std::move(*article));
    } else {
      ctx.metrics.count_rejected(std::get<Error>(record).kind);
    }
  }
  Result<std::vector<ArticleOutcome>> outcomes = ctx.ingest.submit(std::move(articles));
  if (!outcomes) {
    if (outcomes.error().kind == ErrorKind::kBusy) res.set_header("Retry-After", "1");
    send_error(res, outcomes.error());
    return;
  }
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  std::size_t next = 0;
  for (const PostedRecord& record : parsed.value()) {
    if (const Error* error = std::get_if<Error>(&record)) {
      items.push_back(rejected_json(*error));
    } else {
      items.push_back(outcome_json(outcomes.value()[next++]));
    }
  }
  send_json(res, views::json_line(nlohmann::ordered_json{{"items", std::move(items)}}));
}

void search_articles(HandlerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  if (!req.has_param("q")) return send_error(res, bad_parameter("q", "the words to search for are missing"));
  search::SearchOptions options;
  Result<std::size_t> limit = limit_param(req);
  if (!limit) return send_error(res, limit.error());
  options.stories = std::min<std::size_t>(limit.value(), kMaxSearchStories);
  Result<std::int64_t> per_story = int_param(req, "per_story", 3, kMaxSearchPerStory);
  if (!per_story || per_story.value() == 0) {
    return send_error(
        res, bad_parameter("per_story", "expected a whole number from 1 to " + std::to_string(kMaxSearchPerStory)));
  }
  options.per_story = static_cast<std::size_t>(per_story.value());
  const std::string sort = req.has_param("sort") ? req.get_param_value("sort") : "relevance";
  if (sort != "relevance" && sort != "time") return send_error(res, bad_parameter("sort", "relevance or time"));
  options.sort = sort == "time" ? search::SortOrder::kTime : search::SortOrder::kRelevance;

  const std::lock_guard<std::mutex> lock(ctx.search_mutex);
  if (!ctx.searcher) {
    Result<std::unique_ptr<store::Store>> opened = store::Store::open_read_only(ctx.options.db);
    if (!opened) return send_error(res, opened.error());
    Result<std::unique_ptr<search::Searcher>> created =
        search::Searcher::open(*opened.value(), ctx.options.ingest.analyzer);
    if (!created) return send_error(res, created.error());
    ctx.search_store = std::move(opened).value();
    ctx.searcher = std::move(created).value();
  }
  Result<search::SearchResults> found = ctx.searcher->search(req.get_param_value("q"), options);
  if (!found) return send_error(res, found.error());
  send_json(res, views::json_line(search::results_json(found.value())));
}

void get_article(HandlerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  const std::string id = path_id(req);
  const bool with_analysis = req.has_param("analysis") && req.get_param_value("analysis") != "0";
  Result<ReaderPool::Lease> lease = ctx.readers.borrow();
  if (!lease) return send_error(res, lease.error());
  Result<std::optional<views::ArticlePage>> page = views::article_page(*lease.value(), id);
  if (!page) return send_error(res, page.error());
  if (!page.value()) return send_error(res, not_found("article", id));
  nlohmann::ordered_json out = views::article_page_json(*page.value());
  if (with_analysis) {
    const std::lock_guard<std::mutex> lock(ctx.analyzer_mutex);
    if (!ctx.analyzer) {
      Result<std::unique_ptr<analysis::Analyzer>> created = analysis::Analyzer::create(ctx.options.ingest.analyzer);
      if (!created) return send_error(res, created.error());
      ctx.analyzer = std::move(created).value();
    }
    Result<nlohmann::ordered_json> analysis = views::analysis_json(page.value()->article, *ctx.analyzer);
    if (!analysis) return send_error(res, analysis.error());
    out["analysis"] = std::move(analysis).value();
  }
  send_json(res, views::json_line(out));
}

void get_explanation(HandlerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  const std::string id = path_id(req);
  Result<ReaderPool::Lease> lease = ctx.readers.borrow();
  if (!lease) return send_error(res, lease.error());
  Result<std::optional<views::ArticleExplanation>> explained = views::explain_article(*lease.value(), id);
  if (!explained) return send_error(res, explained.error());
  if (!explained.value()) return send_error(res, not_found("article", id));
  send_json(res, views::json_line(views::explanation_json(*explained.value())));
}

void list_stories(HandlerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  views::StoryQuery query;
  Result<std::size_t> limit = limit_param(req);
  if (!limit) return send_error(res, limit.error());
  query.limit = limit.value();
  if (req.has_param("cursor") && !req.get_param_value("cursor").empty()) {
    query.after = views::decode_cursor(req.get_param_value("cursor"));
    if (!query.after) return send_error(res, bad_parameter("cursor", "not a cursor this server gave"));
  }
  query.lang = req.get_param_value("lang");
  query.source = req.get_param_value("source");
  Result<std::optional<std::int64_t>> from = time_param(req, "from");
  if (!from) return send_error(res, from.error());
  Result<std::optional<std::int64_t>> to = time_param(req, "to");
  if (!to) return send_error(res, to.error());
  query.from = from.value();
  query.to = to.value();
  Result<std::int64_t> min_size = int_param(req, "min_size", 0, INT64_MAX);
  if (!min_size) return send_error(res, min_size.error());
  query.min_size = min_size.value();
  Result<ReaderPool::Lease> lease = ctx.readers.borrow();
  if (!lease) return send_error(res, lease.error());
  Result<views::StoryListPage> page = views::list_stories(*lease.value(), query, &ctx.story_summaries);
  if (!page) return send_error(res, page.error());
  send_json(res, views::json_line(views::story_list_json(page.value())));
}

void get_story(HandlerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  const std::string id = path_id(req);
  Result<ReaderPool::Lease> lease = ctx.readers.borrow();
  if (!lease) return send_error(res, lease.error());
  Result<std::optional<views::StoryPage>> page = views::story_page(*lease.value(), id);
  if (!page) return send_error(res, page.error());
  if (!page.value()) return send_error(res, not_found("story", id));
  send_json(res, views::json_line(views::story_page_json(*page.value())));
}

void get_event(HandlerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  const std::string id = path_id(req);
  Result<ReaderPool::Lease> lease = ctx.readers.borrow();
  if (!lease) return send_error(res, lease.error());
  Result<std::optional<views::EventWithArticles>> page = views::event_page(*lease.value(), id);
  if (!page) return send_error(res, page.error());
  if (!page.value()) return send_error(res, not_found("event", id));
  send_json(res, views::json_line(views::event_page_json(*page.value())));
}

void list_copies(HandlerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  Result<std::size_t> limit = limit_param(req);
  if (!limit) return send_error(res, limit.error());
  std::optional<std::string> after;
  if (req.has_param("cursor") && !req.get_param_value("cursor").empty()) after = req.get_param_value("cursor");
  Result<ReaderPool::Lease> lease = ctx.readers.borrow();
  if (!lease) return send_error(res, lease.error());
  Result<views::CopyGroupPage> page = views::copy_group_page(*lease.value(), limit.value(), after, {});
  if (!page) return send_error(res, page.error());
  nlohmann::ordered_json groups = nlohmann::ordered_json::array();
  for (const views::CopyGroup& g : page.value().groups) groups.push_back(views::copy_group_json(g));
  send_json(res, views::json_line({{"groups", std::move(groups)},
                                   {"next_cursor", page.value().next ? nlohmann::ordered_json(*page.value().next)
                                                                     : nlohmann::ordered_json()}}));
}

void get_health(HandlerContext& ctx, const httplib::Request&, httplib::Response& res) {
  if (const std::optional<Error> failed = ctx.ingest.failure()) {
    res.status = 503;
    send_json(res, views::json_line({{"status", "failing"}, {"error", error_message(*failed)}}));
    return;
  }
  send_json(res, R"({"status":"ok"})");
}

void get_metrics(HandlerContext& ctx, const httplib::Request&, httplib::Response& res) {
  Metrics::Gauges gauges;
  gauges.queue_depth = ctx.ingest.depth();
  gauges.queue_capacity = ctx.ingest.capacity();
  if (Result<ReaderPool::Lease> lease = ctx.readers.borrow(); lease) {
    store::Store& store = *lease.value();
    if (Result<std::int64_t> n = store.count_articles(); n) gauges.articles = n.value();
    if (Result<std::int64_t> n = store.count_events(); n) gauges.events = n.value();
    if (Result<std::int64_t> n = store.count_stories(); n) gauges.stories = n.value();
  }
  res.status = 200;
  res.set_header("Cache-Control", "no-store");
  res.set_content(ctx.metrics.render(gauges), "text/plain; version=0.0.4; charset=utf-8");
}

void get_asset(HandlerContext&, const httplib::Request& req, httplib::Response& res) {
  // "/" is the UI's page; everything else by its exact name under /assets/.
  const std::string name = req.path == "/" ? std::string("index.html") : path_id(req);
  const Asset* asset = find_asset(name);
  if (!asset) return send_error(res, make_error(ErrorKind::kNotFound, "no asset named \"" + name + "\""));
  res.status = 200;
  res.set_header("Cache-Control", "no-cache");
  res.set_content(asset->bytes.data(), asset->bytes.size(), std::string(asset->content_type));
}

}  // namespace sipur::server
