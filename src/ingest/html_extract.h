// Settings of main-text extraction from HTML pages (html_body.cpp). The
// defaults are what sipur ships; eval/extraction_eval.py varies them to check,
// by sites held out, that they were not tuned to the pages they were chosen on.
#pragma once

#include <string_view>

#include "core/error.h"

namespace sipur::ingest {

struct ExtractOptions {
  // The element holding the article is the one with the most prose (blocks of 25 characters or more,
  // less than half linked) less these weights times its other text: short unlinked text (labels,
  // dates, captions), links outside prose, and furniture (navigation, share bars, comments...).
  double other_weight = 0.5;
  double link_weight = 0.5;
  double furniture_weight = 0.15;
  // Share of its prose an element gains for article-like class/id names, and again for being
  // <article> or <main>.
  double name_share = 0.1;
  // A box whose names say furniture ("widget", "ads") but that holds this much prose is text.
  double named_prose = 800;
  // itemprop="articleBody": ignored (0), taken as the article when it holds prose (1), or an element
  // whose prose counts name_share more, like article-like names (2).
  int microdata = 2;
  // A line whose names say byline, author or meta and that holds at most this many characters is
  // the byline, not the text (0: kept).
  double byline_chars = 80;
  // Whether lead paragraphs kept apart before the article's element (named lead, subtitle,
  // standfirst...) open the text (1) or are left out (0).
  int leads = 1;
};

// "name=value,name=value" over the defaults; kUsage for an unknown name or a bad value.
[[nodiscard]] Result<ExtractOptions> parse_extract_tuning(std::string_view text);

}  // namespace sipur::ingest
