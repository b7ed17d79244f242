// From command-line inputs to readers: directories are walked recursively
// in sorted order (deterministic ids and clusters), each file goes to the
// reader its extension names, and files with other extensions are sniffed.
#pragma once

#include <string>
#include <vector>

#include "ingest/reader.h"

namespace sipur::ingest {

enum class Format { kText, kJsonl, kHtml, kWarc, kSniff };

[[nodiscard]] Format format_for_path(const std::string& path);

struct InputFile {
  std::string path;
  Format format = Format::kSniff;
};

// Expands files and directories ("-" is standard input, read as JSONL).
// Paths that do not exist or cannot be walked are reported to sink.on_reject.
[[nodiscard]] std::vector<InputFile> expand_inputs(const std::vector<std::string>& args, ReadSink& sink);

void read_input(const InputFile& input, const ReadOptions& options, ReadSink& sink);

}  // namespace sipur::ingest
