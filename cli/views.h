// What the read-only views (`events`, `stories`, `explain`) share: events
// read from the store with their stored JSON checked, stories derived from
// them, their JSON form, and text made safe and aligned for a terminal.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "store/store.h"

namespace sipur::cli {

struct EventView {
  std::string id;
  std::string story;
  std::string label;
  std::vector<std::string> terms;
  std::vector<std::string> entities;
  std::int64_t size = 0;
  std::optional<std::int64_t> first, last;
};

struct StoryView {
  std::string id;
  std::vector<std::string> events;  // in event order
  std::int64_t size = 0;            // articles
  std::optional<std::int64_t> first, last;
  std::string label;                  // of its largest event, ties by lower event number
  std::vector<std::string> entities;  // union over its events, weighted by event size
};

// Every event in number order (e1, e2, ...). kStorage if a stored terms or
// entities value is not a JSON array of strings.
[[nodiscard]] Result<std::vector<EventView>> load_events(store::Store& store);

// Stories in number order (s1, s2, ...), each from the events that name it.
[[nodiscard]] std::vector<StoryView> group_stories(const std::vector<EventView>& events);

[[nodiscard]] nlohmann::ordered_json event_json(const EventView& e);
[[nodiscard]] nlohmann::ordered_json story_json(const StoryView& s);

// A JSON value as one line; invalid UTF-8 in stored text becomes U+FFFD.
[[nodiscard]] std::string json_line(const nlohmann::ordered_json& value);

// x with three decimals, "0.512": how scores are shown.
[[nodiscard]] std::string three_decimals(double x);

// "2019-04-02T10:00:00Z", or "-" when unknown.
[[nodiscard]] std::string time_text(std::optional<std::int64_t> epoch_seconds);

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
