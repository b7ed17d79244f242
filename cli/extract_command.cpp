// sipur extract: what sipur would store for each input record, without a
// store. It reads and cleans through the same calls as ingest (the readers,
// then pipeline::prepare_article), so `ingest` stores exactly what this prints.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "core/json_out.h"
#include "ingest/html_extract.h"
#include "ingest/input_walker.h"
#include "pipeline/ingest_job.h"

namespace sipur::cli {
namespace {

struct ExtractArgs {
  std::vector<std::string> inputs;
  bool json = false;
  std::size_t max_file_mb = 512;
  std::size_t max_record_mb = 32;
  std::string tuning;
};

// One JSON object per record; the fields are a stable interface (README).
std::string json_line(const std::string& file, const Article& a) {
  std::string out;
  out.reserve(a.body.size() + 512);
  auto key = [&out](std::string_view k) {
    out.append(out.empty() ? "{\"" : ",\"");
    out.append(k);
    out.append("\":");
  };
  auto text = [&](std::string_view k, std::string_view v) {
    key(k);
    append_json_string(out, v);
  };
  text("file", file);
  text("id", a.id);
  text("url", a.url);
  text("title", a.title);
  key("published");
  if (a.published.empty()) {
    out.append("null");
  } else {
    append_json_string(out, a.published);
  }
  text("published_source", a.published_source);
  text("lang", a.lang);
  text("text", a.body);
  key("removed");
  out.push_back('[');
  for (std::size_t i = 0; i < a.removed.size(); ++i) {
    out.append(i == 0 ? "{\"kind\":" : ",{\"kind\":");
    append_json_string(out, a.removed[i].kind);
    out.append(",\"text\":");
    append_json_string(out, a.removed[i].text);
    out.push_back('}');
  }
  out.append("]}\n");
  return out;
}

// The same for a reader: headers, a blank line, the text, and what went.
std::string readable(const std::string& file, const Article& a) {
  std::string out = "== " + file + "\n";
  out += "id: " + a.id + "\n";
  if (!a.url.empty()) out += "url: " + a.url + "\n";
  out += "title: " + a.title + "\n";
  out +=
      "published: " + (a.published.empty() ? std::string("unknown") : a.published + " (" + a.published_source + ")") +
      "\n";
  out += "lang: " + a.lang + "\n\n" + a.body + "\n";
  if (!a.removed.empty()) {
    out += "\nremoved:\n";
    for (const Removed& r : a.removed) {
      std::size_t cut = std::min<std::size_t>(r.text.size(), 160);
      while (cut < r.text.size() && (static_cast<unsigned char>(r.text[cut]) & 0xC0) == 0x80) --cut;
      std::string line = r.text.substr(0, cut);
      for (char& c : line) c = c == '\n' ? ' ' : c;
      out += "  [" + r.kind + "] " + line + (cut < r.text.size() ? "..." : "") + "\n";
    }
  }
  return out + "\n";
}

int run(const ExtractArgs& args) {
  ingest::ReadOptions options;
  options.max_file_bytes = args.max_file_mb << 20;
  options.max_record_bytes = args.max_record_mb << 20;
  if (!args.tuning.empty()) {
    Result<ingest::ExtractOptions> tuned = ingest::parse_extract_tuning(args.tuning);
    if (!tuned) {
      std::cerr << "sipur extract: " << tuned.error().describe() << '\n';
      return kExitUsage;
    }
    options.extract = tuned.value();
  }
  std::int64_t rejected = 0;
  std::string file;
  options.on_warning = [](const Error& w) { std::cerr << "warning: " << w.describe() << '\n'; };
  ingest::ReadSink sink;
  sink.on_article = [&](Article&& article) {
    pipeline::prepare_article(article);
    const std::string line = args.json ? json_line(file, article) : readable(file, article);
    (void)std::fwrite(line.data(), 1, line.size(), stdout);
  };
  sink.on_reject = [&](Error&& e) {
    ++rejected;
    std::cerr << "rejected: " << e.describe() << '\n';
  };
  const std::vector<ingest::InputFile> files = ingest::expand_inputs(args.inputs, sink);
  for (const ingest::InputFile& input : files) {
    file = input.path;
    ingest::read_input(input, options, sink);
  }
  if (std::fflush(stdout) != 0 || std::ferror(stdout) != 0) {
    std::cerr << "sipur extract: cannot write the output\n";
    return kExitFailure;
  }
  return rejected > 0 ? kExitRejected : kExitOk;
}

}  // namespace

void add_extract_command(CLI::App& app, int& exit_status) {
  auto args = std::make_shared<ExtractArgs>();
  CLI::App* cmd = app.add_subcommand("extract",
                                     "Print what ingest would store for each record (title, time, language, clean "
                                     "text, what cleaning removed), without a store");
  cmd->add_option("inputs", args->inputs, "Files and directories to read (as ingest)")->required();
  cmd->add_flag("--json", args->json, "One JSON object per record");
  cmd->add_option("--max-file-mb", args->max_file_mb, "Reject .txt/.html files larger than this")
      ->capture_default_str();
  cmd->add_option("--max-record-mb", args->max_record_mb, "Reject JSONL lines and WARC records larger than this")
      ->capture_default_str();
  cmd->add_option("--tuning", args->tuning,
                  "Evaluation only: main-text extraction settings, name=value,... (eval/extraction_eval.py)")
      ->group("");
  cmd->callback([args, &exit_status] { exit_status = run(*args); });
}

}  // namespace sipur::cli
