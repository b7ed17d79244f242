#include "analysis/hebrew_root.h"

#include <array>
#include <cstddef>

namespace sipur::analysis {
namespace {

// Letters by their offset from א (U+05D0), final forms folded.
using Letter = char;
constexpr Letter kDalet = 0x03, kHe = 0x04, kVav = 0x05, kZayin = 0x06, kTet = 0x08, kYod = 0x09, kMem = 0x0E,
                 kNun = 0x10, kSamekh = 0x11, kTsadi = 0x16, kShin = 0x19, kTav = 0x1A;

constexpr std::size_t kLongest = 8;  // התפוצצות
struct Word {
  std::array<Letter, kLongest> at{};
  std::size_t n = 0;
  Letter operator[](std::size_t i) const { return at[i]; }
  bool starts(Letter a, Letter b) const { return n >= 2 && at[0] == a && at[1] == b; }
  bool ends(Letter a, Letter b) const { return n >= 2 && at[n - 2] == a && at[n - 1] == b; }
};

Letter fold_final(Letter c) {
  switch (c) {
    case 0x0A:  // ך
    case 0x0D:  // ם
    case 0x0F:  // ן
    case 0x13:  // ף
    case 0x15:  // ץ
      return static_cast<Letter>(c + 1);
    default:
      return c;
  }
}

// false: not Hebrew letters only, or too long for any pattern.
bool decode(std::string_view s, Word& w) {
  // Hebrew letters are two UTF-8 bytes, D7 90 (א) to D7 AA (ת).
  if (s.size() % 2 != 0 || s.size() / 2 > kLongest) return false;
  for (std::size_t i = 0; i < s.size(); i += 2) {
    const auto lead = static_cast<unsigned char>(s[i]);
    const auto trail = static_cast<unsigned char>(s[i + 1]);
    if (lead != 0xD7 || trail < 0x90 || trail > 0xAA) return false;
    w.at[w.n++] = fold_final(static_cast<Letter>(trail - 0x90));
  }
  return true;
}

bool weak(Letter c) {
  return c == kVav || c == kYod;
}

std::string key(Letter a, Letter b, Letter c) {
  std::string out;
  for (const Letter x : {a, b, c}) {
    out.push_back(static_cast<char>(0xD7));
    out.push_back(static_cast<char>(0x90 + x));
  }
  return out;
}

// hitpa'el: התCCC, and התCוCC / התCיCC (a po'el or a doubled yod:
// התפוצץ, התייחס); a root starting with a sibilant swaps it with the ת
// (השתתף, הסתער, הצטרף, הזדקן).
std::string hitpael(const Word& w) {
  if (w.n == 5 && w[0] == kHe) {
    if (w[1] == kTav) return key(w[2], w[3], w[4]);
    const bool swapped = (w[2] == kTav && (w[1] == kShin || w[1] == kSamekh)) || (w[1] == kTsadi && w[2] == kTet) ||
                         (w[1] == kZayin && w[2] == kDalet);
    if (swapped) return key(w[1], w[3], w[4]);
  }
  if (w.n == 6 && w.starts(kHe, kTav) && weak(w[3]) && !weak(w[4])) return key(w[2], w[4], w[5]);
  return "";
}

std::string root_of(const Word& w) {
  const std::size_t n = w.n;
  // A final י is not read as the ה of a verb (ירי, ירה): שני / שנה, הכי / הכה
  // and חצי / חצה are other words.
  if (n == 3) return key(w[0], w[1], w[2]);
  if (n == 4) {
    // nif'al נCCC (נרצח, נפצע, נראה); a י or ו after its first root letter
    // is a noun's vowel (נשיא, נאום, נתון), not a nif'al.
    if (w[0] == kNun && !weak(w[2])) return key(w[1], w[2], w[3]);
    // pi'el CיCC (ביצע, חיסל); with a final ה it is as often a noun (שיחה,
    // טיסה), and a doubled yod is a consonant (טייל, חייל).
    if (w[1] == kYod && w[3] != kHe && !weak(w[0]) && !weak(w[2])) return key(w[0], w[2], w[3]);
    // participle CCוC (פצוע, עצור, חטוף, הרוג)
    if (w[2] == kVav && !weak(w[0]) && !weak(w[1]) && !weak(w[3])) return key(w[0], w[1], w[3]);
    // mishkal מCCC (מעצר, מבצע, מטען)
    if (w[0] == kMem && !weak(w[1]) && !weak(w[2]) && !weak(w[3]) && w[3] != kHe) return key(w[1], w[2], w[3]);
    // CCCה (שרפה, עסקה); not after a letter that starts other patterns (מטרה, תחנה, נכדה, הגנה)
    if (w[3] == kHe && !weak(w[1]) && !weak(w[2]) && w[0] != kMem && w[0] != kTav && w[0] != kNun && w[0] != kHe &&
        !weak(w[0])) {
      return key(w[0], w[1], w[2]);
    }
    return "";
  }
  if (n == 5) {
    // pa'al verbal noun CCיCה (פציעה, חטיפה, הריגה, תקיפה)
    if (w[2] == kYod && w[4] == kHe && !weak(w[1]) && !weak(w[3])) return key(w[0], w[1], w[3]);
    // hif'il הCCיC (הצביע, הודיע)
    if (w[0] == kHe && w[3] == kYod && !weak(w[2]) && !weak(w[4])) return key(w[1], w[2], w[4]);
    // hif'il noun הCCCה (הצבעה, הפגנה, הודעה); הת__ה is read two ways (התקפה, התגלה): none
    if (w[0] == kHe && w[4] == kHe) {
      if (w[1] == kTav || weak(w[2]) || weak(w[3])) return "";
      return key(w[1], w[2], w[3]);
    }
    if (w[0] == kHe) return hitpael(w);
    // pi'el noun CיCוC (פיצוץ, ביטול, חיסול)
    if (w[1] == kYod && w[3] == kVav && !weak(w[0]) && !weak(w[4])) return key(w[0], w[2], w[4]);
    // מCCCה (משטרה, מתקפה, מלחמה) and תCCCה (תגובה, תרומה)
    if ((w[0] == kMem || w[0] == kTav) && w[4] == kHe && !weak(w[1]) && !weak(w[3])) {
      return key(w[1], w[2], w[3]);
    }
    return "";
  }
  if (n == 6 && w[0] == kHe) return hitpael(w);
  return "";
}

}  // namespace

std::string hebrew_root_key(std::string_view lemma) {
  Word w;
  if (!decode(lemma, w) || w.n < 3) return "";
  // A plural or abstract ending on a lemma (בחירות, התפוצצות): the pattern is
  // read on the stem before it.
  if (w.n >= 6 && (w.ends(kVav, kTav) || w.ends(kYod, kMem))) w.n -= 2;
  return root_of(w);
}

}  // namespace sipur::analysis
