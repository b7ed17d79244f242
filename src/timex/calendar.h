// Calendar arithmetic on UTC day numbers (days since 1970-01-01, the
// proleptic Gregorian calendar): what resolving "last month" or "12 April"
// against a reference day needs, and nothing about time zones.
#pragma once

#include <cstdint>
#include <string>

namespace sipur::timex {

struct CivilDate {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31
  friend bool operator==(const CivilDate&, const CivilDate&) = default;
};

[[nodiscard]] std::int32_t days_from_civil(int year, int month, int day);
[[nodiscard]] CivilDate civil_from_days(std::int32_t days);

// 0 = Sunday .. 6 = Saturday.
[[nodiscard]] int weekday_of(std::int32_t days);

[[nodiscard]] bool is_leap_year(int year);
[[nodiscard]] int days_in_month(int year, int month);
[[nodiscard]] bool is_valid_date(int year, int month, int day);

// The same day of the month `months` later (earlier if negative), clamped to
// the target month's length (31 March - 1 month = 28/29 February).
[[nodiscard]] std::int32_t add_months(std::int32_t days, int months);

// The UTC day of an instant (seconds since the epoch), flooring negatives.
[[nodiscard]] std::int32_t day_of_instant(std::int64_t seconds);

// "2019-04-02".
[[nodiscard]] std::string format_day(std::int32_t days);

}  // namespace sipur::timex
