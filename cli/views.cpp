#include "cli/views.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "core/time.h"
#include "text/utf8.h"

namespace sipur::cli {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::string_view kEllipsis = "\xE2\x80\xA6";     // U+2026

Result<std::vector<std::string>> string_array(const std::string& stored, const std::string& what) {
  const auto parsed = nlohmann::json::parse(stored, nullptr, false);
  std::vector<std::string> out;
  if (parsed.is_array()) {
    for (const auto& item : parsed) {
      if (!item.is_string()) break;
      out.push_back(item.get<std::string>());
    }
    if (out.size() == parsed.size()) return out;
  }
  return make_error(ErrorKind::kStorage, what + " is not a JSON array of strings");
}

// The number in "s12"; nullopt for an id of another shape.
std::optional<std::uint64_t> story_number(const std::string& id) {
  if (id.size() < 2 || id.size() > 19 || id[0] != 's') return std::nullopt;
  std::uint64_t n = 0;
  for (std::size_t i = 1; i < id.size(); ++i) {
    if (id[i] < '0' || id[i] > '9') return std::nullopt;
    n = n * 10 + static_cast<std::uint64_t>(id[i] - '0');
  }
  return n;
}

// Bytes in the UTF-8 sequence that starts with c; 0 for a byte no sequence starts with.
std::size_t sequence_length(char c) {
  const auto b = static_cast<unsigned char>(c);
  if (b < 0x80) return 1;
  if ((b & 0xE0) == 0xC0) return 2;
  if ((b & 0xF0) == 0xE0) return 3;
  if ((b & 0xF8) == 0xF0) return 4;
  return 0;
}

nlohmann::ordered_json time_json(std::optional<std::int64_t> t) {
  return t ? nlohmann::ordered_json(time_text(t)) : nlohmann::ordered_json();
}

}  // namespace

Result<std::vector<EventView>> load_events(store::Store& store) {
  std::vector<EventView> events;
  std::optional<Error> damaged;
  const Status status = store.for_each_event([&](const store::EventRow& row) {
    if (damaged) return;
    Result<std::vector<std::string>> terms = string_array(row.terms, "event " + row.id + ": terms");
    Result<std::vector<std::string>> entities = string_array(row.entities, "event " + row.id + ": entities");
    if (!terms || !entities) {
      damaged = terms ? entities.error() : terms.error();
      return;
    }
    events.push_back({row.id, row.story, row.label, std::move(terms).value(), std::move(entities).value(), row.size,
                      row.first, row.last});
  });
  if (!status) return status.error();
  if (damaged) return *damaged;
  return events;
}

