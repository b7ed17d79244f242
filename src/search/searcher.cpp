#include "search/searcher.h"

#include <sqlite3.h>

#include <algorithm>
#include <unordered_map>

#include "search/search_index.h"

namespace sipur::search {
namespace {

struct StmtDeleter {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Stmt = std::unique_ptr<sqlite3_stmt, StmtDeleter>;

std::string column_string(sqlite3_stmt* s, int i) {
  const auto* p = sqlite3_column_text(s, i);
  return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(s, i)))
           : std::string();
}

}  // namespace

struct Searcher::Statements {
  Stmt frequency;
  Stmt details;
  Stmt unindexed;
  std::unordered_map<std::string, Stmt> matches;  // by SQL: one per set of filters
};

Searcher::Searcher(store::Store& store, std::unique_ptr<QueryPlanner> planner,
                   std::unique_ptr<analysis::Analyzer> snippets)
    : store_(store),
      planner_(std::move(planner)),
      snippets_(std::move(snippets)),
      statements_(std::make_unique<Statements>()) {}

Searcher::~Searcher() = default;

Result<std::unique_ptr<Searcher>> Searcher::open(store::Store& store, const analysis::AnalyzerOptions& options) {
  if (Status s = check_index(store); !s) return s.error();
  if (Status s = register_ranking(store.connection()); !s) return s.error();
  Result<std::unique_ptr<QueryPlanner>> planner = QueryPlanner::create(options);
  if (!planner) return planner.error();
  Result<std::unique_ptr<analysis::Analyzer>> snippets = analysis::Analyzer::create(options);
  if (!snippets) return snippets.error();
  std::unique_ptr<Searcher> searcher(new Searcher(store, std::move(planner).value(), std::move(snippets).value()));
  // The index's vocabulary with document counts, in the connection's temp
  // schema (a read-only store can hold it).
  const std::string vocab = std::string("CREATE VIRTUAL TABLE IF NOT EXISTS temp.") + kIndexTable +
                            "_terms USING fts5vocab(main, " + kIndexTable + ", row)";
  if (sqlite3_exec(store.connection(), vocab.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
    return make_error(ErrorKind::kStorage, std::string("search: ") + sqlite3_errmsg(store.connection()));
  }
  return searcher;
}

Result<sqlite3_stmt*> Searcher::statement(const std::string& sql) {
  Stmt& slot = statements_->matches[sql];
  if (!slot) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v3(store_.connection(), sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr) != SQLITE_OK) {
      statements_->matches.erase(sql);
      return make_error(ErrorKind::kStorage, std::string("search: ") + sqlite3_errmsg(store_.connection()));
    }
    slot.reset(s);
  }
  sqlite3_reset(slot.get());
  sqlite3_clear_bindings(slot.get());
  return slot.get();
}

std::int64_t Searcher::frequency(const std::string& term) {
  Result<sqlite3_stmt*> s = statement(std::string("SELECT doc FROM temp.") + kIndexTable + "_terms WHERE term = ?");
  if (!s) return 0;  // a lookup that fails reads as an unseen term: the word is then taken as typed
  sqlite3_bind_text(s.value(), 1, term.data(), static_cast<int>(term.size()), SQLITE_STATIC);
  const std::int64_t n = sqlite3_step(s.value()) == SQLITE_ROW ? sqlite3_column_int64(s.value(), 0) : 0;
  sqlite3_reset(s.value());
  return n;
}

