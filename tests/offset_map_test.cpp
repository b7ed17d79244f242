#include <gtest/gtest.h>

#include "text/offset_map.h"

namespace sipur::text {
namespace {

TEST(OffsetMap, MapsThroughJumps) {
  OffsetMap map;
  map.add(0, 0);
  map.add(5, 9);  // 4 raw bytes dropped before clean 5
  map.finish(10, 14);
  EXPECT_EQ(map.to_raw(0), 0u);
  EXPECT_EQ(map.to_raw(4), 4u);
  EXPECT_EQ(map.to_raw(5), 9u);
  EXPECT_EQ(map.to_raw(7), 11u);
  EXPECT_EQ(map.to_raw(10), 14u);
  EXPECT_EQ(map.to_raw(99), 14u);
}

TEST(OffsetMap, SerializeRoundTripAndRejectsDamage) {
  OffsetMap map;
  map.add(0, 3);
  map.add(10, 20);
  map.finish(15, 25);
  const std::string bytes = map.serialize();
  OffsetMap back;
  ASSERT_TRUE(OffsetMap::deserialize(bytes, back));
  EXPECT_EQ(back.to_raw(12), map.to_raw(12));
  OffsetMap damaged;
  EXPECT_FALSE(OffsetMap::deserialize(bytes.substr(0, bytes.size() - 3), damaged));
  EXPECT_FALSE(OffsetMap::deserialize("XXXX" + bytes.substr(4), damaged));
  std::string reordered = bytes;
  std::swap(reordered[16], reordered[24]);  // anchors out of order
  EXPECT_FALSE(OffsetMap::deserialize(reordered, damaged));
}

TEST(OffsetMap, Composes) {
  OffsetMap outer;  // C -> B: drops B[2..4)
  outer.add(0, 0);
  outer.add(2, 4);
  outer.finish(6, 8);
  OffsetMap inner;  // B -> A: drops A[0..3)
  inner.add(0, 3);
  inner.finish(8, 11);
  const OffsetMap both = outer.then(inner);
  EXPECT_EQ(both.to_raw(0), 3u);
  EXPECT_EQ(both.to_raw(2), 7u);
  EXPECT_EQ(both.to_raw(6), 11u);
}

}  // namespace
}  // namespace sipur::text
