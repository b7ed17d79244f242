// The handlers behind each route of the API (api_server.cpp routes and
// checks access first). Each reads through the views library or submits to
// the writer, and only formats: JSON forms live in src/views.
#pragma once

#include <httplib.h>

#include <memory>
#include <mutex>
#include <string>

#include "analysis/analyzer.h"
#include "core/error.h"
#include "search/searcher.h"
#include "server/api_server.h"
#include "server/ingest_service.h"
#include "server/metrics.h"
#include "server/reader_pool.h"
#include "views/story_list.h"

namespace sipur::server {

// What every handler may use; owned by the server, shared by its threads.
struct HandlerContext {
  const ServeOptions& options;
  IngestService& ingest;
  ReaderPool& readers;
  Metrics& metrics;
  // For ?analysis=1 only: one analyzer, made at the first such request,
  // used by one request at a time.
  std::mutex analyzer_mutex;
  std::unique_ptr<analysis::Analyzer> analyzer;
  // Stories' sources, languages and days, between story-list requests.
  views::StorySummaryCache story_summaries;
  // GET /v1/search: one searcher on its own read-only connection, made at
  // the first search (its analyzers take a while to load), used by one
  // request at a time.
  std::mutex search_mutex;
  std::unique_ptr<store::Store> search_store;
  std::unique_ptr<search::Searcher> searcher;
};

// Sets the error's JSON body and status.
void send_error(httplib::Response& res, const Error& error);
// Sets a JSON body (status 200 unless set).
void send_json(httplib::Response& res, const std::string& json);

void post_articles(HandlerContext& ctx, const httplib::Request& req, httplib::Response& res,
                   const httplib::ContentReader& content);
void get_article(HandlerContext& ctx, const httplib::Request& req, httplib::Response& res);
void get_explanation(HandlerContext& ctx, const httplib::Request& req, httplib::Response& res);
void list_stories(HandlerContext& ctx, const httplib::Request& req, httplib::Response& res);
void get_story(HandlerContext& ctx, const httplib::Request& req, httplib::Response& res);
void get_event(HandlerContext& ctx, const httplib::Request& req, httplib::Response& res);
void list_copies(HandlerContext& ctx, const httplib::Request& req, httplib::Response& res);
void search_articles(HandlerContext& ctx, const httplib::Request& req, httplib::Response& res);
void get_health(HandlerContext& ctx, const httplib::Request& req, httplib::Response& res);
void get_metrics(HandlerContext& ctx, const httplib::Request& req, httplib::Response& res);
void get_asset(HandlerContext& ctx, const httplib::Request& req, httplib::Response& res);

}  // namespace sipur::server
