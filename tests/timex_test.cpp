// Time from the text (src/timex): tables of Hebrew and English expressions
// with what each must give, the traps that must give nothing (מאיראן is not
// מאי, אמשיך is not אמש, היומן is not היום), resolution against a reference,
// the year boundary and 29 February, and the five seeds as they read.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "test_util.h"
#include "timex/timex.h"

namespace sipur {
namespace {

using timex::find_time_mentions;
using timex::TimeMention;

// Seconds at 10:00 UTC of a civil day: the reference of most rows.
std::int64_t at_ten(int year, int month, int day) {
  return static_cast<std::int64_t>(timex::days_from_civil(year, month, day)) * 86400 + 10LL * 3600;
}

// One mention as a row reads it: "surface=kind:2019-04-04" for a day, "...:2019-03-24..2019-03-30" for a
// range, "...:-" when unresolved.
std::string show(const TimeMention& m) {
  std::string out = m.text + "=" + std::string(timex::kind_name(m.kind)) + ":";
  if (!m.days) return out + "-";
  out += timex::format_day(m.days->first);
  if (m.days->last != m.days->first) out += ".." + timex::format_day(m.days->last);
  return out;
}

std::vector<std::string> shown(std::string_view text, std::string_view lang, std::optional<std::int64_t> reference) {
  std::vector<std::string> out;
  for (const TimeMention& m : find_time_mentions(text, lang, reference)) out.push_back(show(m));
  return out;
}

struct Row {
  const char* lang;
  const char* text;
  std::vector<std::string> expected;
};

// Reference: Tuesday 2019-04-02 (seed 000's week).
const std::int64_t kTuesday = at_ten(2019, 4, 2);

void check_rows(const std::vector<Row>& rows, std::optional<std::int64_t> reference) {
  for (const Row& row : rows) {
    EXPECT_EQ(shown(row.text, row.lang, reference), row.expected) << row.text;
  }
}

TEST(Timex, HebrewAbsoluteDates) {
  check_rows(
      {
          {"he", "ב-12 באפריל 2019", {"ב-12 באפריל 2019=date:2019-04-12"}},
          {"he", "12 באפריל 2019", {"12 באפריל 2019=date:2019-04-12"}},
          {"he", "ה-12 לאפריל", {"ה-12 לאפריל=date:2019-04-12"}},
          {"he", "ב-12 בספטמבר", {"ב-12 בספטמבר=date:2019-09-12"}},
          {"he", "ב־3 בינואר", {"ב־3 בינואר=date:2019-01-03"}},  // maqaf
          {"he", "12.4.2019", {"12.4.2019=date:2019-04-12"}},
          {"he", "12/4/2019", {"12/4/2019=date:2019-04-12"}},
          {"he", "12.4.19", {"12.4.19=date:2019-04-12"}},
          {"he", "4/5/2019", {"4/5/2019=date:2019-05-04"}},  // day first in Hebrew
          {"he", "2019-04-12", {"2019-04-12=date:2019-04-12"}},
          {"he", "ב-12.4", {"ב-12.4=date:2019-04-12"}},
          {"he", "עלה ב-1.5 אחוזים", {}},  // a decimal with a unit, not 1 May
          {"he", "12.4", {}},              // without a prefix, a decimal
          {"he", "אפריל 2019", {"אפריל 2019=month:2019-04-01..2019-04-30"}},
          {"he", "באפריל 2019", {"באפריל 2019=month:2019-04-01..2019-04-30"}},
          {"he", "31.4.2019", {}},  // no such day
      },
      kTuesday);
}

TEST(Timex, EnglishAbsoluteDates) {
  check_rows(
      {
          {"en", "on April 12, 2019", {"April 12, 2019=date:2019-04-12"}},
          {"en", "12 April 2019", {"12 April 2019=date:2019-04-12"}},
          {"en", "the 12th of April", {"12th of April=date:2019-04-12"}},
          {"en", "Apr. 12th", {"Apr. 12th=date:2019-04-12"}},
          {"en", "2019-04-12", {"2019-04-12=date:2019-04-12"}},
          {"en", "13/4/2019", {"13/4/2019=date:2019-04-13"}},  // only day first is a date
          {"en", "4/13/2019", {"4/13/2019=date:2019-04-13"}},  // only month first is a date
          {"en", "4/4/19", {"4/4/19=date:2019-04-04"}},
          {"en", "4/5/2019", {"4/5/2019=date:-"}},  // ambiguous: kept, unresolved
          {"en", "April 2019", {"April 2019=month:2019-04-01..2019-04-30"}},
          {"en", "May 2, 2013", {"May 2, 2013=date:2013-05-02"}},
          {"en", "Netanyahu May Meet Putin", {}},  // May the verb, even capitalized
          {"en", "troops march in", {}},
          {"en", "in May", {"May=month:2019-05-01..2019-05-31"}},
          {"en", "April Ryan said", {}},
      },
      kTuesday);
  const auto ambiguous = find_time_mentions("4/5/2019", "en", kTuesday);
  ASSERT_EQ(ambiguous.size(), 1u);
  EXPECT_TRUE(ambiguous[0].ambiguous);
  EXPECT_EQ(ambiguous[0].year, 2019);
  EXPECT_EQ(ambiguous[0].resolution, timex::Resolution::kUnresolved);
}

// Years: 1900..2100, not an amount. The heuristic: rejected after a currency sign, a number word
// (מספר, flight) or a Latin model name (S-2000); before %, a currency, a unit or amount word, a decade's
// "s", or a Hebrew indefinite plural (2000 חיילים); otherwise taken.
TEST(Timex, YearsAndAmounts) {
  check_rows(
      {
          {"he", "ב-2019", {"ב-2019=year:2019-01-01..2019-12-31"}},
          {"he", "בשנת 1948", {"בשנת 1948=year:1948-01-01..1948-12-31"}},
          {"he", "ב2019 נרשמו", {"ב2019=year:2019-01-01..2019-12-31"}},
          {"he", "הבחירות של 2019 יהיו", {"2019=year:2019-01-01..2019-12-31"}},
          {"he", "ב-2000 חיילים", {}},
          {"he", "2000 מקרים", {}},
          {"he", "2019 ש\"ח", {}},
          {"he", "₪2019", {}},
          {"he", "מספר 2019", {}},
          {"he", "בתיק 4000", {}},
          {"he", "החלטה 1701", {}},
          {"he", "1,950 חיילים", {}},
          {"en", "in 2019", {"2019=year:2019-01-01..2019-12-31"}},
          {"en", "the 2019 elections", {"2019=year:2019-01-01..2019-12-31"}},
          {"en", "since 2015-2019", {"2015=year:2015-01-01..2015-12-31", "2019=year:2019-01-01..2019-12-31"}},
          {"en", "$2019", {}},
          {"en", "2000 people", {}},
          {"en", "2019 votes", {}},
          {"en", "12.5%", {}},
          {"en", "an S-2000 missile", {}},
          {"en", "in the 1950s", {}},
          {"en", "the 1950's", {}},
          {"en", "flight 1945", {}},
      },
      kTuesday);
}

TEST(Timex, RelativeDays) {
  check_rows(
      {
          {"he", "היום", {"היום=relative-day:2019-04-02"}},
          {"he", "אתמול", {"אתמול=relative-day:2019-04-01"}},
          {"he", "שלשום", {"שלשום=relative-day:2019-03-31"}},
          {"he", "מחר", {"מחר=relative-day:2019-04-03"}},
          {"he", "מחרתיים", {"מחרתיים=relative-day:2019-04-04"}},
          {"he", "הלילה", {"הלילה=relative-day:2019-04-02"}},
          {"he", "אמש", {"אמש=relative-day:2019-04-01"}},
          {"he", "הבוקר", {"הבוקר=relative-day:2019-04-02"}},
          {"he", "מאתמול", {"מאתמול=relative-day:2019-04-01"}},
          {"he", "ומהלילה", {"ומהלילה=relative-day:2019-04-02"}},
          {"he", "אֶתְמוֹל", {"אֶתְמוֹל=relative-day:2019-04-01"}},  // niqqud
          {"en", "today", {"today=relative-day:2019-04-02"}},
          {"en", "Yesterday", {"Yesterday=relative-day:2019-04-01"}},
          {"en", "tomorrow", {"tomorrow=relative-day:2019-04-03"}},
          {"en", "tonight", {"tonight=relative-day:2019-04-02"}},
          {"en", "this morning", {"this morning=relative-day:2019-04-02"}},
          {"en", "last night", {"last night=relative-day:2019-04-01"}},
          {"en", "the day before yesterday", {"the day before yesterday=relative-day:2019-03-31"}},
      },
      kTuesday);
  // "היום (שישי)": the text names the day too.
  const auto today = find_time_mentions("שוחח היום  ( שישי )  עם", "he", kTuesday);
  ASSERT_EQ(today.size(), 1u);
  EXPECT_EQ(today[0].text, "היום  ( שישי )");
  EXPECT_EQ(today[0].weekday, 5);
}

// Unqualified weekdays: the nearest within 4 days back and 2 ahead; הקרוב / next: the first strictly
// after the reference day; שעבר / last: the last strictly before; with a week: that week's day.
TEST(Timex, Weekdays) {
  check_rows(
      {
          {"he", "ביום חמישי", {"ביום חמישי=weekday:2019-04-04"}},
          {"he", "וביום חמישי", {"וביום חמישי=weekday:2019-04-04"}},
          {"he", "ביום ה'", {"ביום ה'=weekday:2019-04-04"}},
          {"he", "ביום ה׳", {"ביום ה׳=weekday:2019-04-04"}},
          {"he", "ביום ה ' ", {"ביום ה '=weekday:2019-04-04"}},
          {"he", "ביום שני", {"ביום שני=weekday:2019-04-01"}},
          {"he", "ביום שישי", {"ביום שישי=weekday:2019-03-29"}},
          {"he", "בשבת", {"בשבת=weekday:2019-03-30"}},
          {"he", "ביום חמישי הקרוב", {"ביום חמישי הקרוב=weekday:2019-04-04"}},
          {"he", "ביום חמישי שעבר", {"ביום חמישי שעבר=weekday:2019-03-28"}},
          {"he", "ביום שלישי הבא", {"ביום שלישי הבא=weekday:2019-04-09"}},
          {"he", "ביום חמישי בשבוע שעבר", {"ביום חמישי בשבוע שעבר=weekday:2019-03-28"}},
          {"he", "ביום השני למבצע", {}},  // the second day, not Monday
          {"en", "on Thursday", {"Thursday=weekday:2019-04-04"}},
          {"en", "last Thursday", {"last Thursday=weekday:2019-03-28"}},
          {"en", "next Thursday", {"next Thursday=weekday:2019-04-04"}},
          {"en", "Thursday", {"Thursday=weekday:2019-04-04"}},
          {"en", "on Friday", {"Friday=weekday:2019-03-29"}},
          {"en", "Monday next week", {"Monday next week=weekday:2019-04-08"}},  // English weeks start Monday
      },
      kTuesday);
}

TEST(Timex, PeriodsAndOffsets) {
  check_rows(
      {
          // Hebrew weeks run Sunday to Saturday.
          {"he", "בשבוע שעבר", {"בשבוע שעבר=relative-period:2019-03-24..2019-03-30"}},
          {"he", "ובשבוע הבא", {"ובשבוע הבא=relative-period:2019-04-07..2019-04-13"}},
          {"he", "השבוע", {"השבוע=relative-period:2019-03-31..2019-04-06"}},
          {"he", "בחודש שעבר", {"בחודש שעבר=relative-period:2019-03-01..2019-03-31"}},
          {"he", "בחודש הבא", {"בחודש הבא=relative-period:2019-05-01..2019-05-31"}},
          {"he", "בשנה שעברה", {"בשנה שעברה=relative-period:2018-01-01..2018-12-31"}},
          {"he", "אשתקד", {"אשתקד=relative-period:2018-01-01..2018-12-31"}},
          {"he", "השנה", {"השנה=relative-period:2019-01-01..2019-12-31"}},
          {"he", "בשבוע האחרון", {"בשבוע האחרון=relative-period:2019-03-27..2019-04-02"}},
          {"he", "לפני שלושה ימים", {"לפני שלושה ימים=offset:2019-03-30"}},
          {"he", "לפני 3 ימים", {"לפני 3 ימים=offset:2019-03-30"}},
          {"he", "לפני כ-3 ימים", {"לפני כ-3 ימים=offset:2019-03-30"}},
          {"he", "לפני יומיים", {"לפני יומיים=offset:2019-03-31"}},
          {"he", "לפני שבוע", {"לפני שבוע=offset:2019-03-23..2019-03-29"}},
          {"he", "לפני שלושה חודשים", {"לפני שלושה חודשים=offset:2019-01-01..2019-01-31"}},
          {"he", "לפני כחודש", {"לפני כחודש=offset:2019-03-01..2019-03-31"}},
          {"he", "לפני שתים עשרה שנים", {"לפני שתים עשרה שנים=offset:2007-01-01..2007-12-31"}},
          {"he", "לפני עשרים ואחד ימים", {"לפני עשרים ואחד ימים=offset:2019-03-12"}},
          {"he", "בעוד חמישה ימים", {"בעוד חמישה ימים=offset:2019-04-07"}},
          {"he", "בעוד שבוע", {"בעוד שבוע=offset:2019-04-06..2019-04-12"}},
          {"he", "חמישה ימים לפני הבחירות", {}},  // before an event, not before the reference
          {"he", "פחות משבוע לבחירות", {}},
          {"en", "last week", {"last week=relative-period:2019-03-25..2019-03-31"}},
          {"en", "next month", {"next month=relative-period:2019-05-01..2019-05-31"}},
          {"en", "last year", {"last year=relative-period:2018-01-01..2018-12-31"}},
          {"en", "3 days ago", {"3 days ago=offset:2019-03-30"}},
          {"en", "three days ago", {"three days ago=offset:2019-03-30"}},
          {"en", "a month ago", {"a month ago=offset:2019-03-01..2019-03-31"}},
          {"en", "in 5 days", {"in 5 days=offset:2019-04-07"}},
          {"en", "in two weeks", {"in two weeks=offset:2019-04-13..2019-04-19"}},
      },
      kTuesday);
}

TEST(Timex, MonthsWithoutYear) {
  check_rows(
      {
          {"he", "ביולי", {"ביולי=month:2019-07-01..2019-07-31"}},
          {"he", "בחודש יולי", {"בחודש יולי=month:2019-07-01..2019-07-31"}},
          {"he", "יולי האחרון", {"יולי האחרון=month:2018-07-01..2018-07-31"}},
          {"he", "בספטמבר האחרון", {"בספטמבר האחרון=month:2018-09-01..2018-09-30"}},
          {"he", "שבספטמבר", {"שבספטמבר=month:2019-09-01..2019-09-30"}},
          {"he", "בסוף מאי", {"מאי=month:2019-05-01..2019-05-31"}},
          {"en", "in July", {"July=month:2019-07-01..2019-07-31"}},
          {"en", "last July", {"last July=month:2018-07-01..2018-07-31"}},
          {"en", "this July", {"this July=month:2019-07-01..2019-07-31"}},
          {"en", "since December", {"December=month:2018-12-01..2018-12-31"}},
      },
      kTuesday);
}

// Words that contain a time word, or read like one, and are not.
TEST(Timex, NotTimeExpressions) {
  for (const char* text : {
           "הטילים מאיראן נורו",  // מאיראן is not מאי
           "אמשיך להילחם",        // אמשיך is not אמש
           "כתב ביומן",           // היומן / ביומן are not היום
           "היומן שלו",           //
           "במאי הסרט זכה",       // במאי: the director
           "מאי אמר",             // מאי alone
           "יוני שניידר",         // a name
           "ראש השנה",            // the holiday
           "על סדר היום",         // the agenda
           "באותו היום",          // that day
           "היום שבו נפגשו",      // the day on which
           "צוק איתן היום ה-12",  // day 12 of an operation
           "השנה החדשה",          // the new year
           "מחרוזת",              //
           "שבת שלום",            // Shabbat, not a day of this week
           "ערב הבחירות",         // the eve of
           "סיבוב שני",           //
       }) {
    EXPECT_EQ(shown(text, "he", kTuesday), std::vector<std::string>{}) << text;
  }
}

TEST(Timex, SpansPointIntoTheInput) {
  const std::string text = "נתניהו ייפגש עם פוטין ביום חמישי. אתמול שוחחו, on April 12, 2019.";
  for (const TimeMention& m : find_time_mentions(text, "he", kTuesday)) {
    ASSERT_LE(m.end, text.size());
    EXPECT_EQ(text.substr(m.begin, m.end - m.begin), m.text);
  }
  const auto all = find_time_mentions(text, "he", kTuesday);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].begin, text.find("ביום"));
}

