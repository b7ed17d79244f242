// The records the pipeline writes into the store as JSON text and the views
// read back: a clustering decision, an event's terms and entities, the
// passages two copies share. Each format has its encoder beside its decoder
// here, so that the writer (src/pipeline) and the readers (the views, the CLI,
// the server) cannot drift apart; tests/records_test.cpp round-trips them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "cluster/event_clusterer.h"
#include "core/article.h"
#include "core/error.h"
#include "dedup/passages.h"

namespace sipur::views {

// A decision as one JSON object, keys in sorted order, numbers with 6
// significant digits. Written per article, so by hand (a DOM cost more than
// the decision itself).
[[nodiscard]] std::string encode_decision(const cluster::Decision& decision);

// The stored decision as an object of fields. Kept generic: explain shows
// every number and list of strings it holds, so fields a later clusterer adds
// show without changes. kStorage if it is not a JSON object.
[[nodiscard]] Result<nlohmann::json> decode_decision(std::string_view stored, const std::string& article_id);

// Event terms and entities: a JSON array of strings.
[[nodiscard]] std::string encode_strings(const std::vector<std::string>& items);
// kStorage, naming `what`, if it is not a JSON array of strings.
[[nodiscard]] Result<std::vector<std::string>> decode_strings(std::string_view stored, const std::string& what);

// A passage two copies share: byte spans in copy_text() of the source (a)
// and of the copy (b), and how many content words it holds.
struct StoredPassage {
  std::uint64_t a_begin = 0, a_end = 0;
  std::uint64_t b_begin = 0, b_end = 0;
  std::uint64_t words = 0;
};

// [[a_begin, a_end, b_begin, b_end, words], ...]
[[nodiscard]] std::string encode_passages(const std::vector<dedup::Passage>& passages);
// The passages stored for a copy relation; an item of another shape (damage)
// is skipped, not fatal: the relation itself still stands.
[[nodiscard]] std::vector<StoredPassage> decode_passages(std::string_view stored);

// The text copy detection fingerprints and passage offsets index: the title,
// a blank line, the clean body (either alone when the other is empty).
[[nodiscard]] std::string copy_text(const Article& article);

// Where the body starts in copy_text(article): title size + 2, 0 without a
// title; the body's size past the end when the article has no body.
[[nodiscard]] std::size_t body_offset_in_copy_text(const Article& article);

}  // namespace sipur::views
