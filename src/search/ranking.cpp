#include "search/ranking.h"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_set>

#include "search/search_index.h"

namespace sipur::search {
namespace {

// Which matches the walk scores: those chosen beforehand, and others, the
// newest first, while `fill` lasts.
struct ScoredSet {
  std::unordered_set<std::int64_t> chosen;
  std::size_t fill = 0;
};

constexpr const char* kScoredFunction = "sipur_search_scored";
constexpr const char* kScoredSetType = "sipur_search_scored_set";

// sipur_search_scored(set, rowid): 1 when the row is to be scored. Called
// once per match, in the walk's order, as the condition of a CASE around
// bm25() (SQLite evaluates a CASE's branch only when it is taken).
void scored_function(sqlite3_context* context, int /*argc*/, sqlite3_value** argv) {
  auto* set = static_cast<ScoredSet*>(sqlite3_value_pointer(argv[0], kScoredSetType));
  if (set == nullptr) {
    sqlite3_result_int(context, 1);
    return;
  }
  if (set->chosen.contains(sqlite3_value_int64(argv[1]))) {
    sqlite3_result_int(context, 1);
  } else if (set->fill > 0) {
    --set->fill;
    sqlite3_result_int(context, 1);
  } else {
    sqlite3_result_int(context, 0);
  }
}

Error storage_error(sqlite3* db) {
  return make_error(ErrorKind::kStorage, std::string("search: ") + sqlite3_errmsg(db));
}

double three_decimals(double x) {
  return std::round(x * 1000.0) / 1000.0;
}

}  // namespace

bool before(const Candidate& a, const Candidate& b, SortOrder sort) {
  auto newer = [](const Candidate& x, const Candidate& y) {
    if (x.published != y.published) {
      if (!y.published) return true;
      if (!x.published) return false;
      return *x.published > *y.published;
    }
    return false;
  };
  if (sort == SortOrder::kTime) {
    if (a.published != b.published) return newer(a, b);
    if (a.score != b.score) return a.score > b.score;
    return a.seq > b.seq;
  }
  if (a.score != b.score) return a.score > b.score;
  if (a.published != b.published) return newer(a, b);
  return a.seq > b.seq;
}

Status register_ranking(sqlite3* db) {
  if (sqlite3_create_function_v2(db, kScoredFunction, 2, SQLITE_UTF8 | SQLITE_DIRECTONLY, nullptr, scored_function,
                                 nullptr, nullptr, nullptr) != SQLITE_OK) {
    return storage_error(db);
  }
  return Ok{};
}

Result<Ranked> rank_matches(const StatementOf& statement, sqlite3* db, const QueryPlan& plan,
                            const RankOptions& options) {
  // The article row is read only when a filter or the time order needs it.
  const QueryFilters& f = plan.filters;
  const bool join = !f.lang.empty() || !f.source.empty() || f.from || f.to || options.sort == SortOrder::kTime;
  const std::string table = kIndexTable;
  std::string from = " FROM " + table + " f";
  std::string where = " WHERE " + table + " MATCH ?1";
  if (join) {
    from += " JOIN articles a ON a.seq = f.rowid";
    if (!f.lang.empty()) where += " AND a.lang = ?2";
    if (!f.source.empty()) where += " AND a.source = ?3";
    if (f.from) where += " AND a.published_utc >= ?4";
    if (f.to) where += " AND a.published_utc < ?5";
  }
  // Newest ingested first: FTS5 walks its doclists backwards, and stops
  // early under a LIMIT.
  const std::string order = " ORDER BY f.rowid DESC";
  auto bind = [&f](sqlite3_stmt* s, const std::string& match) {
    sqlite3_bind_text(s, 1, match.data(), static_cast<int>(match.size()), SQLITE_STATIC);
    if (!f.lang.empty()) sqlite3_bind_text(s, 2, f.lang.data(), static_cast<int>(f.lang.size()), SQLITE_STATIC);
    if (!f.source.empty()) sqlite3_bind_text(s, 3, f.source.data(), static_cast<int>(f.source.size()), SQLITE_STATIC);
    if (f.from) sqlite3_bind_int64(s, 4, *f.from);
    if (f.to) sqlite3_bind_int64(s, 5, *f.to);
  };

  // The matches scored first, chosen by narrower expressions (the words as
  // typed in titles, then any match in titles), without scoring them yet:
  // a score depends on the whole query, so each is computed in the walk
  // below, over the plan's own expression. Chosen from the index alone,
  // before any filter: reading each match's article row three times would
  // cost more than the scores saved (a chosen match the filter rejects is
  // never scored, so a filtered query may have fewer than `scored` scored).
  const std::size_t budget = options.scored == 0 ? std::numeric_limits<std::size_t>::max() : options.scored;
  ScoredSet set;
  if (options.sort == SortOrder::kRelevance && options.scored != 0) {
    for (const std::string& narrower : plan.first_scored) {
      if (set.chosen.size() >= budget) break;
      Result<sqlite3_stmt*> chosen =
          statement("SELECT rowid FROM " + table + " WHERE " + table + " MATCH ?1 ORDER BY rowid DESC LIMIT ?2");
      if (!chosen) return chosen.error();
      sqlite3_stmt* s = chosen.value();
      sqlite3_bind_text(s, 1, narrower.data(), static_cast<int>(narrower.size()), SQLITE_STATIC);
      sqlite3_bind_int64(s, 2, static_cast<sqlite3_int64>(budget - set.chosen.size()));
      int rc = 0;
      while ((rc = sqlite3_step(s)) == SQLITE_ROW) set.chosen.insert(sqlite3_column_int64(s, 0));
      sqlite3_reset(s);
      if (rc != SQLITE_DONE) return storage_error(db);
    }
  }
  set.fill = budget - std::min(budget, set.chosen.size());

  // Every match walked and counted; the chosen ones and the newest others,
  // up to the budget, scored.
  const std::string weights = std::to_string(kTitleWeight) + ", " + std::to_string(kBodyWeight);
  Result<sqlite3_stmt*> walked =
      statement(std::string("SELECT f.rowid, CASE WHEN ") + kScoredFunction + "(?7, f.rowid) THEN bm25(" + table +
                ", " + weights + ") END" + (join ? ", a.published_utc" : "") + from + where + order);
  if (!walked) return walked.error();
  sqlite3_stmt* s = walked.value();
  bind(s, plan.match);
  sqlite3_bind_pointer(s, 7, &set, kScoredSetType, nullptr);

  // The best `keep` in a heap whose front is the worst of them.
  const std::size_t keep = std::max<std::size_t>(options.keep, 1);
  auto worse_first = [&options](const Candidate& a, const Candidate& b) { return before(a, b, options.sort); };
  Ranked out;
  std::vector<Candidate>& heap = out.best;
  int rc = 0;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    ++out.matches;
    if (sqlite3_column_type(s, 1) == SQLITE_NULL) continue;  // counted, not scored
    ++out.scored;
    Candidate c;
    c.seq = sqlite3_column_int64(s, 0);
    c.score = three_decimals(-sqlite3_column_double(s, 1));  // FTS5's BM25 is lower for better
    if (join && sqlite3_column_type(s, 2) != SQLITE_NULL) c.published = sqlite3_column_int64(s, 2);
    if (heap.size() < keep) {
      heap.push_back(c);
      std::push_heap(heap.begin(), heap.end(), worse_first);
    } else if (before(c, heap.front(), options.sort)) {
      std::pop_heap(heap.begin(), heap.end(), worse_first);
      heap.back() = c;
      std::push_heap(heap.begin(), heap.end(), worse_first);
    }
  }
  // The set is the statement's only while it runs.
  sqlite3_reset(s);
  sqlite3_bind_null(s, 7);
  if (rc != SQLITE_DONE) return storage_error(db);
  std::sort_heap(heap.begin(), heap.end(), worse_first);
  return out;
}

}  // namespace sipur::search
