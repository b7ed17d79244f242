#include "core/json_out.h"

#include <gtest/gtest.h>

#include <limits>
#include <nlohmann/json.hpp>

namespace sipur {
namespace {

TEST(JsonOut, EscapesQuotesBackslashesAndControlCharacters) {
  std::string out;
  append_json_string(out, "a\"b\\c\nd\x01");
  EXPECT_EQ(out, R"("a\"b\\c\u000ad\u0001")");
  EXPECT_EQ(nlohmann::json::parse(out).get<std::string>(), "a\"b\\c\nd\x01");
}

TEST(JsonOut, KeepsHebrewAndReplacesIllFormedBytes) {
  std::string out;
  append_json_string(out,
                     "שלום\xff"
                     "x\xc3");  // a stray byte, then a truncated sequence
  const auto parsed = nlohmann::json::parse(out).get<std::string>();
  EXPECT_EQ(parsed, "שלום\xEF\xBF\xBDx\xEF\xBF\xBD");
}

TEST(JsonOut, NumbersAreShortAndNonFiniteIsNull) {
  std::string out;
  append_json_number(out, 0.23574389809655844);
  out.push_back(' ');
  append_json_number(out, std::numeric_limits<double>::quiet_NaN());
  out.push_back(' ');
  append_json_number(out, 1);
  EXPECT_EQ(out, "0.235744 null 1");
}

TEST(JsonOut, StringArrays) {
  std::string out;
  append_json_strings(out, {"e1", "ס\"1"});
  EXPECT_EQ(nlohmann::json::parse(out), nlohmann::json::array({"e1", "ס\"1"}));
  out.clear();
  append_json_strings(out, {});
  EXPECT_EQ(out, "[]");
}

}  // namespace
}  // namespace sipur
