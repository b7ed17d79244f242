// What all readers share: where articles and rejects go, and the limits a
// reader enforces. Each reader streams records into a ReadSink; a bad record
// becomes a reject with its location and the reader goes on with the next.
#pragma once

#include <cstddef>
#include <functional>

#include "core/article.h"
#include "core/error.h"

namespace sipur::ingest {

struct ReadOptions {
  std::size_t max_file_bytes = std::size_t{512} << 20;   // whole-file formats (.txt, .html)
  std::size_t max_record_bytes = std::size_t{32} << 20;  // one JSONL line, one WARC record
};

struct ReadSink {
  std::function<void(Article&&)> on_article;
  std::function<void(Error&&)> on_reject;
};

}  // namespace sipur::ingest
