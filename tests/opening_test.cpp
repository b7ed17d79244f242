// The stand-in headline of a title-less article (text/opening.h).
#include <gtest/gtest.h>

#include <string>

#include "text/opening.h"

namespace sipur::text {
namespace {

TEST(Opening, TheFirstSentenceStandsForTheTitle) {
  EXPECT_EQ(opening("Firefighters fought a blaze at a Haifa warehouse. Nobody was hurt."),
            "Firefighters fought a blaze at a Haifa warehouse.");
  // A full stop among the first words is more often an abbreviation's.
  EXPECT_EQ(opening("The U.S. envoy landed in Israel today. Talks begin tomorrow."),
            "The U.S. envoy landed in Israel today.");
  // A first line stands alone, and runs of spaces become one.
  EXPECT_EQ(opening("  Haifa port\n\nWorkers  went on strike."), "Haifa port");
  EXPECT_EQ(opening(""), "");
  EXPECT_EQ(opening(" \n\t "), "");
}

TEST(Opening, ALongOpeningIsCutAtAWordWithAnEllipsis) {
  std::string body;
  for (int i = 0; i < 40; ++i) body += "שלום ";  // 5 bytes a word with its space
  const std::string got = opening(body);
  ASSERT_GE(got.size(), 3u);
  EXPECT_EQ(got.substr(got.size() - 3), "\u2026");
  EXPECT_LE(got.size(), kOpeningBytes + 3);
  // Whole words only: never a cut UTF-8 sequence.
  EXPECT_EQ((got.size() - 3 + 1) % 9, 0u) << got;  // "שלום" is 8 bytes, joined by single spaces
  // Only the first kOpeningBytes bytes count: the store's replay holds no more.
  EXPECT_EQ(opening(body.substr(0, kOpeningBytes + 1)), got);
  // A body that ends exactly at the limit is whole: no ellipsis.
  const std::string exact(kOpeningBytes, 'a');
  EXPECT_EQ(opening(exact), exact);
}

}  // namespace
}  // namespace sipur::text
