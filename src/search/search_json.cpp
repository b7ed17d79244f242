#include "search/search_json.h"

namespace sipur::search {
namespace {

nlohmann::ordered_json spans_json(const std::vector<Span>& spans) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const Span& s : spans) out.push_back({s.begin, s.end});
  return out;
}

}  // namespace

nlohmann::ordered_json hit_json(const SearchHit& hit) {
  nlohmann::ordered_json j;
  j["id"] = hit.id;
  j["story"] = hit.story;
  j["event"] = hit.event;
  j["score"] = hit.score;
  j["title"] = hit.title;
  j["snippet"] = hit.snippet.text;
  j["snippet_start"] = hit.snippet.begin;
  j["highlights"] = {{"title", spans_json(hit.title_highlights)}, {"snippet", spans_json(hit.snippet.highlights)}};
  j["source"] = hit.source;
  j["lang"] = hit.lang;
  j["published"] = hit.published;
  return j;
}

nlohmann::ordered_json results_json(const SearchResults& results) {
  nlohmann::ordered_json j;
  j["query"] = results.query;
  j["notes"] = results.notes;
  j["matches"] = results.matches;
  j["unindexed"] = results.unindexed;
  nlohmann::ordered_json stories = nlohmann::ordered_json::array();
  for (const SearchGroup& g : results.groups) {
    nlohmann::ordered_json group;
    group["story"] = g.story;
    group["label"] = g.label;
    group["matches"] = g.matches;
    group["events"] = g.events;
    nlohmann::ordered_json articles = nlohmann::ordered_json::array();
    for (const SearchHit& h : g.hits) articles.push_back(hit_json(h));
    group["articles"] = std::move(articles);
    stories.push_back(std::move(group));
  }
  j["stories"] = std::move(stories);
  return j;
}

}  // namespace sipur::search
