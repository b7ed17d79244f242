// WARC reading: one record parser over a byte source, fed either by zlib's
// gz* functions (plain .warc and multi-member .warc.gz alike) or by a memory
// buffer (the fuzzer). Only `response` records with a 2xx HTML HTTP payload
// become Articles; every other record is skipped without being buffered.
// The HTTP message inside a record is parsed and decoded by http_payload.
#include "ingest/warc_reader.h"

#define ZLIB_CONST
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <memory>
#include <optional>
#include <system_error>
#include <utility>

#include "ingest/charset.h"
#include "ingest/html_reader.h"
#include "ingest/http_payload.h"
#include "ingest/warc_parse.h"

namespace sipur::ingest {
namespace {

constexpr std::size_t kChunkBytes = std::size_t{64} << 10;     // one read from a byte source
constexpr std::size_t kMaxLineBytes = std::size_t{64} << 10;   // one WARC header line
constexpr std::size_t kMaxHeaderBytes = std::size_t{1} << 20;  // all WARC headers of one record

// From http_payload: header fields (WARC headers share HTTP's syntax) and the HTTP message.
using detail::add_header_line;
using detail::decode_payload;
using detail::find_header;
using detail::Headers;
using detail::iequals;
using detail::lower;
using detail::parse_http;
using detail::parse_number;
using detail::trim;

// ---------------------------------------------------------------- record helpers

bool is_html_type(std::string_view content_type) {
  const std::string media = lower(trim(content_type.substr(0, content_type.find(';'))));
  return media == "text/html" || media == "application/xhtml+xml";
}

// WARC 1.0's own examples wrote WARC-Target-URI as <uri>; 1.1 dropped the brackets.
std::string_view strip_angle_brackets(std::string_view uri) {
  uri = trim(uri);
  if (uri.size() >= 2 && uri.front() == '<' && uri.back() == '>') uri = uri.substr(1, uri.size() - 2);
  return uri;
}

// ---------------------------------------------------------------- byte sources

// Where the record parser's bytes come from. read() returning 0 means the
// end: a clean one unless failure() says otherwise.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  virtual std::size_t read(char* out, std::size_t capacity) = 0;
  [[nodiscard]] const std::optional<Error>& failure() const { return failure_; }

 protected:
  std::optional<Error> failure_;
};

class MemorySource final : public ByteSource {
 public:
  explicit MemorySource(std::string_view bytes) : bytes_(bytes) {}
  std::size_t read(char* out, std::size_t capacity) override {
    const std::size_t n = std::min(capacity, bytes_.size());
    bytes_.copy(out, n);
    bytes_.remove_prefix(n);
    return n;
  }

 private:
  std::string_view bytes_;
};

struct GzCloser {
  void operator()(gzFile file) const { gzclose(file); }
};
using GzHandle = std::unique_ptr<gzFile_s, GzCloser>;

std::string errno_message(int code) {
  return std::error_code(code, std::generic_category()).message();
}

// gzread passes plain files through and reads concatenated gzip members as one stream.
class GzipSource final : public ByteSource {
 public:
  explicit GzipSource(GzHandle file) : file_(std::move(file)) { gzbuffer(file_.get(), 128 * 1024); }
  std::size_t read(char* out, std::size_t capacity) override {
    if (failure_) return 0;
    errno = 0;
    const int got = gzread(file_.get(), out, static_cast<unsigned>(std::min(capacity, kChunkBytes)));
    const int saved_errno = errno;
    if (got > 0) return static_cast<std::size_t>(got);
    int code = Z_OK;
    const char* raw_message = gzerror(file_.get(), &code);
    std::string_view message = raw_message != nullptr ? raw_message : "";
    if (const auto colon = message.rfind(": "); colon != std::string_view::npos) {
      message.remove_prefix(colon + 2);  // zlib prefixes the path, which the reject's location already gives
    }
    if (code == Z_ERRNO || (code == Z_OK && got < 0)) {
      failure_ = make_error(ErrorKind::kIo, "read failed: " + errno_message(saved_errno));
    } else if (code == Z_BUF_ERROR) {  // zlib's "unexpected end of file": a gzip member cut short
      failure_ = make_error(ErrorKind::kTruncated, "gzip stream ends early");
    } else if (code != Z_OK) {  // corrupt data: nothing past this point can be read
      failure_ = make_error(ErrorKind::kTruncated, "gzip stream unreadable: " + std::string(message));
    }
    return 0;
  }

 private:
  GzHandle file_;
};

// ---------------------------------------------------------------- buffered input

// A window over a ByteSource that counts consumed bytes, so every record
// knows its offset in the (decompressed) stream.
class Input {
 public:
  enum class LineEnd { kNewline, kEnd, kTooLong };

  explicit Input(ByteSource& source) : source_(source) {}

  [[nodiscard]] std::uint64_t offset() const { return consumed_; }
  [[nodiscard]] const std::optional<Error>& failure() const { return source_.failure(); }

