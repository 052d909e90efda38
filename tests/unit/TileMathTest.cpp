// The XYZ pyramid's arithmetic: tiles from lon/lat checked against hand
// computations, and round trips lon/lat <-> tile at every zoom.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "riskmap/serve/MapService.hpp"
#include "riskmap/tiles/MetatileRenderer.hpp"
#include "riskmap/tiles/TileMath.hpp"

namespace riskmap {
namespace {

TEST(TileMathTest, KnownTilesByHand) {
  // x = (lon + 180) / 360 * 2^z; y = (1 - asinh(tan(lat)) / pi) / 2 * 2^z.
  // 120.65E 30.10N at z12: x = 300.65 / 360 * 4096 = 3420.74;
  // asinh(tan 30.10 deg) = ln(0.579680 + 1.155868) = 0.551328,
  // y = (1 - 0.551328 / pi) / 2 * 4096 = 1688.59.
  EXPECT_EQ(tileAt(120.65, 30.10, 12), (TileId{12, 3420, 1688}));
  EXPECT_EQ(tileAt(0, 0, 0), (TileId{0, 0, 0}));
  EXPECT_EQ(tileAt(-180, 85, 1), (TileId{1, 0, 0}));
  EXPECT_EQ(tileAt(179.999, -85, 1), (TileId{1, 1, 1}));
  EXPECT_EQ(tileAt(0.0001, 0.0001, 1), (TileId{1, 1, 0}));  // just north-east of the origin
  // Beyond the Mercator limit, clamped rather than off the grid.
  EXPECT_EQ(tileAt(10, 89.9, 3).y, 0);
  EXPECT_EQ(tileAt(10, -89.9, 3).y, 7);
}

TEST(TileMathTest, BoundsInMetres) {
  const MercatorBox b = tileBounds({1, 0, 0});
  EXPECT_DOUBLE_EQ(b.minX, -kWebMercatorHalf);
  EXPECT_DOUBLE_EQ(b.maxX, 0);
  EXPECT_DOUBLE_EQ(b.minY, 0);
  EXPECT_DOUBLE_EQ(b.maxY, kWebMercatorHalf);
  const LonLatBox g = tileLonLatBounds({0, 0, 0});
  EXPECT_DOUBLE_EQ(g.west, -180);
  EXPECT_DOUBLE_EQ(g.east, 180);
  EXPECT_NEAR(g.north, kWebMercatorMaxLat, 1e-9);
  EXPECT_NEAR(g.south, -kWebMercatorMaxLat, 1e-9);
}

TEST(TileMathTest, RoundTripsAtEveryZoom) {
  std::mt19937_64 rng(20261123);
  std::uniform_real_distribution<double> lon(-180, 180), lat(-85, 85);
  for (int z = 0; z <= kMaxTileZoom; ++z) {
    for (int i = 0; i < 200; ++i) {
      const double lo = lon(rng), la = lat(rng);
      const TileId t = tileAt(lo, la, z);
      ASSERT_GE(t.x, 0);
      ASSERT_LT(t.x, tilesPerSide(z));
      // The tile found holds the point...
      const LonLatBox b = tileLonLatBounds(t);
      ASSERT_LE(b.west, lo) << "z" << z;
      ASSERT_GE(b.east, lo) << "z" << z;
      ASSERT_LE(b.south, la + 1e-9) << "z" << z;
      ASSERT_GE(b.north, la - 1e-9) << "z" << z;
      // ...and the tile's centre leads back to the tile.
      ASSERT_EQ(tileAt((b.west + b.east) / 2, (b.south + b.north) / 2, z), t) << "z" << z;
    }
  }
}

TEST(TileMathTest, RangesAndTmsRows) {
  const TileRange r = tileRange({120.44, 29.88, 120.90, 30.27}, 12);
  EXPECT_EQ(r.minX, tileAt(120.44, 30.27, 12).x);
  EXPECT_EQ(r.maxY, tileAt(120.90, 29.88, 12).y);
  EXPECT_EQ(r.count(), (r.maxX - r.minX + 1) * (r.maxY - r.minY + 1));
  EXPECT_EQ(tmsRow({3, 2, 0}), 7);
  EXPECT_EQ(tmsRow({3, 2, 7}), 0);
}

TEST(TileMathTest, OverviewZoomFitsTheBoxInSixteenTiles) {
  // Just inside z12 tiles 3420-3423 x 1688-1691: 4 x 4 at z12, 8 x 8 at z13.
  const LonLatBox nw = tileLonLatBounds({12, 3420, 1688}), se = tileLonLatBounds({12, 3423, 1691});
  const LonLatBox box{nw.west + 1e-6, se.south + 1e-6, se.east - 1e-6, nw.north - 1e-6};
  EXPECT_EQ(overviewZoom(box, 0, 18), 12);
  EXPECT_EQ(overviewZoom(box, 0, 10), 10);
  EXPECT_EQ(overviewZoom(box, 14, 18), 14);  // never below minzoom
}

TEST(TileMathTest, MetatilesClipToThePyramid) {
  TileGeometry g;
  g.metatile = 8;
  EXPECT_EQ(g.metatileOf({12, 3420, 1688}).mx, 427);
  const TileRange small = g.tilesOf({2, 0, 0});  // 4 x 4 tiles at z2, not 8 x 8
  EXPECT_EQ(small.maxX, 3);
  EXPECT_EQ(small.count(), 16);
}

TEST(TilePathTest, WellFormedAndMalformed) {
  const TilePath ok = parseTilePath("12/3420/1688.png");
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.id, (TileId{12, 3420, 1688}));
  for (const char* bad : {"", "12/3420", "12/3420/1688", "12/3420/1688.jpg", "-1/0/0.png", "3/8/0.png", "3/0/8.png",
                          "31/0/0.png", "12/../1688.png", "12/3420/1688.png/x", "12/99999999999999999999/0.png",
                          "1e3/0/0.png", "12/+1/0.png", "12//0.png", "a/b/c.png"})
    EXPECT_EQ(parseTilePath(bad).status, 400) << bad;
}

}  // namespace
}  // namespace riskmap
