#include "analysis/stemmer.h"

#include <libstemmer.h>
#include <unicode/bytestream.h>
#include <unicode/casemap.h>
#include <unicode/locid.h>
#include <unicode/stringpiece.h>
#include <unicode/utypes.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>

#include "text/utf8.h"

namespace sipur::analysis {
namespace {

struct LanguageAlgorithm {
  std::string_view iso639_1;
  const char* algorithm;  // Snowball's canonical name; a string literal, so NUL-terminated for sb_stemmer_new
};

// Every Snowball algorithm that has an ISO 639-1 code. "porter" (the old
// English algorithm) has none and stays unused: "english" is Porter2, its
// successor. Legacy codes (iw, ji, in) are normalized by langid before they
// get here, so they are deliberately absent.
constexpr std::array kAlgorithms = {
    LanguageAlgorithm{"ar", "arabic"},     LanguageAlgorithm{"ca", "catalan"},
    LanguageAlgorithm{"da", "danish"},     LanguageAlgorithm{"de", "german"},
    LanguageAlgorithm{"el", "greek"},      LanguageAlgorithm{"en", "english"},
    LanguageAlgorithm{"es", "spanish"},    LanguageAlgorithm{"eu", "basque"},
    LanguageAlgorithm{"fi", "finnish"},    LanguageAlgorithm{"fr", "french"},
    LanguageAlgorithm{"ga", "irish"},      LanguageAlgorithm{"hi", "hindi"},
    LanguageAlgorithm{"hu", "hungarian"},  LanguageAlgorithm{"hy", "armenian"},
    LanguageAlgorithm{"id", "indonesian"}, LanguageAlgorithm{"it", "italian"},
    LanguageAlgorithm{"lt", "lithuanian"}, LanguageAlgorithm{"nb", "norwegian"},  // Snowball's is Bokmål
    LanguageAlgorithm{"ne", "nepali"},     LanguageAlgorithm{"nl", "dutch"},
    LanguageAlgorithm{"no", "norwegian"},  LanguageAlgorithm{"pt", "portuguese"},
    LanguageAlgorithm{"ro", "romanian"},   LanguageAlgorithm{"ru", "russian"},
    LanguageAlgorithm{"sr", "serbian"},    LanguageAlgorithm{"sv", "swedish"},
    LanguageAlgorithm{"ta", "tamil"},      LanguageAlgorithm{"tr", "turkish"},
    LanguageAlgorithm{"yi", "yiddish"},
};

// Which table entries this libstemmer build really provides. Older builds
// lack some (libstemmer 2.0 had no Armenian or Yiddish, for example), and
// has_stemmer() must not promise what for_language() cannot deliver.
const std::array<bool, kAlgorithms.size()>& listed_by_library() {
  // A function-local static: built once, thread-safe initialization.
  static const std::array<bool, kAlgorithms.size()> listed_once = [] {
    std::array<bool, kAlgorithms.size()> listed{};
    for (const char** name = sb_stemmer_list(); name != nullptr && *name != nullptr; ++name) {
      for (std::size_t i = 0; i < kAlgorithms.size(); ++i) {
        if (std::string_view(kAlgorithms[i].algorithm) == *name) listed[i] = true;
      }
    }
    return listed;
  }();
  return listed_once;
}

// The table index for a supported language, or nothing.
std::optional<std::size_t> find_algorithm(std::string_view iso639_1) {
  for (std::size_t i = 0; i < kAlgorithms.size(); ++i) {
    if (kAlgorithms[i].iso639_1 == iso639_1) {
      if (!listed_by_library()[i]) return std::nullopt;
      return i;
    }
  }
  return std::nullopt;
}

}  // namespace

void Stemmer::Deleter::operator()(sb_stemmer* stemmer) const noexcept {
  sb_stemmer_delete(stemmer);
}

Result<Stemmer> Stemmer::for_language(std::string_view iso639_1) {
  const std::optional<std::size_t> index = find_algorithm(iso639_1);
  if (!index) {
    return make_error(ErrorKind::kUnsupported, "no Snowball stemmer for language '" + std::string(iso639_1) + "'");
  }
  const char* algorithm = kAlgorithms[*index].algorithm;
  std::unique_ptr<sb_stemmer, Deleter> handle(sb_stemmer_new(algorithm, "UTF_8"));
  if (!handle) {
    // Listed but not creatable: only out of memory, or a build without UTF-8 tables.
    return make_error(ErrorKind::kUnsupported,
                      "libstemmer could not create the '" + std::string(algorithm) + "' stemmer for UTF-8");
  }
  return Stemmer(std::move(handle), algorithm);
}

std::string Stemmer::stem(std::string_view lowercase_word) const {
  // A moved-from Stemmer has no handle; giving the word back beats crashing.
  if (!handle_ || lowercase_word.empty() || lowercase_word.size() > kMaxStemBytes) {
    return std::string(lowercase_word);
  }
  // kMaxStemBytes keeps the size far inside int.
  const sb_symbol* out = sb_stemmer_stem(handle_.get(), reinterpret_cast<const sb_symbol*>(lowercase_word.data()),
                                         static_cast<int>(lowercase_word.size()));
  if (out == nullptr) return std::string(lowercase_word);  // Snowball's out-of-memory signal
  const int length = sb_stemmer_length(handle_.get());
  if (length <= 0) return std::string(lowercase_word);
  // `out` lives in the handle's buffer until the next call: copy it now.
  return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(length));
}

bool has_stemmer(std::string_view iso639_1) {
  return find_algorithm(iso639_1).has_value();
}

std::string lowercase(std::string_view utf8) {
  // Most non-Hebrew news text is ASCII; ICU's ASCII mapping is the same as
  // this, so the fast path cannot change results.
  if (text::is_ascii(utf8)) {
    std::string out(utf8);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
  }
  // StringPiece takes an int32 length. Lowercasing is for words and titles;
  // a 2 GiB "word" is left alone rather than cut.
  if (utf8.size() > static_cast<std::size_t>(INT32_MAX)) return std::string(utf8);
  std::string out;
  out.reserve(utf8.size());
  icu::StringByteSink<std::string> sink(&out);
  UErrorCode status = U_ZERO_ERROR;
  // The root locale's name is "": full Unicode mappings with no language
  // tailoring (no Turkish dotless i, no Lithuanian dot retention), whatever
  // the process locale is.
  icu::CaseMap::utf8ToLower(icu::Locale::getRoot().getName(), 0,
                            icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())), sink, nullptr, status);
  // Only out of memory fails here; unchanged text beats a truncated one.
  if (U_FAILURE(status)) return std::string(utf8);
  return out;
}

}  // namespace sipur::analysis
