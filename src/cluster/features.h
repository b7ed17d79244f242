// What event clustering compares: an article's terms (content lemmas,
// matching form) in its title and body, its entity candidates and numbers,
// from the analysis stage.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analysis/analyzer.h"

namespace sipur::cluster {

// Each term once, with its count, in the order of its first occurrence: one
// allocation for the lot instead of a node per term, and the order the same
// input gives is the order stored and replayed.
using TermCounts = std::vector<std::pair<std::string, float>>;

struct ArticleFeatures {
  std::string id;
  std::optional<std::int64_t> published;
  std::string lang;
  std::string title;
  TermCounts title_terms;
  TermCounts body_terms;
  std::vector<std::string> entities;  // unique, sorted
  // How a term reads, where its key does not: a stemmed word's matching
  // form ("detective" for the key "detect"; see features_of), for labels
  // and explanations, by the term's place in title_terms followed by
  // body_terms. Terms not listed read as their key.
  std::vector<std::pair<std::uint32_t, std::string>> display;
};

// `tokens`: the analysis of title + "\n\n" + body; tokens that begin before
// byte `title_end` are the title's. A title that is only a dateline
// ("Friday, March 8, 2013 at 12:46 PM": numbers and date words) gives no
// title terms: it says when, not what.
[[nodiscard]] ArticleFeatures features_of(const std::vector<analysis::AnalyzedToken>& tokens, std::size_t title_end);

// The form kept in the store, so that a later run can rebuild its events:
// compact binary (written for every article, so it must be cheap).
// deserialize_features also reads the JSON form older stores hold; false on
// damaged bytes.
[[nodiscard]] std::string serialize_features(const ArticleFeatures& f);
[[nodiscard]] bool deserialize_features(const std::string& bytes, ArticleFeatures& out);

}  // namespace sipur::cluster
