// What all readers share: where articles and rejects go, and the limits a
// reader enforces. Each reader streams records into a ReadSink; a bad record
// becomes a reject with its location and the reader goes on with the next.
#pragma once

#include <cstddef>
#include <functional>
#include <utility>

#include "core/article.h"
#include "core/error.h"
#include "ingest/html_extract.h"

namespace sipur::ingest {

struct ReadOptions {
  // Where readers report what they noticed and went on past (Article::warnings: bytes replaced,
  // an implausible time dropped), as each article is delivered; nothing if unset.
  std::function<void(const Error&)> on_warning;
  std::size_t max_file_bytes = std::size_t{512} << 20;   // whole-file formats (.txt, .html)
  std::size_t max_record_bytes = std::size_t{32} << 20;  // one JSONL line, one WARC record
  ExtractOptions extract;                                // main text of HTML pages
};

struct ReadSink {
  std::function<void(Article&&)> on_article;
  std::function<void(Error&&)> on_reject;
};

// Reports the article's warnings to options.on_warning, then hands it to the sink.
inline void deliver(Article&& article, const ReadOptions& options, ReadSink& sink) {
  if (options.on_warning) {
    for (const Error& warning : article.warnings) options.on_warning(warning);
  }
  if (sink.on_article) sink.on_article(std::move(article));
}

}  // namespace sipur::ingest