TEST(Timex, YearBoundaryAndLeapDay) {
  const std::int64_t january = at_ten(2019, 1, 3);
  check_rows({{"he", "בדצמבר", {"בדצמבר=month:2018-12-01..2018-12-31"}},
              {"he", "ב-30 בדצמבר", {"ב-30 בדצמבר=date:2018-12-30"}},
              {"he", "ב-5 בינואר", {"ב-5 בינואר=date:2019-01-05"}},
              {"he", "בשבוע שעבר", {"בשבוע שעבר=relative-period:2018-12-23..2018-12-29"}},
              {"he", "בחודש שעבר", {"בחודש שעבר=relative-period:2018-12-01..2018-12-31"}},
              {"en", "last December", {"last December=month:2018-12-01..2018-12-31"}},
              {"en", "next January", {"next January=month:2020-01-01..2020-01-31"}},
              {"he", "ב-29 בפברואר", {"ב-29 בפברואר=date:2020-02-29"}},  // the nearest leap year
              {"he", "29.2.2020", {"29.2.2020=date:2020-02-29"}},
              {"he", "29.2.2019", {}},
              {"en", "February 29, 2019", {"2019=year:2019-01-01..2019-12-31"}}},  // no such day; the year stands
             january);
  // Leap day as the reference: a year ago is 2019's calendar year; a month ago is February's end.
  const std::int64_t leap = at_ten(2020, 2, 29);
  check_rows({{"he", "אתמול", {"אתמול=relative-day:2020-02-28"}},
              {"he", "מחר", {"מחר=relative-day:2020-03-01"}},
              {"en", "a year ago", {"a year ago=offset:2019-01-01..2019-12-31"}},
              {"en", "next month", {"next month=relative-period:2020-03-01..2020-03-31"}}},
             leap);
}

