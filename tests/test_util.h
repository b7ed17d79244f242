// Helpers for tests: a private temporary directory per test, file writing,
// running the sipur binary, and locating ../shared (skipping when absent).
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace sipur::testing {

// A fresh directory removed at the end of the test.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  [[nodiscard]] std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

void write_file(const std::string& path, const std::string& bytes);
[[nodiscard]] std::string read_file(const std::string& path);

struct CommandResult {
  int status = -1;
  std::string out;
  std::string err;
};

// Runs the sipur binary with arguments (shell-quoted here), capturing output.
[[nodiscard]] CommandResult run_sipur(const std::string& args, const TempDir& dir);

// One parsed JSON value per line of `text` (throws on a malformed line).
[[nodiscard]] std::vector<nlohmann::json> parse_jsonl(const std::string& text);

// ../shared beside the project, or "" (the caller then GTEST_SKIPs).
[[nodiscard]] std::string shared_dir();

}  // namespace sipur::testing

// `dir` names the variable the macro declares, so it cannot be parenthesized.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define SKIP_WITHOUT_SHARED(dir)                          \
  const std::string dir = ::sipur::testing::shared_dir(); \
  if (dir.empty()) GTEST_SKIP() << "../shared is absent: evaluation data not available here"
// NOLINTEND(bugprone-macro-parentheses)
