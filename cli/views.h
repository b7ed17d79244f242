// What the CLI's read-only views (`events`, `stories`, `explain`, `dups`)
// share beyond the views library (src/views), which reads the store: text
// made safe and aligned for a terminal, and writing it out.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "store/store.h"
#include "views/catalog.h"

namespace sipur::cli {

// The views library's events and stories, as the commands name them.
using views::event_json;
using views::EventView;
using views::group_stories;
using views::json_line;
using views::load_events;
using views::story_json;
using views::StoryView;
using views::time_text;

// x with three decimals, "0.512": how scores are shown.
[[nodiscard]] std::string three_decimals(double x);

// Untrusted text for a terminal: control characters (C0, DEL, C1) cannot
// move the cursor or start an escape sequence; tabs and line breaks become
// spaces, the others are dropped; invalid UTF-8 becomes U+FFFD.
[[nodiscard]] std::string terminal_safe(std::string_view text);

// terminal_safe(text) cut to at most `width` code points (whole characters,
// an ellipsis marking the cut) and, when `pad`, padded with spaces to width.
enum class Pad { kNo, kYes };
[[nodiscard]] std::string fit(std::string_view text, std::size_t width, Pad pad);

[[nodiscard]] std::size_t code_points(std::string_view text);

[[nodiscard]] std::string join(const std::vector<std::string>& items, std::string_view separator);

// Rows of cells printed as columns two spaces apart, each as wide as its
// widest cell in code points (cells are already cut with fit()). The last
// column is not padded, so a long list can end a row.
class Table {
 public:
  enum class Align { kLeft, kRight };
  struct Column {
    std::string name;
    Align align = Align::kLeft;
  };
  explicit Table(std::vector<Column> columns) : columns_(std::move(columns)) {}
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  [[nodiscard]] std::string render() const;

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
};

// Writes text to stdout and flushes; false if the write failed (a closed
// pipe, a full disk), which stdout_written has then said on stderr.
[[nodiscard]] bool put(const std::string& text);

// Flushes stdout; false, saying so on stderr, if anything written to it so
// far was lost. Commands that write line by line check once at the end.
[[nodiscard]] bool stdout_written();

}  // namespace sipur::cli
