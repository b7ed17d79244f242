// The FTS5 tokenizer "sipur": reads back a field as index_terms.h encodes
// it (terms of one position colocated) and splits a query string the same
// way (each term its own token). Analysis happens before SQLite sees the
// text, once per article, in the ingest pipeline; the tokenizer only
// splits, so indexing and querying never run the analyzer inside SQLite.
#pragma once

#include "core/error.h"

struct sqlite3;

namespace sipur::search {

inline constexpr const char* kTokenizerName = "sipur";

// Registers the tokenizer on a connection; the index table cannot be
// created, written or queried on a connection without it.
[[nodiscard]] Status register_tokenizer(sqlite3* db);

}  // namespace sipur::search
