#include "dedup/copy_index.h"

#include <xxhash.h>

#include <algorithm>
#include <climits>
#include <iterator>

namespace sipur::dedup {
namespace {

constexpr std::uint64_t kWinnowTag = 0x8000000000000000ULL;  // keeps winnow keys apart from band keys
constexpr std::size_t kSweepSlack = 64;                      // evictions beyond the window size between bucket sweeps

bool earlier(const std::optional<std::int64_t>& ta, const std::string& a, const std::optional<std::int64_t>& tb,
             const std::string& b) {
  if (ta && tb && *ta != *tb) return *ta < *tb;
  return a < b;
}

}  // namespace

std::string_view to_string(CopyKind kind) {
  switch (kind) {
    case CopyKind::kExact:
      return "exact";
    case CopyKind::kNear:
      return "near";
    case CopyKind::kPartial:
      return "partial";
  }
  return "unknown";
}

CopyIndex::CopyIndex(CopyIndexOptions options) : options_(options) {}

void CopyIndex::fill_signatures(Fingerprint& fp) const {
  if (!fp.shingle_set.empty() || fp.shingles.empty()) return;
  compute_shingle_set(fp);
  compute_minhash(fp, options_.minhash_size);
}

std::vector<std::uint64_t> CopyIndex::keys_of(const Fingerprint& fp) const {
  std::vector<std::uint64_t> keys;
  if (!fp.minhash.empty()) {
    const std::size_t bands = static_cast<std::size_t>(std::max(1, options_.bands));
    const std::size_t rows = std::max<std::size_t>(1, fp.minhash.size() / bands);
    for (std::size_t band = 0; band < bands && (band + 1) * rows <= fp.minhash.size(); ++band) {
      const std::uint64_t h = options_.force_lsh_collisions
                                  ? 0
                                  : XXH3_64bits(fp.minhash.data() + band * rows, rows * sizeof(std::uint32_t));
      keys.push_back((h ^ (band * 0x9E3779B97F4A7C15ULL)) & ~kWinnowTag);
    }
  }
  // Winnowing: the smallest hash in every window of shingles, so that any
  // passage of window + shingle_words - 1 words shares at least one key.
  const std::size_t w = static_cast<std::size_t>(std::max(1, options_.winnow_window));
  std::uint64_t last = 0;
  bool have_last = false;
  for (std::size_t i = 0; i + w <= fp.shingles.size() || (i == 0 && !fp.shingles.empty()); ++i) {
    std::uint64_t m = UINT64_MAX;
    for (std::size_t k = i; k < std::min(fp.shingles.size(), i + w); ++k) m = std::min(m, fp.shingles[k].hash);
    if (!have_last || m != last) keys.push_back(m | kWinnowTag);
    last = m;
    have_last = true;
    if (i + w >= fp.shingles.size()) break;
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

const CopyIndex::Entry* CopyIndex::entry(std::uint64_t seq) const {
  if (seq < first_seq_ || seq - first_seq_ >= entries_.size()) return nullptr;
  return &entries_[static_cast<std::size_t>(seq - first_seq_)];
}

std::optional<CopyRelation> CopyIndex::verify(const IndexedArticle& article, const Entry& other) const {
  const Overlap o = overlap(article.fingerprint.shingle_set, other.shingle_set);
  if (o.shared == 0) return std::nullopt;
  CopyRelation r;
  r.jaccard = o.jaccard;
  r.containment = o.containment;
  const bool b_is_new = earlier(other.published, other.id, article.published, article.id);
  r.a = b_is_new ? other.id : article.id;
  r.b = b_is_new ? article.id : other.id;
  // A passage of passage_min_words needs that many shingles in common (less
  // the shingle length); fewer shared shingles cannot hold one.
  const auto min_shared = static_cast<std::size_t>(
      std::max<int>(1, static_cast<int>(options_.passage_min_words) - options_.shingle_words + 1));
  if (o.shared >= min_shared) {
    const std::span<const Shingle> mine = article.fingerprint.shingles;
    const std::span<const Shingle> theirs = other.shingles;
    std::vector<std::uint64_t> shared;
    shared.reserve(o.shared);
    std::set_intersection(article.fingerprint.shingle_set.begin(), article.fingerprint.shingle_set.end(),
                          other.shingle_set.begin(), other.shingle_set.end(), std::back_inserter(shared));
    r.passages = shared_passages(b_is_new ? theirs : mine, b_is_new ? mine : theirs, options_.shingle_words,
                                 options_.passage_min_words, &shared);
  }
  const std::uint32_t longest = r.passages.empty() ? 0 : r.passages.front().words;
  std::uint32_t passage_words = 0;
  for (const Passage& p : r.passages) passage_words += p.words;
  const bool reused_paragraphs =
      r.passages.size() >= options_.partial_passages && passage_words >= options_.partial_passages_words;
  if (o.jaccard >= options_.near_jaccard) {
    r.kind = CopyKind::kNear;
    r.score = o.jaccard;
  } else if ((o.containment >= options_.partial_containment && o.shared >= options_.partial_min_shared) ||
             longest >= options_.partial_passage_words || reused_paragraphs) {
    r.kind = CopyKind::kPartial;
    r.score = o.containment;
  } else {
    return std::nullopt;
  }
  return r;
}

std::vector<CopyRelation> CopyIndex::add(IndexedArticle article) {
  if (restored_unkeyed_) finish_restore();
  std::vector<CopyRelation> found;
  Fingerprint& fp = article.fingerprint;
  if (article.published) newest_ = std::max(newest_, *article.published);
  const std::int64_t window_time = article.published.value_or(newest_ == INT64_MIN ? 0 : newest_);
  evict(newest_);
  if (fp.content_words == 0) return found;  // no words: nothing to be a copy of

  // Exact copies: related to the first copy in the window, not indexed again.
  if (const auto it = exact_.find(fp.content_hash); it != exact_.end()) {
    if (const Entry* first = entry(it->second)) {
      CopyRelation r;
      r.kind = CopyKind::kExact;
      r.score = r.jaccard = r.containment = 1.0;
      const bool first_is_source = earlier(first->published, first->id, article.published, article.id);
      r.a = first_is_source ? first->id : article.id;
      r.b = first_is_source ? article.id : first->id;
      found.push_back(std::move(r));
      return found;
    }
  }

  fill_signatures(fp);
  const std::vector<std::uint64_t> keys = keys_of(fp);
  // Support per candidate: shared winnowed shingles count before shared LSH
  // bands, so a flooded band bucket (boilerplate, or the debug switch) cannot
  // crowd out an article that really shares text.
  struct Support {
    int winnow = 0;
    int bands = 0;
  };
  absl::flat_hash_map<std::uint64_t, Support> hits;  // ranked below by a total order
  for (const std::uint64_t key : keys) {
    const auto it = buckets_.find(key);
    if (it == buckets_.end()) continue;
    Bucket& bucket = it->second;
    while (bucket.head < bucket.seqs.size() && bucket.seqs[bucket.head] < first_seq_) ++bucket.head;
    const std::size_t from =
        std::max(bucket.head, bucket.seqs.size() - std::min(bucket.seqs.size(), options_.max_bucket));
    const bool winnow = (key & kWinnowTag) != 0;
    for (std::size_t i = from; i < bucket.seqs.size(); ++i) {
      ++(winnow ? hits[bucket.seqs[i]].winnow : hits[bucket.seqs[i]].bands);
    }
  }
  std::vector<std::pair<Support, std::uint64_t>> ranked;
  ranked.reserve(hits.size());
  for (const auto& [seq, support] : hits) ranked.emplace_back(support, seq);
  std::sort(ranked.begin(), ranked.end(), [](const auto& x, const auto& y) {
    if (x.first.winnow != y.first.winnow) return x.first.winnow > y.first.winnow;
    if (x.first.bands != y.first.bands) return x.first.bands > y.first.bands;
    return x.second > y.second;
  });
  if (ranked.size() > options_.max_candidates) ranked.resize(options_.max_candidates);
  // Deterministic output order: by the other article's arrival.
  std::sort(ranked.begin(), ranked.end(), [](const auto& x, const auto& y) { return x.second < y.second; });
  for (const auto& [support, seq] : ranked) {
    const Entry* other = entry(seq);
    if (other == nullptr) continue;
    if (auto r = verify(article, *other)) found.push_back(std::move(*r));
  }

  insert(std::move(article), keys, window_time);
  return found;
}

void CopyIndex::restore(IndexedArticle article) {
  if (article.published) newest_ = std::max(newest_, *article.published);
  const std::int64_t window_time = article.published.value_or(newest_ == INT64_MIN ? 0 : newest_);
  evict(newest_);
  const Fingerprint& fp = article.fingerprint;
  if (fp.content_words == 0 || exact_.count(fp.content_hash)) return;
  // No shingles for a text long enough to have one: an exact copy, which the
  // store keeps without them. add() never indexed it (its first copy stood
  // for it), so neither does a restart, even when that first copy has left
  // the window: a later copy then relates to neither, as it would have
  // without the restart.
  if (fp.shingles.empty() && fp.content_words >= static_cast<std::uint32_t>(std::max(1, options_.shingle_words))) {
    return;
  }
  insert(std::move(article), {}, window_time);
  entries_.back().keyed = false;
  restored_unkeyed_ = true;
}

void CopyIndex::finish_restore() {
  restored_unkeyed_ = false;
  // In window order: each bucket's seqs stay ascending.
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    Entry& e = entries_[i];
    if (e.keyed) continue;
    Fingerprint fp;
    fp.shingles = std::move(e.shingles);
    fill_signatures(fp);
    for (const std::uint64_t key : keys_of(fp)) buckets_[key].seqs.push_back(first_seq_ + i);
    e.shingles = std::move(fp.shingles);
    e.shingle_set = std::move(fp.shingle_set);
    e.keyed = true;
  }
}

void CopyIndex::insert(IndexedArticle article, const std::vector<std::uint64_t>& keys, std::int64_t window_time) {
  const std::uint64_t seq = first_seq_ + entries_.size();
  for (const std::uint64_t key : keys) buckets_[key].seqs.push_back(seq);
  const Fingerprint& fp = article.fingerprint;
  exact_.emplace(fp.content_hash, seq);
  entries_.push_back({std::move(article.id), article.published, window_time, fp.content_hash, fp.content_words,
                      std::move(article.fingerprint.shingles), std::move(article.fingerprint.shingle_set)});
}

void CopyIndex::evict(std::int64_t now) {
  while (!entries_.empty() && (entries_.size() >= options_.max_articles ||
                               (now != INT64_MIN && entries_.front().window_time < now - options_.window_seconds))) {
    const Entry& gone = entries_.front();
    if (const auto it = exact_.find(gone.content_hash); it != exact_.end() && it->second == first_seq_) {
      exact_.erase(it);
    }
    entries_.pop_front();
    ++first_seq_;
    ++evicted_since_sweep_;
  }
  // Buckets drop evicted entries lazily; a sweep now and then frees buckets
  // that no new article visits, so memory follows the window.
  if (evicted_since_sweep_ > entries_.size() + kSweepSlack) sweep();
}

void CopyIndex::sweep() {
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    Bucket& b = it->second;
    while (b.head < b.seqs.size() && b.seqs[b.head] < first_seq_) ++b.head;
    if (b.head == b.seqs.size()) {
      buckets_.erase(it++);
      continue;
    }
    if (b.head > 0) {
      b.seqs.erase(b.seqs.begin(), b.seqs.begin() + static_cast<std::ptrdiff_t>(b.head));
      b.head = 0;
      b.seqs.shrink_to_fit();
    }
    ++it;
  }
  evicted_since_sweep_ = 0;
}

}  // namespace sipur::dedup
