// Catching the search index up with the store: the articles on its pending
// list (stored by a run without the index, or whose rows a killed server
// still held) are analyzed by an analyzer of their own and indexed. Shared
// by `sipur reindex` and the server's start.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>

#include "analysis/analyzer.h"
#include "core/error.h"
#include "store/store.h"

namespace sipur::pipeline {

struct SearchCatchUp {
  bool full = false;         // drop the index and build it again from every article
  std::size_t batch = 1000;  // articles per transaction
  analysis::AnalyzerOptions analyzer;
  std::function<void(std::int64_t)> progress;  // articles indexed so far, after each batch
};

// The number of articles indexed. Their analysis is a fresh analyzer's,
// not the ingest's (which must not learn from them twice): a Hebrew word
// whose reading depends on the corpus seen may index otherwise than it
// would have at ingest.
[[nodiscard]] Result<std::int64_t> catch_up_search_index(store::Store& store, const SearchCatchUp& how);

}  // namespace sipur::pipeline
