#include "pipeline/ingest_job.h"

#include <optional>

#include "ingest/article_id.h"
#include "ingest/input_walker.h"
#include "langid/langid.h"
#include "pipeline/copies_and_events.h"
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

IngestWriter::IngestWriter(store::Store& store, const IngestOptions& options, std::unique_ptr<CopiesAndEvents> stage)
    : store_(store), options_(options), stage_(std::move(stage)) {}

IngestWriter::~IngestWriter() = default;

Result<std::unique_ptr<IngestWriter>> IngestWriter::open(store::Store& store, const IngestOptions& options) {
  std::unique_ptr<CopiesAndEvents> stage;
  if (options.detect_copies) {
    Result<std::unique_ptr<CopiesAndEvents>> created = CopiesAndEvents::create(store, options);
    if (!created) return created.error();
    stage = std::move(created).value();
  }
  return std::unique_ptr<IngestWriter>(new IngestWriter(store, options, std::move(stage)));
}

Result<bool> IngestWriter::add(Article& article, IngestSummary& summary) {
  ++summary.read;
  prepare_article(article);
  Result<bool> inserted = store_.insert(article);
  if (!inserted) return inserted.error();
  summary.bytes += static_cast<std::int64_t>(article.raw.size());
  if (!inserted.value()) {
    ++summary.duplicates;
    return false;
  }
  ++summary.stored;
  if (stage_) {
    Result<std::int64_t> found = stage_->process(store_, article);
    if (!found) return found.error();
    summary.copies += found.value();
  }
  return true;
}

std::size_t IngestWriter::queued() const {
  return stage_ ? stage_->queued() : 0;
}

std::size_t IngestWriter::held_search_rows() const {
  return stage_ ? stage_->held_search_rows() : 0;
}

Status IngestWriter::write_search_rows() {
  return stage_ ? stage_->write_search_rows() : Status(Ok{});
}

Status IngestWriter::cluster_queued(Flush flush, IngestSummary& summary) {
  if (!stage_) return Ok{};
  return stage_->cluster_queued(store_, summary,
                                flush == Flush::kCommit ? ClusterFlush::kCommit : ClusterFlush::kEndOfRun);
}

Result<IngestSummary> run_ingest(store::Store& store, const std::vector<std::string>& inputs,
                                 const IngestOptions& options, const IngestCallbacks& callbacks) {
  IngestSummary summary;
  std::optional<Error> fatal;
  Result<std::unique_ptr<IngestWriter>> opened = IngestWriter::open(store, options);
  if (!opened) return opened.error();
  IngestWriter& writer = *opened.value();
  std::size_t in_batch = 0;
  bool open_batch = false;

  // Commits the articles stored since the last commit (a failed commit
  // leaves the batch open, for the caller to roll back).
  auto commit_batch = [&]() -> Status {
    if (!open_batch) return Ok{};
    if (Status s = store.commit(); !s) return s;
    open_batch = false;
    in_batch = 0;
    return Ok{};
  };
  // Clusters what waits in a transaction of its own.
  auto cluster = [&](IngestWriter::Flush flush) {
    return store.in_transaction([&] { return writer.cluster_queued(flush, summary); });
  };
  // A window is full when it holds reorder_window stored articles, counted
  // from the last clustering, whichever run stored them: a run that resumes
  // a killed one (whose unclustered articles wait again) cuts its windows
  // where an uninterrupted run would have.
  auto cluster_full_window = [&]() -> Status {
    if (writer.queued() < options.reorder_window) return Ok{};
    if (Status s = commit_batch(); !s) return s;
    return cluster(IngestWriter::Flush::kCommit);
  };
  if (Status s = cluster_full_window(); !s) return s.error();
  auto reject = [&](Error&& error) {
    ++summary.read;
    ++summary.rejected;
    if (callbacks.on_reject) callbacks.on_reject(error);
    if (callbacks.on_progress) callbacks.on_progress(summary);
  };
  auto accept = [&](Article&& article) {
    if (fatal) return;
    if (!open_batch) {
      if (Status s = store.begin(); !s) {
        fatal = s.error();
        return;
      }
      open_batch = true;
    }
    if (Result<bool> added = writer.add(article, summary); !added) {
      fatal = added.error();
      return;
    }
    if (++in_batch >= options.batch_size) {
      if (Status s = commit_batch(); !s) {
        fatal = s.error();
        return;
      }
    }
    if (Status s = cluster_full_window(); !s) {
      fatal = s.error();
      return;
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
  if (Status s = commit_batch(); !s) {
    store.rollback();
    return s.error();
  }
  if (Status s = cluster(IngestWriter::Flush::kEndOfRun); !s) return s.error();
  std::string joined;
  for (const std::string& input : inputs) joined += (joined.empty() ? "" : " ") + input;
  if (Status s = store.record_run({summary.read, summary.stored, summary.duplicates, summary.rejected}, joined); !s) {
    return s.error();
  }
  return summary;
}

}  // namespace sipur::pipeline
