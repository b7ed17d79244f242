// JSONL articles, one JSON object a line:
//   {"id","source","url","lang","published","title","text"|"html"}
// Only title/text or html are required. A malformed line is a reject naming
// file and line; the lines around it are read normally.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

#include "ingest/reader.h"

namespace sipur::ingest {

// Reads a .jsonl/.ndjson file, or standard input when path is "-".
void read_jsonl_file(const std::string& path, const ReadOptions& options, ReadSink& sink);

// Reads JSONL from an open stream (not closed); `name` is used in locations.
void read_jsonl_stream(std::FILE* in, const std::string& name, const ReadOptions& options, ReadSink& sink);

// Parses one line (without its newline) into an article.
[[nodiscard]] Result<Article> parse_jsonl_record(std::string_view line, const Location& where);

}  // namespace sipur::ingest
