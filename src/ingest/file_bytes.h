// Reading a whole input file with the checks every whole-file reader needs.
#pragma once

#include <cstddef>
#include <string>

#include "core/error.h"

namespace sipur::ingest {

// The file's bytes, or kNotFound / kIo / kTooLarge (over max_bytes) /
// kEmptyInput, each naming the file.
[[nodiscard]] Result<std::string> read_file_bytes(const std::string& path, std::size_t max_bytes);

// Checks that bytes are text: kBinaryInput, or kInvalidUtf8 with the line
// and byte offset of the first bad byte.
[[nodiscard]] Status check_utf8_text(std::string_view bytes, const std::string& name);

}  // namespace sipur::ingest
