#include "langid/langid.h"

#include <cld2/public/compact_lang_det.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "text/utf8.h"

namespace sipur::langid {
namespace {

constexpr std::size_t kMaxSampleBytes = 16384;
constexpr std::size_t kMinLettersForYiddish = 200;

// Scripts written in (practically) one language: the script decides.
struct ScriptLanguage {
  UScriptCode script;
  const char* lang;
};
constexpr std::array<ScriptLanguage, 14> kSingleLanguageScripts = {{
    {USCRIPT_GREEK, "el"},
    {USCRIPT_ARMENIAN, "hy"},
    {USCRIPT_GEORGIAN, "ka"},
    {USCRIPT_THAI, "th"},
    {USCRIPT_HANGUL, "ko"},
    {USCRIPT_HIRAGANA, "ja"},
    {USCRIPT_KATAKANA, "ja"},
    {USCRIPT_TAMIL, "ta"},
    {USCRIPT_GUJARATI, "gu"},
    {USCRIPT_TELUGU, "te"},
    {USCRIPT_KANNADA, "kn"},
    {USCRIPT_MALAYALAM, "ml"},
    {USCRIPT_GURMUKHI, "pa"},
    {USCRIPT_SINHALA, "si"},
}};

struct ScriptCounts {
  std::size_t letters = 0;
  std::size_t hebrew = 0;
  std::size_t latin = 0;
  std::size_t kana = 0;
  UScriptCode dominant = USCRIPT_COMMON;
  std::size_t dominant_count = 0;
};

ScriptCounts count_scripts(std::string_view text) {
  ScriptCounts counts;
  std::array<std::size_t, USCRIPT_CODE_LIMIT> per_script{};
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto cp = static_cast<UChar32>(text::next_code_point(text, pos));
    if (cp < 0x80) {
      if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') {
        ++counts.letters;
        ++per_script[USCRIPT_LATIN];
      }
      continue;
    }
    if (!u_isalpha(cp)) continue;
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(cp, &status);
    if (U_FAILURE(status) || script < 0 || script >= USCRIPT_CODE_LIMIT) continue;
    ++counts.letters;
    ++per_script[script];
  }
  counts.hebrew = per_script[USCRIPT_HEBREW];
  counts.latin = per_script[USCRIPT_LATIN];
  counts.kana = per_script[USCRIPT_HIRAGANA] + per_script[USCRIPT_KATAKANA];
  for (std::size_t s = 0; s < per_script.size(); ++s) {
    if (per_script[s] > counts.dominant_count) {
      counts.dominant_count = per_script[s];
      counts.dominant = static_cast<UScriptCode>(s);
    }
  }
  return counts;
}

std::string cld2_code(CLD2::Language language) {
  return normalize_tag(CLD2::LanguageCode(language));
}

// A sample of the text cut on a UTF-8 boundary, CLD2's input.
std::string_view sample(std::string_view text) {
  if (text.size() <= kMaxSampleBytes) return text;
  std::size_t cut = kMaxSampleBytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut);
}

}  // namespace

std::string normalize_tag(std::string_view tag) {
  std::string out;
  for (const char c : tag) {
    if (c == '-' || c == '_') break;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (out == "iw") return "he";
  if (out == "ji") return "yi";
  if (out == "in") return "id";
  return out;
}

LanguageGuess identify(std::string_view given, std::string_view title, std::string_view body) {
  if (std::string tag = normalize_tag(given); !tag.empty()) return {std::move(tag), "given"};

  std::string text;
  text.reserve(std::min(title.size() + body.size() + 1, kMaxSampleBytes + 1));
  text.append(title);
  text.push_back('\n');
  text.append(sample(body).substr(0, kMaxSampleBytes - std::min(title.size(), kMaxSampleBytes)));
  const std::string_view input = sample(text);

  const ScriptCounts counts = count_scripts(input);
  if (counts.letters == 0) return {"und", "no-letters"};

  CLD2::Language top3[3];
  int percent3[3];
  int text_bytes = 0;
  bool reliable = false;
  const CLD2::Language best = CLD2::ExtDetectLanguageSummary(input.data(), static_cast<int>(input.size()), true, top3,
                                                             percent3, &text_bytes, &reliable);

  // Hebrew letters are the majority: Hebrew, unless CLD2 is sure of Yiddish
  // (the only other language commonly written in them) on enough text or
  // the text uses Yiddish ligatures. On headlines CLD2 calls some Hebrew
  // "reliably" Yiddish (4 of the 17,758 2014 headlines).
  if (counts.hebrew * 2 >= counts.letters) {
    const bool yiddish_ligatures = input.find("\u05F0") != std::string_view::npos ||
                                   input.find("\u05F1") != std::string_view::npos ||
                                   input.find("\u05F2") != std::string_view::npos;
    if (reliable && best == CLD2::YIDDISH && (counts.hebrew >= kMinLettersForYiddish || yiddish_ligatures)) {
      return {"yi", "cld2"};
    }
    return {"he", "script"};
  }
  if (counts.kana > 0 && counts.dominant != USCRIPT_LATIN) return {"ja", "script"};
  for (const ScriptLanguage& s : kSingleLanguageScripts) {
    if (s.script == counts.dominant && counts.dominant_count * 2 >= counts.letters) return {s.lang, "script"};
  }

  if (best == CLD2::UNKNOWN_LANGUAGE || best == CLD2::TG_UNKNOWN_LANGUAGE) {
    // Latin text too short for CLD2: English, sipur's second language, is
    // the likeliest (74 of the 2,989 UCI English headlines land here).
    if (counts.dominant == USCRIPT_LATIN && counts.latin * 2 >= counts.letters) return {"en", "latin-default"};
    return {"und", "cld2-unknown"};
  }
  return {cld2_code(best), reliable ? "cld2" : "cld2-unreliable"};
}

}  // namespace sipur::langid
