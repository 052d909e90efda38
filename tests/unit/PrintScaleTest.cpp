// The arithmetic of printed maps, checked against figures worked by hand.
#include <gtest/gtest.h>

#include "riskmap/core/Error.hpp"
#include "riskmap/print/Paper.hpp"
#include "riskmap/print/PrintScale.hpp"

namespace riskmap {
namespace {

TEST(PaperTest, IsoSizesInPoints) {
  // A1 is 594 x 841 mm; 1 mm = 72 / 25.4 pt: 1683.78 x 2383.94 pt.
  const Page a1 = paperPage("A1", Orientation::Portrait);
  EXPECT_NEAR(a1.width, 1683.78, 0.01);
  EXPECT_NEAR(a1.height, 2383.94, 0.01);
  const Page a4 = paperPage("a4", Orientation::Landscape);  // 297 x 210 mm
  EXPECT_NEAR(a4.width, 841.89, 0.01);
  EXPECT_NEAR(a4.height, 595.28, 0.01);
  EXPECT_NEAR(paperPage("A0", Orientation::Portrait).height, 1189 * 72 / 25.4, 1e-9);
  EXPECT_THROW(paperPage("B2", Orientation::Portrait), UserError);
  EXPECT_THROW(parseOrientation("sideways"), UserError);
}

TEST(PrintScaleTest, LargestRoundScaleThatFits) {
  const std::vector<double> scales{250000, 10000, 50000, 100000, 25000, 200000};
  // 46 km across a 460 mm frame is exactly 1:100,000.
  const double frame = 460 * 72 / 25.4;
  EXPECT_EQ(fitRoundScale(scales, 46000, 10000, frame, frame), 100000);
  // A metre more does not fit at 1:100,000: the next scale is 1:200,000.
  EXPECT_EQ(fitRoundScale(scales, 46001, 10000, frame, frame), 200000);
  // The height can decide: 30 km in 200 mm needs 1:150,000 -> 1:200,000.
  EXPECT_EQ(fitRoundScale(scales, 1000, 30000, frame, 200 * 72 / 25.4), 200000);
  // Too big for every scale: the smallest scale (largest denominator).
  EXPECT_EQ(fitRoundScale(scales, 1e7, 1e7, frame, frame), 250000);
}

TEST(PrintScaleTest, ScaleText) {
  EXPECT_EQ(scaleText(100000), "1:100\u2009000");
  EXPECT_EQ(scaleText(2500), "1:2\u2009500");
  EXPECT_EQ(scaleText(1000000), "1:1\u2009000\u2009000");
}

TEST(PrintScaleTest, ScaleBarIsRoundAndAtLeastHalfTheRoom) {
  // At 1:100,000 one point is 35.28 m; 200 pt of room is 7,056 m: the bar
  // is 5 km in 5 divisions, 141.73 pt long.
  ScaleBar b = roundScaleBar(100000, 200);
  EXPECT_DOUBLE_EQ(b.groundMetres, 5000);
  EXPECT_EQ(b.divisions, 5);
  EXPECT_NEAR(b.lengthPoints, 5000 / (100000 * 0.0254 / 72), 1e-9);
  EXPECT_EQ(b.unit, "千米");
  EXPECT_EQ(b.labels, (std::vector<std::string>{"0", "1", "2", "3", "4", "5"}));
  // 100 pt at 1:100,000 is 3,528 m: 2.5 km in five parts of 0.5.
  b = roundScaleBar(100000, 100);
  EXPECT_DOUBLE_EQ(b.groundMetres, 2500);
  EXPECT_EQ(b.labels.back(), "2.5");
  EXPECT_EQ(b.labels[1], "0.5");
  // At 1:10,000, 100 pt is 352.8 m: 250 m, in metres.
  b = roundScaleBar(10000, 100);
  EXPECT_DOUBLE_EQ(b.groundMetres, 250);
  EXPECT_EQ(b.unit, "米");
  for (double room : {37.0, 80.0, 143.0, 260.0, 999.0}) {
    const ScaleBar s = roundScaleBar(250000, room);
    EXPECT_LE(s.lengthPoints, room + 1e-9);
    EXPECT_GE(s.lengthPoints, room / 2);
  }
}

TEST(PrintScaleTest, DegreeTicks) {
  // 0.48 degrees with at least 4 ticks: 5' (5.8 ticks); 10' would give 2.9.
  EXPECT_DOUBLE_EQ(tickIntervalDegrees(0.48, 4), 5.0 / 60);
  EXPECT_DOUBLE_EQ(tickIntervalDegrees(5, 4), 1.0);
  EXPECT_DOUBLE_EQ(tickIntervalDegrees(0.02, 4), 1.0 / 60);
  EXPECT_EQ(degreesText(120.5, true), "120°30′E");
  EXPECT_EQ(degreesText(30.25, false), "30°15′N");
  EXPECT_EQ(degreesText(121, true), "121°E");
  EXPECT_EQ(degreesText(-33.5, false), "33°30′S");
}

}  // namespace
}  // namespace riskmap
