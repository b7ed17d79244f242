#include "analysis/hspell_dictionary.h"

extern "C" {
#include <hspell.h>
#include <linginfo.h>
}

#include <filesystem>
#include <mutex>

#include "text/utf8.h"

namespace sipur::analysis {
namespace {

constexpr std::size_t kMaxWordLetters = 40;  // longer "words" are not Hebrew words

// Hebrew letters U+05D0..U+05EA are bytes 0xE0..0xFA in ISO-8859-8; Hspell
// also accepts ASCII ' and " (acronyms). Anything else: not a Hspell word.
bool to_iso8859_8(std::string_view utf8, std::string& out) {
  out.clear();
  std::size_t pos = 0;
  while (pos < utf8.size()) {
    const char32_t cp = text::next_code_point(utf8, pos);
    if (cp >= 0x05D0 && cp <= 0x05EA) {
      out.push_back(static_cast<char>(0xE0 + (cp - 0x05D0)));
    } else if (cp == '\'' || cp == '"') {
      out.push_back(static_cast<char>(cp));
    } else {
      return false;
    }
    if (out.size() > kMaxWordLetters) return false;
  }
  return !out.empty();
}

std::string to_utf8(const char* iso) {
  std::string out;
  for (const char* p = iso; p && *p; ++p) {
    const auto c = static_cast<unsigned char>(*p);
    if (c >= 0xE0 && c <= 0xFA) {
      text::append_utf8(out, 0x05D0 + (c - 0xE0));
    } else if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

dict_radix* g_dict = nullptr;
std::mutex g_lock;  // Hspell's split callback has no user pointer; calls are serialized
std::vector<HspellReading>* g_out = nullptr;

int collect_split(const char* /*word*/, const char* baseword, int preflen, int /*prefspec*/) {
  char* desc = nullptr;
  char* stem = nullptr;
  const std::string base = to_utf8(baseword);
  if (linginfo_lookup(baseword, &desc, &stem) == 0 || desc == nullptr) {
    g_out->push_back({static_cast<std::size_t>(preflen), base, "", ""});
    return 0;
  }
  for (int i = 0;; ++i) {
    char text[512];
    if (linginfo_desc2text(text, desc, i) == nullptr) break;
    const char* lemma = linginfo_stem2text(stem, i);
    HspellReading reading{static_cast<std::size_t>(preflen), base, lemma ? to_utf8(lemma) : "", to_utf8(text)};
    // Hspell's "שונות" ("miscellaneous") is a class, not a lemma.
    if (reading.lemma == "שונות") reading.lemma.clear();
    g_out->push_back(std::move(reading));
  }
  return 0;
}

}  // namespace

Result<std::shared_ptr<const HspellDictionary>> HspellDictionary::load(const std::string& path) {
  std::lock_guard<std::mutex> lock(g_lock);
  static std::shared_ptr<const HspellDictionary> loaded;
  if (loaded) return loaded;
  if (Status present = check(path); !present) return present.error();
  if (!path.empty()) hspell_set_dictionary_path(path.c_str());
  const std::string dict_path = hspell_get_dictionary_path();
  if (hspell_init(&g_dict, HSPELL_OPT_LINGUISTICS) != 0) {
    return make_error(ErrorKind::kIo, "Hspell could not load its dictionary", {dict_path});
  }
  loaded = std::shared_ptr<const HspellDictionary>(new HspellDictionary());
  return loaded;
}

Status HspellDictionary::check(const std::string& path) {
  const std::string dict_path = path.empty() ? std::string(hspell_get_dictionary_path()) : path;
  for (const char* suffix : {"", ".desc", ".stems", ".prefixes", ".sizes"}) {
    if (!std::filesystem::exists(dict_path + suffix)) {
      return make_error(ErrorKind::kNotFound,
                        "Hspell dictionary file missing (install the Debian package hspell, or pass its path)",
                        {dict_path + suffix});
    }
  }
  return Ok{};
}

std::vector<HspellReading> HspellDictionary::readings(std::string_view word) const {
  std::vector<HspellReading> out;
  std::string iso;
  if (!to_iso8859_8(word, iso)) return out;
  std::lock_guard<std::mutex> lock(g_lock);
  g_out = &out;
  hspell_enum_splits(g_dict, iso.c_str(), collect_split);
  g_out = nullptr;
  return out;
}

}  // namespace sipur::analysis
