// Time from the text: the dates, days and periods an article's own words
// name (Hebrew and English), each placed on the calendar where it can be,
// against the article's publication time when it is known.
//
// Everything here is "from the text": a date the article mentions, never its
// publication time. A store or an explanation that keeps these must label
// them so. docs/TIMEX.md lists what is recognized, the resolution rules and
// the known limits.
//
// One pass over the text, a hand-written scanner over tokens with a fixed
// look-ahead: linear in the input, no regular expressions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "timex/calendar.h"

namespace sipur::timex {

// An inclusive range of UTC day numbers (days since 1970-01-01; see
// calendar.h for civil_from_days and format_day).
struct DayRange {
  std::int32_t first = 0;
  std::int32_t last = 0;
  friend bool operator==(const DayRange&, const DayRange&) = default;
};

enum class MentionKind : std::uint8_t {
  kDate,   // a calendar day written out: 12 April 2019, 2019-04-12, 12.4.19, ב-12 באפריל (year may be missing)
  kMonth,  // a month: אפריל 2019, April 2019, ביולי, בחודש יולי, יולי האחרון, last July (year may be missing)
  kYear,   // 2019, ב-2019, בשנת 2019
  kRelativeDay,  // היום, אתמול, שלשום, מחר, מחרתיים, הלילה, אמש, הבוקר, today, yesterday, tonight, last night
  kWeekday,  // ביום חמישי, ביום ה', בשבת, ביום חמישי הקרוב, on Thursday, last Thursday, Thursday next week
  kRelativePeriod,  // השבוע, בשבוע שעבר, בחודש הבא, אשתקד, last week, next month, this year, the past week
  kOffset,  // 3 days ago, לפני שלושה חודשים, לפני כחודש, in 5 days, בעוד שבוע
  kClock,   // 14:30, בשעה 10:00, at 10 a.m.
};

enum class Unit : std::uint8_t { kNone, kDay, kWeek, kMonth, kYear };

// Which one of a repeating name (a weekday, a month) or period is meant.
enum class Direction : std::uint8_t {
  kNearest,  // no qualifier: ביום חמישי, ביולי, on Thursday, in July
  kPast,  // שעבר, האחרון, last, past, previous: strictly before the reference's day (weekday) or month (month)
  kFuture,   // הבא, הקרוב, next, coming: strictly after
  kCurrent,  // this Thursday / this July; a weekday with a week (Thursday last week: `offset` weeks away)
};

enum class Granularity : std::uint8_t { kDay, kWeek, kMonth, kYear };

enum class Resolution : std::uint8_t {
  kUnresolved,   // relative and there is no reference; ambiguous (see TimeMention::ambiguous)
  kExplicit,     // the text gives the whole of it: 12 April 2019, April 2019, 2019
  kNearestYear,  // day and month (or month) from the text, the year that puts it nearest the reference
  kFromReference,  // counted from the reference day: אתמול, next Thursday, last month, 3 days ago, יולי האחרון
  kSameSentence,  // a clock time placed on the day of a resolved date mention in its sentence
};

struct TimeMention {
  std::size_t begin = 0;  // byte span in the input text: [begin, end)
  std::size_t end = 0;
  // The input's bytes in the span: with Hebrew prefixes and cue words (ב-2019, בשנת 2019, בשעה 10:00) and
  // English qualifiers (last week, in 5 days, 3 days ago), without bare English prepositions (on, in, at).
  std::string text;
  MentionKind kind = MentionKind::kDate;

  // What the text states; 0 (or -1) where it does not say.
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31
  int weekday = -1;  // 0 = Sunday .. 6 = Saturday: kWeekday, or a day the text names beside היום ("היום (שישי)")
  int hour = -1;  // kClock, 0..23
  int minute = -1;

