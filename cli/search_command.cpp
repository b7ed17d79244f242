// `sipur search`: the articles that match a query, grouped by story (a
// table with the matched words marked, or JSONL with --json: one line per
// article shown, in grouped order). The query language: src/search/query.h
// and docs/SEARCH.md.
#include <unistd.h>

#include <iostream>

#include "cli/analyzer_options.h"
#include "cli/commands.h"
#include "cli/views.h"
#include "search/search_json.h"
#include "search/searcher.h"

namespace sipur::cli {
namespace {

struct SearchArgs {
  std::string db;
  std::string query;
  bool json = false;
  std::size_t limit = 10;
  std::size_t per_story = 3;
  std::string sort = "relevance";
  analysis::AnalyzerOptions analyzer;
};

constexpr std::size_t kTitleWidth = 72;
constexpr std::size_t kLabelWidth = 60;

// Text with its highlighted spans marked: bold on a terminal, [brackets]
// in a file or pipe. Made terminal-safe piece by piece, so the marks are
// the only control sequences.
std::string marked(std::string_view text, const std::vector<search::Span>& spans, bool terminal) {
  const std::string open = terminal ? "\033[1m" : "[";
  const std::string close = terminal ? "\033[0m" : "]";
  std::string out;
  std::size_t at = 0;
  for (const search::Span& s : spans) {
    if (s.begin < at || s.end > text.size()) continue;
    out += terminal_safe(text.substr(at, s.begin - at)) + open + terminal_safe(text.substr(s.begin, s.end - s.begin)) +
           close;
    at = s.end;
  }
  return out + terminal_safe(text.substr(at));
}

std::string table_text(const search::SearchResults& results, bool terminal) {
  std::string out;
  for (const search::SearchGroup& g : results.groups) {
    const std::string who = g.story.empty() ? "(no event yet)" : g.story;
    out += who + "  " + fit(g.label, kLabelWidth, Pad::kNo) + "  (" + std::to_string(g.matches) +
           (g.matches == 1 ? " match" : " matches");
    if (!g.events.empty()) out += "; events " + join(g.events, " ");
    out += ")\n";
    for (const search::SearchHit& h : g.hits) {
      const std::string title = h.title.size() > kTitleWidth * 4 ? fit(h.title, kTitleWidth, Pad::kNo)
                                                                 : marked(h.title, h.title_highlights, terminal);
      out += "  " + terminal_safe(h.id) + "  " + (h.event.empty() ? "-" : h.event) + "  " + three_decimals(h.score) +
             "  " + (h.published.empty() ? "undated" : h.published.substr(0, 10)) + "  " + terminal_safe(h.source) +
             "  " + title + "\n";
      if (!h.snippet.text.empty()) {
        out += "      " + std::string(h.snippet.cut_before ? "…" : "") +
               marked(h.snippet.text, h.snippet.highlights, terminal) + (h.snippet.cut_after ? "…" : "") + "\n";
      }
    }
  }
  return out;
}

void report_notes(const search::SearchResults& results) {
  for (const std::string& w : results.notes) std::cerr << "sipur search: " << terminal_safe(w) << '\n';
  if (results.unindexed > 0) {
    std::cerr << "sipur search: " << results.unindexed
              << " stored articles are not in the search index yet; run `sipur reindex --db FILE` to add them\n";
  }
}

int run(const SearchArgs& args) {
  Result<std::unique_ptr<store::Store>> opened = store::Store::open(args.db);
  if (!opened) {
    std::cerr << "sipur search: " << opened.error().describe() << '\n';
    return kExitFailure;
  }
  Result<std::unique_ptr<search::Searcher>> searcher = search::Searcher::open(*opened.value(), args.analyzer);
  if (!searcher) {
    std::cerr << "sipur search: " << searcher.error().describe() << '\n';
    return kExitFailure;
  }
  search::SearchOptions options;
  options.stories = args.limit;
  options.per_story = args.per_story;
  options.sort = args.sort == "time" ? search::SortOrder::kTime : search::SortOrder::kRelevance;
  Result<search::SearchResults> found = searcher.value()->search(args.query, options);
  if (!found) {
    const Error& e = found.error();
    std::cerr << "sipur search: "
              << (e.kind == ErrorKind::kStorage ? e.describe() : std::string(to_string(e.kind)) + ": " + e.message)
              << '\n';
    return e.kind == ErrorKind::kStorage || e.kind == ErrorKind::kIo ? kExitFailure : kExitUsage;
  }
  const search::SearchResults& results = found.value();
  report_notes(results);
  if (args.json) {
    std::string out;
    for (const search::SearchGroup& g : results.groups) {
      for (const search::SearchHit& h : g.hits) out.append(json_line(search::hit_json(h))).push_back('\n');
    }
    return put(out) ? kExitOk : kExitFailure;
  }
  if (results.groups.empty()) {
    return put("no articles match " + terminal_safe(results.query) + "\n") ? kExitOk : kExitFailure;
  }
  const std::string head = std::to_string(results.matches) +
                           (results.matches == 1 ? " article matches " : " articles match ") +
                           terminal_safe(results.query) + "\n";
  return put(head + table_text(results, isatty(STDOUT_FILENO) != 0)) ? kExitOk : kExitFailure;
}

}  // namespace

void add_search_command(CLI::App& app, int& exit_status) {
  auto args = std::make_shared<SearchArgs>();
  CLI::App* cmd = app.add_subcommand("search", "Find articles by words (Hebrew by lemma), grouped by story");
  cmd->add_option("--db", args->db, "SQLite store file")->required()->check(CLI::ExistingFile);
  cmd->add_option("query", args->query,
                  "Words (matched by lemma), \"exact phrase\", -excluded, a OR b, lang:he source:S "
                  "from:YYYY-MM-DD to:YYYY-MM-DD")
      ->required();
  cmd->add_flag("--json", args->json,
                "JSONL, one article per line in grouped order: {\"id\",\"story\",\"event\",\"score\",\"title\","
                "\"snippet\",\"snippet_start\",\"highlights\",\"source\",\"lang\",\"published\"}");
  cmd->add_option("--limit", args->limit, "At most this many stories (10)")->check(CLI::PositiveNumber);
  cmd->add_option("--per-story", args->per_story, "Articles shown per story, distinct events first (3)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--sort", args->sort, "relevance (BM25, title above body) or time (newest first)")
      ->check(CLI::IsMember({"relevance", "time"}));
  add_analyzer_options(cmd, args->analyzer);
  cmd->callback([args, &exit_status] { exit_status = run(*args); });
}

}  // namespace sipur::cli
