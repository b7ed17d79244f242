#include "pipeline/ingest_job.h"

#include <optional>

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

Result<IngestSummary> run_ingest(store::Store& store, const std::vector<std::string>& inputs,
                                 const IngestOptions& options, const IngestCallbacks& callbacks) {
  IngestSummary summary;
  std::optional<Error> fatal;
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