TEST(Timex, WithoutReferenceRelativeStaysUnresolved) {
  const auto found = find_time_mentions("ביום חמישי הקרוב, אתמול, בשבוע שעבר, לפני שלושה חודשים, ביולי, 12 באפריל 2019",
                                        "he", std::nullopt);
  ASSERT_EQ(found.size(), 6u);
  std::vector<std::string> relative;
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_FALSE(found[i].days) << found[i].text;
    EXPECT_EQ(found[i].resolution, timex::Resolution::kUnresolved);
    relative.push_back(timex::describe_relative(found[i]));
  }
  EXPECT_EQ(relative, (std::vector<std::string>{"next Thursday", "-1 day", "-1 week", "-3 months", "July (nearest)"}));
  EXPECT_EQ(found[1].offset, -1);
  EXPECT_EQ(found[2].unit, timex::Unit::kWeek);
  ASSERT_TRUE(found[5].days);
  EXPECT_EQ(found[5].resolution, timex::Resolution::kExplicit);
  EXPECT_EQ(timex::format_day(found[5].days->first), "2019-04-12");
}

TEST(Timex, ClockTimes) {
  const auto found = find_time_mentions("אתמול בשעה 10:00 נפגשו. ב-14:30 הודיעו", "he", kTuesday);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[1].text, "בשעה 10:00");
  EXPECT_EQ(found[1].hour, 10);
  EXPECT_EQ(found[1].resolution, timex::Resolution::kSameSentence);  // on אתמול's day
  EXPECT_EQ(timex::format_day(found[1].days->first), "2019-04-01");
  EXPECT_EQ(found[2].text, "ב-14:30");
  EXPECT_EQ(found[2].resolution, timex::Resolution::kFromReference);  // another sentence: the reference day
  const auto english = find_time_mentions("at 10 a.m. and 7:30 p.m.", "en", std::nullopt);
  ASSERT_EQ(english.size(), 2u);
  EXPECT_EQ(english[0].text, "10 a.m.");
  EXPECT_EQ(english[1].hour, 19);
  EXPECT_EQ(english[1].minute, 30);
  EXPECT_FALSE(english[1].days);
}