Result<SearchResults> Searcher::search(std::string_view text, const SearchOptions& options) {
  Result<ParsedQuery> parsed = parse_query(text);
  if (!parsed) return parsed.error();
  Result<QueryPlan> planned = planner_->plan(parsed.value(), [this](const std::string& t) { return frequency(t); });
  if (!planned) return planned.error();
  const QueryPlan& plan = planned.value();
  SearchResults out;
  out.query = describe(parsed.value());
  out.notes = plan.notes;

  if (Status s = store_.begin_read(); !s) return s.error();
  struct EndRead {
    store::Store& store;
    ~EndRead() { store.end_read(); }
  } end_read{store_};

  RankOptions rank;
  rank.sort = options.sort;
  rank.keep = options.candidates;
  rank.scored = options.scored;
  Result<Ranked> ranked =
      rank_matches([this](const std::string& sql) { return statement(sql); }, store_.connection(), plan, rank);
  if (!ranked) return ranked.error();
  out.matches = ranked.value().matches;
  const std::vector<Candidate>& best = ranked.value().best;

  // Each candidate's article and event.
  Result<sqlite3_stmt*> details = statement(
      "SELECT a.id, a.title, a.source, a.lang, a.published, a.published_utc, coalesce(s.event, ''), "
      "coalesce(s.story, '') FROM articles a LEFT JOIN assignments s ON s.id = a.id WHERE a.seq = ?");
  if (!details) return details.error();
  struct Row {
    Candidate c;
    SearchHit hit;
  };
  std::vector<Row> rows;
  rows.reserve(best.size());
  for (const Candidate& c : best) {
    sqlite3_stmt* d = details.value();
    sqlite3_reset(d);
    sqlite3_bind_int64(d, 1, c.seq);
    if (sqlite3_step(d) != SQLITE_ROW) continue;  // an index row whose article is gone: nothing to show
    Row row{c, {}};
    row.hit.id = column_string(d, 0);
    row.hit.title = column_string(d, 1);
    row.hit.source = column_string(d, 2);
    row.hit.lang = column_string(d, 3);
    row.hit.published = column_string(d, 4);
    if (sqlite3_column_type(d, 5) != SQLITE_NULL) row.c.published = sqlite3_column_int64(d, 5);
    row.hit.event = column_string(d, 6);
    row.hit.story = column_string(d, 7);
    row.hit.score = c.score;
    rows.push_back(std::move(row));
  }
  sqlite3_reset(details.value());
  std::sort(rows.begin(), rows.end(),
            [&options](const Row& a, const Row& b) { return before(a.c, b.c, options.sort); });

  // Groups in the order of their best article; within one, the best article
  // of each event first, then the rest, each set in rank order.
  std::vector<SearchGroup> groups;
  std::unordered_map<std::string, std::size_t> group_of;
  std::vector<std::vector<const Row*>> members;
  for (const Row& row : rows) {
    const std::string key = row.hit.story.empty() || !options.group_by_story ? "article:" + row.hit.id : row.hit.story;
    auto [it, fresh] = group_of.emplace(key, groups.size());
    if (fresh) {
      if (groups.size() >= options.stories) {
        group_of.erase(it);
        continue;
      }
      groups.push_back({row.hit.story, row.hit.title, 0, {}, {}});
      members.emplace_back();
    }
    SearchGroup& g = groups[it->second];
    ++g.matches;
    members[it->second].push_back(&row);
    if (!row.hit.event.empty() && std::find(g.events.begin(), g.events.end(), row.hit.event) == g.events.end()) {
      g.events.push_back(row.hit.event);
    }
  }

  std::vector<Matcher> matchers;
  for (const PlannedClause& c : plan.clauses) {
    if (!c.excluded) matchers.insert(matchers.end(), c.alternatives.begin(), c.alternatives.end());
  }
  for (std::size_t gi = 0; gi < groups.size(); ++gi) {
    SearchGroup& g = groups[gi];
    std::vector<const Row*> shown;
    std::vector<std::string> events_shown;
    for (const Row* r : members[gi]) {  // the best of each event
      if (shown.size() >= options.per_story) break;
      if (r->hit.event.empty() ||
          std::find(events_shown.begin(), events_shown.end(), r->hit.event) == events_shown.end()) {
        shown.push_back(r);
        events_shown.push_back(r->hit.event);
      }
    }
    for (const Row* r : members[gi]) {  // then the runners-up
      if (shown.size() >= options.per_story) break;
      if (std::find(shown.begin(), shown.end(), r) == shown.end()) shown.push_back(r);
    }
    std::sort(shown.begin(), shown.end(),
              [&options](const Row* a, const Row* b) { return before(a->c, b->c, options.sort); });
    if (!g.story.empty() && options.group_by_story) {
      // The label alone, not the story's figures: those add up every event
      // of the story, and a long story has thousands.
      Result<std::string> label = store_.story_label(g.story);
      if (!label) return label.error();
      if (!label.value().empty()) g.label = std::move(label).value();
    }
    for (const Row* r : shown) {
      SearchHit hit = r->hit;
      Result<std::optional<Article>> article = store_.get(hit.id);
      if (!article) return article.error();
      if (article.value()) {
        const Article& a = *article.value();
        hit.title_highlights = matched_spans(*snippets_, a.title, a.lang, matchers);
        hit.snippet = make_snippet(*snippets_, a.body, a.lang, matchers);
      }
      g.hits.push_back(std::move(hit));
    }
  }
  out.groups = std::move(groups);

  Result<sqlite3_stmt*> unindexed = statement("SELECT count(*) FROM search_pending");
  if (!unindexed) return unindexed.error();
  if (sqlite3_step(unindexed.value()) == SQLITE_ROW) out.unindexed = sqlite3_column_int64(unindexed.value(), 0);
  sqlite3_reset(unindexed.value());
  return out;
}

}  // namespace sipur::search
