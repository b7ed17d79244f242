// Writing JSON by hand where a record is written per article and a DOM
// (nlohmann::json) would cost more than the rest of the record's work.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sipur {

// A JSON string literal: quotes, backslashes and control characters escaped,
// bytes that are not well-formed UTF-8 replaced by U+FFFD (as
// nlohmann::json's error_handler_t::replace does).
void append_json_string(std::string& out, std::string_view s);

// A number with 6 significant digits (enough for a score); null for NaN or
// infinity, which JSON cannot hold.
void append_json_number(std::string& out, double v);

void append_json_strings(std::string& out, const std::vector<std::string>& items);  // ["a","b"]

}  // namespace sipur
