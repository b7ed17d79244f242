// Bilingual lexicons that map Hebrew words and names to English ones, read
// from the files users supply (sipur ships none: the MUSE lists are CC BY-NC):
//  - word lists in the MUSE format, `word<TAB>translation` per line, in
//    either direction (he-en.txt or en-he.txt: the column that holds Hebrew
//    letters is the Hebrew side);
//  - name lists in the Wikidata format, `English name<TAB>Hebrew name`
//    (wd_hebrew: "Vladimir Putin<TAB>ולדימיר פוטין"; a full name of as many
//    words on both sides also maps word by word), or the token-level splits
//    of the same data (`english_token<TAB>ה ע ב ר י ת<TAB>count`).
// Loading checks every line: valid UTF-8 and two non-empty fields, else an
// Error naming the file and line; and the file as a whole must look like
// what it claims (most entries hold Hebrew on one side and Latin letters on
// the other), so a swapped or wrong file is refused, not silently empty.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <absl/container/flat_hash_map.h>

#include "core/error.h"

namespace sipur::crosslang {

class Lexicon {
 public:
  enum class Format {
    kWords,  // MUSE: word<TAB>translation
    kNames,  // Wikidata: English name<TAB>Hebrew name
  };

  // Reads a whole file. Lines that are well formed but carry no Hebrew or no
  // Latin letters (MUSE's "}+<TAB>}+") are skipped and counted in skipped().
  [[nodiscard]] static Result<Lexicon> load(const std::string& path, Format format);

  // The lowercase English words or names for a Hebrew word as written
  // (lemma or name without prefixes); empty if the lexicon has none. Names
  // files map each word of a name too (פוטין -> putin).
  [[nodiscard]] const std::vector<std::string>& english(std::string_view hebrew) const;

  // Every Hebrew word the lexicon maps (for an analyzer's list of known names).
  [[nodiscard]] std::vector<std::string> hebrew_words() const;

  [[nodiscard]] std::size_t entries() const { return entries_; }  // pairs read
  [[nodiscard]] std::size_t skipped() const { return skipped_; }  // well-formed lines without a pair
  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  void add(std::string hebrew, std::string english);

  std::string path_;
  std::size_t entries_ = 0;
  std::size_t skipped_ = 0;
  absl::flat_hash_map<std::string, std::vector<std::string>> to_english_;
};

}  // namespace sipur::crosslang
