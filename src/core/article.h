// The Article: what every reader produces and every later stage consumes
// (DESIGN.md, data model). Readers fill the "as read" fields; the cleaner
// fills body, removed and body_map; language id fills lang.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "text/offset_map.h"

namespace sipur {

// A piece of input that cleaning took out, kept so it can be shown.
struct Removed {
  // "promo", "related-list", "photo-credit", "repeated-headline", "debris",
  // "page-chrome", "link-list", "byline"
  std::string kind;
  std::string text;
};

struct Article {
  std::string id;      // given, else a stable hash (see ingest/article_id.h)
  std::string source;  // outlet
  std::string url;
  std::string lang;         // decided language (ISO 639-1 where one exists, "und" if unknown)
  std::string lang_given;   // what the input said, if anything
  std::string lang_method;  // "given", "script", "cld2", "cld2-unreliable", ...

  std::string published;                      // ISO-8601; "Z" only when the input's zone was known
  std::optional<std::int64_t> published_utc;  // seconds since epoch; absent if unknown
  bool published_zone_known = false;
  // Where the time came from: "given" (the record's own field), "json-ld", "meta", "time-element", "url",
  // "dateline", "crawl-date"; "" when there is none.
  std::string published_source;

  std::string title;
  std::string lead;
  std::string body;      // clean text
  std::string raw_body;  // body text as read, before cleaning; body_map points into it
  text::OffsetMap body_map;
  std::vector<Removed> removed;

  std::string raw;     // the record exactly as read (file, JSON line, HTML page, WARC payload)
  std::string format;  // "txt", "jsonl", "html", "warc"
  std::string origin;  // "file:line" or "file (byte N)" (Location::describe) — where the record came from

  // What reading noticed and went on past (bytes replaced by U+FFFD, an implausible time dropped): reported
  // by the shells, not stored.
  std::vector<Error> warnings;
};

}  // namespace sipur
