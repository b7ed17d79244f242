#include "pipeline/search_catch_up.h"

#include <memory>

#include "pipeline/article_analysis.h"
#include "search/search_index.h"

namespace sipur::pipeline {

Result<std::int64_t> catch_up_search_index(store::Store& store, const SearchCatchUp& how) {
  Result<std::unique_ptr<search::SearchIndex>> index = search::SearchIndex::open(store);
  if (!index) return index.error();
  if (how.full) {
    if (Status s = index.value()->clear(); !s) return s.error();
  }
  // The analyzer loads its Hebrew model at its first Hebrew word: nothing
  // to load when nothing waits.
  Result<std::unique_ptr<ArticleAnalysis>> analysis = ArticleAnalysis::create(how.analyzer);
  if (!analysis) return analysis.error();
  std::int64_t indexed = 0;
  const Status done =
      index.value()->index_pending([&](const Article& a) { return analysis.value()->tokens(a); }, how.batch,
                                   [&](std::int64_t n) {
                                     indexed = n;
                                     if (how.progress) how.progress(n);
                                   });
  if (!done) return done.error();
  return indexed;
}

}  // namespace sipur::pipeline
