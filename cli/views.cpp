#include "cli/views.h"

#include <algorithm>
#include <cstdio>

#include "text/utf8.h"

namespace sipur::cli {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::string_view kEllipsis = "\xE2\x80\xA6";     // U+2026

// Bytes in the UTF-8 sequence that starts with c; 0 for a byte no sequence starts with.
std::size_t sequence_length(char c) {
  const auto b = static_cast<unsigned char>(c);
  if (b < 0x80) return 1;
  if ((b & 0xE0) == 0xC0) return 2;
  if ((b & 0xF0) == 0xE0) return 3;
  if ((b & 0xF8) == 0xF0) return 4;
  return 0;
}

}  // namespace

std::string three_decimals(double x) {
  char buf[32];
  const int n = std::snprintf(buf, sizeof buf, "%.3f", x);
  return n > 0 ? std::string(buf, std::min<std::size_t>(static_cast<std::size_t>(n), sizeof buf - 1)) : "?";
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
