// Tailings pond rules against hand-worked numbers: the class table of
// GB 39496-2020 4.5 (capacity and height agreeing, one class apart, more
// apart), the grade table, and the run-out relations worked by hand.
#include <gtest/gtest.h>

#include "riskmap/core/Error.hpp"
#include "tailings_ponds/PondRules.hpp"

namespace riskmap::tailings {
namespace {

Rules pondRules() { return Rules::load(std::string(RISKMAP_LAYERS_DIR) + "/tailings_ponds/tailings_ponds.toml"); }

TEST(PondClass, BandsOfTheStandardsTable) {
  const Rules r = pondRules();
  // Both in the same band; band bounds belong to the band above (>=).
  EXPECT_EQ(pondClass(50000, 200, r).cls, 1);
  EXPECT_EQ(pondClass(49999, 199, r).cls, 2);
  EXPECT_EQ(pondClass(10000, 100, r).cls, 2);
  EXPECT_EQ(pondClass(1000, 60, r).cls, 3);
  EXPECT_EQ(pondClass(999, 59.9, r).cls, 4);
  EXPECT_EQ(pondClass(100, 30, r).cls, 4);
  EXPECT_EQ(pondClass(99.9, 29.9, r).cls, 5);
}

TEST(PondClass, OneClassApartTakesTheHigher) {
  const Rules r = pondRules();
  const PondClass c = pondClass(1500, 45, r);  // capacity: 三等; height: 四等
  EXPECT_EQ(c.byCapacity, 3);
  EXPECT_EQ(c.byHeight, 4);
  EXPECT_EQ(c.cls, 3);
  EXPECT_NE(c.rule.find("the higher"), std::string::npos) << c.rule;
  EXPECT_EQ(pondClass(50, 35, r).cls, 4);  // 五等 by capacity, 四等 by height
}

TEST(PondClass, MoreApartTakesOneBelowTheHigher) {
  const Rules r = pondRules();
  EXPECT_EQ(pondClass(50, 65, r).cls, 4);      // 五等 / 三等: two apart -> 三等 lowered one -> 四等
  EXPECT_EQ(pondClass(20000, 20, r).cls, 3);   // 二等 / 五等: three apart -> 三等
  EXPECT_EQ(pondClass(60000, 10, r).cls, 2);   // 一等 / 五等: four apart -> 二等
  EXPECT_EQ(pondClass(50, 250, r).cls, 2);     // height 一等, capacity 五等 -> 二等
  EXPECT_NE(pondClass(50, 65, r).rule.find("one below the higher"), std::string::npos);
  EXPECT_EQ(className(4), "四等");
}

TEST(PondGrade, StateAndClassTableAndHeadTopRaise) {
  const Rules r = pondRules();
  EXPECT_EQ(stateGrade("正常库", 3, r), "moderate");
  EXPECT_EQ(stateGrade("正常库", 5, r), "low");
  EXPECT_EQ(stateGrade("病库", 3, r), "high");
  EXPECT_EQ(stateGrade("危库", 5, r), "major");
  EXPECT_THROW(stateGrade("好库", 3, r), UserError);
  EXPECT_EQ(raiseGrade("moderate", 1), "high");
  EXPECT_EQ(raiseGrade("major", 1), "major");
  EXPECT_EQ(raiseGrade("low", 0), "low");
}

TEST(Runout, Rico2008ByHand) {
  const Rules r = pondRules();
  // 100 x10^4 m3 = 1 Mm3 stored, H = 30 m:
  // V_F = 0.354 * 1^1.01 = 0.354 Mm3; H_f = 30 * 0.354 = 10.62;
  // D_max = 1.61 * 10.62^0.66 = 1.61 * exp(0.66 * 2.36275) = 1.61 * 4.7557 = 7.657 km.
  const Runout a = runout(100, 30, r);
  EXPECT_EQ(a.relation, "rico2008");
  EXPECT_NEAR(a.storedMm3, 1.0, 1e-12);
  EXPECT_NEAR(a.releasedMm3, 0.354, 1e-9);
  EXPECT_NEAR(a.damFactor, 10.62, 1e-9);
  EXPECT_NEAR(a.lengthKm, 7.657, 0.002);
  // 25 x10^4 m3 = 0.25 Mm3, H = 20 m: V_F = 0.354 * 0.25^1.01 = 0.354 * 0.246556 = 0.087281;
  // H_f = 1.74562; D_max = 1.61 * 1.74562^0.66 = 1.61 * exp(0.66 * 0.557113) = 1.61 * 1.44484 = 2.326 km.
  EXPECT_NEAR(runout(25, 20, r).lengthKm, 2.326, 0.002);
}

TEST(Runout, Larrauri2018ByTheLogForm) {
  Rules r = pondRules();
  toml::table over;
  over.insert("runout", toml::table{{"relation", "larrauri2018"}});
  r = Rules::load(std::string(RISKMAP_LAYERS_DIR) + "/tailings_ponds/tailings_ponds.toml", &over);
  // V_T = 10 Mm3, H = 40 m: log V_F = -0.477 + 0.954 * 1 = 0.477 -> V_F = 2.9992 Mm3;
  // H_f = 40 * 2.9992 * 0.29992 = 35.981; log D = 0.484 + 0.545 * log 35.981 = 0.484 + 0.545 * 1.55607
  // = 1.33206 -> D_max = 21.48 km.
  const Runout a = runout(1000, 40, r);
  EXPECT_EQ(a.relation, "larrauri2018");
  EXPECT_NEAR(a.releasedMm3, 2.9992, 0.001);
  EXPECT_NEAR(a.damFactor, 35.981, 0.02);
  EXPECT_NEAR(a.lengthKm, 21.48, 0.02);
}

}  // namespace
}  // namespace riskmap::tailings
