// Publication dates a web page gives outside its metadata: in its URL
// (/2019/04/02/, -2019-04-02, /20190402/) and in a dateline at the start of
// its text ("02.04.2019", "April 2, 2019", "2. April 2019", "2 avril 2019").
// Both give a day, never a time of day or a zone.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/time.h"

namespace sipur::ingest {

// The first date in the URL's path, or nullopt.
[[nodiscard]] std::optional<ParsedTime> date_in_url(std::string_view url);

// A date within the first words of `text` (a dateline or byline above the text), or nullopt.
[[nodiscard]] std::optional<ParsedTime> dateline(std::string_view text);

// Times before 1990 or more than a day after `reference` (the crawl's time, or now) are not
// publication times: placeholders (1970-01-01), typos, or far-future dates.
[[nodiscard]] bool plausible_publication(const ParsedTime& time, std::int64_t reference);

}  // namespace sipur::ingest
