#include "dedup/fingerprint.h"

#include <xxhash.h>

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstring>
#include <limits>
#include <string_view>

#include "core/byte_io.h"

namespace sipur::dedup {
namespace {

// splitmix64: a cheap, well-mixed permutation of 64-bit values.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

}  // namespace

Fingerprint fingerprint(const std::vector<analysis::AnalyzedToken>& tokens, const FingerprintOptions& options) {
  Fingerprint fp;
  // Content words: their matching keys and spans.
  std::vector<std::uint64_t> keys;
  std::vector<std::uint32_t> begins;
  std::vector<std::uint32_t> ends;
  std::string normalized;
  for (const auto& t : tokens) {
    if (t.punctuation) continue;
    normalized += t.normalized;
    normalized += ' ';
    if (t.stop_word) continue;
    const std::string& key = t.lemma.empty() ? t.normalized : t.lemma;
    keys.push_back(XXH3_64bits(key.data(), key.size()));
    begins.push_back(static_cast<std::uint32_t>(t.token.begin));
    ends.push_back(static_cast<std::uint32_t>(t.token.end));
  }
  fp.content_hash = XXH3_64bits(normalized.data(), normalized.size());
  fp.content_words = static_cast<std::uint32_t>(keys.size());
  const auto n = static_cast<std::size_t>(std::max(1, options.shingle_words));
  if (keys.size() < n) return fp;  // shorter than one shingle: exact copies only
  for (std::size_t i = 0; i + n <= keys.size(); ++i) {
    std::uint64_t h = 0x5851F42D4C957F2DULL;
    for (std::size_t k = 0; k < n; ++k) h = mix(h ^ keys[i + k]);
    fp.shingles.push_back({h, begins[i], ends[i + n - 1]});
  }
  if (options.signatures) {
    compute_shingle_set(fp);
    compute_minhash(fp, options.minhash_size);
  }
  return fp;
}

void compute_shingle_set(Fingerprint& fp) {
  fp.shingle_set.clear();
  fp.shingle_set.reserve(fp.shingles.size());
  for (const Shingle& s : fp.shingles) fp.shingle_set.push_back(s.hash);
  std::sort(fp.shingle_set.begin(), fp.shingle_set.end());
  fp.shingle_set.erase(std::unique(fp.shingle_set.begin(), fp.shingle_set.end()), fp.shingle_set.end());
}

// On x86-64 with GCC this is built twice, for AVX2 and for any x86-64, and
// the one the CPU can run is picked at load time: the position loop
// vectorizes with AVX2, at 2.5 times fewer instructions (the integer results
// are the same either way).
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define SIPUR_AVX2_CLONE [[gnu::target_clones("avx2", "default")]]
#else
#define SIPUR_AVX2_CLONE
#endif

SIPUR_AVX2_CLONE void compute_minhash(Fingerprint& fp, int minhash_size) {
  fp.minhash.clear();
  if (fp.shingle_set.empty()) return;
  // Position i hashes a shingle by multiply-add-shift with its own odd
  // multiplier and offset: the shingle hashes are well mixed already, so one
  // multiply and an add per position serve where a full mix cost three times
  // as much (this loop runs positions x shingles for every article).
  const auto size = static_cast<std::size_t>(minhash_size);
  // Computed once per thread, not per article: for a headline of a few
  // shingles the seeds cost more than the hashing.
  thread_local std::vector<std::uint64_t> multipliers;
  thread_local std::vector<std::uint64_t> offsets;
  if (multipliers.size() != size) {
    multipliers.resize(size);
    offsets.resize(size);
    for (std::size_t i = 0; i < size; ++i) {
      multipliers[i] = mix(0x632BE59BD9B4E019ULL * (i + 1)) | 1;
      offsets[i] = mix(0x9E3779B97F4A7C15ULL * (i + 1));
    }
  }
  fp.minhash.assign(size, std::numeric_limits<std::uint32_t>::max());
  for (const std::uint64_t h : fp.shingle_set) {
    for (std::size_t i = 0; i < size; ++i) {
      const auto v = static_cast<std::uint32_t>((multipliers[i] * h + offsets[i]) >> 32);
      fp.minhash[i] = std::min(fp.minhash[i], v);
    }
  }
}

// The stored form is little-endian, the byte order of every platform sipur
// builds on. Older stores hold each shingle as its 16 bytes in memory (hash,
// begin, end); sipur now writes a magic string, the count, and per shingle
// its hash and, as varints, the distance of its start from the previous
// shingle's and its length: about 11 bytes, since spans are short and in
// document order. An old record starts with a hash, which meets the magic
// with odds of 2^-64. No shingles: no bytes, in both forms.
static_assert(std::endian::native == std::endian::little, "the shingle format assumes a little-endian machine");
static_assert(sizeof(Shingle) == 16 && offsetof(Shingle, begin) == 8 && offsetof(Shingle, end) == 12,
              "Shingle must be laid out as its older stored form: hash, begin, end");
constexpr std::string_view kCompactShingles = "sipurSH2";

std::string serialize_shingles(const std::vector<Shingle>& shingles) {
  if (shingles.empty()) return {};
  auto write = [&shingles](ByteWriter& w) {
    w.put_bytes(kCompactShingles);
    w.put_varint(shingles.size());
    std::uint32_t previous = 0;
    for (const Shingle& s : shingles) {
      w.put(s.hash);
      // Zigzag, so that a start before the previous one (never written by
      // fingerprint, but representable) stays small and exact.
      const auto delta = static_cast<std::int64_t>(s.begin) - previous;
      w.put_varint((static_cast<std::uint64_t>(delta) << 1) ^ static_cast<std::uint64_t>(delta >> 63));
      w.put_varint(s.end - s.begin);
      previous = s.begin;
    }
  };
  return ByteWriter::write_sized(write);
}

namespace {
bool deserialize_fixed_shingles(std::string_view bytes, std::vector<Shingle>& out) {
  if (bytes.size() % sizeof(Shingle) != 0) return false;
  out.resize(bytes.size() / sizeof(Shingle));
  if (!out.empty()) std::memcpy(out.data(), bytes.data(), bytes.size());
  return std::all_of(out.begin(), out.end(), [](const Shingle& s) { return s.end >= s.begin; });
}
}  // namespace

bool deserialize_shingles(std::string_view bytes, std::vector<Shingle>& out) {
  if (!bytes.starts_with(kCompactShingles)) return deserialize_fixed_shingles(bytes, out);
  ByteReader r(bytes.substr(kCompactShingles.size()));
  const std::size_t n = r.get_varint_count(10);  // each takes at least 10 bytes
  if (!r.ok()) return false;
  out.clear();
  out.reserve(n);
  std::int64_t previous = 0;
  for (std::size_t i = 0; i < n && r.ok(); ++i) {
    Shingle s;
    s.hash = r.get<std::uint64_t>();
    const std::uint64_t zigzag = r.get_varint();
    const auto delta = static_cast<std::int64_t>((zigzag >> 1) ^ (0 - (zigzag & 1)));  // undoes the zigzag
    const std::int64_t begin = previous + delta;
    const std::uint64_t length = r.get_varint();
    if (begin < 0 || begin > UINT32_MAX || length > UINT32_MAX - static_cast<std::uint64_t>(begin)) return false;
    s.begin = static_cast<std::uint32_t>(begin);
    s.end = static_cast<std::uint32_t>(static_cast<std::uint64_t>(begin) + length);
    previous = begin;
    out.push_back(s);
  }
  return r.ok() && r.at_end();
}

Overlap overlap(std::span<const std::uint64_t> a_set, std::span<const std::uint64_t> b_set) {
  Overlap out;
  auto i = a_set.begin();
  auto j = b_set.begin();
  while (i != a_set.end() && j != b_set.end()) {
    if (*i < *j) {
      ++i;
    } else if (*j < *i) {
      ++j;
    } else {
      ++out.shared;
      ++i;
      ++j;
    }
  }
  const std::size_t uni = a_set.size() + b_set.size() - out.shared;
  const std::size_t smaller = std::min(a_set.size(), b_set.size());
  out.jaccard = uni == 0 ? 0 : static_cast<double>(out.shared) / static_cast<double>(uni);
  out.containment = smaller == 0 ? 0 : static_cast<double>(out.shared) / static_cast<double>(smaller);
  return out;
}

double estimated_jaccard(const Fingerprint& a, const Fingerprint& b) {
  if (a.minhash.empty() || a.minhash.size() != b.minhash.size()) return 0;
  std::size_t same = 0;
  for (std::size_t i = 0; i < a.minhash.size(); ++i) same += a.minhash[i] == b.minhash[i] ? 1 : 0;
  return static_cast<double>(same) / static_cast<double>(a.minhash.size());
}

}  // namespace sipur::dedup
