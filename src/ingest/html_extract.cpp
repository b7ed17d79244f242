// Parsing the evaluation's extraction settings (declared in html_extract.h).
#include "ingest/html_extract.h"

#include <charconv>
#include <string>

namespace sipur::ingest {

Result<ExtractOptions> parse_extract_tuning(std::string_view text) {
  ExtractOptions options;
  while (!text.empty()) {
    const std::size_t comma = text.find(',');
    const std::string_view item = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    if (item.empty()) continue;
    const std::size_t eq = item.find('=');
    const std::string name(item.substr(0, eq));
    const std::string value(eq == std::string_view::npos ? std::string_view{} : item.substr(eq + 1));
    double number = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (eq == std::string_view::npos || ec != std::errc{} || end != value.data() + value.size()) {
      return make_error(ErrorKind::kUsage, "bad extraction setting '" + std::string(item) + "' (name=number)");
    }
    if (name == "other_weight") {
      options.other_weight = number;
    } else if (name == "link_weight") {
      options.link_weight = number;
    } else if (name == "furniture_weight") {
      options.furniture_weight = number;
    } else if (name == "name_share") {
      options.name_share = number;
    } else if (name == "named_prose") {
      options.named_prose = number;
    } else if (name == "leads") {
      options.leads = static_cast<int>(number);
    } else if (name == "byline_chars") {
      options.byline_chars = number;
    } else if (name == "microdata") {
      options.microdata = static_cast<int>(number);
    } else {
      return make_error(ErrorKind::kUsage, "unknown extraction setting '" + name + "'");
    }
  }
  return options;
}

}  // namespace sipur::ingest
