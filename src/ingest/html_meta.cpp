// Internal to the HTML reader: page metadata (declared in html_meta.h).
#include "ingest/html_meta.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <utility>

#include "core/time.h"
#include "ingest/html_dom.h"
#include "ingest/page_time.h"

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

// A publication time the page offers, and where it says so (Article::published_source).
struct TimeCandidate {
  std::string text;
  std::string_view source;
};

// The page's own publication times in order of trust: JSON-LD, then the date metadata.
void metadata_times(const PageMeta& page, std::vector<TimeCandidate>& out) {
  static constexpr std::array<std::string_view, 10> kKeys = {
      "article:published_time", "og:published_time", "datepublished", "pubdate",         "publishdate", "date",
      "dc.date.issued",         "dc.date",           "sailthru.date", "parsely-pub-date"};
  std::vector<std::string> ld;
  for (const std::string& block : page.json_ld) {
    const auto json = nlohmann::json::parse(block, nullptr, /*allow_exceptions=*/false);
    if (!json.is_discarded()) ld_dates(json, 0, ld);
  }
  for (std::string& date : ld) out.push_back({std::move(date), "json-ld"});
  for (const std::string_view key : kKeys) {
    if (const auto it = page.meta.find(std::string(key)); it != page.meta.end()) out.push_back({it->second, "meta"});
  }
}

// The first <time datetime> under `root`.
std::optional<std::string> first_time_element(const GumboNode* root) {
  std::optional<std::string> out;
  walk(root, [&out](const GumboNode* n) {
    if (out || !is_element(n)) return n->type == GUMBO_NODE_DOCUMENT;
    if (tag_of(n) == GUMBO_TAG_TIME && has_attr(n, "datetime")) out = std::string(attr(n, "datetime"));
    return !out;
  });
  return out;
}

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

void set_time(Article& article, const ParsedTime& time, std::string_view source) {
  article.published = format_time(time);
  article.published_utc = time.epoch_seconds;
  article.published_zone_known = time.zone_known;
  article.published_source = std::string(source);
}

// ---------------------------------------------------------------- title, url, source

std::string meta_value(const PageMeta& page, std::string_view key) {
  const auto it = page.meta.find(std::string(key));
  return it == page.meta.end() ? std::string() : it->second;
}

// Lowercase letters and digits only: "Die ZEIT" and "zeit.de" compare as "diezeit", "zeitde".
std::string letters_of(std::string_view s) {
  std::string out;
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) out.push_back(c);
    if (c >= 'A' && c <= 'Z') out.push_back(static_cast<char>(c - 'A' + 'a'));
  }
  return out;
}

// Whether a part of a title names the site: its og:site_name, or the brand of its host
// ("spiegel" of spiegel.de, "ynet" of ynet.co.il).
bool names_site(std::string_view part, const std::vector<std::string>& sites) {
  const std::string letters = letters_of(part);
  if (letters.empty()) return false;
  for (const std::string& site : sites) {
    const std::string name = letters_of(site);
    if (name.size() < 3) continue;
    // The part is the name, holds it ("SPIEGEL ONLINE"), or is most of it ("Haaretz" of "Haaretz.com").
    if (letters.find(name) != std::string::npos ||
        (letters.size() * 3 >= name.size() * 2 && name.find(letters) != std::string::npos)) {
      return true;
    }
  }
  return false;
}

constexpr std::array<std::string_view, 10> kTitleSeparators = {
    " | ", " - ", " \u2013 ", " \u2014 ", " :: ", " \u00B7 ", " \u00BB ", " \u00AB ", " / ", " || "};

// The title without the site's name before or after it ("Storm hits the coast | The Example Times").
std::string strip_site_name(std::string title, const std::vector<std::string>& sites) {
  for (int round = 0; round < 2; ++round) {
    bool cut = false;
    for (const std::string_view separator : kTitleSeparators) {
      const std::size_t last = title.rfind(separator);
      if (last != std::string::npos && last > 0 &&
          names_site(std::string_view(title).substr(last + separator.size()), sites)) {
        title = trimmed(std::string_view(title).substr(0, last));
        cut = true;
        break;
      }
      const std::size_t first = title.find(separator);
      if (first != std::string::npos && first + separator.size() < title.size() &&
          names_site(std::string_view(title).substr(0, first), sites)) {
        title = trimmed(std::string_view(title).substr(first + separator.size()));
        cut = true;
        break;
      }
    }
    if (!cut) break;
  }
  return title;
}

