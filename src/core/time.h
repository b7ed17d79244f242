// Publication times. Inputs give ISO-8601 with or without a zone; sipur keeps
// the UTC instant when the zone is known and says so when it is not, rather
// than inventing one silently.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sipur {

struct ParsedTime {
  std::int64_t epoch_seconds = 0;  // UTC if zone_known, else the wall-clock time read as UTC
  bool zone_known = false;
};

// Accepts YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH[:]MM], a space in
// place of 'T', and RFC 1123 dates ("Tue, 02 Apr 2019 10:00:00 GMT").
[[nodiscard]] std::optional<ParsedTime> parse_time(std::string_view text);

// "2019-04-02T10:00:00Z" when zone_known, else "2019-04-02T10:00:00".
[[nodiscard]] std::string format_time(const ParsedTime& time);

}  // namespace sipur
