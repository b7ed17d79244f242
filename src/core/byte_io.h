// Writing and reading sipur's private binary records (the clusterer's saved
// state, an article's stored features): fixed-width numbers in the machine's
// byte order (the platforms sipur builds on are little-endian) and
// length-prefixed strings. A reader checks every read against the bytes
// left, so damaged input turns ok() false instead of reading past the end.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace sipur {

// Appends to a string, or in kMeasure mode only adds up the bytes it would
// append, so that a caller can run the same writes twice and size the
// string exactly before writing it.
class ByteWriter {
 public:
  enum Mode { kWrite, kMeasure };
  explicit ByteWriter(Mode mode = kWrite) : measure_(mode == kMeasure) {}
  void put_bytes(std::string_view bytes) {
    if (measure_) {
      size_ += bytes.size();
    } else {
      out_.append(bytes);
    }
  }
  template <class T>
  void put(T v) {
    static_assert(std::is_arithmetic_v<T>);
    char bytes[sizeof(T)];
    std::memcpy(bytes, &v, sizeof(T));
    put_bytes({bytes, sizeof(T)});
  }
  // The length as a `Length`; the caller makes sure it fits.
  template <class Length = std::uint64_t>
  void put_string(std::string_view s) {
    put(static_cast<Length>(s.size()));
    put_bytes(s);
  }
  // LEB128: seven bits a byte, low first; small numbers take one byte.
  void put_varint(std::uint64_t v) {
    char bytes[10];
    std::size_t n = 0;
    do {
      const auto low = static_cast<unsigned char>(v & 0x7F);
      v >>= 7;
      bytes[n++] = static_cast<char>(v != 0 ? low | 0x80 : low);
    } while (v != 0);
    put_bytes({bytes, n});
  }
  // The length as a varint, then the bytes.
  void put_varint_string(std::string_view s) {
    put_varint(s.size());
    put_bytes(s);
  }
  void put_time(const std::optional<std::int64_t>& t) {
    put(static_cast<std::uint8_t>(t.has_value()));
    put(t.value_or(0));
  }
  void reserve(std::size_t n) { out_.reserve(n); }
  [[nodiscard]] std::size_t size() const { return measure_ ? size_ : out_.size(); }
  std::string take() { return std::move(out_); }

  // Runs `write(ByteWriter&)` twice, to measure and then to write into a
  // string of exactly that size: a record that grew its string by doubling
  // would leave the allocator holding up to twice its size.
  template <class Write>
  static std::string write_sized(const Write& write) {
    ByteWriter measure(kMeasure);
    write(measure);
    ByteWriter w;
    w.reserve(measure.size());
    write(w);
    return w.take();
  }

 private:
  bool measure_;
  std::size_t size_ = 0;
  std::string out_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : in_(in) {}
  template <class T>
  T get() {
    static_assert(std::is_arithmetic_v<T>);
    T v{};
    if (!ok_ || in_.size() < sizeof(T)) {
      ok_ = false;
      return v;
    }
    std::memcpy(&v, in_.data(), sizeof(T));
    in_.remove_prefix(sizeof(T));
    return v;
  }
  // The next n bytes; fewer left is damage.
  std::string_view get_bytes(std::uint64_t n) {
    if (!ok_ || in_.size() < n) {
      ok_ = false;
      return {};
    }
    const std::string_view s = in_.substr(0, static_cast<std::size_t>(n));
    in_.remove_prefix(static_cast<std::size_t>(n));
    return s;
  }
  template <class Length = std::uint64_t>
  std::string_view get_string_view() {
    const auto n = get<Length>();
    return ok_ ? get_bytes(n) : std::string_view();
  }
  template <class Length = std::uint64_t>
  std::string get_string() {
    return std::string(get_string_view<Length>());
  }
  // The inverse of ByteWriter::put_varint_string.
  std::string_view get_varint_string_view() {
    const std::uint64_t n = get_varint();
    return ok_ ? get_bytes(n) : std::string_view();
  }
  // get_count for a varint count.
  std::size_t get_varint_count(std::size_t min_bytes) {
    const std::uint64_t n = get_varint();
    if (!ok_ || n > in_.size() / std::max<std::size_t>(1, min_bytes)) {
      ok_ = false;
      return 0;
    }
    return static_cast<std::size_t>(n);
  }
  // The inverse of ByteWriter::put_varint; more than ten bytes is damage.
  std::uint64_t get_varint() {
    std::uint64_t v = 0;
    for (int shift = 0; ok_ && shift < 70; shift += 7) {
      if (in_.empty()) break;
      const auto byte = static_cast<unsigned char>(in_.front());
      in_.remove_prefix(1);
      v |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
      if ((byte & 0x80) == 0) return v;
    }
    ok_ = false;
    return 0;
  }
  std::optional<std::int64_t> get_time() {
    const bool has = get<std::uint8_t>() != 0;
    const auto t = get<std::int64_t>();
    return has ? std::optional<std::int64_t>(t) : std::nullopt;
  }
  // A count of items that each take at least `min_bytes`: more than the
  // bytes left is damage, not a reason to allocate.
  template <class Count = std::uint64_t>
  std::size_t get_count(std::size_t min_bytes) {
    const auto n = get<Count>();
    if (!ok_ || n > in_.size() / std::max<std::size_t>(1, min_bytes)) {
      ok_ = false;
      return 0;
    }
    return static_cast<std::size_t>(n);
  }
  bool skip_magic(std::string_view magic) {
    if (!in_.starts_with(magic)) return ok_ = false;
    in_.remove_prefix(magic.size());
    return true;
  }
  [[nodiscard]] bool ok() const { return ok_; }
  [[nodiscard]] bool at_end() const { return in_.empty(); }

 private:
  std::string_view in_;
  bool ok_ = true;
};

}  // namespace sipur
