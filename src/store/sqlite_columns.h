// Reading SQLite columns into sipur's types; shared by the store's source
// files (store.cpp writes and resumes, store_reads.cpp serves the views).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>

namespace sipur::store {

// Text or blob as bytes (not a C string: stored text may hold NULs); "" for NULL.
inline std::string column_text(sqlite3_stmt* s, int i) {
  const auto* p = sqlite3_column_blob(s, i);
  const int n = sqlite3_column_bytes(s, i);
  return p ? std::string(static_cast<const char*>(p), static_cast<std::size_t>(n)) : std::string();
}

inline std::optional<std::int64_t> column_optional(sqlite3_stmt* s, int i) {
  if (sqlite3_column_type(s, i) == SQLITE_NULL) return std::nullopt;
  return sqlite3_column_int64(s, i);
}

}  // namespace sipur::store
