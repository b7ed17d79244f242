// Internal to the HTML reader: the main text. Turns the element html_content
// chose (and the lead kept apart before it) into paragraphs, moving page
// furniture (navigation, share bars, comments, captions, bylines), link lists,
// teaser lists, calls to action ("subscribe", "read more") and the repeated
// headline to Article::removed.
#pragma once

#include <gumbo.h>

#include <string>

#include "core/article.h"
#include "ingest/html_content.h"

namespace sipur::ingest::detail {

// The text of content.root (leaving out content.skipped) as blocks separated by "\n\n" (lines
// within a block by "\n"). Appends what it leaves out to article.removed; reads article.title to
// drop the headline.
std::string build_body(const PageIndex& index, const Content& content, Article& article);

}  // namespace sipur::ingest::detail
