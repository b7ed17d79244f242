// Language identification: the given language wins; otherwise script
// evidence first (Hebrew letters mean Hebrew — CLD2 calls many short Hebrew
// headlines English, its default when unsure), then CLD2 with its
// reliability flag.
#pragma once

#include <string>
#include <string_view>

namespace sipur::langid {

struct LanguageGuess {
  std::string lang;    // ISO 639-1 where one exists ("he", "en"), CLD2's code otherwise, "und" if unknown
  std::string method;  // "given", "script", "cld2", "cld2-unreliable", "no-letters"
};

// Normalizes a language tag from input: lowercase, primary subtag only,
// legacy codes mapped ("iw" -> "he", "ji" -> "yi", "in" -> "id"). "" stays "".
[[nodiscard]] std::string normalize_tag(std::string_view tag);

// `given` is the input's lang field (may be empty); title and body are
// clean UTF-8.
[[nodiscard]] LanguageGuess identify(std::string_view given, std::string_view title, std::string_view body);

}  // namespace sipur::langid
