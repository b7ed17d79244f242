// One set of error kinds for the whole engine. Expected failures (bad input,
// unreadable files, storage problems) travel as values in Result<T>; the
// server alone maps kinds to HTTP status codes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace sipur {

enum class ErrorKind {
  kInvalidInput,  // malformed record: bad JSON, missing field, wrong type
  kInvalidUtf8,   // bytes that are not UTF-8 where UTF-8 is required
  kBinaryInput,   // a file that is not text at all
  kEmptyInput,    // nothing to read
  kTooLarge,      // over a configured size limit
  kTruncated,     // input ends in the middle of a record or stream
  kUnsupported,   // a format or encoding sipur does not read
  kNotFound,      // a file, article or resource that does not exist
  kIo,            // the operating system refused a read or write
  kStorage,       // the store refused an operation
  kUsage,         // a caller asked for something contradictory
  kNotAllowed,    // an operation the resource does not offer (a method a route does not take)
  kUnauthorized,  // missing or wrong credentials
  kBusy,          // at capacity for now (a full ingest queue): try again later
  kInternal,      // a bug: an exception or a broken invariant, reported rather than crashing
};

[[nodiscard]] std::string_view to_string(ErrorKind kind);

// Where in the input a problem was found. Line is 1-based; 0 means "not a
// line-oriented input". Offset is a byte offset into the file (or the
// decompressed stream for .gz inputs).
struct Location {
  std::string file;
  std::uint64_t line = 0;
  std::uint64_t offset = 0;
  bool has_offset = false;

  [[nodiscard]] std::string describe() const;
};

struct Error {
  ErrorKind kind = ErrorKind::kInvalidInput;
  std::string message;
  Location where;

  // "file:line: invalid-utf8: message" — the form printed on stderr.
  [[nodiscard]] std::string describe() const;
};

[[nodiscard]] inline Error make_error(ErrorKind kind, std::string message, Location where = {}) {
  return Error{kind, std::move(message), std::move(where)};
}

// A value or an Error. Deliberately small: callers test ok(), then take
// value() or error().
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  [[nodiscard]] bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  [[nodiscard]] T& value() & { return std::get<T>(state_); }
  [[nodiscard]] const T& value() const& { return std::get<T>(state_); }
  [[nodiscard]] T&& value() && { return std::get<T>(std::move(state_)); }
  [[nodiscard]] const Error& error() const { return std::get<Error>(state_); }

 private:
  std::variant<T, Error> state_;
};

// Result for operations that produce nothing but may fail.
struct Ok {};
using Status = Result<Ok>;

}  // namespace sipur
