// Plain-text articles, the layout of ../shared/seeds: the first line is the
// title when the file has more than one line, the rest is the body; the id
// is the file name without its extension.
#pragma once

#include <string>
#include <string_view>

#include "ingest/reader.h"

namespace sipur::ingest {

void read_text_file(const std::string& path, const ReadOptions& options, ReadSink& sink);

// The same, from bytes already in memory (tests, fuzzing, stdin).
[[nodiscard]] Result<Article> parse_text_article(std::string_view bytes, const std::string& name);

}  // namespace sipur::ingest
