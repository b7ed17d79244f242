#include "text/offset_map.h"

#include <algorithm>
#include <cstring>

namespace sipur::text {

void OffsetMap::add(std::size_t clean_pos, std::size_t raw_pos) {
  const auto clean = static_cast<std::uint32_t>(clean_pos);
  const auto raw = static_cast<std::uint32_t>(raw_pos);
  if (!anchors_.empty()) {
    const Anchor& last = anchors_.back();
    // Same delta as the running segment: nothing new to record.
    if (clean >= last.clean && raw >= last.raw && clean - last.clean == raw - last.raw) return;
    if (last.clean == clean) {
      anchors_.back().raw = raw;
      return;
    }
  }
  anchors_.push_back({clean, raw});
}

void OffsetMap::finish(std::size_t clean_size, std::size_t raw_size) {
  clean_end_ = static_cast<std::uint32_t>(clean_size);
  raw_end_ = static_cast<std::uint32_t>(raw_size);
}

std::size_t OffsetMap::to_raw(std::size_t clean_pos) const {
  if (clean_pos >= clean_end_) return raw_end_;
  if (anchors_.empty()) return std::min<std::size_t>(clean_pos, raw_end_);
  auto it = std::upper_bound(anchors_.begin(), anchors_.end(), clean_pos,
                             [](std::size_t pos, const Anchor& a) { return pos < a.clean; });
  if (it == anchors_.begin()) return anchors_.front().raw;
  --it;
  return std::min<std::size_t>(it->raw + (clean_pos - it->clean), raw_end_);
}

namespace {
void put_u32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFFu));
}
std::uint32_t get_u32(std::string_view in, std::size_t at) {
  std::uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(in[at + i])) << (8 * i);
  return v;
}
constexpr char kMagic[4] = {'S', 'O', 'M', '1'};
}  // namespace

std::string OffsetMap::serialize() const {
  std::string out(kMagic, sizeof kMagic);
  put_u32(out, clean_end_);
  put_u32(out, raw_end_);
  put_u32(out, static_cast<std::uint32_t>(anchors_.size()));
  for (const Anchor& a : anchors_) {
    put_u32(out, a.clean);
    put_u32(out, a.raw);
  }
  return out;
}

bool OffsetMap::deserialize(std::string_view bytes, OffsetMap& out) {
  if (bytes.size() < 16 || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) return false;
  OffsetMap map;
  map.clean_end_ = get_u32(bytes, 4);
  map.raw_end_ = get_u32(bytes, 8);
  const std::uint32_t count = get_u32(bytes, 12);
  if ((bytes.size() - 16) / 8 != count || (bytes.size() - 16) % 8 != 0) return false;
  map.anchors_.reserve(count);
  for (std::uint32_t i = 0; i < count; ++i) {
    const Anchor a{get_u32(bytes, 16 + 8 * i), get_u32(bytes, 20 + 8 * i)};
    if (!map.anchors_.empty() && a.clean <= map.anchors_.back().clean) return false;
    map.anchors_.push_back(a);
  }
  out = std::move(map);
  return true;
}

OffsetMap OffsetMap::then(const OffsetMap& inner) const {
  OffsetMap composed;
  for (const Anchor& a : anchors_) composed.add(a.clean, inner.to_raw(a.raw));
  composed.finish(clean_end_, inner.raw_end_);
  return composed;
}

}  // namespace sipur::text