TEST(Timex, ReferenceInTheNewsroomsZone) {
  // 23:30 UTC on 1 April is 02:30 on 2 April in Israel: אתמול is 1 April there.
  const std::int64_t late = static_cast<std::int64_t>(timex::days_from_civil(2019, 4, 1)) * 86400 + 23LL * 3600 + 1800;
  timex::TimexOptions israel;
  israel.reference_utc_offset_minutes = 180;
  EXPECT_EQ(timex::format_day(find_time_mentions("אתמול", "he", late)[0].days->first), "2019-03-31");
  EXPECT_EQ(timex::format_day(find_time_mentions("אתמול", "he", late, israel)[0].days->first), "2019-04-01");
}

TEST(Timex, EstimateWithoutReference) {
  const auto found =
      find_time_mentions("ב-12 באפריל 2019 נפגשו, ואתמול ב-12.4.2019; בשנת 2015 נפגשו לראשונה", "he", std::nullopt);
  const auto estimate = timex::estimate_text_time(found, std::nullopt);
  ASSERT_TRUE(estimate.best);
  EXPECT_EQ(timex::format_day(estimate.best->first), "2019-04-12");
  EXPECT_EQ(estimate.best_granularity, timex::Granularity::kDay);
  EXPECT_EQ(estimate.explicit_mentions, 3);
  EXPECT_NEAR(estimate.confidence, 2.0 / 3.0, 1e-9);
  ASSERT_EQ(estimate.days.size(), 1u);
  EXPECT_EQ(estimate.days[0].mentions, 2);

  const auto years =
      timex::estimate_text_time(find_time_mentions("מאז 2015 ועד 2018", "he", std::nullopt), std::nullopt);
  ASSERT_TRUE(years.best);
  EXPECT_EQ(years.best_granularity, timex::Granularity::kYear);
  EXPECT_EQ(timex::format_day(years.best->first), "2018-01-01");  // a tie goes to the later

  EXPECT_FALSE(timex::estimate_text_time(find_time_mentions("אתמול", "he", std::nullopt), std::nullopt).best);
}

