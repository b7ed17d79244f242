// The words time expressions are made of, Hebrew (looked up after the
// prefix letters ו ב כ ל מ ה ש are taken off) and English (lowercased).
// Internal to the scanner.
#pragma once

#include <cstdint>
#include <string_view>

#include "timex/timex.h"

namespace sipur::timex::lex {

// What a word can be; one word can be several (שני: two, and Monday after יום).
enum Flag : std::uint32_t {
  kMonth = 1u << 0,              // month name (value: month)
  kWeekdayName = 1u << 1,        // weekday name after יום, or English weekday (value: weekday)
  kNumber = 1u << 2,             // number word (value: number)
  kTeen = 1u << 3,               // עשר / עשרה after a unit number: +10
  kRelDay = 1u << 4,             // a day by itself: אתמול, tomorrow (value: offset)
  kRelDayWithArticle = 1u << 5,  // a day with ה: היום, הבוקר, הלילה, הערב (offset 0)
  kDayWord = 1u << 6,            // יום: before a weekday name or letter
  kUnit = 1u << 7,               // day/week/month/year word (unit; count for the dual: יומיים = 2 days)
  kPeriodUnit = 1u << 8,         // שבוע / חודש / שנה, week / month / year: this, last, next
  kMonthCue = 1u << 9,           // a word that makes the next month name a month: חודש, סוף, in, since
  kQualPast = 1u << 10,          // שעבר, הקודם, last, previous
  kQualNext = 1u << 11,          // הבא, הקרוב, next, coming
  kQualRecent = 1u << 12,        // האחרון, past: a past weekday or month; a rolling period
  kQualThis = 1u << 13,          // הזה, this
  kAgo = 1u << 14,               // לפני (before the amount), ago (after it)
  kIn = 1u << 15,                // בעוד, in
  kYearCue = 1u << 16,           // שנת, in, since: the number after it is a year
  kHour = 1u << 17,              // שעה: the number after it is a time of day
  kLastYear = 1u << 18,          // אשתקד
  kNotYearBefore = 1u << 19,     // מספר, resolution, page, flight: the number after it is a name, not a year
  kQuantity = 1u << 20,          // a unit or currency after a number: it was an amount, not a year or date
  kOrdinal = 1u << 21,           // ordinals and adjectives that make היום / השנה "the day" / "the year"
  kNotArticleBefore = 1u << 22,  // ראש, סדר, אותו before השנה / היום: not this year / today
  kNotArticleAfter = 1u << 23,   // שבו, של after היום / הלילה: "the day on which", not today
  kPartOfDay = 1u << 24,         // morning, night, evening, afternoon (English, after this / last)
  kAmPm = 1u << 25,              // am, pm
  kDayFiller = 1u << 26,         // the, day, before, after: "the day before yesterday"
  kAbbreviation = 1u << 27,      // Jan, Sept: a month only beside a number
};

struct Entry {
  std::uint32_t flags = 0;
  std::int16_t value = 0;     // month, weekday, number or day offset (by the flag)
  std::int16_t weekday = -1;  // when the word is both a number and a weekday name (שני)
  Unit unit = Unit::kNone;
  std::int8_t unit_count = 1;  // 2 for the dual forms
};

// The Hebrew stem (no prefixes; gershayim as ASCII "), or nullptr.
[[nodiscard]] const Entry* hebrew(std::string_view stem);
// The English word, already lowercased, or nullptr.
[[nodiscard]] const Entry* english(std::string_view lower);

}  // namespace sipur::timex::lex
