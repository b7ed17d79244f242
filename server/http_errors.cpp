#include "server/http_errors.h"

#include <nlohmann/json.hpp>

namespace sipur::server {

int http_status(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalidInput:
    case ErrorKind::kInvalidUtf8:
    case ErrorKind::kBinaryInput:
    case ErrorKind::kEmptyInput:
    case ErrorKind::kTruncated:
    case ErrorKind::kUsage:
      return 400;
    case ErrorKind::kUnauthorized:
      return 401;
    case ErrorKind::kNotFound:
      return 404;
    case ErrorKind::kNotAllowed:
      return 405;
    case ErrorKind::kTooLarge:
      return 413;
    case ErrorKind::kUnsupported:
      return 415;
    case ErrorKind::kBusy:
      return 503;
    case ErrorKind::kIo:
    case ErrorKind::kStorage:
    case ErrorKind::kInternal:
      return 500;
  }
  return 500;
}

std::string error_message(const Error& error) {
  std::string place;
  if (error.where.line > 0) place = "line " + std::to_string(error.where.line);
  if (error.where.has_offset)
    place += (place.empty() ? "" : ", ") + std::string("byte ") + std::to_string(error.where.offset);
  return place.empty() ? error.message : place + ": " + error.message;
}

std::string error_body(const Error& error) {
  nlohmann::ordered_json inner = {{"kind", std::string(to_string(error.kind))}, {"message", error_message(error)}};
  if (error.where.line > 0) inner["line"] = error.where.line;
  if (error.where.has_offset) inner["byte"] = error.where.offset;
  return nlohmann::ordered_json{{"error", std::move(inner)}}.dump(-1, ' ', false,
                                                                  nlohmann::json::error_handler_t::replace);
}

}  // namespace sipur::server
