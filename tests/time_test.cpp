#include <gtest/gtest.h>

#include "core/time.h"

namespace sipur {
namespace {

struct TimeCase {
  const char* input;
  const char* formatted;  // nullptr: must not parse
};

const TimeCase kCases[] = {
    {"2014-07-01T10:51:00+03:00", "2014-07-01T07:51:00Z"},
    {"2018-01-05T15:55:21Z", "2018-01-05T15:55:21Z"},
    {"2025-06-17T10:56:00", "2025-06-17T10:56:00"},  // no zone: kept as wall-clock, not claimed UTC
    {"2019-04-02 10:00:00+0300", "2019-04-02T07:00:00Z"},
    {"2019-04-02T10:00:00.123-05:00", "2019-04-02T15:00:00Z"},
    {"2019-04-02", "2019-04-02T00:00:00"},
    {"Tue, 02 Apr 2019 10:00:00 GMT", "2019-04-02T10:00:00Z"},
    {"2019-02-30T10:00:00Z", nullptr},
    {"2019-04-02T25:00:00Z", nullptr},
    {"yesterday", nullptr},
    {"", nullptr},
    {"2019-04-02T10:00:00Zjunk", nullptr},
    {"1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"},
};

TEST(Time, ParsesAndFormats) {
  for (const TimeCase& c : kCases) {
    const auto parsed = parse_time(c.input);
    if (c.formatted == nullptr) {
      EXPECT_FALSE(parsed.has_value()) << c.input;
    } else {
      ASSERT_TRUE(parsed.has_value()) << c.input;
      EXPECT_EQ(format_time(*parsed), c.formatted) << c.input;
    }
  }
}

TEST(Time, ZoneKnownOnlyWithOffsetOrZ) {
  EXPECT_TRUE(parse_time("2014-07-01T10:51:00+03:00")->zone_known);
  EXPECT_FALSE(parse_time("2014-07-01T10:51:00")->zone_known);
  EXPECT_EQ(parse_time("1970-01-01T00:00:10Z")->epoch_seconds, 10);
}

}  // namespace
}  // namespace sipur
