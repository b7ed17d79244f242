#include "pipeline/ingest_job.h"

#include <optional>

#include <nlohmann/json.hpp>

#include "ingest/article_id.h"
#include "ingest/input_walker.h"
#include "langid/langid.h"
#include "text/clean_article.h"

namespace sipur::pipeline {

void prepare_article(Article& article) {
  if (article.id.empty()) article.id = ingest::derived_id(article);
  text::clean_article(article);
  langid::LanguageGuess guess = langid::identify(article.lang_given, article.title, article.body);
  article.lang = std::move(guess.lang);
  article.lang_method = std::move(guess.method);
  article.lang_given = langid::normalize_tag(article.lang_given);
}

std::string copy_text(const Article& article) {
  if (article.body.empty()) return article.title;
  if (article.title.empty()) return article.body;
  return article.title + "\n\n" + article.body;
}

namespace {

store::CopyRow copy_row(const dedup::CopyRelation& r) {
  nlohmann::json passages = nlohmann::json::array();
  for (const dedup::Passage& p : r.passages) passages.push_back({p.a_begin, p.a_end, p.b_begin, p.b_end, p.words});
  return {r.a, r.b, std::string(dedup::to_string(r.kind)), r.score, r.jaccard, r.containment, passages.dump()};
}

// Analysis and copy detection for stored articles, with the window rebuilt
// from the store when a run starts.
class CopyStage {
 public:
  static Result<std::unique_ptr<CopyStage>> create(store::Store& store, const IngestOptions& options) {
    Result<std::unique_ptr<analysis::Analyzer>> analyzer = analysis::Analyzer::create(options.analyzer);
    if (!analyzer) return analyzer.error();
    auto stage = std::unique_ptr<CopyStage>(new CopyStage(std::move(analyzer).value(), options));
    Status resumed = store.for_each_recent_fingerprint(options.copies.max_articles, [&](const store::FingerprintRow& row) {
      dedup::IndexedArticle a{row.id, row.published, {}};
      a.fingerprint.content_hash = row.content_hash;
      a.fingerprint.content_words = row.content_words;
      if (!dedup::deserialize_shingles(row.shingles, a.fingerprint.shingles)) return;  // damaged: skip, not fatal
      dedup::compute_shingle_set(a.fingerprint);
      dedup::compute_minhash(a.fingerprint, options.fingerprint.minhash_size);
      stage->index_.restore(std::move(a));
    });
    if (!resumed) return resumed.error();
    return stage;
  }

  // Fingerprints a newly stored article, stores the fingerprint and the
  // copy relations found; returns how many.
  Result<std::int64_t> process(store::Store& store, const Article& article) {
    const std::string text = copy_text(article);
    if (article.lang == "he") analyzer_->observe(text);  // only Hebrew strips prefixes on the corpus's word
    const auto tokens = analyzer_->analyze(text, article.lang);
    dedup::Fingerprint fp = dedup::fingerprint(text, tokens, options_.fingerprint);
    store::FingerprintRow row{article.id, article.published_utc, fp.content_hash, fp.content_words,
                              dedup::serialize_shingles(fp.shingles)};
    if (Status s = store.insert_fingerprint(row); !s) return s.error();
    const auto relations = index_.add({article.id, article.published_utc, std::move(fp)});
    for (const dedup::CopyRelation& r : relations) {
      if (Status s = store.insert_copy(copy_row(r)); !s) return s.error();
    }
    return static_cast<std::int64_t>(relations.size());
  }

 private:
  CopyStage(std::unique_ptr<analysis::Analyzer> analyzer, const IngestOptions& options)
      : analyzer_(std::move(analyzer)), options_(options), index_(options.copies) {}

  std::unique_ptr<analysis::Analyzer> analyzer_;
  IngestOptions options_;
  dedup::CopyIndex index_;
};

}  // namespace

Result<IngestSummary> run_ingest(store::Store& store, const std::vector<std::string>& inputs,
                                 const IngestOptions& options, const IngestCallbacks& callbacks) {
  IngestSummary summary;
  std::optional<Error> fatal;
  std::unique_ptr<CopyStage> copies;
  if (options.detect_copies) {
    Result<std::unique_ptr<CopyStage>> created = CopyStage::create(store, options);
    if (!created) return created.error();
    copies = std::move(created).value();
  }
  std::size_t in_batch = 0;
  bool open_batch = false;

  auto reject = [&](Error&& error) {
    ++summary.read;
    ++summary.rejected;
    if (callbacks.on_reject) callbacks.on_reject(error);
    if (callbacks.on_progress) callbacks.on_progress(summary);
  };
  auto accept = [&](Article&& article) {
    if (fatal) return;
    ++summary.read;
    prepare_article(article);
    if (!open_batch) {
      if (Status s = store.begin(); !s) {
        fatal = s.error();
        return;
      }
      open_batch = true;
    }
    Result<bool> inserted = store.insert(article);
    if (!inserted) {
      fatal = inserted.error();
      return;
    }
    summary.bytes += static_cast<std::int64_t>(article.raw.size());
    if (inserted.value()) {
      ++summary.stored;
      if (copies) {
        Result<std::int64_t> found = copies->process(store, article);
        if (!found) {
          fatal = found.error();
          return;
        }
        summary.copies += found.value();
      }
    } else {
      ++summary.duplicates;
    }
    if (++in_batch >= options.batch_size) {
      if (Status s = store.commit(); !s) {
        fatal = s.error();
        return;
      }
      open_batch = false;
      in_batch = 0;
    }
    if (callbacks.on_progress) callbacks.on_progress(summary);
  };

  ingest::ReadSink sink{accept, reject};
  const std::vector<ingest::InputFile> files = ingest::expand_inputs(inputs, sink);
  for (const ingest::InputFile& file : files) {
    if (fatal) break;
    ingest::read_input(file, options.read, sink);
  }
  if (fatal) {
    if (open_batch) store.rollback();
    return *fatal;
  }
  if (open_batch) {
    if (Status s = store.commit(); !s) {
      store.rollback();
      return s.error();
    }
  }
  std::string joined;
  for (const std::string& input : inputs) joined += (joined.empty() ? "" : " ") + input;
  if (Status s = store.record_run({summary.read, summary.stored, summary.duplicates, summary.rejected}, joined); !s) {
    return s.error();
  }
  return summary;
}

}  // namespace sipur::pipeline
