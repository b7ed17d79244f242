#include "ingest/text_reader.h"

#include <filesystem>

#include "ingest/file_bytes.h"
#include "text/utf8.h"

namespace sipur::ingest {

Result<Article> parse_text_article(std::string_view bytes, const std::string& name) {
  if (bytes.empty()) return make_error(ErrorKind::kEmptyInput, "empty file", {name});
  if (Status ok = check_utf8_text(bytes, name); !ok) return ok.error();
  Article article;
  article.raw = std::string(bytes);
  std::string_view text = bytes;
  text::strip_bom(text);

  // Title = first non-empty line, if another non-empty line follows.
  std::size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return make_error(ErrorKind::kEmptyInput, "file holds only whitespace", {name});
  const std::size_t eol = text.find('\n', start);
  const bool more = eol != std::string_view::npos && text.find_first_not_of(" \t\r\n", eol) != std::string_view::npos;
  if (more) {
    article.title = std::string(text.substr(start, eol - start));
    article.raw_body = std::string(text.substr(eol + 1));
  } else {
    article.raw_body = std::string(text);
  }
  article.id = std::filesystem::path(name).stem().string();
  article.format = "txt";
  article.origin = name;
  return article;
}

void read_text_file(const std::string& path, const ReadOptions& options, ReadSink& sink) {
  Result<std::string> bytes = read_file_bytes(path, options.max_file_bytes);
  if (!bytes) {
    sink.on_reject(Error(bytes.error()));
    return;
  }
  Result<Article> article = parse_text_article(bytes.value(), path);
  if (article) {
    sink.on_article(std::move(article).value());
  } else {
    sink.on_reject(Error(article.error()));
  }
}

}  // namespace sipur::ingest
