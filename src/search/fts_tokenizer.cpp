#include "search/fts_tokenizer.h"

#include <sqlite3.h>

#include <string>

#include "search/index_terms.h"

namespace sipur::search {
namespace {

// One tokenizer object serves every table: it holds no state.
int create(void* /*context*/, const char** /*args*/, int /*arg_count*/, Fts5Tokenizer** out) {
  static int instance = 0;
  *out = reinterpret_cast<Fts5Tokenizer*>(&instance);
  return SQLITE_OK;
}

void destroy(Fts5Tokenizer* /*tokenizer*/) {}

using TokenCallback = int (*)(void*, int, const char*, int, int, int);

int tokenize(Fts5Tokenizer* /*tokenizer*/, void* context, int flags, const char* text, int size,
             TokenCallback on_token) {
  // A query gives each term as a token of its own; a document colocates the
  // terms of one position.
  const bool document = (flags & FTS5_TOKENIZE_DOCUMENT) != 0;
  int begin = 0;
  bool first_of_position = true;
  for (int i = 0; i <= size; ++i) {
    const bool end = i == size;
    const char c = end ? kPositionSeparator : text[i];
    if (c != kPositionSeparator && c != kTermSeparator && !(c == ' ' && !document)) continue;
    if (i > begin) {
      const int colocated = document && !first_of_position ? FTS5_TOKEN_COLOCATED : 0;
      if (const int rc = on_token(context, colocated, text + begin, i - begin, begin, i); rc != SQLITE_OK) return rc;
      first_of_position = false;
    }
    if (c != kTermSeparator) first_of_position = true;
    begin = i + 1;
  }
  return SQLITE_OK;
}

fts5_api* fts5_of(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &s, nullptr) != SQLITE_OK) return nullptr;
  sqlite3_bind_pointer(s, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
  (void)sqlite3_step(s);
  sqlite3_finalize(s);
  return api;
}

}  // namespace

Status register_tokenizer(sqlite3* db) {
  fts5_api* api = fts5_of(db);
  if (api == nullptr) return make_error(ErrorKind::kStorage, "this SQLite has no FTS5, which search needs");
  fts5_tokenizer tokenizer{create, destroy, tokenize};
  if (api->xCreateTokenizer(api, kTokenizerName, nullptr, &tokenizer, nullptr) != SQLITE_OK) {
    return make_error(ErrorKind::kStorage, std::string("cannot register the search tokenizer: ") + sqlite3_errmsg(db));
  }
  return Ok{};
}

}  // namespace sipur::search
