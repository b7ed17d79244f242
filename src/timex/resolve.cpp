// find_time_mentions: scan, then place each mention on the calendar against
// the reference day. The rules (docs/TIMEX.md) in brief: explicit dates are
// themselves; a day and month without a year take the year that puts them
// nearest the reference; relative expressions count from the reference day;
// a weekday without a qualifier is the nearest one within
// [-(6 - weekday_days_ahead), +weekday_days_ahead] days; a clock time goes
// to a date mentioned in its sentence, else to the reference day.
#include <algorithm>
#include <cstdlib>
#include <limits>

#include "timex/scanner.h"
#include "timex/timex.h"

namespace sipur::timex {
namespace {

struct Context {
  std::int32_t today = 0;  // the reference day
  CivilDate civil;
  int week_start = 0;  // 0 = Sunday (Hebrew), 1 = Monday
  int days_ahead = 2;
};

DayRange month_range(int year, int month) {
  return {days_from_civil(year, month, 1), days_from_civil(year, month, days_in_month(year, month))};
}
DayRange year_range(int year) {
  return {days_from_civil(year, 1, 1), days_from_civil(year, 12, 31)};
}

std::int32_t week_start_of(std::int32_t day, int week_start) {
  return day - ((weekday_of(day) - week_start + 7) % 7);
}

std::int64_t distance(const DayRange& r, std::int32_t day) {
  if (day < r.first) return r.first - day;
  if (day > r.last) return day - r.last;
  return 0;
}

// Years far from the reference are not what a text with a reference means; they bound the search.
constexpr int kYearSearch = 4;

void set(TimeMention& m, DayRange days, Granularity g, Resolution r) {
  m.days = days;
  m.granularity = g;
  m.resolution = r;
}

// A day and month without a year: the valid date nearest the reference (29 February looks up to
// four years either way); ties go to the past. With a direction, the nearest one on that side.
void resolve_day_month(TimeMention& m, const Context& c) {
  std::optional<std::int32_t> best;
  std::int64_t best_distance = std::numeric_limits<std::int64_t>::max();
  for (int y = c.civil.year - kYearSearch; y <= c.civil.year + kYearSearch; ++y) {
    if (!is_valid_date(y, m.month, m.day)) continue;
    const std::int32_t d = days_from_civil(y, m.month, m.day);
    if (m.direction == Direction::kPast && d >= c.today) continue;
    if (m.direction == Direction::kFuture && d <= c.today) continue;
    const std::int64_t dist = std::llabs(static_cast<long long>(d) - c.today);
    if (dist < best_distance) {
      best_distance = dist;
      best = d;
    }
  }
  if (best) set(m, {*best, *best}, Granularity::kDay, Resolution::kNearestYear);
}

void resolve_month(TimeMention& m, const Context& c) {
  const int y = c.civil.year;
  const int current = c.civil.month;
  switch (m.direction) {
    case Direction::kNearest: {
      int best_year = y;
      std::int64_t best_distance = std::numeric_limits<std::int64_t>::max();
      for (const int candidate : {y - 1, y, y + 1}) {
        const std::int64_t dist = distance(month_range(candidate, m.month), c.today);
        if (dist < best_distance) {
          best_distance = dist;
          best_year = candidate;
        }
      }
      set(m, month_range(best_year, m.month), Granularity::kMonth, Resolution::kNearestYear);
      return;
    }
    case Direction::kPast:
      set(m, month_range(m.month < current ? y : y - 1, m.month), Granularity::kMonth, Resolution::kFromReference);
      return;
    case Direction::kFuture:
      set(m, month_range(m.month > current ? y : y + 1, m.month), Granularity::kMonth, Resolution::kFromReference);
      return;
    case Direction::kCurrent:
      set(m, month_range(y, m.month), Granularity::kMonth, Resolution::kFromReference);
      return;
  }
}

void resolve_weekday(TimeMention& m, const Context& c) {
  const int today = weekday_of(c.today);
  const int ahead = (m.weekday - today + 7) % 7;  // 0..6 days to the next such day, 0 = today
  int delta = 0;
  switch (m.direction) {
    case Direction::kNearest:
      delta = ahead > c.days_ahead ? ahead - 7 : ahead;
      break;
    case Direction::kPast:
      delta = ahead == 0 ? -7 : ahead - 7;
      break;
    case Direction::kFuture:
      delta = ahead == 0 ? 7 : ahead;
      break;
    case Direction::kCurrent: {
      const std::int32_t start = week_start_of(c.today, c.week_start) + 7 * m.offset;
      const std::int32_t day = start + (m.weekday - c.week_start + 7) % 7;
      set(m, {day, day}, Granularity::kDay, Resolution::kFromReference);
      return;
    }
  }
  set(m, {c.today + delta, c.today + delta}, Granularity::kDay, Resolution::kFromReference);
}

// The unit-long period `offset` units away (calendar week, month, year), or the rolling one ending today.
void resolve_period(TimeMention& m, const Context& c) {
  const std::int32_t t = c.today;
  if (m.rolling) {
    switch (m.unit) {
      case Unit::kWeek:
        set(m, {t - 6, t}, Granularity::kWeek, Resolution::kFromReference);
        return;
      case Unit::kMonth:
        set(m, {add_months(t, -1) + 1, t}, Granularity::kMonth, Resolution::kFromReference);
        return;
      case Unit::kYear:
        set(m, {add_months(t, -12) + 1, t}, Granularity::kYear, Resolution::kFromReference);
        return;
      default:
        return;
    }
  }
  switch (m.unit) {
    case Unit::kWeek: {
      const std::int32_t start = week_start_of(t, c.week_start) + 7 * m.offset;
      set(m, {start, start + 6}, Granularity::kWeek, Resolution::kFromReference);
      return;
    }
    case Unit::kMonth: {
      const CivilDate d = civil_from_days(add_months(days_from_civil(c.civil.year, c.civil.month, 1), m.offset));
      set(m, month_range(d.year, d.month), Granularity::kMonth, Resolution::kFromReference);
      return;
    }
    case Unit::kYear:
      set(m, year_range(c.civil.year + m.offset), Granularity::kYear, Resolution::kFromReference);
      return;
    default:
      return;
  }
}

// "3 days ago" is a day; "2 weeks ago" the week around that day; "3 months ago" the calendar month
// it lands in; "2 years ago" that calendar year.
void resolve_offset(TimeMention& m, const Context& c) {
  const std::int32_t t = c.today;
  switch (m.unit) {
    case Unit::kDay:
      set(m, {t + m.offset, t + m.offset}, Granularity::kDay, Resolution::kFromReference);
      return;
    case Unit::kWeek: {
      const std::int32_t centre = t + 7 * m.offset;
      set(m, {centre - 3, centre + 3}, Granularity::kWeek, Resolution::kFromReference);
      return;
    }
    case Unit::kMonth: {
      const CivilDate d = civil_from_days(add_months(t, m.offset));
      set(m, month_range(d.year, d.month), Granularity::kMonth, Resolution::kFromReference);
      return;
    }
    case Unit::kYear:
      set(m, year_range(c.civil.year + m.offset), Granularity::kYear, Resolution::kFromReference);
      return;
    default:
      return;
  }
}

// What needs no reference: written-out dates, months with years, years.
void resolve_explicit(TimeMention& m) {
  switch (m.kind) {
    case MentionKind::kDate:
      m.granularity = Granularity::kDay;
      if (m.year != 0 && !m.ambiguous && is_valid_date(m.year, m.month, m.day)) {
        const std::int32_t d = days_from_civil(m.year, m.month, m.day);
        set(m, {d, d}, Granularity::kDay, Resolution::kExplicit);
      }
      return;
    case MentionKind::kMonth:
      m.granularity = Granularity::kMonth;
      if (m.year != 0) set(m, month_range(m.year, m.month), Granularity::kMonth, Resolution::kExplicit);
      return;
    case MentionKind::kYear:
      set(m, year_range(m.year), Granularity::kYear, Resolution::kExplicit);
      return;
    case MentionKind::kRelativePeriod:
    case MentionKind::kOffset:
      m.granularity = m.unit == Unit::kWeek    ? Granularity::kWeek
                      : m.unit == Unit::kMonth ? Granularity::kMonth
                      : m.unit == Unit::kYear  ? Granularity::kYear
                                               : Granularity::kDay;
      return;
    default:
      m.granularity = Granularity::kDay;
      return;
  }
}

void resolve_relative(TimeMention& m, const Context& c) {
  switch (m.kind) {
    case MentionKind::kDate:
      if (m.year == 0 && !m.ambiguous) resolve_day_month(m, c);
      return;
    case MentionKind::kMonth:
      if (m.year == 0) resolve_month(m, c);
      return;
    case MentionKind::kRelativeDay:
      set(m, {c.today + m.offset, c.today + m.offset}, Granularity::kDay, Resolution::kFromReference);
      return;
    case MentionKind::kWeekday:
      resolve_weekday(m, c);
      return;
    case MentionKind::kRelativePeriod:
      resolve_period(m, c);
      return;
    case MentionKind::kOffset:
      resolve_offset(m, c);
      return;
    default:
      return;
  }
}

constexpr std::size_t kClockReach = 8;

// A clock time goes to the nearest resolved day mention of its sentence, else to the reference day.
void resolve_clocks(std::vector<FoundMention>& found, const std::optional<Context>& c) {
  for (std::size_t i = 0; i < found.size(); ++i) {
    TimeMention& m = found[i].mention;
    if (m.kind != MentionKind::kClock) continue;
    m.granularity = Granularity::kDay;
    const TimeMention* best = nullptr;
    std::size_t best_gap = std::numeric_limits<std::size_t>::max();
    // Mentions are in text order, so a sentence's are together; a few either way keep this linear.
    const std::size_t from = i > kClockReach ? i - kClockReach : 0;
    const std::size_t to = std::min(found.size(), i + kClockReach + 1);
    for (std::size_t j = from; j < to; ++j) {
      const TimeMention& d = found[j].mention;
      if (found[j].sentence != found[i].sentence || d.kind == MentionKind::kClock || !d.days ||
          d.granularity != Granularity::kDay) {
        continue;
      }
      const std::size_t gap = d.begin > m.begin ? d.begin - m.end : m.begin - d.end;
      if (gap < best_gap) {
        best_gap = gap;
        best = &d;
      }
    }
    if (best != nullptr) {
      set(m, *best->days, Granularity::kDay, Resolution::kSameSentence);
    } else if (c) {
      set(m, {c->today, c->today}, Granularity::kDay, Resolution::kFromReference);
    }
  }
}

}  // namespace

std::vector<TimeMention> find_time_mentions(std::string_view text, std::string_view lang,
                                            std::optional<std::int64_t> reference, const TimexOptions& options) {
  const bool hebrew = lang == "he" || lang == "iw";
  Scanner scanner(text, hebrew);
  std::vector<FoundMention> found = scanner.run();

  std::optional<Context> context;
  if (reference) {
    Context c;
    c.today = day_of_instant(*reference + static_cast<std::int64_t>(options.reference_utc_offset_minutes) * 60);
    c.civil = civil_from_days(c.today);
    c.week_start = hebrew ? 0 : 1;
    c.days_ahead = options.weekday_days_ahead < 0 ? 0 : options.weekday_days_ahead > 6 ? 6 : options.weekday_days_ahead;
    context = c;
  }
  for (FoundMention& f : found) {
    resolve_explicit(f.mention);
    if (context && !f.mention.days) resolve_relative(f.mention, *context);
  }
  resolve_clocks(found, context);

  std::vector<TimeMention> out;
  out.reserve(found.size());
  for (FoundMention& f : found) out.push_back(std::move(f.mention));
  return out;
}

}  // namespace sipur::timex
