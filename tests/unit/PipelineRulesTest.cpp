// Pipeline rules against hand-worked numbers: the potential impact radius
// (GB 32167-2015) and location classes by the 2 km window (GB 50251-2015).
#include <gtest/gtest.h>

#include "LocationClass.hpp"
#include "PipelineAssessment.hpp"

namespace riskmap {
namespace {

TEST(PotentialImpactRadius, TrunkLineOfTheStandardsExample) {
  // d = 1016 mm, p = 10 MPa: 0.099 * sqrt(1016^2 * 10) = 0.099 * 3212.87 = 318.07 m.
  EXPECT_NEAR(potentialImpactRadius(1016, 10), 318.07, 0.01);
  // d = 219 mm, p = 1.6 MPa: 0.099 * 219 * sqrt(1.6) = 27.42 m.
  EXPECT_NEAR(potentialImpactRadius(219, 1.6), 27.42, 0.01);
}

// n buildings of one household each, 10 m apart, starting at chainage 5000.
std::vector<ChainedBuilding> households(int n, long long storeys = 2) {
  std::vector<ChainedBuilding> out;
  for (int i = 0; i < n; ++i) out.push_back({5000.0 + 10 * i, 1, storeys});
  return out;
}

int worstClass(const std::vector<ClassInterval>& intervals) {
  int c = 1;
  for (const auto& i : intervals) c = std::max(c, i.locationClass);
  return c;
}

TEST(LocationClass, ChangesWhenTheWindowCrosses15And100Households) {
  const LocationClassRules rules;  // the standard's numbers: 16, 100, 2 km, 200 m margin
  EXPECT_EQ(worstClass(locationClassIntervals(households(15), rules)), 1);
  EXPECT_EQ(worstClass(locationClassIntervals(households(16), rules)), 2);
  EXPECT_EQ(worstClass(locationClassIntervals(households(99), rules)), 2);
  EXPECT_EQ(worstClass(locationClassIntervals(households(100), rules)), 3);
  EXPECT_EQ(worstClass(locationClassIntervals(households(100, 6), rules)), 4);  // tall buildings prevail
}

TEST(LocationClass, OnlyHouseholdsWithinOneWindowCount) {
  // 20 households in two groups of 10, 2.5 km apart: no 2 km window holds more than 10.
  std::vector<ChainedBuilding> b;
  for (int i = 0; i < 10; ++i) b.push_back({1000.0 + i, 1, 2}), b.push_back({3500.0 + i, 1, 2});
  EXPECT_EQ(worstClass(locationClassIntervals(b, LocationClassRules{})), 1);
  // 2 km apart exactly: one window holds both groups' ends.
  std::vector<ChainedBuilding> c;
  for (int i = 0; i < 10; ++i) c.push_back({1000.0 + i, 1, 2}), c.push_back({2990.0 + i, 1, 2});
  EXPECT_EQ(worstClass(locationClassIntervals(c, LocationClassRules{})), 2);
}

TEST(LocationClass, StretchEndsTwoHundredMetresBeyondItsBuildings) {
  const auto intervals = locationClassIntervals(households(20), LocationClassRules{});
  ASSERT_FALSE(intervals.empty());
  // buildings from 5000 to 5190: the class-2 stretch runs 4800 .. 5390.
  EXPECT_DOUBLE_EQ(intervals.front().from, 4800);
  EXPECT_DOUBLE_EQ(intervals.front().to, 5390);
  EXPECT_EQ(intervals.front().households, 20);
}

}  // namespace
}  // namespace riskmap
