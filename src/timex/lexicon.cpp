#include "timex/lexicon.h"

#include <array>
#include <initializer_list>
#include <string>
#include <unordered_map>

namespace sipur::timex::lex {
namespace {

struct Row {
  std::string_view word;
  Entry entry;
};

// Most words are not time words: a test of length and of second and last byte turns most of them away
// before the hash is computed (it was a third of the scanner's time on headlines).
struct Filter {
  std::uint64_t lengths = 0;
  std::array<std::uint64_t, 4> first{};  // bit per value of the second byte (a Hebrew letter's own byte)
  std::array<std::uint64_t, 4> last{};
  void add(std::string_view w) {
    lengths |= std::uint64_t{1} << (w.size() < 63 ? w.size() : 63);
    const auto f = static_cast<unsigned char>(w[w.size() > 1 ? 1 : 0]);
    const auto l = static_cast<unsigned char>(w.back());
    first[f >> 6] |= std::uint64_t{1} << (f & 63);
    last[l >> 6] |= std::uint64_t{1} << (l & 63);
  }
  [[nodiscard]] bool may_hold(std::string_view w) const {
    if (w.empty() || w.size() >= 63 || (lengths & (std::uint64_t{1} << w.size())) == 0) return false;
    const auto f = static_cast<unsigned char>(w[w.size() > 1 ? 1 : 0]);
    const auto l = static_cast<unsigned char>(w.back());
    return (first[f >> 6] & (std::uint64_t{1} << (f & 63))) != 0 &&
           (last[l >> 6] & (std::uint64_t{1} << (l & 63))) != 0;
  }
};

struct Table {
  std::unordered_map<std::string_view, Entry> words;
  Filter filter;
};

// Rows that name the same word merge their flags: a word can be a unit and a number (שנים).
Table build(std::initializer_list<Row> rows) {
  Table table;
  for (const Row& row : rows) {
    table.filter.add(row.word);
    auto [it, fresh] = table.words.emplace(row.word, row.entry);
    if (fresh) continue;
    Entry& e = it->second;
    e.flags |= row.entry.flags;
    if (row.entry.flags & kWeekdayName) e.weekday = row.entry.weekday;
    if (row.entry.unit != Unit::kNone) {
      e.unit = row.entry.unit;
      e.unit_count = row.entry.unit_count;
    }
    if (row.entry.flags & (kNumber | kMonth | kRelDay)) e.value = row.entry.value;
  }
  return table;
}

constexpr Entry flag(std::uint32_t f, int value = 0) {
  return Entry{f, static_cast<std::int16_t>(value), -1};
}
constexpr Entry month(int m) {
  return flag(kMonth, m);
}
constexpr Entry weekday(int w) {
  return Entry{kWeekdayName, 0, static_cast<std::int16_t>(w)};
}
constexpr Entry number(int n) {
  return flag(kNumber, n);
}
constexpr Entry unit(Unit u, int count = 1, std::uint32_t more = 0) {
  return Entry{kUnit | more, 0, -1, u, static_cast<std::int8_t>(count)};
}

const Table& hebrew_table() {
  static const Table table = build({
      {"ינואר", month(1)},
      {"פברואר", month(2)},
      {"מרץ", month(3)},
      {"מרס", month(3)},
      {"אפריל", month(4)},
      {"מאי", month(5)},
      {"יוני", month(6)},
      {"יולי", month(7)},
      {"אוגוסט", month(8)},
      {"ספטמבר", month(9)},
      {"אוקטובר", month(10)},
      {"נובמבר", month(11)},
      {"דצמבר", month(12)},
      // Weekday names follow יום; ordinals when they carry ה (היום השני: the second day).
      {"ראשון", weekday(0)},
      {"שני", weekday(1)},
      {"שלישי", weekday(2)},
      {"רביעי", weekday(3)},
      {"חמישי", weekday(4)},
      {"שישי", weekday(5)},
      {"שבת", weekday(6)},
      {"ראשון", flag(kOrdinal)},
      {"ראשונה", flag(kOrdinal)},
      {"שני", flag(kOrdinal)},
      {"שנייה", flag(kOrdinal)},
      {"שלישי", flag(kOrdinal)},
      {"שלישית", flag(kOrdinal)},
      {"רביעי", flag(kOrdinal)},
      {"רביעית", flag(kOrdinal)},
      {"חמישי", flag(kOrdinal)},
      {"חמישית", flag(kOrdinal)},
      {"שישי", flag(kOrdinal)},
      {"שישית", flag(kOrdinal)},
      {"שביעי", flag(kOrdinal)},
      {"שביעית", flag(kOrdinal)},
      {"חדש", flag(kOrdinal)},
      {"חדשה", flag(kOrdinal)},
      {"גורלי", flag(kOrdinal)},
      {"היסטורי", flag(kOrdinal)},
      {"ארוך", flag(kOrdinal)},
      {"ארוכה", flag(kOrdinal)},
      // Numbers, masculine and feminine, free and construct; ו-joined units after the tens.
      {"אחד", number(1)},
      {"אחת", number(1)},
      {"שניים", number(2)},
      {"שתיים", number(2)},
      {"שני", number(2)},
      {"שתי", number(2)},
      {"שנים", number(2)},
      {"שתים", number(2)},
      {"שלושה", number(3)},
      {"שלשה", number(3)},
      {"שלוש", number(3)},
      {"שלושת", number(3)},
      {"ארבעה", number(4)},
      {"ארבע", number(4)},
      {"ארבעת", number(4)},
      {"חמישה", number(5)},
      {"חמשה", number(5)},
      {"חמש", number(5)},
      {"חמשת", number(5)},
      {"שישה", number(6)},
      {"ששה", number(6)},
      {"שש", number(6)},
      {"ששת", number(6)},
      {"שבעה", number(7)},
      {"שבע", number(7)},
      {"שבעת", number(7)},
      {"שמונה", number(8)},
      {"שמונת", number(8)},
      {"תשעה", number(9)},
      {"תשע", number(9)},
      {"תשעת", number(9)},
      {"עשרה", number(10)},
      {"עשר", number(10)},
      {"עשרת", number(10)},
      {"עשרים", number(20)},
      {"שלושים", number(30)},
      {"ארבעים", number(40)},
      {"חמישים", number(50)},
      {"שישים", number(60)},
      {"עשר", flag(kTeen)},
      {"עשרה", flag(kTeen)},
      {"אתמול", flag(kRelDay, -1)},
      {"שלשום", flag(kRelDay, -2)},
      {"מחר", flag(kRelDay, 1)},
      {"מחרתיים", flag(kRelDay, 2)},
      {"אמש", flag(kRelDay, -1)},
      {"אשתקד", flag(kLastYear)},
      {"יום", flag(kRelDayWithArticle | kDayWord)},
      {"בוקר", flag(kRelDayWithArticle)},
      {"לילה", flag(kRelDayWithArticle)},
      {"ערב", flag(kRelDayWithArticle)},
      {"יום", unit(Unit::kDay)},
      {"ימים", unit(Unit::kDay)},
      {"יומיים", unit(Unit::kDay, 2)},
      {"שבוע", unit(Unit::kWeek, 1, kPeriodUnit)},
      {"שבועות", unit(Unit::kWeek)},
      {"שבועיים", unit(Unit::kWeek, 2)},
      {"חודש", unit(Unit::kMonth, 1, kPeriodUnit | kMonthCue)},
      {"חודשים", unit(Unit::kMonth)},
      {"חודשיים", unit(Unit::kMonth, 2)},
      {"שנה", unit(Unit::kYear, 1, kPeriodUnit)},
      {"שנים", unit(Unit::kYear)},
      {"שנתיים", unit(Unit::kYear, 2)},
      {"שנת", flag(kYearCue)},
      {"מאז", flag(kYearCue | kMonthCue)},
      {"עד", flag(kYearCue | kMonthCue)},
      {"סוף", flag(kMonthCue)},
      {"תחילת", flag(kMonthCue)},
      {"אמצע", flag(kMonthCue)},
      {"מתחילת", flag(kMonthCue)},
      {"שעבר", flag(kQualPast)},
      {"שעברה", flag(kQualPast)},
      {"הקודם", flag(kQualPast)},
      {"הקודמת", flag(kQualPast)},
      {"החולף", flag(kQualPast)},
      {"החולפת", flag(kQualPast)},
      {"הבא", flag(kQualNext)},
      {"הבאה", flag(kQualNext)},
      {"הקרוב", flag(kQualNext)},
      {"הקרובה", flag(kQualNext)},
      {"האחרון", flag(kQualRecent)},
      {"האחרונה", flag(kQualRecent)},
      {"הזה", flag(kQualThis)},
      {"הזו", flag(kQualThis)},
      {"הזאת", flag(kQualThis)},
      {"הנוכחי", flag(kQualThis)},
      {"הנוכחית", flag(kQualThis)},
      {"לפני", flag(kAgo)},
      {"בעוד", flag(kIn)},
      {"שעה", flag(kHour)},
      {"שעות", flag(kHour)},
      {"מספר", flag(kNotYearBefore)},
      {"החלטה", flag(kNotYearBefore)},
      {"החלטת", flag(kNotYearBefore)},
      {"קו", flag(kNotYearBefore)},
      {"כביש", flag(kNotYearBefore)},
      {"עמוד", flag(kNotYearBefore)},
      {"טיסה", flag(kNotYearBefore)},
      {"גרסה", flag(kNotYearBefore)},
      {"דגם", flag(kNotYearBefore)},
      {"תיק", flag(kNotYearBefore)},
      {"חדר", flag(kNotYearBefore)},
      {"פי", flag(kNotYearBefore)},
      {"ש\"ח", flag(kQuantity)},
      {"שקל", flag(kQuantity)},
      {"שקלים", flag(kQuantity)},
      {"דולר", flag(kQuantity)},
      {"דולרים", flag(kQuantity)},
      {"אירו", flag(kQuantity)},
      {"יורו", flag(kQuantity)},
      {"איש", flag(kQuantity)},
      {"בני", flag(kQuantity)},
      {"מטר", flag(kQuantity)},
      {"ק\"מ", flag(kQuantity)},
      {"קמ\"ש", flag(kQuantity)},
      {"טון", flag(kQuantity)},
      {"ליטר", flag(kQuantity)},
      {"דונם", flag(kQuantity)},
      {"קילו", flag(kQuantity)},
      {"מיליון", flag(kQuantity)},
      {"מיליארד", flag(kQuantity)},
      {"אלף", flag(kQuantity)},
      {"אחוז", flag(kQuantity)},
      {"נקודות", flag(kQuantity)},
      {"ילד", flag(kQuantity)},
      {"חייל", flag(kQuantity)},
      {"תושב", flag(kQuantity)},
      {"ראש", flag(kNotArticleBefore)},
      {"סדר", flag(kNotArticleBefore)},
      {"אותו", flag(kNotArticleBefore)},
      {"אותה", flag(kNotArticleBefore)},
      {"כל", flag(kNotArticleBefore)},
      {"שבו", flag(kNotArticleAfter)},
      {"בו", flag(kNotArticleAfter)},
      {"שבה", flag(kNotArticleAfter)},
      {"בה", flag(kNotArticleAfter)},
      {"שבין", flag(kNotArticleAfter)},
      {"של", flag(kNotArticleAfter)},
      {"שלאחר", flag(kNotArticleAfter)},
      {"שלפני", flag(kNotArticleAfter)},
      {"ההוא", flag(kNotArticleAfter)},
      {"ההיא", flag(kNotArticleAfter)},
      {"שבמהלכו", flag(kNotArticleAfter)},
      {"שבמהלכה", flag(kNotArticleAfter)},
  });
  return table;
}

const Table& english_table() {
  static const Table table = build({
      {"january", month(1)},
      {"february", month(2)},
      {"march", month(3)},
      {"april", month(4)},
      {"may", month(5)},
      {"june", month(6)},
      {"july", month(7)},
      {"august", month(8)},
      {"september", month(9)},
      {"october", month(10)},
      {"november", month(11)},
      {"december", month(12)},
      {"jan", flag(kMonth | kAbbreviation, 1)},
      {"feb", flag(kMonth | kAbbreviation, 2)},
      {"mar", flag(kMonth | kAbbreviation, 3)},
      {"apr", flag(kMonth | kAbbreviation, 4)},
      {"jun", flag(kMonth | kAbbreviation, 6)},
      {"jul", flag(kMonth | kAbbreviation, 7)},
      {"aug", flag(kMonth | kAbbreviation, 8)},
      {"sep", flag(kMonth | kAbbreviation, 9)},
      {"sept", flag(kMonth | kAbbreviation, 9)},
      {"oct", flag(kMonth | kAbbreviation, 10)},
      {"nov", flag(kMonth | kAbbreviation, 11)},
      {"dec", flag(kMonth | kAbbreviation, 12)},
      {"sunday", weekday(0)},
      {"monday", weekday(1)},
      {"tuesday", weekday(2)},
      {"wednesday", weekday(3)},
      {"thursday", weekday(4)},
      {"friday", weekday(5)},
      {"saturday", weekday(6)},
      {"today", flag(kRelDay, 0)},
      {"yesterday", flag(kRelDay, -1)},
      {"tomorrow", flag(kRelDay, 1)},
      {"tonight", flag(kRelDay, 0)},
      {"morning", flag(kPartOfDay)},
      {"afternoon", flag(kPartOfDay)},
      {"evening", flag(kPartOfDay)},
      {"night", flag(kPartOfDay)},
      {"a", number(1)},
      {"an", number(1)},
      {"one", number(1)},
      {"two", number(2)},
      {"three", number(3)},
      {"four", number(4)},
      {"five", number(5)},
      {"six", number(6)},
      {"seven", number(7)},
      {"eight", number(8)},
      {"nine", number(9)},
      {"ten", number(10)},
      {"eleven", number(11)},
      {"twelve", number(12)},
      {"thirteen", number(13)},
      {"fourteen", number(14)},
      {"fifteen", number(15)},
      {"sixteen", number(16)},
      {"seventeen", number(17)},
      {"eighteen", number(18)},
      {"nineteen", number(19)},
      {"twenty", number(20)},
      {"thirty", number(30)},
      {"forty", number(40)},
      {"fifty", number(50)},
      {"day", unit(Unit::kDay)},
      {"days", unit(Unit::kDay)},
      {"week", unit(Unit::kWeek, 1, kPeriodUnit)},
      {"weeks", unit(Unit::kWeek)},
      {"month", unit(Unit::kMonth, 1, kPeriodUnit)},
      {"months", unit(Unit::kMonth)},
      {"year", unit(Unit::kYear, 1, kPeriodUnit)},
      {"years", unit(Unit::kYear)},
      {"last", flag(kQualPast)},
      {"previous", flag(kQualPast)},
      {"next", flag(kQualNext)},
      {"coming", flag(kQualNext)},
      {"past", flag(kQualRecent)},
      {"this", flag(kQualThis)},
      {"ago", flag(kAgo)},
      {"in", flag(kIn | kMonthCue | kYearCue)},
      {"since", flag(kMonthCue | kYearCue)},
      {"until", flag(kMonthCue | kYearCue)},
      {"till", flag(kMonthCue)},
      {"by", flag(kMonthCue | kYearCue)},
      {"during", flag(kMonthCue | kYearCue)},
      {"early", flag(kMonthCue)},
      {"late", flag(kMonthCue)},
      {"mid", flag(kMonthCue)},
      {"of", flag(kMonthCue)},
      {"from", flag(kMonthCue)},
      {"through", flag(kMonthCue)},
      {"before", flag(kMonthCue | kDayFiller)},
      {"after", flag(kMonthCue | kDayFiller)},
      {"between", flag(kMonthCue)},
      {"end", flag(kMonthCue)},
      {"beginning", flag(kMonthCue)},
      {"start", flag(kMonthCue)},
      {"on", flag(kMonthCue)},
      {"the", flag(kDayFiller)},
      {"day", flag(kDayFiller)},
      {"am", flag(kAmPm)},
      {"pm", flag(kAmPm, 12)},
      {"number", flag(kNotYearBefore)},
      {"no", flag(kNotYearBefore)},
      {"page", flag(kNotYearBefore)},
      {"route", flag(kNotYearBefore)},
      {"flight", flag(kNotYearBefore)},
      {"resolution", flag(kNotYearBefore)},
      {"version", flag(kNotYearBefore)},
      {"model", flag(kNotYearBefore)},
      {"room", flag(kNotYearBefore)},
      {"percent", flag(kQuantity)},
      {"per", flag(kQuantity)},
      {"dollars", flag(kQuantity)},
      {"euros", flag(kQuantity)},
      {"pounds", flag(kQuantity)},
      {"shekels", flag(kQuantity)},
      {"people", flag(kQuantity)},
      {"troops", flag(kQuantity)},
      {"soldiers", flag(kQuantity)},
      {"km", flag(kQuantity)},
      {"kilometers", flag(kQuantity)},
      {"miles", flag(kQuantity)},
      {"meters", flag(kQuantity)},
      {"metres", flag(kQuantity)},
      {"feet", flag(kQuantity)},
      {"kg", flag(kQuantity)},
      {"tons", flag(kQuantity)},
      {"tonnes", flag(kQuantity)},
      {"times", flag(kQuantity)},
      {"votes", flag(kQuantity)},
      {"million", flag(kQuantity)},
      {"billion", flag(kQuantity)},
      {"points", flag(kQuantity)},
      {"residents", flag(kQuantity)},
      {"children", flag(kQuantity)},
      {"men", flag(kQuantity)},
      {"women", flag(kQuantity)},
      {"homes", flag(kQuantity)},
  });
  return table;
}

const Entry* find(const Table& table, std::string_view key) {
  if (!table.filter.may_hold(key)) return nullptr;
  const auto it = table.words.find(key);
  return it == table.words.end() ? nullptr : &it->second;
}

}  // namespace

const Entry* hebrew(std::string_view stem) {
  return find(hebrew_table(), stem);
}
const Entry* english(std::string_view lower) {
  return find(english_table(), lower);
}

}  // namespace sipur::timex::lex