  // Up to n buffered bytes, reading more if the stream still has them.
  std::string_view peek(std::size_t n) {
    while (buffered() < n && fill()) {
    }
    return view().substr(0, n);
  }

  void consume(std::size_t n) {
    n = std::min(n, buffered());
    start_ += n;
    consumed_ += n;
  }

  // One line without its CR LF or LF. On kEnd `line` holds the unterminated rest.
  LineEnd read_line(std::size_t max, std::string& line) {
    std::size_t scanned = 0;
    for (;;) {
      const std::string_view avail = view();
      const auto nl = avail.find('\n', scanned);
      if (nl != std::string_view::npos) {
        if (nl > max) return LineEnd::kTooLong;
        line.assign(avail.substr(0, nl > 0 && avail[nl - 1] == '\r' ? nl - 1 : nl));
        consume(nl + 1);
        return LineEnd::kNewline;
      }
      scanned = avail.size();
      if (scanned > max) return LineEnd::kTooLong;
      if (!fill()) {  // fill() may have moved the buffer: `avail` is stale
        line.assign(view());
        consume(line.size());
        return LineEnd::kEnd;
      }
    }
  }

  // Appends up to n bytes to `out` (or drops them when out is null); returns how many there were.
  std::uint64_t take(std::uint64_t n, std::string* out) {
    std::uint64_t done = 0;
    while (done < n && (buffered() > 0 || fill())) {
      const std::size_t step = static_cast<std::size_t>(std::min<std::uint64_t>(n - done, buffered()));
      if (out != nullptr) out->append(view().substr(0, step));
      consume(step);
      done += step;
    }
    return done;
  }

 private:
  [[nodiscard]] std::size_t buffered() const { return buffer_.size() - start_; }
  [[nodiscard]] std::string_view view() const { return std::string_view(buffer_).substr(start_); }

  bool fill() {
    if (ended_) return false;
    if (start_ > 0 && start_ >= buffer_.size() / 2) {  // keep the buffer from growing with the stream
      buffer_.erase(0, start_);
      start_ = 0;
    }
    const std::size_t old_size = buffer_.size();
    buffer_.resize(old_size + kChunkBytes);
    const std::size_t got = std::min(source_.read(buffer_.data() + old_size, kChunkBytes), kChunkBytes);
    buffer_.resize(old_size + got);
    ended_ = got == 0;
    return got > 0;
  }

  ByteSource& source_;
  std::string buffer_;
  std::size_t start_ = 0;
  std::uint64_t consumed_ = 0;
  bool ended_ = false;
};

// ---------------------------------------------------------------- record parser

class WarcParser {
 public:
  WarcParser(ByteSource& source, std::string name, const ReadOptions& options, ReadSink& sink)
      : in_(source), name_(std::move(name)), options_(options), sink_(sink) {}

  void run() {
    while (skip_blank_lines()) {
      if (!read_record()) return;
    }
  }

 private:
  [[nodiscard]] Location at(std::uint64_t offset) const { return Location{name_, 0, offset, true}; }

  void reject(Error error) {
    if (error.where.file.empty()) error.where.file = name_;
    if (sink_.on_reject) sink_.on_reject(std::move(error));
  }
  void reject(ErrorKind kind, std::string message, std::uint64_t offset) {
    reject(make_error(kind, std::move(message), at(offset)));
  }

  // The stream ended inside the record starting at `start`: report why, at the offset reached.
  void cut_short(std::uint64_t start) {
    const auto& failure = in_.failure();
    const ErrorKind kind = failure ? failure->kind : ErrorKind::kTruncated;
    const std::string why = failure ? failure->message : "input ends";
    reject(kind, why + " inside the WARC record at byte " + std::to_string(start), in_.offset());
  }

  // Records are separated by CR LF CR LF; writers vary, so any run of blank
  // lines is accepted. False at the end of the input.
  bool skip_blank_lines() {
    for (;;) {
      const std::string_view head = in_.peek(1);
      if (head.empty()) {
        if (const auto& failure = in_.failure()) {
          reject(failure->kind, failure->message, in_.offset());
        } else if (!seen_record_) {
          reject(ErrorKind::kEmptyInput, "no WARC records", in_.offset());
        }
        return false;
      }
      if (head.front() != '\r' && head.front() != '\n') return true;
      in_.consume(1);
    }
  }

  // Reads the header lines up to the blank line. False (after rejecting) if framing is lost.
  bool read_headers(std::uint64_t start, Headers& headers, bool& malformed) {
    std::string line;
    std::size_t total = 0;
    for (;;) {
      const Input::LineEnd end = in_.read_line(kMaxLineBytes, line);
      if (end == Input::LineEnd::kEnd) {
        cut_short(start);
        return false;
      }
      total += line.size();
      if (end == Input::LineEnd::kTooLong || total > kMaxHeaderBytes) {
        reject(ErrorKind::kInvalidInput, "WARC header section too long; cannot find the next record", start);
        return false;
      }
      if (line.empty()) return true;
      if (!add_header_line(line, headers)) malformed = true;
    }
  }

