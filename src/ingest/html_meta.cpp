// Internal to the HTML reader: page metadata (declared in html_meta.h).
#include "ingest/html_meta.h"

#include <array>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string_view>
#include <utility>

#include "core/time.h"
#include "ingest/html_dom.h"

namespace sipur::ingest::detail {
namespace {

// ---------------------------------------------------------------- collecting

void note_meta(PageMeta& page, const GumboNode* n) {
  for (const char* key : {"property", "name", "itemprop"}) {
    const std::string name = lowercase(attr(n, key));
    if (!name.empty() && has_attr(n, "content")) page.meta.emplace(name, collapse(attr(n, "content")));
  }
}

// Only outermost <article>s compete for the content root: an outer one always holds at least
// the text of those inside it, and measuring each nested one again would be quadratic.
bool inside_article(const GumboNode* n) {
  for (const GumboNode* up = n->parent; up != nullptr; up = up->parent) {
    if (tag_of(up) == GUMBO_TAG_ARTICLE) return true;
  }
  return false;
}

// rel="canonical" among the link's space-separated rel values. (Built with += rather than
// " " + ...: GCC 12 gives a false -Wrestrict for operator+(const char*, std::string&&).)
bool is_canonical_link(const GumboNode* n) {
  std::string rel = " ";
  rel += lowercase(collapse(attr(n, "rel")));
  rel += ' ';
  return rel.find(" canonical ") != std::string::npos;
}

void note_element(PageMeta& page, const GumboNode* n) {
  const GumboTag tag = tag_of(n);
  const std::string itemprop = lowercase(attr(n, "itemprop"));
  if (tag == GUMBO_TAG_META) note_meta(page, n);
  if (itemprop.find("articlebody") != std::string::npos && page.article_body == nullptr) page.article_body = n;
  if (itemprop == "datepublished" && tag != GUMBO_TAG_META && !page.meta.contains("datepublished")) {
    const std::string_view when = has_attr(n, "datetime") ? attr(n, "datetime") : attr(n, "content");
    page.meta.emplace("datepublished", when.empty() ? measure(n).text : collapse(when));
  }
  if (n->v.element.tag_namespace != GUMBO_NAMESPACE_HTML) return;
  if (tag == GUMBO_TAG_TITLE && page.title_tag.empty()) page.title_tag = measure(n).text;
  if (tag == GUMBO_TAG_H1 && page.first_h1.empty()) page.first_h1 = measure(n).text;
  if (tag == GUMBO_TAG_LINK && page.canonical.empty() && is_canonical_link(n)) {
    page.canonical = trimmed(attr(n, "href"));
  }
  if (tag == GUMBO_TAG_SCRIPT && lowercase(trimmed(attr(n, "type"))) == "application/ld+json") {
    std::string json;
    const GumboVector& kids = n->v.element.children;
    for (unsigned i = 0; kids.data != nullptr && i < kids.length; ++i) {
      json += text_of(static_cast<const GumboNode*>(kids.data[i]));
    }
    page.json_ld.push_back(std::move(json));
  }
  if (tag == GUMBO_TAG_ARTICLE && !inside_article(n)) page.articles.push_back(n);
  if (tag == GUMBO_TAG_MAIN && page.main == nullptr) page.main = n;
  if (tag == GUMBO_TAG_BODY && page.body == nullptr) page.body = n;
}

// ---------------------------------------------------------------- publication time

// "datePublished" values of a JSON-LD block: the object itself, arrays of objects, "@graph".
void ld_dates(const nlohmann::json& j, int depth, std::vector<std::string>& out) {
  if (depth > 8) return;
  if (j.is_array()) {
    for (const auto& item : j) ld_dates(item, depth + 1, out);
  } else if (j.is_object()) {
    if (const auto it = j.find("datePublished"); it != j.end() && it->is_string()) {
      out.push_back(it->get<std::string>());
    }
    if (const auto it = j.find("@graph"); it != j.end()) ld_dates(*it, depth + 1, out);
  }
}

// Publication time candidates in order of trust; the first one that parses wins.
std::vector<std::string> date_candidates(const PageMeta& page, const HtmlHints& hints) {
  static constexpr std::array<std::string_view, 10> kKeys = {
      "article:published_time", "og:published_time", "datepublished", "pubdate",         "publishdate", "date",
      "dc.date.issued",         "dc.date",           "sailthru.date", "parsely-pub-date"};
  std::vector<std::string> out;
  if (!hints.published.empty()) out.push_back(hints.published);
  for (const std::string_view key : kKeys) {
    if (const auto it = page.meta.find(std::string(key)); it != page.meta.end()) out.push_back(it->second);
  }
  for (const std::string& block : page.json_ld) {
    const auto json = nlohmann::json::parse(block, nullptr, /*allow_exceptions=*/false);
    if (!json.is_discarded()) ld_dates(json, 0, out);
  }
  return out;
}

bool set_published(Article& article, const std::vector<std::string>& candidates) {
  for (const std::string& candidate : candidates) {
    if (const auto parsed = parse_time(candidate)) {
      article.published = format_time(*parsed);
      article.published_utc = parsed->epoch_seconds;
      article.published_zone_known = parsed->zone_known;
      return true;
    }
  }
  return false;
}

// The first <time datetime> of the main text, when the metadata named no date.
std::vector<std::string> content_time(const GumboNode* root) {
  std::vector<std::string> out;
  walk(root, [&out](const GumboNode* n) {
    if (!out.empty() || !is_element(n)) return n->type == GUMBO_NODE_DOCUMENT;
    if (tag_of(n) == GUMBO_TAG_TIME && has_attr(n, "datetime")) out.emplace_back(attr(n, "datetime"));
    return true;
  });
  return out;
}

// ---------------------------------------------------------------- title, url, source

std::string meta_value(const PageMeta& page, std::string_view key) {
  const auto it = page.meta.find(std::string(key));
  return it == page.meta.end() ? std::string() : it->second;
}

std::string strip_site_suffix(std::string title, const std::string& site) {
  if (site.empty()) return title;
  for (const std::string_view separator : {" | ", " - ", " \u2013 ", " \u2014 "}) {
    const std::string suffix = std::string(separator) + site;
    if (title.size() > suffix.size() && title.ends_with(suffix)) {
      return trimmed(title.substr(0, title.size() - suffix.size()));
    }
  }
  return title;
}

std::string url_host(std::string_view url) {
  const std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  std::string_view host = url.substr(scheme + 3);
  host = host.substr(0, host.find_first_of("/?#"));
  if (const std::size_t at = host.rfind('@'); at != std::string_view::npos) host.remove_prefix(at + 1);
  if (!host.starts_with('[')) host = host.substr(0, host.find(':'));
  std::string out = lowercase(host);
  return out.starts_with("www.") ? out.substr(4) : out;
}

std::string first_nonempty(std::initializer_list<std::string> choices) {
  for (const std::string& choice : choices) {
    if (!choice.empty()) return choice;
  }
  return "";
}

}  // namespace

PageMeta collect_meta(const GumboNode* document) {
  PageMeta page;
  walk(document, [&page](const GumboNode* n) {
    if (is_element(n)) note_element(page, n);
    return n->type == GUMBO_NODE_DOCUMENT || is_element(n);
  });
  return page;
}

void fill_metadata(Article& article, const PageMeta& page, const HtmlHints& hints) {
  const std::string site = meta_value(page, "og:site_name");
  std::string title = meta_value(page, "og:title");
  if (title.empty()) title = page.title_tag;
  if (title.empty()) title = page.first_h1;
  article.title = strip_site_suffix(std::move(title), site);
  article.lead = meta_value(page, "description");
  if (article.lead.empty()) article.lead = meta_value(page, "og:description");
  article.url = first_nonempty({hints.url, meta_value(page, "og:url"), page.canonical});
  article.source = first_nonempty({hints.source, site, url_host(article.url)});
}

void fill_published(Article& article, const PageMeta& page, const HtmlHints& hints, const GumboNode* content) {
  if (!set_published(article, date_candidates(page, hints)) && !set_published(article, content_time(content))) {
    set_published(article, {hints.published_fallback});
  }
}

}  // namespace sipur::ingest::detail
