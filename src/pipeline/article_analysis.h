// The analysis stage of ingest: one stored article's tokens (Hebrew
// morphology, stems, flags), which copy detection fingerprints, and the
// clustering features made from them.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/analyzer.h"
#include "cluster/features.h"
#include "core/article.h"
#include "core/error.h"

namespace sipur::pipeline {

class ArticleAnalysis {
 public:
  [[nodiscard]] static Result<std::unique_ptr<ArticleAnalysis>> create(const analysis::AnalyzerOptions& options);

  // The tokens of views::copy_text(article) (title, then body), at the
  // detail matching needs; Hebrew also teaches the analyzer the corpus's
  // standalone words. An Error when Hebrew could not be analyzed (the model
  // or Hspell's dictionary, which load at the first Hebrew word, failed
  // to): the run stops there.
  [[nodiscard]] Result<std::vector<analysis::AnalyzedToken>> tokens(const Article& article);

  // What tokens() taught the analyzer, as observing the article again
  // would: for articles a resumed run replays from the store.
  void observe(const Article& article);

  // What the analyzer has learned of the corpus, as bytes, and back (false,
  // changing nothing, on bytes it did not write; "" is a fresh start).
  [[nodiscard]] std::string save_state() const { return analyzer_->save_state(); }
  [[nodiscard]] bool load_state(std::string_view bytes) { return analyzer_->load_state(bytes); }

 private:
  explicit ArticleAnalysis(std::unique_ptr<analysis::Analyzer> analyzer) : analyzer_(std::move(analyzer)) {}
  std::unique_ptr<analysis::Analyzer> analyzer_;
};

// The article's clustering features from its tokens, with its id, time,
// language and the label it offers its event.
[[nodiscard]] cluster::ArticleFeatures features_of(const Article& article,
                                                   const std::vector<analysis::AnalyzedToken>& tokens);

// The label an article offers its event: its title, or where the title
// gives no terms (none, or a dateline such as "Friday, March 8, 2013 at
// 12:46 PM") the opening words of its body. `body` may be only its first
// 200 characters (the store's replay reads no more; text::opening needs
// fewer).
[[nodiscard]] std::string label_of(const cluster::ArticleFeatures& features, const std::string& title,
                                   std::string_view body);

}  // namespace sipur::pipeline