// The site's brand in its host: "spiegel" of www.spiegel.de, "walla" of news.walla.co.il.
std::string host_brand(std::string_view host) {
  std::vector<std::string_view> labels;
  for (std::size_t from = 0; from <= host.size();) {
    const std::size_t dot = std::min(host.find('.', from), host.size());
    labels.push_back(host.substr(from, dot - from));
    from = dot + 1;
  }
  if (labels.size() < 2) return "";
  labels.pop_back();  // the top-level domain
  static constexpr std::array<std::string_view, 9> kSecondLevel = {"co",  "com", "org", "net", "ac",
                                                                   "gov", "or",  "ne",  "edu"};
  if (labels.size() >= 2 && std::find(kSecondLevel.begin(), kSecondLevel.end(), labels.back()) != kSecondLevel.end()) {
    labels.pop_back();
  }
  return std::string(labels.back());
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
  article.lead = meta_value(page, "description");
  if (article.lead.empty()) article.lead = meta_value(page, "og:description");
  article.url = first_nonempty({hints.url, meta_value(page, "og:url"), page.canonical});
  article.source = first_nonempty({hints.source, site, url_host(article.url)});
  std::vector<std::string> sites;
  for (const std::string& name : {site, meta_value(page, "application-name"), hints.source}) {
    if (!name.empty()) sites.push_back(name);
  }
  if (const std::string brand = host_brand(url_host(article.url)); !brand.empty()) sites.push_back(brand);
  // og:title, else the headline (<h1>) when <title> holds it, else <title>; each without the site's name.
  std::string title =
      strip_site_name(first_nonempty({meta_value(page, "og:title"), meta_value(page, "twitter:title")}), sites);
  if (title.empty()) {
    const std::string tag = strip_site_name(page.title_tag, sites);
    const std::string h1 = collapse(page.first_h1);
    const bool h1_in_tag = letters_of(h1).size() >= 8 && letters_of(tag).find(letters_of(h1)) != std::string::npos;
    title = tag.empty() || h1_in_tag ? h1 : tag;
    if (title.empty()) title = tag;
  }
  article.title = std::move(title);
}

void fill_published(Article& article, const PageMeta& page, const HtmlHints& hints, const GumboNode* content) {
  // What the container says wins, as given.
  if (!hints.published.empty()) {
    if (const auto given = parse_time(hints.published)) return set_time(article, *given, "given");
  }
  const std::optional<ParsedTime> crawl =
      hints.published_fallback.empty() ? std::nullopt : parse_time(hints.published_fallback);
  const std::int64_t reference = crawl ? crawl->epoch_seconds : now_seconds();
  std::vector<TimeCandidate> candidates;
  metadata_times(page, candidates);
  if (auto time = first_time_element(content)) candidates.push_back({std::move(*time), "time-element"});
  if (page.body != nullptr && page.body != content) {
    if (auto time = first_time_element(page.body)) candidates.push_back({std::move(*time), "time-element"});
  }
  for (const TimeCandidate& candidate : candidates) {
    const auto parsed = parse_time(candidate.text);
    if (!parsed) continue;
    if (!plausible_publication(*parsed, reference)) {
      article.warnings.push_back(
          make_error(ErrorKind::kInvalidInput,
                     "implausible publication time '" + candidate.text + "' (" + std::string(candidate.source) +
                         "): before 1990 or more than a day after " + (crawl ? "the crawl" : "now") + "; dropped",
                     hints.where));
      continue;
    }
    return set_time(article, *parsed, candidate.source);
  }
  // The day the URL or a dateline names (no time of day, no zone).
  if (const auto day = date_in_url(article.url); day && plausible_publication(*day, reference)) {
    return set_time(article, *day, "url");
  }
  std::string bylines;
  for (const Removed& r : article.removed) {
    if (r.kind == "byline") bylines += r.text + "\n";
  }
  for (const std::string_view text : {std::string_view(bylines), std::string_view(article.raw_body)}) {
    if (const auto day = dateline(text); day && plausible_publication(*day, reference)) {
      return set_time(article, *day, "dateline");
    }
  }
  if (crawl) set_time(article, *crawl, "crawl-date");
}

}  // namespace sipur::ingest::detail
