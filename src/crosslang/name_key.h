// Names across scripts: a key for a name written in Hebrew or in Latin
// letters such that the same name gets the same or a near key in both
// (פוטין and Putin: "ptn"), and a tolerant comparison of two keys. This is
// what survives translation and what cross-language event linking matches
// on; docs/crosslang.md has the measured precision and recall and the known
// failures.
//
// The key is a consonant skeleton over a small alphabet of sound classes:
//   p (p f ph פ)  b (b ב)  v (v w וו, ו at the start)  k (k q c-hard ck כ ק)
//   g (g ג)  J (j dj ג')  X (kh ח)  h (h ה not at the end)  C (ch tsch צ')
//   c (ts tz צ)  s (s c-soft ס)  S (sh sch sz ש)  z (z ז)  Z (zh ז')
//   t (t th ט ת)  d  l  m  n  r
// Vowels and the letters Hebrew writes them with (א ע י, ו inside a word,
// ה at the end) are dropped, and a class repeated in a row counts once.
// Tokens with a digit and all-capital Latin tokens (S-300, F-35, CNN, 2019)
// are not names to sound out: their key is "=" and the token itself,
// lowercased, which only the same token matches.
#pragma once

#include <string>
#include <string_view>

namespace sipur::crosslang {

// The key of one word (a name without its Hebrew prefixes: the analyzer's
// base form). `lang` is the ISO 639-1 code of the text the word came from;
// the script of the word decides how it is read (a Latin word in Hebrew
// text is read as English). Empty when the word is not name-like: no
// letters or digits, a Hebrew acronym with gershayim (צה"ל), or a skeleton
// of fewer than two classes (אל, Al), which would match too much.
[[nodiscard]] std::string name_key(std::string_view word, std::string_view lang);

// 1 for equal keys, 0 for nothing in common: one minus the weighted edit
// distance between the skeletons over the longer one's length. Sounds that
// the scripts confuse cost less to substitute (b/v, k/kh, s/sh, ts/z,
// ch/kh/ts-h, j/g, t/d) and weak classes (h, v) less to drop. Keys that are
// tokens themselves ("=cnn") are 1 when equal and 0 otherwise. Symmetric.
[[nodiscard]] double name_similarity(std::string_view key_a, std::string_view key_b);

// The similarity from which two keys are taken for the same name, tuned on
// the training split of the Wikidata name pairs (eval/name_match_eval.cpp).
inline constexpr double kNameMatchThreshold = 0.76;

[[nodiscard]] inline bool names_match(std::string_view key_a, std::string_view key_b) {
  return !key_a.empty() && !key_b.empty() && name_similarity(key_a, key_b) >= kNameMatchThreshold;
}

// Hebrew letters in Latin ones by ICU's Hebrew-Latin transform, folded to
// ASCII (פוטין -> pwtyn): a reading aid for explanations, not a key.
[[nodiscard]] std::string transliterate_hebrew(std::string_view hebrew);

}  // namespace sipur::crosslang
