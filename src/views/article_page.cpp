#include "views/article_page.h"

#include <algorithm>

#include "views/catalog.h"
#include "views/records.h"

namespace sipur::views {

std::optional<Span> body_span(const Article& article, std::uint64_t begin, std::uint64_t end) {
  if (article.body.empty()) return std::nullopt;
  const std::uint64_t start = body_offset_in_copy_text(article);
  const std::uint64_t stop = start + article.body.size();
  const std::uint64_t b = std::clamp(begin, start, stop);
  const std::uint64_t e = std::clamp(end, start, stop);
  if (e <= b) return std::nullopt;
  return Span{b - start, e - start};
}

Result<std::optional<ArticlePage>> article_page(store::Store& store, const std::string& id) {
  const ReadSnapshot snapshot(store);
  Result<std::optional<Article>> article = store.get(id);
  if (!article) return article.error();
  if (!article.value()) return std::optional<ArticlePage>();
  ArticlePage page;
  page.article = std::move(*article.value());
  Result<std::optional<store::AssignmentRow>> assigned = store.assignment(id);
  if (!assigned) return assigned.error();
  if (assigned.value()) {
    page.event = assigned.value()->event;
    page.story = assigned.value()->story;
  }
  std::vector<store::CopyRow> rows;
  const Status listed = store.for_each_copy_of(id, [&](const store::CopyRow& c) { rows.push_back(c); });
  if (!listed) return listed.error();
  for (const store::CopyRow& c : rows) {
    ArticleCopy copy;
    copy.source = c.a == id;
    copy.other = copy.source ? c.b : c.a;
    copy.kind = c.kind;
    copy.score = c.score;
    Result<std::optional<Article>> other = store.get(copy.other);
    if (!other) return other.error();
    const Article other_article = other.value() ? std::move(*other.value()) : Article{};
    copy.other_title = other_article.title;
    for (const StoredPassage& p : decode_passages(c.passages)) {
      const Span mine = copy.source ? Span{p.a_begin, p.a_end} : Span{p.b_begin, p.b_end};
      const Span theirs = copy.source ? Span{p.b_begin, p.b_end} : Span{p.a_begin, p.a_end};
      copy.passages.push_back(
          {body_span(page.article, mine.begin, mine.end), body_span(other_article, theirs.begin, theirs.end)});
    }
    page.copies.push_back(std::move(copy));
  }
  return std::optional<ArticlePage>(std::move(page));
}

namespace {

nlohmann::ordered_json offset(const std::optional<Span>& span, bool end) {
  if (!span) return nullptr;
  return end ? span->end : span->begin;
}

}  // namespace

nlohmann::ordered_json article_page_json(const ArticlePage& page) {
  const Article& a = page.article;
  nlohmann::ordered_json removed = nlohmann::ordered_json::array();
  for (const Removed& r : a.removed) removed.push_back({{"kind", r.kind}, {"text", r.text}});
  nlohmann::ordered_json copies = nlohmann::ordered_json::array();
  for (const ArticleCopy& c : page.copies) {
    nlohmann::ordered_json passages = nlohmann::ordered_json::array();
    for (const SharedPassage& p : c.passages) {
      passages.push_back({{"start", offset(p.here, false)},
                          {"end", offset(p.here, true)},
                          {"other_start", offset(p.other, false)},
                          {"other_end", offset(p.other, true)}});
    }
    copies.push_back({{"other", c.other},
                      {"other_title", c.other_title},
                      {"kind", c.kind},
                      {"score", c.score},
                      {"role", c.source ? "source" : "copy"},
                      {"passages", std::move(passages)}});
  }
  auto or_null = [](const std::string& s) { return s.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(s); };
  return {{"id", a.id},
          {"source", a.source},
          {"url", a.url},
          {"lang", a.lang},
          {"published", or_null(a.published)},
          {"title", a.title},
          {"text", a.body},
          {"event", or_null(page.event)},
          {"story", or_null(page.story)},
          {"removed", std::move(removed)},
          {"copies", std::move(copies)}};
}

Result<nlohmann::ordered_json> analysis_json(const Article& article, analysis::Analyzer& analyzer) {
  const std::string text = copy_text(article);
  const std::vector<analysis::AnalyzedToken> tokens =
      analyzer.analyze(text, article.lang, analysis::Analyzer::Detail::kMatching);
  if (Status hebrew = analyzer.hebrew_status(); !hebrew) return hebrew.error();
  const std::size_t body_start = body_offset_in_copy_text(article);
  const bool has_title = !article.title.empty();
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const analysis::AnalyzedToken& t : tokens) {
    const bool in_title = has_title && t.token.begin < article.title.size();
    const std::size_t base = in_title ? 0 : body_start;
    nlohmann::ordered_json flags = nlohmann::ordered_json::array();
    if (t.stop_word) flags.push_back("stop");
    if (t.number) flags.push_back("number");
    if (t.punctuation) flags.push_back("punct");
    if (t.entity_candidate) flags.push_back("entity");
    out.push_back({{"field", in_title ? "title" : "text"},
                   {"start", t.token.begin - base},
                   {"end", t.token.end - base},
                   {"surface", t.surface},
                   {"lemma", t.lemma},
                   {"match", t.match_lemma.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(t.match_lemma)},
                   {"flags", std::move(flags)}});
  }
  return out;
}

}  // namespace sipur::views
