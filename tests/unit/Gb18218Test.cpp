// GB 18218-2018 worked examples, computed by hand from the standard's formula:
// R = alpha * sum(beta * q / Q); chlorine Q 5 t beta 4, ammonia Q 10 t beta 2.
#include <gtest/gtest.h>

#include "Gb18218.hpp"
#include "riskmap/assess/Rules.hpp"

namespace riskmap {
namespace {

class Gb18218Test : public ::testing::Test {
 protected:
  Gb18218Test() : rules_(Rules::load(std::string(RISKMAP_LAYERS_DIR) + "/hazard_sources/gb18218.toml")), gb_(rules_) {}
  Rules rules_;
  Gb18218 gb_;
};

// 12 t chlorine and 30 t ammonia: S = 12/5 + 30/10 = 5.4; sum beta q/Q = 4*2.4 + 2*3 = 15.6.
const std::vector<InventoryItem> kChlorineAmmonia{{"氯", "", 12, std::nullopt}, {"氨", "", 30, std::nullopt}};

TEST_F(Gb18218Test, ChlorineAndAmmoniaInEveryAlphaBand) {
  struct Case {
    double people, alpha, R;
    int level;
  };
  for (const Case c : {Case{150, 2.0, 31.2, 3}, Case{75, 1.5, 23.4, 3}, Case{40, 1.2, 18.72, 3},
                       Case{10, 1.0, 15.6, 3}, Case{0, 0.5, 7.8, 4}}) {
    const Gb18218Result r = gb_.grade(kChlorineAmmonia, c.people);
    EXPECT_NEAR(r.sumQ, 5.4, 1e-12);
    EXPECT_NEAR(r.sumBetaQ, 15.6, 1e-12);
    EXPECT_DOUBLE_EQ(r.alpha, c.alpha) << c.people;
    EXPECT_NEAR(r.R, c.R, 1e-9) << c.people;
    EXPECT_EQ(r.level, c.level) << c.people;
  }
}

TEST_F(Gb18218Test, AlphaBandEdgesCountWholePersons) {
  EXPECT_EQ(gb_.alphaFor(100), 2.0);
  EXPECT_EQ(gb_.alphaFor(99.6), 2.0);  // rounds to 100 persons
  EXPECT_EQ(gb_.alphaFor(99.4), 1.5);
  EXPECT_EQ(gb_.alphaFor(50), 1.5);
  EXPECT_EQ(gb_.alphaFor(49), 1.2);
  EXPECT_EQ(gb_.alphaFor(30), 1.2);
  EXPECT_EQ(gb_.alphaFor(29), 1.0);
  EXPECT_EQ(gb_.alphaFor(1), 1.0);
  EXPECT_EQ(gb_.alphaFor(0.4), 0.5);
}

TEST_F(Gb18218Test, LevelsAtTheirThresholds) {
  // 65 t chlorine: beta q/Q = 4 * 13 = 52. alpha 2 -> R 104, level 1; alpha 1.5 -> 78, level 2.
  const std::vector<InventoryItem> chlorine{{"chlorine", "", 65, std::nullopt}};  // English alias
  EXPECT_EQ(gb_.grade(chlorine, 120).level, 1);
  EXPECT_NEAR(gb_.grade(chlorine, 120).R, 104, 1e-9);
  EXPECT_EQ(gb_.grade(chlorine, 60).level, 2);
  EXPECT_EQ(gb_.levelFor(100), 1);
  EXPECT_EQ(gb_.levelFor(99.999), 2);
  EXPECT_EQ(gb_.levelFor(50), 2);
  EXPECT_EQ(gb_.levelFor(10), 3);
  EXPECT_EQ(gb_.levelFor(9.99), 4);
}

TEST_F(Gb18218Test, BelowTheCriticalQuantityIsNotAMajorHazardSource) {
  // S = 2/5 + 3/10 = 0.7 < 1.
  const Gb18218Result r = gb_.grade({{"氯", "", 2, std::nullopt}, {"氨", "", 3, std::nullopt}}, 500);
  EXPECT_NEAR(r.sumQ, 0.7, 1e-12);
  EXPECT_EQ(r.level, 0);
}

TEST_F(Gb18218Test, QuantitiesFromInventoryTablesAndCategories) {
  // Given Q_t wins over Table 1: 10 t chlorine with Q 2 -> S 5, beta 4 -> 20.
  EXPECT_NEAR(gb_.grade({{"氯", "", 10, 2.0}}, 0).sumBetaQ, 20, 1e-12);
  // By category: W5.3 Q 1000 t, beta 1 -> 2000 t gives S 2.
  const Gb18218Result w = gb_.grade({{"某溶剂", "W5.3", 2000, std::nullopt}}, 200);
  EXPECT_NEAR(w.sumQ, 2, 1e-12);
  EXPECT_NEAR(w.R, 4, 1e-12);  // alpha 2 * 2
  EXPECT_EQ(w.items[0].qSource, "Table 2 (W5.3)");
  // LPG: Table 1 Q 50 t, flammable gas W2 beta 1.5: 100 t -> 3.
  const Gb18218Result lpg = gb_.grade({{"液化石油气", "", 100, std::nullopt}}, 0);
  EXPECT_NEAR(lpg.sumBetaQ, 3, 1e-12);
  EXPECT_EQ(lpg.items[0].betaSource, "Table 4 (W2)");
  // No Q anywhere: not graded, and says why.
  EXPECT_NE(gb_.grade({{"未知物", "", 1, std::nullopt}}, 0).error.find("no critical quantity for '未知物'"),
            std::string::npos);
}

TEST_F(Gb18218Test, ProjectOverridesReplaceSingleRules) {
  toml::table overrides = toml::parse("[exposure]\nradius_m = 300.0\n");
  const Rules r = Rules::load(std::string(RISKMAP_LAYERS_DIR) + "/hazard_sources/gb18218.toml", &overrides);
  EXPECT_EQ(Gb18218(r).exposureRadius(), 300);
  EXPECT_EQ(Gb18218(r).alphaFor(100), 2.0);  // the rest stays
}

}  // namespace
}  // namespace riskmap
