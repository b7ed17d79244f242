// Every input a fuzzer ever crashed on (tests/fuzz_regressions/<target>/)
// runs again here, under the normal and sanitizer builds.
#include <gtest/gtest.h>

#include <filesystem>

#include "../fuzz/targets.h"
#include "test_util.h"

namespace sipur {
namespace {

TEST(FuzzRegressions, SavedInputsRunCleanly) {
  const std::filesystem::path root = SIPUR_FUZZ_REGRESSIONS;
  ASSERT_TRUE(std::filesystem::exists(root));
  int ran = 0;
  for (const auto& dir : std::filesystem::directory_iterator(root)) {
    if (!dir.is_directory()) continue;
    const fuzz::Target target = fuzz::find_target(dir.path().filename().string());
    ASSERT_NE(target, nullptr) << "no fuzz target named " << dir.path().filename();
    for (const auto& file : std::filesystem::directory_iterator(dir.path())) {
      const std::string bytes = testing::read_file(file.path().string());
      target(bytes);  // must return, not crash or trip a sanitizer
      ++ran;
    }
  }
  EXPECT_GT(ran, 0) << "the seed inputs in tests/fuzz_regressions are missing";
}

}  // namespace
}  // namespace sipur
