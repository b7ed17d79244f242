#include "timex/calendar.h"

#include <cstdio>

namespace sipur::timex {

// H. Hinnant's days_from_civil / civil_from_days (as in core/time.cpp).
std::int32_t days_from_civil(int year, int month, int day) {
  const int y = year - (month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int mp = (month + 9) % 12;
  const int doy = (153 * mp + 2) / 5 + day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate civil_from_days(std::int32_t days) {
  const std::int32_t z = days + 719468;
  const std::int32_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int32_t doe = z - era * 146097;
  const std::int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int32_t mp = (5 * doy + 2) / 153;
  CivilDate out;
  out.day = doy - (153 * mp + 2) / 5 + 1;
  out.month = mp < 10 ? mp + 3 : mp - 9;
  out.year = yoe + era * 400 + (out.month <= 2 ? 1 : 0);
  return out;
}

int weekday_of(std::int32_t days) {
  // 1970-01-01 was a Thursday (4).
  const int w = (days + 4) % 7;
  return w < 0 ? w + 7 : w;
}

bool is_leap_year(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

bool is_valid_date(int year, int month, int day) {
  return month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
}

std::int32_t add_months(std::int32_t days, int months) {
  const CivilDate c = civil_from_days(days);
  int index = c.year * 12 + (c.month - 1) + months;
  const int year = index >= 0 ? index / 12 : (index - 11) / 12;
  const int month = index - year * 12 + 1;
  const int day = c.day < days_in_month(year, month) ? c.day : days_in_month(year, month);
  return days_from_civil(year, month, day);
}

std::int32_t day_of_instant(std::int64_t seconds) {
  std::int64_t d = seconds / 86400;
  if (seconds % 86400 < 0) --d;
  return static_cast<std::int32_t>(d);
}

std::string format_day(std::int32_t days) {
  const CivilDate c = civil_from_days(days);
  char buf[32];
  (void)std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
  return buf;
}

}  // namespace sipur::timex
