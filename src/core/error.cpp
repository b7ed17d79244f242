#include "core/error.h"

#include <cstdio>

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
  }
  return "unknown";
}

std::string Location::describe() const {
  // Built with snprintf: GCC 12 warns falsely (-Wrestrict) on the
  // equivalent chain of std::string appends.
  char suffix[64] = "";
  if (line > 0 && has_offset) {
    std::snprintf(suffix, sizeof suffix, ":%llu (byte %llu)", static_cast<unsigned long long>(line),
                  static_cast<unsigned long long>(offset));
  } else if (line > 0) {
    std::snprintf(suffix, sizeof suffix, ":%llu", static_cast<unsigned long long>(line));
  } else if (has_offset) {
    std::snprintf(suffix, sizeof suffix, " (byte %llu)", static_cast<unsigned long long>(offset));
  }
  std::string out = file.empty() ? std::string("<input>") : file;
  out += suffix;
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