std::vector<StoryView> group_stories(const std::vector<EventView>& events) {
  std::map<std::string, StoryView> by_id;
  std::map<std::string, std::int64_t> largest;  // story -> size of the event its label comes from
  std::map<std::string, std::map<std::string, std::int64_t>> entity_weight;
  for (const EventView& e : events) {
    StoryView& s = by_id[e.story];
    s.id = e.story;
    s.events.push_back(e.id);
    s.size += e.size;
    if (e.first && (!s.first || *e.first < *s.first)) s.first = e.first;
    if (e.last && (!s.last || *e.last > *s.last)) s.last = e.last;
    // Events come in number order, so strictly larger keeps the lower number on ties.
    if (const auto it = largest.find(e.story); it == largest.end() || e.size > it->second) {
      largest[e.story] = e.size;
      s.label = e.label;
    }
    for (const std::string& entity : e.entities) entity_weight[e.story][entity] += e.size;
  }
  std::vector<StoryView> stories;
  for (auto& [id, s] : by_id) {
    std::vector<std::pair<std::int64_t, std::string>> weighted;
    for (const auto& [entity, weight] : entity_weight[id]) weighted.emplace_back(weight, entity);
    std::stable_sort(weighted.begin(), weighted.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
    for (std::size_t i = 0; i < weighted.size() && i < 5; ++i) s.entities.push_back(weighted[i].second);
    stories.push_back(std::move(s));
  }
  std::stable_sort(stories.begin(), stories.end(), [](const StoryView& x, const StoryView& y) {
    const auto nx = story_number(x.id);
    const auto ny = story_number(y.id);
    if (nx && ny) return *nx < *ny;
    return nx.has_value() && !ny.has_value();  // ids of another shape last, in id order
  });
  return stories;
}

nlohmann::ordered_json event_json(const EventView& e) {
  return {{"id", e.id},
          {"story", e.story},
          {"size", e.size},
          {"first", time_json(e.first)},
          {"last", time_json(e.last)},
          {"label", e.label},
          {"terms", e.terms},
          {"entities", e.entities}};
}

nlohmann::ordered_json story_json(const StoryView& s) {
  return {{"id", s.id},
          {"events", s.events},
          {"size", s.size},
          {"first", time_json(s.first)},
          {"last", time_json(s.last)},
          {"label", s.label},
          {"entities", s.entities}};
}

std::string json_line(const nlohmann::ordered_json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string three_decimals(double x) {
  char buf[32];
  const int n = std::snprintf(buf, sizeof buf, "%.3f", x);
  return n > 0 ? std::string(buf, std::min<std::size_t>(static_cast<std::size_t>(n), sizeof buf - 1)) : "?";
}

std::string time_text(std::optional<std::int64_t> epoch_seconds) {
  if (!epoch_seconds) return "-";
  return format_time(ParsedTime{*epoch_seconds, true});
}

std::string terminal_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t length = sequence_length(text[pos]);
    const std::string_view sequence = text.substr(pos, length);
    if (length == 0 || sequence.size() < length || text::first_invalid_utf8(sequence)) {
      out.append(kReplacement);
      ++pos;
      continue;
    }
    pos += length;
    std::size_t at = 0;
    const char32_t cp = text::next_code_point(sequence, at);
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
      if (cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f') out.push_back(' ');
      continue;
    }
    out.append(sequence);
  }
  return out;
}

std::size_t code_points(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string fit(std::string_view text, std::size_t width, Pad pad) {
  std::string out = terminal_safe(text);
  std::size_t count = code_points(out);
  if (count > width) {
    // Keep width - 1 whole characters and mark the cut.
    std::size_t kept = 0;
    std::size_t cut = 0;
    while (cut < out.size() && kept + 1 < width) {
      cut += std::max<std::size_t>(1, sequence_length(out[cut]));
      ++kept;
    }
    out.resize(std::min(cut, out.size()));
    if (width > 0) out.append(kEllipsis);
    count = width;
  }
  if (pad == Pad::kYes) out.append(width - count, ' ');
  return out;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out.append(separator);
    out.append(item);
  }
  return out;
}

std::string Table::render() const {
  std::vector<std::size_t> widths;
  for (const Column& c : columns_) widths.push_back(code_points(c.name));
  for (const auto& row : rows_) {
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], code_points(row[i]));
    }
  }
  std::string out;
  auto line = [&](const std::vector<std::string>& cells) {
    std::string text;
    for (std::size_t i = 0; i < cells.size() && i < widths.size(); ++i) {
      const std::size_t gap = widths[i] - code_points(cells[i]);
      const bool last = i + 1 == widths.size();
      if (i > 0) text.append("  ");
      if (columns_[i].align == Align::kRight) text.append(gap, ' ');
      text.append(cells[i]);
      if (columns_[i].align == Align::kLeft && !last) text.append(gap, ' ');
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out.append(text).push_back('\n');
  };
  std::vector<std::string> header;
  for (const Column& c : columns_) header.push_back(c.name);
  line(header);
  for (const auto& row : rows_) line(row);
  return out;
}

bool put(const std::string& text) {
  (void)std::fwrite(text.data(), 1, text.size(), stdout);  // a short write sets stdout's error flag
  return stdout_written();
}

bool stdout_written() {
  if (std::fflush(stdout) == 0 && !std::ferror(stdout)) return true;
  (void)std::fputs("sipur: writing to standard output failed\n", stderr);
  return false;
}

}  // namespace sipur::cli
