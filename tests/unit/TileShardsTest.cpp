// The arithmetic of tile shards: the Hilbert curve, "I/N" and shard names.
#include <gtest/gtest.h>

#include <cstdlib>
#include <set>

#include "riskmap/core/Error.hpp"
#include "riskmap/tiles/TileShards.hpp"

namespace riskmap {
namespace {

TEST(TileShardsTest, HilbertCurveVisitsEveryCellOnceStepByStep) {
  // On the 8 x 8 grid the curve is a bijection onto 0..63 and each step
  // moves to an edge neighbour (checked by distance, not by a table).
  const int order = 3, n = 8;
  std::vector<std::pair<int, int>> at(n * n, {-1, -1});
  for (int y = 0; y < n; ++y)
    for (int x = 0; x < n; ++x) {
      const auto d = hilbertIndex(order, x, y);
      ASSERT_LT(d, 64u);
      ASSERT_EQ(at[d].first, -1) << "cell " << d << " visited twice";
      at[d] = {x, y};
    }
  for (int d = 1; d < n * n; ++d)
    EXPECT_EQ(std::abs(at[d].first - at[d - 1].first) + std::abs(at[d].second - at[d - 1].second), 1) << d;
  // The curve starts in one corner and ends in the adjacent one (same row or column).
  EXPECT_EQ(at[0], std::make_pair(0, 0));
  EXPECT_TRUE(at[63] == std::make_pair(7, 0) || at[63] == std::make_pair(0, 7));
}

TEST(TileShardsTest, HilbertCurveKeepsQuadrantsTogether) {
  // The first quarter of the 2^k curve is one quadrant of the grid: a run of
  // the curve is a compact area, which is why shards are cut along it.
  std::set<std::pair<int, int>> quadrant;
  for (int y = 0; y < 16; ++y)
    for (int x = 0; x < 16; ++x)
      if (hilbertIndex(4, x, y) < 64) quadrant.insert({x / 8, y / 8});
  EXPECT_EQ(quadrant.size(), 1u);
}

TEST(TileShardsTest, ShardsCountFromOne) {
  EXPECT_EQ(parseShard("3/4").index, 3);
  EXPECT_EQ(parseShard("3/4").count, 4);
  EXPECT_EQ(parseShard("1/1").text(), "1/1");
  EXPECT_THROW(parseShard("0/4"), UserError);
  EXPECT_THROW(parseShard("5/4"), UserError);
  EXPECT_THROW(parseShard("2"), UserError);
  EXPECT_THROW(parseShard("2/4x"), UserError);
}

TEST(TileShardsTest, ShardFilesSitBesideTheOutput) {
  EXPECT_EQ(shardPath("/data/province.mbtiles", {2, 12}), std::filesystem::path("/data/province.shard-2-of-12.mbtiles"));
  EXPECT_EQ(shardPath("tiles.mbtiles", {1, 1}), std::filesystem::path("tiles.shard-1-of-1.mbtiles"));
}

}  // namespace
}  // namespace riskmap
