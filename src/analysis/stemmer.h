// Stemming and lowercasing for languages other than Hebrew. Hebrew words go
// through Hspell lemmas instead; every other language with a Snowball
// algorithm (Debian libstemmer, BSD-3) is stemmed here, so that "elections"
// and "election" meet in the same index key. Lowercasing uses ICU's root
// locale so the same text gives the same keys on every machine.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/error.h"

struct sb_stemmer;  // libstemmer's opaque handle; the C header stays in the .cpp

namespace sipur::analysis {

// One Snowball stemmer. Not thread-safe, not even for const calls: Snowball
// keeps its output buffer inside the handle. Make one per thread.
class Stemmer {
 public:
  // "en" -> Snowball "english", "de" -> "german", ... Takes ISO 639-1 codes as
  // langid::normalize_tag produces them (legacy "iw" is not accepted here).
  // kUnsupported when Snowball has no algorithm for the language (Hebrew
  // among them) or this libstemmer build lacks it.
  [[nodiscard]] static Result<Stemmer> for_language(std::string_view iso639_1);

  // `lowercase_word` is one lowercased UTF-8 word (see lowercase()). Words
  // longer than kMaxStemBytes, and the empty word, come back unchanged.
  [[nodiscard]] std::string stem(std::string_view lowercase_word) const;

  // Snowball's name of the algorithm in use ("english").
  [[nodiscard]] std::string_view algorithm() const { return algorithm_; }

  // Longer tokens are URLs, hashes or glued garbage rather than words;
  // stemming them gains nothing and only costs time.
  static constexpr std::size_t kMaxStemBytes = 64;

  Stemmer(Stemmer&&) noexcept = default;
  Stemmer& operator=(Stemmer&&) noexcept = default;
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;
  ~Stemmer() = default;

 private:
  struct Deleter {
    void operator()(sb_stemmer* stemmer) const noexcept;
  };

  Stemmer(std::unique_ptr<sb_stemmer, Deleter> handle, std::string_view algorithm)
      : handle_(std::move(handle)), algorithm_(algorithm) {}

  std::unique_ptr<sb_stemmer, Deleter> handle_;
  std::string_view algorithm_;  // points into a static table
};

// True if Stemmer::for_language(iso639_1) would succeed.
[[nodiscard]] bool has_stemmer(std::string_view iso639_1);

// Lowercases UTF-8 with ICU's full Unicode case mapping in the root locale:
// "Straße" stays "straße", "ÉCOLE" becomes "école", and Turkish "İ" becomes
// "i" + U+0307 (root behaviour, not Turkish). Independent of the process
// locale. Ill-formed bytes are copied through unchanged.
[[nodiscard]] std::string lowercase(std::string_view utf8);

}  // namespace sipur::analysis
