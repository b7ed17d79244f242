// Internal to the HTML reader: the main text. Picks the element holding the
// article and turns it into paragraphs, moving page chrome (navigation,
// promos, share bars, related-article link lists, the repeated headline) to
// Article::removed.
#pragma once

#include <gumbo.h>

#include <string>

#include "core/article.h"
#include "ingest/html_meta.h"

namespace sipur::ingest::detail {

// itemprop=articleBody, else the <article> with the most text, else <main>, else <body>
// (else the document itself).
const GumboNode* content_root(const PageMeta& page, const GumboNode* document);

// The text under `root` as blocks separated by "\n\n" (lines within a block by "\n").
// Appends what it leaves out to article.removed; reads article.title to drop the headline.
std::string build_body(const GumboNode* root, Article& article);

}  // namespace sipur::ingest::detail
