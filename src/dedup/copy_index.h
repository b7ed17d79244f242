// The streaming copy detector. Each article is checked against the articles
// of a time window as it arrives, then added; what falls out of the window
// is evicted, so memory stays bounded on an endless stream.
//
// Candidates come from MinHash LSH bands (near copies) and from winnowed
// shingles (a passage reused inside a longer article); each candidate is
// verified exactly on the shingle sets. Exact copies (same normalized
// content) relate to the first copy still in the window only, and are not
// indexed again: a million copies of one article cost a million lookups,
// not a million squared.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <absl/container/flat_hash_map.h>
#include <absl/container/inlined_vector.h>

#include "dedup/fingerprint.h"
#include "dedup/passages.h"

namespace sipur::dedup {

enum class CopyKind { kExact, kNear, kPartial };
[[nodiscard]] std::string_view to_string(CopyKind kind);

struct CopyRelation {
  std::string a;  // the source: earlier publication time, or without times the smaller id
  std::string b;
  CopyKind kind = CopyKind::kNear;
  double score = 0;  // exact: 1; near: Jaccard; partial: containment
  double jaccard = 0;
  double containment = 0;
  std::vector<Passage> passages;  // a_* spans in a's text, b_* in b's
};

struct CopyIndexOptions {
  std::int64_t window_seconds = 7LL * 24 * 3600;  // articles older than the newest minus this are evicted
  std::size_t max_articles = 1000000;             // and never more than this many (articles without times)
  int bands = 32;                                 // LSH bands; rows per band = minhash size / bands
  int minhash_size = 64;                          // for an article that comes without its signatures
  int shingle_words = 3;
  int winnow_window = 4;                      // one winnowed shingle per this many
  double near_jaccard = 0.5;                  // near copy: exact shingle Jaccard at least this
  double partial_containment = 0.5;           // partial: share of the smaller article's shingles
  std::uint32_t passage_min_words = 8;        // shared runs shorter than this are not shown as passages
  std::uint32_t partial_passage_words = 16;   // partial: or one contiguous passage of this many content words,
  std::size_t partial_passages = 3;           //   or this many passages
  std::uint32_t partial_passages_words = 30;  //   holding this many content words in all (reused paragraphs
                                              //   broken up by rewording, as seed 001 repeats 002)
  std::size_t partial_min_shared = 4;         // the containment rule needs at least this many shared shingles
  std::size_t max_candidates = 256;           // verified per article, best-supported first
  std::size_t max_bucket = 512;               // most recent entries read from one bucket
  bool force_lsh_collisions = false;          // debug: every band of every article in one bucket
};

struct IndexedArticle {
  std::string id;
  std::optional<std::int64_t> published;
  Fingerprint fingerprint;  // shingles; add() and restore() fill shingle_set and minhash if they are empty
};

class CopyIndex {
 public:
  explicit CopyIndex(CopyIndexOptions options);

  // Relations between this article and earlier ones in the window, then
  // indexes it.
  [[nodiscard]] std::vector<CopyRelation> add(IndexedArticle article);

  // Indexes an article as add() would have, without looking for its copies:
  // rebuilding the window from the store after a restart, from every
  // article that add() was given, in the same order, so that the window
  // evicts as it did. An exact copy (stored without shingles) is not
  // indexed, as add() did not index it. The signatures and bucket keys are
  // made only for the articles still in the window at the next add().
  void restore(IndexedArticle article);

  [[nodiscard]] std::size_t size() const { return entries_.size(); }
  [[nodiscard]] std::size_t bucket_count() const { return buckets_.size(); }
  [[nodiscard]] const CopyIndexOptions& options() const { return options_; }

 private:
  struct Entry {
    std::string id;
    std::optional<std::int64_t> published;
    std::int64_t window_time = 0;  // published, or the newest time seen when it arrived
    std::uint64_t content_hash = 0;
    std::uint32_t content_words = 0;
    std::vector<Shingle> shingles;
    std::vector<std::uint64_t> shingle_set;
    bool keyed = true;  // false: restored, its bucket keys not yet made (finish_restore)
  };
  // Most keys are shared by one or two articles: those seqs live inside the
  // table's slot, without an allocation of their own.
  struct Bucket {
    absl::InlinedVector<std::uint64_t, 2> seqs;  // ascending
    std::size_t head = 0;                        // seqs before head are evicted
  };

  // Fills the shingle set and MinHash signature of an article given without
  // them, once it is known to be no exact copy of one the index holds.
  void fill_signatures(Fingerprint& fp) const;
  [[nodiscard]] std::vector<std::uint64_t> keys_of(const Fingerprint& fp) const;
  [[nodiscard]] const Entry* entry(std::uint64_t seq) const;
  [[nodiscard]] std::optional<CopyRelation> verify(const IndexedArticle& article, const Entry& other) const;
  void insert(IndexedArticle article, const std::vector<std::uint64_t>& keys, std::int64_t window_time);
  void evict(std::int64_t now);
  // Signatures and bucket keys of the restored articles still in the window.
  void finish_restore();
  void sweep();

  CopyIndexOptions options_;
  std::deque<Entry> entries_;
  std::uint64_t first_seq_ = 0;  // sequence number of entries_.front()
  std::int64_t newest_ = INT64_MIN;
  // Lookup tables: their (per-process) iteration order never reaches an output.
  absl::flat_hash_map<std::uint64_t, Bucket> buckets_;
  absl::flat_hash_map<std::uint64_t, std::uint64_t> exact_;  // content hash -> seq of its first copy
  std::size_t evicted_since_sweep_ = 0;
  bool restored_unkeyed_ = false;  // some entries await finish_restore()
};

}  // namespace sipur::dedup
