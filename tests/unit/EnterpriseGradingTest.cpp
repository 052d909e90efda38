// The enterprise map's arithmetic, worked by hand: risk points graded by
// LEC (D = L x E x C) and the risk matrix (R = L x S) against the bands of
// layers/enterprise/enterprise_map.toml; 就高 from points to units to the
// enterprise; the similarity fit to control points and its residuals.
#include <gtest/gtest.h>

#include <cmath>

#include "enterprise/EnterpriseRules.hpp"
#include "enterprise/Georeference.hpp"
#include "enterprise/PlantGrades.hpp"
#include "enterprise/RiskPoint.hpp"
#include "riskmap/core/Error.hpp"

namespace riskmap::enterprise {
namespace {

EnterpriseRules shippedRules() {
  return EnterpriseRules::from(Rules::load(std::string(RISKMAP_LAYERS_DIR) + "/enterprise/enterprise_map.toml"));
}

RiskPoint lec(const std::string& unit, double L, double E, double C) {
  RiskPoint p;
  p.unit = unit, p.method = Method::Lec, p.L = L, p.E = E, p.C = C;
  return p;
}

RiskPoint matrix(const std::string& unit, double L, double S) {
  RiskPoint p;
  p.unit = unit, p.method = Method::Matrix, p.L = L, p.S = S;
  return p;
}

RiskGrade graded(RiskPoint p, const EnterpriseRules& r, double expectScore) {
  const auto why = gradeRiskPoint(p, r);
  EXPECT_FALSE(why) << *why;
  EXPECT_DOUBLE_EQ(p.score, expectScore);
  return p.grade;
}

TEST(EnterpriseGradingTest, LecBandsByHand) {
  const EnterpriseRules r = shippedRules();
  // 3 x 6 x 40 = 720 >= 320; 3 x 6 x 15 = 270 in 160-320; 3 x 6 x 7 = 126 in 70-160; 1 x 6 x 3 = 18 < 70.
  EXPECT_EQ(graded(lec("A", 3, 6, 40), r, 720), RiskGrade::Major);
  EXPECT_EQ(graded(lec("A", 3, 6, 15), r, 270), RiskGrade::High);
  EXPECT_EQ(graded(lec("A", 3, 6, 7), r, 126), RiskGrade::Moderate);
  EXPECT_EQ(graded(lec("A", 1, 6, 3), r, 18), RiskGrade::Low);
  // On an edge: 1 x 10 x 7 = 70 is moderate (70 <= D < 160); 0.5 x 6 x 40 = 120 despite 0.5's binary form.
  EXPECT_EQ(graded(lec("A", 1, 10, 7), r, 70), RiskGrade::Moderate);
  EXPECT_EQ(graded(lec("A", 0.5, 6, 40), r, 120), RiskGrade::Moderate);
  // 0.1 x 0.5 x 1 = 0.05, the smallest D the tables allow.
  EXPECT_EQ(graded(lec("A", 0.1, 0.5, 1), r, 0.05), RiskGrade::Low);
  // The band edges themselves (no product of the tables lands on 320 or 160).
  EXPECT_EQ(r.lecBands.grade(320), RiskGrade::Major);
  EXPECT_EQ(r.lecBands.grade(319.99), RiskGrade::High);
  EXPECT_EQ(r.lecBands.grade(160), RiskGrade::High);
  EXPECT_EQ(r.lecBands.grade(159.99), RiskGrade::Moderate);
  EXPECT_EQ(r.lecBands.grade(69.99), RiskGrade::Low);
}

TEST(EnterpriseGradingTest, MatrixBandsByHand) {
  const EnterpriseRules r = shippedRules();
  EXPECT_EQ(graded(matrix("A", 5, 5), r, 25), RiskGrade::Major);
  EXPECT_EQ(graded(matrix("A", 4, 5), r, 20), RiskGrade::Major);
  EXPECT_EQ(graded(matrix("A", 4, 4), r, 16), RiskGrade::High);
  EXPECT_EQ(graded(matrix("A", 5, 3), r, 15), RiskGrade::High);
  EXPECT_EQ(graded(matrix("A", 4, 3), r, 12), RiskGrade::Moderate);
  EXPECT_EQ(graded(matrix("A", 3, 3), r, 9), RiskGrade::Moderate);
  EXPECT_EQ(graded(matrix("A", 2, 4), r, 8), RiskGrade::Low);
  EXPECT_EQ(graded(matrix("A", 1, 1), r, 1), RiskGrade::Low);
}

TEST(EnterpriseGradingTest, FactorsOutsideTheirTablesAreRefusedWithTheTable) {
  const EnterpriseRules r = shippedRules();
  RiskPoint e4 = lec("A", 3, 4, 15);
  const auto why = gradeRiskPoint(e4, r);
  ASSERT_TRUE(why);
  EXPECT_NE(why->find("E = 4"), std::string::npos) << *why;
  EXPECT_NE(why->find("10, 6, 3, 2, 1, 0.5"), std::string::npos) << *why;
  RiskPoint s6 = matrix("A", 3, 6);
  ASSERT_TRUE(gradeRiskPoint(s6, r));
  RiskPoint c50 = lec("A", 3, 6, 50);
  ASSERT_TRUE(gradeRiskPoint(c50, r));
}

TEST(EnterpriseGradingTest, BandsAreDataAProjectCanChange) {
  // A province grading LEC D >= 240 as major (an override of [rules.enterprise]).
  toml::table override = toml::parse("[lec.bands]\nmajor = 240\n");
  const EnterpriseRules r = EnterpriseRules::from(
      Rules::load(std::string(RISKMAP_LAYERS_DIR) + "/enterprise/enterprise_map.toml", &override));
  EXPECT_EQ(graded(lec("A", 3, 6, 15), r, 270), RiskGrade::Major);
  toml::table bad = toml::parse("[lec.bands]\nmajor = 100\n");  // below high: refused
  EXPECT_THROW(EnterpriseRules::from(Rules::load(std::string(RISKMAP_LAYERS_DIR) + "/enterprise/enterprise_map.toml", &bad)),
               UserError);
}

TEST(EnterpriseGradingTest, HighestGradeWinsUpTheHierarchy) {
  const EnterpriseRules r = shippedRules();
  std::vector<RiskPoint> points = {lec("罐区", 1, 6, 3), lec("罐区", 3, 6, 15), matrix("仓库", 3, 3), lec("仓库", 1, 6, 3)};
  for (RiskPoint& p : points) ASSERT_FALSE(gradeRiskPoint(p, r));
  PlantGrades g = gradePlant(points);
  EXPECT_EQ(g.unit("罐区"), RiskGrade::High);      // low and high: high
  EXPECT_EQ(g.unit("仓库"), RiskGrade::Moderate);  // moderate and low: moderate
  EXPECT_FALSE(g.unit("办公楼"));                   // no risk point: no grade
  EXPECT_EQ(g.enterprise, RiskGrade::High);
  EXPECT_EQ(g.units.at("罐区").points.front()->score, 270);  // the point that decides comes first
  EXPECT_EQ(g.pointCounts[RiskGrade::Low], 2);
  // One major point in the warehouse makes the warehouse and the enterprise major.
  points.push_back(matrix("仓库", 4, 5));
  ASSERT_FALSE(gradeRiskPoint(points.back(), r));
  g = gradePlant(points);
  EXPECT_EQ(g.unit("仓库"), RiskGrade::Major);
  EXPECT_EQ(g.unit("罐区"), RiskGrade::High);
  EXPECT_EQ(g.enterprise, RiskGrade::Major);
  EXPECT_FALSE(gradePlant({}).enterprise);
}

// A transform chosen by hand: scale 1.0002, 12 degrees, a Gauss-Kruger origin.
const double kScale = 1.0002, kTheta = 12 * M_PI / 180, kE0 = 571234.5, kN0 = 3329876.5;

PlanXY chosen(PlanXY p) {
  return {kE0 + kScale * (p.x * std::cos(kTheta) - p.y * std::sin(kTheta)),
          kN0 + kScale * (p.x * std::sin(kTheta) + p.y * std::cos(kTheta))};
}

std::vector<ControlPoint> square() {
  std::vector<ControlPoint> cps;
  const PlanXY corners[] = {{150, 150}, {50, 50}, {150, 50}, {50, 150}};  // centred on (100, 100), half-side 50
  for (int i = 0; i < 4; ++i) cps.push_back({"K" + std::to_string(i + 1), corners[i], chosen(corners[i])});
  return cps;
}

TEST(EnterpriseGradingTest, SimilarityFitRecoversTheChosenTransform) {
  const Fit fit = fitSimilarity(square());
  EXPECT_NEAR(fit.transform.scale(), kScale, 1e-12);
  EXPECT_NEAR(fit.transform.rotationDegrees(), 12, 1e-9);
  const PlanXY far = fit.transform.apply({1000, -500}), expect = chosen({1000, -500});
  EXPECT_NEAR(far.x, expect.x, 1e-6);
  EXPECT_NEAR(far.y, expect.y, 1e-6);
  for (const Residual& r : fit.residuals) EXPECT_LT(r.distance, 1e-6);
  // Two points determine the transform exactly.
  const std::vector<ControlPoint> four = square(), two(four.begin(), four.begin() + 2);
  EXPECT_NEAR(fitSimilarity(two).transform.rotationDegrees(), 12, 1e-9);
  // Origin and rotation: the plan's (0, 0) lands on the origin, its x axis turned 30 degrees.
  const Similarity o = Similarity::fromOrigin({kE0, kN0}, 30);
  const PlanXY x100 = o.apply({100, 0});
  EXPECT_NEAR(x100.x, kE0 + 100 * std::sqrt(3) / 2, 1e-9);
  EXPECT_NEAR(x100.y, kN0 + 50, 1e-9);
}

TEST(EnterpriseGradingTest, ResidualsOfAPointMovedByHand) {
  // K1 (plan corner (150,150), centred (+50,+50)) moved 0.4 m east on the map. With the
  // four corners of a square of half-side 50 (sum of squares 20000), least squares moves
  // the fit by delta/4 = (0.1, 0) and changes a by 50 x 0.4 / 20000 = 0.001 and b by
  // -50 x 0.4 / 20000 = -0.001, so the fitted points move by
  //   K1 (+50,+50): (0.1 + 0.05 + 0.05, 0)       = (0.2, 0)   -> residual (0.2, 0)
  //   K2 (-50,-50): (0.1 - 0.05 - 0.05, 0)       = (0, 0)     -> residual 0
  //   K3 (+50,-50): (0.1 + 0.05 - 0.05, -0.1)    = (0.1,-0.1) -> residual (-0.1, 0.1)
  //   K4 (-50,+50): (0.1 - 0.05 + 0.05, 0.1)     = (0.1, 0.1) -> residual (-0.1,-0.1)
  // and the rms is sqrt((0.04 + 0 + 0.02 + 0.02) / 4) = sqrt(0.02).
  std::vector<ControlPoint> cps = square();
  cps[0].map.x += 0.4;
  const Fit fit = fitSimilarity(cps);
  const double expect[4][2] = {{0.2, 0}, {0, 0}, {-0.1, 0.1}, {-0.1, -0.1}};
  for (int i = 0; i < 4; ++i) {
    EXPECT_NEAR(fit.residuals[i].dx, expect[i][0], 1e-9) << fit.residuals[i].name;
    EXPECT_NEAR(fit.residuals[i].dy, expect[i][1], 1e-9) << fit.residuals[i].name;
  }
  EXPECT_NEAR(fit.rms, std::sqrt(0.02), 1e-9);
  // At 0.15 m only K1 (0.2 m) is off; K3 and K4 (0.141 m) are not named.
  try {
    checkResiduals(fit, 0.15, "plants.toml");
    FAIL() << "a 0.2 m residual passed a 0.15 m limit";
  } catch (const UserError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("K1 (0.200 m)"), std::string::npos) << m;
    EXPECT_EQ(m.find("K3"), std::string::npos) << m;
  }
  EXPECT_NO_THROW(checkResiduals(fit, 0.25, "plants.toml"));
  EXPECT_THROW(fitSimilarity({cps[0]}), UserError);
}

}  // namespace
}  // namespace riskmap::enterprise
