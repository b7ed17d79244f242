#include "ingest/article_id.h"

#include <xxhash.h>

#include <cstdio>

namespace sipur::ingest {

std::string hex_hash(std::string_view bytes) {
  const XXH64_hash_t h = XXH3_64bits(bytes.data(), bytes.size());
  char buf[17];
  (void)std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));  // 16 digits always fit
  return buf;
}

std::string derived_id(const Article& article) {
  std::string id;
  if (!article.url.empty()) {
    id.append("u").append(hex_hash(article.source + '\n' + article.url));
  } else {
    id.append("c").append(hex_hash(article.title + '\n' + article.raw_body));
  }
  return id;
}

}  // namespace sipur::ingest
