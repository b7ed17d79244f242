#include "ingest/file_bytes.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "text/utf8.h"

namespace sipur::ingest {

Result<std::string> read_file_bytes(const std::string& path, std::size_t max_bytes) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) {
    const ErrorKind kind = ec == std::errc::no_such_file_or_directory ? ErrorKind::kNotFound : ErrorKind::kIo;
    return make_error(kind, ec.message(), {path});
  }
  if (size > max_bytes) {
    return make_error(ErrorKind::kTooLarge,
                      "file has " + std::to_string(size) + " bytes, over the limit of " + std::to_string(max_bytes),
                      {path});
  }
  if (size == 0) return make_error(ErrorKind::kEmptyInput, "empty file", {path});
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ErrorKind::kIo, "cannot open file", {path});
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (in.gcount() != static_cast<std::streamsize>(size)) {
    return make_error(ErrorKind::kIo, "short read", {path});
  }
  return bytes;
}

Status check_utf8_text(std::string_view bytes, const std::string& name) {
  if (text::looks_binary(bytes)) return make_error(ErrorKind::kBinaryInput, "binary data, not text", {name});
  if (const auto bad = text::first_invalid_utf8(bytes)) {
    const auto line =
        static_cast<std::uint64_t>(std::count(bytes.begin(), bytes.begin() + static_cast<long>(*bad), '\n')) + 1;
    return make_error(ErrorKind::kInvalidUtf8, "invalid UTF-8", {name, line, *bad, true});
  }
  return Ok{};
}

}  // namespace sipur::ingest
