// Internal to the HTML reader: page metadata. Collects meta tags, <title>,
// the first <h1>, the canonical link, JSON-LD blocks and the content root
// candidates in one walk, then turns them (with the container's hints) into
// an Article's title, lead, url, source and publication time.
#pragma once

#include <gumbo.h>

#include <map>
#include <string>
#include <vector>

#include "core/article.h"
#include "ingest/html_reader.h"

namespace sipur::ingest::detail {

struct PageMeta {
  std::map<std::string, std::string> meta;  // lowercased property/name/itemprop -> first value
  std::string title_tag;
  std::string first_h1;
  std::string canonical;
  std::vector<std::string> json_ld;
  const GumboNode* article_body = nullptr;  // first itemprop=articleBody
  std::vector<const GumboNode*> articles;   // outermost <article>s
  const GumboNode* main = nullptr;
  const GumboNode* body = nullptr;
};

PageMeta collect_meta(const GumboNode* document);

// Sets title (site name suffix stripped), lead, url and source; hints win over the page.
void fill_metadata(Article& article, const PageMeta& page, const HtmlHints& hints);

// Sets published, published_utc, published_zone_known and published_source from the first time that
// parses and is plausible (ingest/page_time.h): hints.published ("given"), JSON-LD datePublished
// ("json-ld"), date metadata ("meta"), the first <time datetime> of `content`, else of the page
// ("time-element"), the URL's date ("url"), a dateline at the start of article.raw_body ("dateline"),
// and last hints.published_fallback ("crawl-date"). An implausible time is dropped with a warning in
// article.warnings. Leaves them unset if nothing is left.
void fill_published(Article& article, const PageMeta& page, const HtmlHints& hints, const GumboNode* content);

}  // namespace sipur::ingest::detail
