// Black segments and black spots at their thresholds, and one accident below.
#include <gtest/gtest.h>

#include "BlackSpots.hpp"

namespace riskmap {
namespace {

SnappedAccident at(double chainage, long long deaths, long long injuries) {
  return {"a", chainage, 0, chainage, deaths, injuries};
}

TEST(BlackSegments, ThreeDeathsInAWindowMakeABlackSegmentTwoDoNot) {
  const BlackSegmentRules rules;  // 500 m window, 100 m step, 3 deaths, 10 injury accidents
  // Fatal accidents at 1210, 1350 and 1690 m of a 5 km road: 480 m apart, so one 500 m window holds them.
  std::vector<SnappedAccident> three{at(1210, 1, 0), at(1350, 1, 0), at(1690, 1, 0), at(3000, 0, 1)};
  const auto segs = blackSegments(three, 5000, rules);
  ASSERT_EQ(segs.size(), 1u);
  // Windows starting at 1200 (1200-1700) is the only one holding all three.
  EXPECT_DOUBLE_EQ(segs[0].from, 1200);
  EXPECT_DOUBLE_EQ(segs[0].to, 1700);
  EXPECT_EQ(segs[0].members.size(), 3u);
  std::vector<SnappedAccident> two{at(1210, 1, 0), at(1350, 1, 0), at(1790, 1, 0)};  // 580 m apart: never 3 in one window
  EXPECT_TRUE(blackSegments(two, 5000, rules).empty());
}

TEST(BlackSegments, TenInjuryAccidentsMakeOneNineDoNot) {
  std::vector<SnappedAccident> ten, nine;
  for (int i = 0; i < 10; ++i) ten.push_back(at(2010 + 40 * i, 0, 2));  // 2010 .. 2370
  nine.assign(ten.begin(), ten.end() - 1);
  EXPECT_EQ(blackSegments(ten, 5000, BlackSegmentRules{}).size(), 1u);
  EXPECT_TRUE(blackSegments(nine, 5000, BlackSegmentRules{}).empty());
  // Property-only accidents do not count toward the injury threshold.
  std::vector<SnappedAccident> pdo = nine;
  pdo.push_back(at(2380, 0, 0));
  EXPECT_TRUE(blackSegments(pdo, 5000, BlackSegmentRules{}).empty());
}

TEST(BlackSegments, OverlappingBlackWindowsMerge) {
  std::vector<SnappedAccident> a{at(1000, 1, 0), at(1050, 1, 0), at(1100, 1, 0)};
  const auto segs = blackSegments(a, 5000, BlackSegmentRules{});
  ASSERT_EQ(segs.size(), 1u);
  // Windows starting 600..1000 all hold the three (start <= 1000, end >= 1100): merged 600 .. 1500.
  EXPECT_DOUBLE_EQ(segs[0].from, 600);
  EXPECT_DOUBLE_EQ(segs[0].to, 1500);
}

SnappedAccident xy(double x, double y) { return {"p", x, y, 0, 0, 0}; }

TEST(BlackSpots, FiveWithinFiftyMetresMakeASpotFourDoNot) {
  std::vector<SnappedAccident> five{xy(0, 0), xy(30, 0), xy(0, 40), xy(-25, -25), xy(35, 35), xy(500, 500)};
  const auto spots = blackSpots(five, BlackSpotRules{});
  ASSERT_EQ(spots.size(), 1u);
  EXPECT_EQ(spots[0], (std::vector<std::size_t>{0, 1, 2, 3, 4}));  // (35,35) is 49.5 m from (0,0)
  // (36,36) is 50.9 m from (0,0): no accident has 5 within 50 m.
  EXPECT_TRUE(blackSpots({xy(0, 0), xy(30, 0), xy(0, 40), xy(-25, -25), xy(36, 36)}, BlackSpotRules{}).empty());
}

TEST(Epdo, WeightsByWorstOutcome) {
  const EpdoWeights w;
  EXPECT_EQ(w.of(at(0, 2, 5)), 12);
  EXPECT_EQ(w.of(at(0, 0, 1)), 3);
  EXPECT_EQ(w.of(at(0, 0, 0)), 1);
}

}  // namespace
}  // namespace riskmap
