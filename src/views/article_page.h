// One article as a reader sees it: its clean text, what cleaning removed,
// its event and story, its copies with the passages they share, and, on
// request, its analysis. What the server's GET /v1/articles/{id} shows.
//
// Offsets. The store keeps a copy relation's passages as byte spans of
// views::copy_text() (title, blank line, body) of each article. Here they
// become byte spans of each article's clean body (`text`, the field
// `sipur export articles` also calls text): `start`/`end` index this
// article's text, `other_start`/`other_end` the other article's, both
// half-open, on UTF-8 character boundaries. The part of a passage that lies
// in a title is cut off; a side that lies wholly in its title has null
// offsets.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/analyzer.h"
#include "core/article.h"
#include "core/error.h"
#include "store/store.h"

namespace sipur::views {

struct Span {
  std::uint64_t begin = 0, end = 0;
};

struct SharedPassage {
  std::optional<Span> here;   // in this article's text
  std::optional<Span> other;  // in the other article's text
};

struct ArticleCopy {
  std::string other;
  std::string other_title;
  std::string kind;
  double score = 0;
  bool source = false;  // this article is the source (earlier) side
  std::vector<SharedPassage> passages;
};

struct ArticlePage {
  Article article;
  std::string event;  // "" while not clustered
  std::string story;
  std::vector<ArticleCopy> copies;  // by source then copy id
};

// nullopt if no article has the id.
[[nodiscard]] Result<std::optional<ArticlePage>> article_page(store::Store& store, const std::string& id);

// A span of copy_text(article) as a span of its body: cut to the body;
// nullopt when no part of it is in the body.
[[nodiscard]] std::optional<Span> body_span(const Article& article, std::uint64_t begin, std::uint64_t end);

// {"id","source","url","lang","published","title","text","event","story",
//  "removed":[{"kind","text"}],
//  "copies":[{"other","other_title","kind","score","passages":[{"start","end","other_start","other_end"}]}]}
[[nodiscard]] nlohmann::ordered_json article_page_json(const ArticlePage& page);

// The article's tokens as `analyzer` reads them: [{"field":"title"|"text",
// "start","end" (bytes in that field),"surface","lemma","match","flags":[..]}].
[[nodiscard]] Result<nlohmann::ordered_json> analysis_json(const Article& article, analysis::Analyzer& analyzer);

}  // namespace sipur::views
