// The embedded store: one SQLite file in WAL mode. Articles are written in
// transactions, insert-only: re-ingesting an id changes nothing, and a failed
// or interrupted run can lose only its own uncommitted batch, never what an
// earlier commit acknowledged.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/article.h"
#include "core/error.h"

struct sqlite3;

namespace sipur::store {

// Bumped when the schema changes; a store written by a newer sipur is refused
// with both versions named.
inline constexpr int kSchemaVersion = 2;  // 2: fingerprints and copies

struct IngestRun {
  std::int64_t read = 0;
  std::int64_t stored = 0;
  std::int64_t duplicates = 0;
  std::int64_t rejected = 0;
};

// What copy detection keeps per article so it can resume after a restart.
struct FingerprintRow {
  std::string id;
  std::optional<std::int64_t> published;
  std::uint64_t content_hash = 0;
  std::uint32_t content_words = 0;
  std::string shingles;  // dedup::serialize_shingles
};

struct CopyRow {
  std::string a;  // source
  std::string b;
  std::string kind;  // exact | near | partial
  double score = 0;
  double jaccard = 0;
  double containment = 0;
  std::string passages;  // JSON [[a_begin, a_end, b_begin, b_end, words], ...] in title + "\n\n" + body
};

class Store {
 public:
  // Opens or creates the store at path. kStorage if the file is not a sipur
  // store or was written by a newer schema.
  [[nodiscard]] static Result<std::unique_ptr<Store>> open(const std::string& path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  [[nodiscard]] Status begin();
  [[nodiscard]] Status commit();
  void rollback();

  // true if stored, false if an article with this id already exists.
  [[nodiscard]] Result<bool> insert(const Article& article);

  [[nodiscard]] Result<std::int64_t> count_articles();
  [[nodiscard]] Result<std::optional<Article>> get(const std::string& id);

  // Every article in a stable order: publication time (unknown last), then id.
  [[nodiscard]] Status for_each_article(const std::function<void(const Article&)>& visit);

  [[nodiscard]] Status record_run(const IngestRun& run, const std::string& inputs);

  [[nodiscard]] Status insert_fingerprint(const FingerprintRow& row);
  [[nodiscard]] Status insert_copy(const CopyRow& row);  // a second relation for the same pair changes nothing
  // Copies ordered by source then copy id.
  [[nodiscard]] Status for_each_copy(const std::function<void(const CopyRow&)>& visit);
  // The last `limit` fingerprints in ingest order, oldest first.
  [[nodiscard]] Status for_each_recent_fingerprint(std::size_t limit,
                                                   const std::function<void(const FingerprintRow&)>& visit);

 private:
  explicit Store(sqlite3* db);
  [[nodiscard]] Status exec(const char* sql);
  [[nodiscard]] Status prepare_statements();

  struct Statements;
  sqlite3* db_;
  std::unique_ptr<Statements> statements_;
};

}  // namespace sipur::store
