// The WARC record parser behind read_warc_file, exposed over an in-memory
// buffer so the fuzzer (and tests) can drive it without touching the disk.
// Same parser, same rejects; only the byte source differs.
#pragma once

#include <string>
#include <string_view>

#include "ingest/reader.h"

namespace sipur::ingest {

// Parses plain (uncompressed) WARC bytes. `name` is used as the file name in
// rejects and in Article::origin.
void read_warc_bytes(std::string_view bytes, const std::string& name, const ReadOptions& options, ReadSink& sink);

}  // namespace sipur::ingest
