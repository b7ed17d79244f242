#include "ingest/article_id.h"

#include <xxhash.h>

#include <cstdio>

namespace sipur::ingest {

std::string hex_hash(std::string_view bytes) {
  const XXH64_hash_t h = XXH3_64bits(bytes.data(), bytes.size());
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string derived_id(const Article& article) {
  if (!article.url.empty()) return "u" + hex_hash(article.source + '\n' + article.url);
  return "c" + hex_hash(article.title + '\n' + article.raw_body);
}

}  // namespace sipur::ingest
