// Small UTF-8 helpers used at every boundary where bytes become text.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sipur::text {

// Offset of the first byte that is not part of well-formed UTF-8
// (overlongs, surrogates and code points above U+10FFFF are ill-formed),
// or nullopt when the whole input is valid.
[[nodiscard]] std::optional<std::size_t> first_invalid_utf8(std::string_view bytes);

// True when every byte is ASCII (then it is also valid UTF-8).
[[nodiscard]] inline bool is_ascii(std::string_view bytes) {
  for (const char c : bytes) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// ASCII whitespace: space, tab, newline, carriage return, form feed,
// vertical tab (where text is split into words byte by byte).
[[nodiscard]] inline bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Decodes the multi-byte code point at pos; next_code_point's slow path.
[[nodiscard]] char32_t next_multibyte_code_point(std::string_view s, std::size_t& pos);

// Decodes the code point at pos (which must be valid UTF-8) and advances pos.
// Inline for ASCII, which is most of what passes through here.
[[nodiscard]] inline char32_t next_code_point(std::string_view s, std::size_t& pos) {
  const auto c = static_cast<unsigned char>(s[pos]);
  if (c < 0x80) {
    ++pos;
    return c;
  }
  return next_multibyte_code_point(s, pos);
}

void append_utf8(std::string& out, char32_t cp);

// True if the first 8 KiB look like binary data (NUL bytes or many control
// characters), the usual test of text tools.
[[nodiscard]] bool looks_binary(std::string_view bytes);

// Strips a leading UTF-8 byte-order mark, if any; returns how many bytes went.
std::size_t strip_bom(std::string_view& bytes);

}  // namespace sipur::text
