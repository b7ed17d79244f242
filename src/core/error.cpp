#include "core/error.h"

#include <charconv>

namespace sipur {

std::string_view to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalidInput:
      return "invalid-input";
    case ErrorKind::kInvalidUtf8:
      return "invalid-utf8";
    case ErrorKind::kBinaryInput:
      return "binary-input";
    case ErrorKind::kEmptyInput:
      return "empty-input";
    case ErrorKind::kTooLarge:
      return "too-large";
    case ErrorKind::kTruncated:
      return "truncated";
    case ErrorKind::kUnsupported:
      return "unsupported";
    case ErrorKind::kNotFound:
      return "not-found";
    case ErrorKind::kIo:
      return "io";
    case ErrorKind::kStorage:
      return "storage";
    case ErrorKind::kUsage:
      return "usage";
    case ErrorKind::kNotAllowed:
      return "not-allowed";
    case ErrorKind::kUnauthorized:
      return "unauthorized";
    case ErrorKind::kBusy:
      return "busy";
    case ErrorKind::kInternal:
      return "internal";
  }
  return "unknown";
}

std::string Location::describe() const {
  // Digits through to_chars, not snprintf: this runs for every article read
  // (its origin), and snprintf's format parsing showed in profiles.
  std::string out = file.empty() ? std::string("<input>") : file;
  auto append_number = [&out](std::uint64_t n) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
    out.append(digits, end);
  };
  if (line > 0) {
    out += ':';
    append_number(line);
  }
  if (has_offset) {
    out.append(" (byte ");
    append_number(offset);
    out += ')';
  }
  return out;
}

std::string Error::describe() const {
  std::string out = where.describe();
  out += ": ";
  out += to_string(kind);
  out += ": ";
  out += message;
  return out;
}

}  // namespace sipur
