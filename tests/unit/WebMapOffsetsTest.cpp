// GCJ-02 and BD-09 against point pairs published by independent
// implementations, and the iterative inverses against the forward formulas.
#include <gtest/gtest.h>
#include <ogr_geometry.h>

#include <algorithm>
#include <cmath>

#include "riskmap/crs/WebMapOffsets.hpp"

namespace riskmap {
namespace {

constexpr double kPairTolerance = 1e-6;  // degrees, ~0.1 m

struct Pair {
  const char* where;
  LonLat from, to;
};

// WGS 84 -> GCJ-02. Sources: googollee/eviltransform (go/transform_test.go,
// python/test.py: Shanghai, Shenzhen, Beijing); wandergis/coordtransform
// (test/app.js: wgs84togcj02(116.404, 39.915)); hujiulong/gcoord
// (test/unit/crs/WGS84.spec.ts: [123, 45], 8 decimals).
const Pair kWgsToGcj[] = {
    {"Shanghai (eviltransform)", {121.5272106, 31.1774276}, {121.531541859215, 31.17530398364597}},
    {"Shenzhen (eviltransform)", {113.912316, 22.543847}, {113.9171764808363, 22.540796131694766}},
    {"Beijing (eviltransform)", {116.377817, 39.911954}, {116.38404722455657, 39.91334545536069}},
    {"Beijing (coordtransform)", {116.404, 39.915}, {116.41024449916938, 39.91640428150164}},
    {"123E 45N (gcoord)", {123.0, 45.0}, {123.00607541, 45.00197815}},
};

TEST(WebMapOffsets, Wgs84ToGcj02MatchesPublishedPairs) {
  for (const Pair& p : kWgsToGcj) {
    const LonLat g = wgs84ToGcj02(p.from);
    EXPECT_NEAR(g.lon, p.to.lon, kPairTolerance) << p.where;
    EXPECT_NEAR(g.lat, p.to.lat, kPairTolerance) << p.where;
  }
}

TEST(WebMapOffsets, Gcj02ToWgs84RecoversThePublishedPairs) {
  for (const Pair& p : kWgsToGcj) {
    const LonLat w = gcj02ToWgs84(p.to);
    EXPECT_NEAR(w.lon, p.from.lon, kPairTolerance) << p.where;
    EXPECT_NEAR(w.lat, p.from.lat, kPairTolerance) << p.where;
  }
  // coordtransform's gcj02towgs84(116.404, 39.915) is the published one-step
  // approximation; the exact inverse lies within 1e-6 degrees of it.
  const LonLat w = gcj02ToWgs84({116.404, 39.915});
  EXPECT_NEAR(w.lon, 116.39775550083061, kPairTolerance);
  EXPECT_NEAR(w.lat, 39.91359571849836, kPairTolerance);
}

TEST(WebMapOffsets, Bd09MatchesPublishedPairs) {
  // coordtransform (test/app.js): gcj02tobd09(116.404, 39.915).
  const LonLat b = gcj02ToBd09({116.404, 39.915});
  EXPECT_NEAR(b.lon, 116.41036949371029, kPairTolerance);
  EXPECT_NEAR(b.lat, 39.92133699351021, kPairTolerance);
  // coordtransform: bd09togcj02(116.404, 39.915), the published approximate
  // inverse; the iterative one agrees to 1e-6 degrees.
  const LonLat g = bd09ToGcj02({116.404, 39.915});
  EXPECT_NEAR(g.lon, 116.39762729119315, kPairTolerance);
  EXPECT_NEAR(g.lat, 39.90865673957631, kPairTolerance);
  // gcoord (WGS84.spec.ts): WGS 84 [123, 45] -> BD-09 [123.0124491, 45.0083293] (7 decimals).
  const LonLat wb = wgs84ToBd09({123.0, 45.0});
  EXPECT_NEAR(wb.lon, 123.0124491, kPairTolerance);
  EXPECT_NEAR(wb.lat, 45.0083293, kPairTolerance);
  const LonLat back = bd09ToWgs84({123.0124491, 45.0083293});
  EXPECT_NEAR(back.lon, 123.0, kPairTolerance);
  EXPECT_NEAR(back.lat, 45.0, kPairTolerance);
}

TEST(WebMapOffsets, OutsideChinaGcj02IsTheIdentity) {
  // gcoord: [183, 45] stays; Tokyo (139.69E) is east of the published box.
  for (const LonLat p : {LonLat{183, 45}, LonLat{139.69, 35.69}, LonLat{2.35, 48.85}}) {
    EXPECT_FALSE(insideGcj02Box(p));
    EXPECT_EQ(wgs84ToGcj02(p).lon, p.lon);
    EXPECT_EQ(wgs84ToGcj02(p).lat, p.lat);
    EXPECT_EQ(gcj02ToWgs84(p).lon, p.lon);
    EXPECT_EQ(gcj02ToWgs84(p).lat, p.lat);
  }
}

TEST(WebMapOffsets, InversesRoundTripToANanodegreeOverChina) {
  double worst = 0;
  int points = 0;
  for (double lon = 73.5; lon <= 135.0; lon += 0.5)
    for (double lat = 18.0; lat <= 53.5; lat += 0.5) {
      const LonLat p{lon, lat};
      const LonLat g = wgs84ToGcj02(gcj02ToWgs84(p));
      const LonLat b = wgs84ToBd09(bd09ToWgs84(p));
      const LonLat gb = gcj02ToBd09(bd09ToGcj02(p));
      for (double d : {g.lon - lon, g.lat - lat, b.lon - lon, b.lat - lat, gb.lon - lon, gb.lat - lat})
        worst = std::max(worst, std::fabs(d));
      ++points;
      // The offset is real there: GCJ-02 moves every point of the grid by more than 1e-4 degrees.
      EXPECT_GT(std::fabs(gcj02ToWgs84(p).lon - lon) + std::fabs(gcj02ToWgs84(p).lat - lat), 1e-4) << lon << " " << lat;
    }
  EXPECT_EQ(points, 124 * 72);
  EXPECT_LT(worst, 1e-9);
}

TEST(WebMapOffsets, EveryVertexOfAGeometryIsMoved) {
  // A line through the Beijing pair of coordtransform and the Shanghai pair of eviltransform, in GCJ-02.
  OGRLineString line;
  line.addPoint(116.41024449916938, 39.91640428150164);
  line.addPoint(121.531541859215, 31.17530398364597);
  removeWebMapOffset(line, WebMapCoordinates::Gcj02);
  EXPECT_NEAR(line.getX(0), 116.404, kPairTolerance);
  EXPECT_NEAR(line.getY(0), 39.915, kPairTolerance);
  EXPECT_NEAR(line.getX(1), 121.5272106, kPairTolerance);
  EXPECT_NEAR(line.getY(1), 31.1774276, kPairTolerance);
}

TEST(WebMapOffsets, NamesParse) {
  EXPECT_EQ(parseWebMapCoordinates(""), WebMapCoordinates::None);
  EXPECT_EQ(parseWebMapCoordinates("none"), WebMapCoordinates::None);
  EXPECT_EQ(parseWebMapCoordinates("gcj02"), WebMapCoordinates::Gcj02);
  EXPECT_EQ(parseWebMapCoordinates("bd09"), WebMapCoordinates::Bd09);
  EXPECT_FALSE(parseWebMapCoordinates("GCJ-02"));
  EXPECT_EQ(webMapCoordinatesName(WebMapCoordinates::Bd09), "bd09");
}

}  // namespace
}  // namespace riskmap
