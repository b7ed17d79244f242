#include "pipeline/article_analysis.h"

#include "text/opening.h"
#include "views/records.h"

namespace sipur::pipeline {

Result<std::unique_ptr<ArticleAnalysis>> ArticleAnalysis::create(const analysis::AnalyzerOptions& options) {
  Result<std::unique_ptr<analysis::Analyzer>> analyzer = analysis::Analyzer::create(options);
  if (!analyzer) return analyzer.error();
  return std::unique_ptr<ArticleAnalysis>(new ArticleAnalysis(std::move(analyzer).value()));
}

Result<std::vector<analysis::AnalyzedToken>> ArticleAnalysis::tokens(const Article& article) {
  const std::string text = views::copy_text(article);
  constexpr auto kDetail = analysis::Analyzer::Detail::kMatching;
  // Only Hebrew strips prefixes on the corpus's words.
  auto tokens = article.lang == "he" ? analyzer_->observe_and_analyze(text, article.lang, kDetail)
                                     : analyzer_->analyze(text, article.lang, kDetail);
  if (Status hebrew = analyzer_->hebrew_status(); !hebrew) return hebrew.error();
  return tokens;
}

void ArticleAnalysis::observe(const Article& article) {
  if (article.lang == "he") analyzer_->observe(views::copy_text(article));
}

std::string label_of(const cluster::ArticleFeatures& f, const std::string& title, std::string_view body) {
  if (!f.title_terms.empty()) return title;
  std::string opening = text::opening(body);
  return opening.empty() ? title : opening;
}

cluster::ArticleFeatures features_of(const Article& article, const std::vector<analysis::AnalyzedToken>& tokens) {
  // Title tokens come first in copy_text(); the rest is the body.
  cluster::ArticleFeatures f = cluster::features_of(tokens, article.title.empty() ? 0 : article.title.size());
  f.id = article.id;
  f.published = article.published_utc;
  f.lang = article.lang;
  f.title = label_of(f, article.title, article.body);
  return f;
}

}  // namespace sipur::pipeline
