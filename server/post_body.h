// The body of POST /v1/articles: one article as JSON or many as NDJSON, in
// the JSONL input's fields (ingest/jsonl_reader.h parses each record). A
// malformed record is located by line and byte within the body.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <variant>
#include <vector>

#include "core/article.h"
#include "core/error.h"

namespace sipur::server {

enum class BodyFormat { kJson, kNdjson };

// The format a Content-Type names: application/json, or
// application/x-ndjson (also application/ndjson); a charset other than
// UTF-8 is unsupported too. nullopt for anything else.
[[nodiscard]] std::optional<BodyFormat> body_format(std::string_view content_type);

// Each record of the body in order: an article, or why it was rejected.
using PostedRecord = std::variant<Article, Error>;

// kEmptyInput for a body without records. A JSON body holds one record; a
// malformed one is an Error for the whole request. An NDJSON body holds one
// per non-blank line; a malformed line is a rejected record, the others go on.
[[nodiscard]] Result<std::vector<PostedRecord>> parse_post_body(std::string_view body, BodyFormat format);

// Where JSON text stops being JSON: the byte offset of the first syntax
// error, or nullopt if the text parses.
[[nodiscard]] std::optional<std::size_t> json_syntax_error_at(std::string_view text);

}  // namespace sipur::server
