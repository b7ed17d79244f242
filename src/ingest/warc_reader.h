// WARC archives (.warc and .warc.gz, ISO 28500): every `response` record
// whose HTTP payload is HTML becomes an Article, with URL and date from the
// WARC headers. Streams the file; memory is bounded by the largest record.
#pragma once

#include <string>

#include "ingest/reader.h"

namespace sipur::ingest {

void read_warc_file(const std::string& path, const ReadOptions& options, ReadSink& sink);

}  // namespace sipur::ingest
