// Maps byte offsets in a cleaned text back to byte offsets in the text it was
// cleaned from, so that what analysis finds in clean text can be highlighted
// in the original (the idea of sentencepiece's normalizer alignment).
//
// Stored as anchors: at each anchor the mapping jumps; between anchors clean
// and raw advance together. Lookups are a binary search.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sipur::text {

class OffsetMap {
 public:
  struct Anchor {
    std::uint32_t clean = 0;
    std::uint32_t raw = 0;
  };

  // Declares that clean[clean_pos] came from raw[raw_pos]. Calls must come
  // in increasing clean_pos order.
  void add(std::size_t clean_pos, std::size_t raw_pos);
  // Ends the map: clean_size maps to raw_size.
  void finish(std::size_t clean_size, std::size_t raw_size);

  // Raw offset for a clean offset; offsets past the end map to the raw end.
  [[nodiscard]] std::size_t to_raw(std::size_t clean_pos) const;

  [[nodiscard]] const std::vector<Anchor>& anchors() const { return anchors_; }
  [[nodiscard]] bool empty() const { return anchors_.empty(); }

  // Compact little-endian form for the store, and its checked inverse.
  [[nodiscard]] std::string serialize() const;
  [[nodiscard]] static bool deserialize(std::string_view bytes, OffsetMap& out);

  // Composes two maps: this maps C→B, inner maps B→A; result maps C→A.
  [[nodiscard]] OffsetMap then(const OffsetMap& inner) const;

 private:
  std::vector<Anchor> anchors_;
  std::uint32_t clean_end_ = 0;
  std::uint32_t raw_end_ = 0;
};

}  // namespace sipur::text
