#include "ingest/input_walker.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "ingest/html_reader.h"
#include "ingest/jsonl_reader.h"
#include "ingest/text_reader.h"
#include "ingest/warc_reader.h"
#include "text/utf8.h"

namespace sipur::ingest {
namespace fs = std::filesystem;

namespace {

bool ends_with_ci(const std::string& s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  return std::equal(suffix.rbegin(), suffix.rend(), s.rbegin(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
  });
}

// Guesses the format of a file whose extension says nothing, from its first
// bytes.
Format sniff(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char head[512];
  in.read(head, sizeof head);
  const std::string_view bytes(head, static_cast<std::size_t>(in.gcount()));
  if (bytes.starts_with("WARC/") || bytes.starts_with("\x1f\x8b")) return Format::kWarc;
  const std::size_t first = bytes.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first != std::string_view::npos && bytes[first] == '{') return Format::kJsonl;
  if (first != std::string_view::npos && bytes[first] == '<') return Format::kHtml;
  return Format::kText;
}

}  // namespace

Format format_for_path(const std::string& path) {
  if (path == "-") return Format::kJsonl;
  if (ends_with_ci(path, ".txt")) return Format::kText;
  if (ends_with_ci(path, ".jsonl") || ends_with_ci(path, ".ndjson")) return Format::kJsonl;
  if (ends_with_ci(path, ".html") || ends_with_ci(path, ".htm")) return Format::kHtml;
  if (ends_with_ci(path, ".warc") || ends_with_ci(path, ".warc.gz")) return Format::kWarc;
  return Format::kSniff;
}

std::vector<InputFile> expand_inputs(const std::vector<std::string>& args, ReadSink& sink) {
  std::vector<InputFile> files;
  for (const std::string& arg : args) {
    if (arg == "-") {
      files.push_back({arg, Format::kJsonl});
      continue;
    }
    std::error_code ec;
    const fs::file_status status = fs::status(arg, ec);
    if (ec || !fs::exists(status)) {
      sink.on_reject(make_error(ErrorKind::kNotFound, "no such file or directory", {arg}));
      continue;
    }
    if (!fs::is_directory(status)) {
      files.push_back({arg, format_for_path(arg)});
      continue;
    }
    std::vector<std::string> found;
    for (fs::recursive_directory_iterator it(arg, fs::directory_options::skip_permission_denied, ec), end;
         !ec && it != end; it.increment(ec)) {
      if (it->is_regular_file(ec)) found.push_back(it->path().string());
    }
    if (ec) sink.on_reject(make_error(ErrorKind::kIo, "cannot walk directory: " + ec.message(), {arg}));
    std::sort(found.begin(), found.end());
    for (std::string& path : found) {
      const Format format = format_for_path(path);
      files.push_back({std::move(path), format});
    }
  }
  return files;
}

void read_input(const InputFile& input, const ReadOptions& options, ReadSink& sink) {
  const Format format = input.format == Format::kSniff ? sniff(input.path) : input.format;
  switch (format) {
    case Format::kText:
      read_text_file(input.path, options, sink);
      break;
    case Format::kJsonl:
      read_jsonl_file(input.path, options, sink);
      break;
    case Format::kHtml:
      read_html_file(input.path, options, sink);
      break;
    case Format::kWarc:
      read_warc_file(input.path, options, sink);
      break;
    case Format::kSniff:
      break;  // sniff() never answers kSniff
  }
}

}  // namespace sipur::ingest