  // False when reading this file must stop.
  bool read_record() {
    const std::uint64_t start = in_.offset();
    static constexpr std::string_view kMagic = "WARC/";
    const std::string_view magic = in_.peek(kMagic.size());
    if (magic != kMagic) {
      // A lone "WAR" is a cut-short record only if the file was WARC so far or the stream broke.
      if (kMagic.starts_with(magic) && (seen_record_ || in_.failure())) {
        cut_short(start);
      } else if (!seen_record_) {
        reject(ErrorKind::kUnsupported, "not a WARC file", start);
      } else {
        reject(ErrorKind::kInvalidInput, "expected a WARC version line; cannot find the next record", start);
      }
      return false;
    }
    seen_record_ = true;
    std::string version;
    const Input::LineEnd end = in_.read_line(kMaxLineBytes, version);
    if (end != Input::LineEnd::kNewline) {
      if (end == Input::LineEnd::kEnd) cut_short(start);
      if (end == Input::LineEnd::kTooLong) reject(ErrorKind::kInvalidInput, "bad WARC version line", start);
      return false;
    }
    Headers headers;
    bool malformed = false;
    if (!read_headers(start, headers, malformed)) return false;
    const auto length = parse_number<std::uint64_t>(trim(find_header(headers, "Content-Length").value_or("")));
    if (!length) {
      reject(ErrorKind::kInvalidInput, "missing or invalid Content-Length; cannot find the next record", start);
      return false;
    }
    return read_block(start, trim(version), headers, malformed, *length);
  }

  // Takes the block and decides what it is; only responses are buffered.
  bool read_block(std::uint64_t start, std::string_view version, const Headers& headers, bool malformed,
                  std::uint64_t length) {
    const bool response = iequals(find_header(headers, "WARC-Type").value_or(""), "response");
    bool wanted = false;
    if (version != "WARC/1.0" && version != "WARC/1.1") {
      reject(ErrorKind::kUnsupported, "unsupported WARC version \"" + std::string(version) + "\"", start);
    } else if (malformed) {
      reject(ErrorKind::kInvalidInput, "malformed WARC header line", start);
    } else if (response && length > options_.max_record_bytes) {  // other records are never buffered
      reject(ErrorKind::kTooLarge,
             "WARC record of " + std::to_string(length) + " bytes is over the limit of " +
                 std::to_string(options_.max_record_bytes),
             start);
    } else {
      wanted = response;
    }
    std::string block;
    if (in_.take(length, wanted ? &block : nullptr) < length) {
      cut_short(start);
      return false;
    }
    if (wanted) handle_response(start, headers, block);
    return true;
  }

  void handle_response(std::uint64_t start, const Headers& headers, std::string_view block) {
    const Location where = at(start);
    // Responses to DNS lookups and the like carry no HTTP message.
    const auto record_type = find_header(headers, "Content-Type");
    if (record_type && !lower(*record_type).starts_with("application/http")) return;
    const auto http = parse_http(block);
    if (!http) return reject(ErrorKind::kInvalidInput, "WARC response without an HTTP status line", start);
    if (http->status < 200 || http->status > 299) return;
    const std::string content_type(find_header(http->headers, "Content-Type").value_or(""));
    if (!is_html_type(content_type)) return;
    if (!http->complete) return reject(ErrorKind::kTruncated, "HTTP headers cut short", start);
    auto payload = decode_payload(*http, options_.max_record_bytes, where);
    if (!payload) return reject(payload.error());

    HtmlHints hints;
    hints.url = strip_angle_brackets(find_header(headers, "WARC-Target-URI").value_or(""));
    // The crawl date is only a fallback: the page's own publication time wins.
    hints.published_fallback = trim(find_header(headers, "WARC-Date").value_or(""));
    hints.charset = charset_from_content_type(content_type);
    hints.where = where;
    auto article = parse_html_article(payload.value(), hints, options_.extract);
    if (!article) return reject(article.error());
    Article out = std::move(article).value();
    out.format = "warc";
    out.origin = where.describe();
    deliver(std::move(out), options_, sink_);
  }

  Input in_;
  std::string name_;
  const ReadOptions& options_;
  ReadSink& sink_;
  bool seen_record_ = false;
};

}  // namespace

void read_warc_bytes(std::string_view bytes, const std::string& name, const ReadOptions& options, ReadSink& sink) {
  MemorySource source(bytes);
  WarcParser(source, name, options, sink).run();
}

void read_warc_file(const std::string& path, const ReadOptions& options, ReadSink& sink) {
  errno = 0;
  GzHandle file(gzopen(path.c_str(), "rb"));
  if (!file) {
    const int code = errno != 0 ? errno : ENOMEM;  // gzopen leaves errno at 0 only when out of memory
    if (sink.on_reject) sink.on_reject(make_error(ErrorKind::kIo, "cannot open: " + errno_message(code), {path}));
    return;
  }
  GzipSource source(std::move(file));
  WarcParser(source, path, options, sink).run();
}

}  // namespace sipur::ingest