TEST(Timex, EstimateWithReference) {
  const auto found = find_time_mentions("ביום חמישי ייפגשו. אתמול שוחחו. אתמול דיברו. ביום ה' הקרוב", "he", kTuesday);
  const auto estimate = timex::estimate_text_time(found, kTuesday);
  // Both days twice; Thursday is mentioned first.
  EXPECT_EQ(estimate.days, (std::vector<timex::DayCount>{{timex::days_from_civil(2019, 4, 4), 2},
                                                         {timex::days_from_civil(2019, 4, 1), 2}}));
  EXPECT_FALSE(estimate.best);
  EXPECT_EQ(timex::estimate_text_time(found, kTuesday).days, estimate.days);  // deterministic
}

TEST(Timex, Calendar) {
  for (std::int32_t d = -800000; d <= 800000; d += 997) {
    const timex::CivilDate c = timex::civil_from_days(d);
    ASSERT_EQ(timex::days_from_civil(c.year, c.month, c.day), d);
  }
  EXPECT_EQ(timex::weekday_of(timex::days_from_civil(2019, 4, 2)), 2);  // a Tuesday
  EXPECT_EQ(timex::format_day(timex::add_months(timex::days_from_civil(2019, 3, 31), -1)), "2019-02-28");
  EXPECT_EQ(timex::format_day(timex::add_months(timex::days_from_civil(2020, 1, 31), 1)), "2020-02-29");
  EXPECT_EQ(timex::day_of_instant(-1), -1);
}