  // Relative expressions: kRelativeDay counts `offset` days; kRelativePeriod and kOffset count `offset`
  // units (-1 = last, +1 = next, 0 = this; -3 for "3 days ago"); kWeekday with kCurrent: `offset` weeks.
  Unit unit = Unit::kNone;
  int offset = 0;
  Direction direction = Direction::kNearest;
  bool rolling = false;  // the unit-long window ending on the reference day (בשבוע האחרון, the past week)
  bool approximate = false;  // "about": לפני כחודש, כ-3 ימים, about a month ago
  bool ambiguous = false;    // 4/5/2019 in English text: day and month order unknown, left unresolved

  // Where it falls, if that can be said. `granularity` is how precise `days` is: a day, or a whole
  // week, month or year (kOffset in weeks/months/years is the week, month or year it lands in).
  Resolution resolution = Resolution::kUnresolved;
  Granularity granularity = Granularity::kDay;
  std::optional<DayRange> days;
};

struct TimexOptions {
  // Added to the reference before taking its day: the newsroom's UTC offset (Israel: +120 or +180),
  // so that an article published at 23:30 UTC counts "אתמול" from the local day. 0 = the UTC day.
  int reference_utc_offset_minutes = 0;
  // A weekday without a qualifier is the one nearest the reference day no more than this many days
  // ahead and no more than 6 - this many days back (2: from Tuesday, Thursday is 2 days ahead and
  // Friday 4 days back). News reports more of what happened than of what will.
  int weekday_days_ahead = 2;
};

// The time expressions in `text` (title and body, UTF-8; invalid bytes are skipped over), in text
// order and not overlapping. `lang` is the text's ISO 639-1 code: "he" (or "iw") reads numeric dates
// day first and starts weeks on Sunday; anything else reads them day or month first only when that is
// unambiguous and starts weeks on Monday. Hebrew and English words are recognized in either language.
// `reference` is the article's publication time (seconds since the epoch, UTC); without it, relative
// expressions are kept unresolved with their kind, unit, offset and direction.
[[nodiscard]] std::vector<TimeMention> find_time_mentions(std::string_view text, std::string_view lang,
                                                          std::optional<std::int64_t> reference,
                                                          const TimexOptions& options = {});

struct DayCount {
  std::int32_t day = 0;
  int mentions = 0;
  friend bool operator==(const DayCount&, const DayCount&) = default;
};

// One summary of an article's time from its text.
struct TextTimeEstimate {
  // The days the article talks about: each resolved mention of day granularity (clock times
  // excepted), deduplicated, most mentioned first, ties by first mention in the text. Without a
  // reference only explicit dates resolve, so only they are here.
  std::vector<DayCount> days;

  // The best absolute date the text itself gives (explicit mentions only, never counted from the
  // reference): the most mentioned day if any explicit day is written, else month, else year; ties go
  // to the later one (older dates in news are mostly background). Absent when the text writes none.
  std::optional<DayRange> best;
  Granularity best_granularity = Granularity::kDay;
  // 0..1: the share of explicit mentions that agree with `best` (their range contains it or it
  // contains theirs), times 1 for a day, 0.8 for a month and 0.5 for a year.
  double confidence = 0;
  int explicit_mentions = 0;
  int resolved_mentions = 0;
};

// Deterministic: the same mentions give the same estimate.
[[nodiscard]] TextTimeEstimate estimate_text_time(const std::vector<TimeMention>& mentions,
                                                  std::optional<std::int64_t> reference);

// Short names for explanations and JSON: "date", "month", "year", "relative-day", "weekday",
// "relative-period", "offset", "clock"; "unresolved", "explicit", "nearest-year", "from-reference",
// "same-sentence"; "day", "week", "month", "year".
[[nodiscard]] std::string_view kind_name(MentionKind kind);
[[nodiscard]] std::string_view resolution_name(Resolution resolution);
[[nodiscard]] std::string_view granularity_name(Granularity granularity);

// What a relative mention says, independent of any reference: "-1 day", "+2 days", "this week",
// "-1 week", "next Thursday", "Thursday (nearest)", "Thursday, -1 week", "last July", "July (nearest)",
// "-3 months (about)", "past week"; "" for absolute mentions.
[[nodiscard]] std::string describe_relative(const TimeMention& mention);

}  // namespace sipur::timex