// Any bytes: no crash, spans inside the input, in order and apart.
TEST(Timex, AnyBytes) {
  std::mt19937 rng(7);
  const std::vector<std::string> pieces = {"ביום",     " ",      "ה",     "'",    "-",    "12",   ".",  "4",
                                           "2019",     "באפריל", "אתמול", "\xD7", "\xFF", "לפני", "כ",  "שלושה",
                                           "Thursday", "last",   "in",    "a.m",  ":",    "30",   "\n", "(",
                                           "שישי",     ")",      "היום",  "חודש", "ינואר"};
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 24);
    for (int i = 0; i < n; ++i) text += pieces[rng() % pieces.size()];
    std::size_t previous_end = 0;
    for (const TimeMention& m : find_time_mentions(text, round % 2 == 0 ? "he" : "en", kTuesday)) {
      ASSERT_LE(previous_end, m.begin) << text;
      ASSERT_LT(m.begin, m.end) << text;
      ASSERT_LE(m.end, text.size()) << text;
      previous_end = m.end;
    }
  }
}

// The seeds as they read (../shared/seeds). They carry no publication time: relative mentions stay
// unresolved; with seed 000's real time (Tuesday 2 April 2019) they resolve to that week.
TEST(Timex, Seeds) {
  SKIP_WITHOUT_SHARED(shared);
  const std::filesystem::path seeds = std::filesystem::path(shared) / "seeds";
  auto texts_of = [&](const std::string& prefix, std::string_view lang, std::optional<std::int64_t> reference) {
    for (const auto& entry : std::filesystem::directory_iterator(seeds)) {
      if (entry.path().filename().string().rfind(prefix, 0) != 0) continue;
      std::vector<std::string> out;
      for (const TimeMention& m : find_time_mentions(testing::read_file(entry.path().string()), lang, reference)) {
        out.push_back(m.text);
      }
      return out;
    }
    ADD_FAILURE() << "no seed " << prefix;
    return std::vector<std::string>{};
  };
  auto count = [](const std::vector<std::string>& v, const std::string& s) {
    return std::count(v.begin(), v.end(), s);
  };

  const auto s000 = texts_of("000", "he", std::nullopt);
  EXPECT_EQ(count(s000, "ביום חמישי"), 2);  // title, twice (the page repeats it)
  EXPECT_EQ(count(s000, "ביום חמישי הקרוב"), 1);
  EXPECT_EQ(count(s000, "אתמול"), 3);
  EXPECT_EQ(count(s000, "בשבוע שעבר"), 2);
  EXPECT_EQ(count(s000, "חודש פברואר"), 1);  // בסוף חודש פברואר
  EXPECT_EQ(s000.size(), 9u);
  const auto resolved =
      find_time_mentions(testing::read_file((seeds / "000_bd57e58d4203ffec.txt").string()), "he", kTuesday);
  const auto estimate = timex::estimate_text_time(resolved, kTuesday);
  ASSERT_GE(estimate.days.size(), 2u);
  EXPECT_EQ(timex::format_day(estimate.days[0].day), "2019-04-04");  // the meeting: Thursday
  EXPECT_EQ(timex::format_day(estimate.days[1].day), "2019-04-01");  // the phone call: yesterday

  const auto s001 = texts_of("001", "he", std::nullopt);  // lemmatized text
  EXPECT_EQ(count(s001, "בעוד שבוע"), 2);
  EXPECT_EQ(count(s001, "חודש יולי האחרון"), 1);
  EXPECT_EQ(count(s001, "ספטמבר האחרון"), 1);
  EXPECT_EQ(count(s001, "נובמבר האחרון"), 1);
  EXPECT_EQ(count(s001, "לפני שלושה חודש"), 3);
  EXPECT_EQ(count(s001, "לפני חודש"), 1);
  EXPECT_EQ(count(s001, "לפני שבוע"), 1);
  EXPECT_EQ(count(s001, "היום"), 1);

  const auto s002 = texts_of("002", "he", std::nullopt);
  EXPECT_EQ(count(s002, "היום  ( שישי )"), 1);
  EXPECT_EQ(count(s002, "בשבוע הבא"), 3);
  EXPECT_EQ(count(s002, "לפני כחודש"), 1);
  EXPECT_EQ(count(s002, "לפני כשלושה חודשים"), 1);
  EXPECT_EQ(count(s002, "שבספטמבר"), 1);
  EXPECT_EQ(count(s002, "אתמול"), 1);
  EXPECT_EQ(count(s002, "הלילה"), 1);
  EXPECT_EQ(count(s002, "השבוע"), 2);
  EXPECT_EQ(count(s002, "14:26"), 1);  // (עדכון ראשון: 14:26)

  const auto s003 = texts_of("003", "en", std::nullopt);
  EXPECT_EQ(count(s003, "Thursday"), 2);
  EXPECT_EQ(count(s003, "Monday"), 2);
  EXPECT_EQ(count(s003, "Tuesday"), 1);
  EXPECT_EQ(count(s003, "next week"), 1);
  EXPECT_EQ(count(s003, "last week"), 2);
  EXPECT_EQ(count(s003, "December"), 1);  // in December
  EXPECT_EQ(count(s003, "a month ago"), 1);
  EXPECT_EQ(count(s003, "2015"), 1);  // since 2015

  const auto s004 = texts_of("004", "he", std::nullopt);
  EXPECT_EQ(count(s004, "הבוקר"), 1);
  EXPECT_EQ(count(s004, "השבוע"), 2);      // רק השבוע; בסוף השבוע (read as this week: a known limit)
  EXPECT_EQ(count(s004, "יום חמישי"), 1);  // עד יום חמישי
  EXPECT_EQ(count(s004, "יוני"), 0);       // יוני שניידר is a name
}

}  // namespace
}  // namespace sipur
