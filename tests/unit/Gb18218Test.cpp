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
  // No Q anywhere: not graded, and says which name.
  EXPECT_NE(gb_.grade({{"未知物", "", 1, std::nullopt}}, 0).error.find("'未知物' is not in GB 18218-2018 Table 1"),
            std::string::npos);
}

// Table 1 entries read off the standard (GB 18218-2018 Table 1), one by one:
// serial number, CAS number, critical quantity.
TEST_F(Gb18218Test, Table1EntriesAsTheStandardPrintsThem) {
  ASSERT_EQ(gb_.table1().size(), 85u);
  for (std::size_t i = 0; i < 85; ++i) EXPECT_EQ(gb_.table1()[i].no, std::to_string(i + 1));
  struct Case {
    const char* cas;
    const char* no;
    double Q;
  };
  for (const Case c : {Case{"7782-50-5", "12", 5},      // 氯
                       Case{"7664-41-7", "1", 10},      // 氨
                       Case{"68476-85-7", "52", 50},    // 液化石油气
                       Case{"74-98-6", "52", 50},       // propane, listed under LPG
                       Case{"75-44-5", "6", 0.3},       // 碳酰氯 (光气)
                       Case{"624-83-9", "30", 0.75},    // 异氰酸甲酯
                       Case{"7782-44-7", "56", 200},    // 氧, new in 2018
                       Case{"506-93-4", "82", 50},      // 硝酸胍, new in 2018
                       Case{"7757-79-1", "46", 1000},   // 硝酸钾
                       Case{"1333-74-0", "51", 5},      // 氢
                       Case{"8006-14-2", "49", 50},     // 天然气
                       Case{"7440-23-5", "85", 10}}) {  // 钠
    std::string by, why;
    const Table1Entry* e = gb_.find({"", "", 1, std::nullopt, c.cas}, by, why);
    ASSERT_TRUE(e) << c.cas << ": " << why;
    EXPECT_EQ(e->no, c.no) << c.cas;
    EXPECT_DOUBLE_EQ(e->Q, c.Q) << c.cas;
    EXPECT_EQ(by, std::string("CAS ") + c.cas);
  }
}

// Ammonium nitrate: 43 (combustible > 0.2 %) 5 t, 44 (<= 0.2 %) 50 t, 45
// fertiliser (<= 0.4 %) 200 t; 43 and 44 share CAS 6484-52-2.
TEST_F(Gb18218Test, AmmoniumNitrateVariantsByCombustibleContent) {
  auto Q = [this](const std::string& name, const std::string& cas = "") {
    const Gb18218Result r = gb_.grade({{name, "", 1, std::nullopt, cas}}, 0);
    return r.error.empty() ? r.items.at(0).Q : -1.0;
  };
  EXPECT_EQ(Q("硝酸铵(含可燃物>0.2%)"), 5);
  EXPECT_EQ(Q("硝酸铵（含可燃物≤0.2%）"), 50);  // full-width brackets as typed in Word or Excel
  EXPECT_EQ(Q("硝酸铵(含可燃物≤0.2%)", "6484-52-2"), 50);
  EXPECT_EQ(Q("硝酸铵基化肥"), 200);
  EXPECT_EQ(Q("硝酸铵肥料(含可燃物≤0.4%)"), 200);
  // The plain name, or the shared CAS alone, cannot choose between 5 t and 50 t.
  const std::string plain = gb_.grade({{"硝酸铵", "", 1, std::nullopt}}, 0).error;
  EXPECT_NE(plain.find("stands for several Table 1 entries"), std::string::npos) << plain;
  EXPECT_NE(plain.find("No. 43"), std::string::npos) << plain;
  EXPECT_NE(plain.find("No. 44"), std::string::npos) << plain;
  EXPECT_NE(gb_.grade({{"", "", 1, std::nullopt, "6484-52-2"}}, 0).error.find("No. 44"), std::string::npos);
  // With its own Q_t the item needs no table.
  EXPECT_TRUE(gb_.grade({{"硝酸铵", "", 1, 50.0}}, 0).error.empty());
}

TEST_F(Gb18218Test, CasFirstThenNameAndAliases) {
  // 12 t of 液氯 by name: Table 1 No. 12, Q 5; Table 3 beta 4 -> 4 * 12 / 5 = 9.6.
  Gb18218Result r = gb_.grade({{"液氯", "", 12, std::nullopt}}, 0);
  ASSERT_TRUE(r.error.empty()) << r.error;
  EXPECT_EQ(r.items[0].substance, "氯");
  EXPECT_EQ(r.items[0].matchedBy, "name 液氯");
  EXPECT_NEAR(r.sumBetaQ, 9.6, 1e-12);
  EXPECT_EQ(r.items[0].betaSource, "Table 3");
  // 液氨 30 t: Q 10, beta 2 -> 6; 石油液化气 (a trade name) 100 t: Q 50, W2 beta 1.5 -> 3.
  EXPECT_NEAR(gb_.grade({{"液氨", "", 30, std::nullopt}}, 0).sumBetaQ, 6, 1e-12);
  EXPECT_NEAR(gb_.grade({{"石油液化气", "", 100, std::nullopt}}, 0).sumBetaQ, 3, 1e-12);
  // The CAS number wins over a name that disagrees with it (the declaration's CAS is authoritative).
  r = gb_.grade({{"氨", "", 10, std::nullopt, "7782-50-5"}}, 0);
  EXPECT_EQ(r.items[0].substance, "氯");
  EXPECT_NEAR(r.sumQ, 2, 1e-12);  // 10 / 5
  // Anhydrous HCl found by CAS keeps Table 3's beta 3 (listed there as 氯化氢): 40 / 20 * 3 = 6.
  r = gb_.grade({{"", "", 40, std::nullopt, "7647-01-0"}}, 0);
  EXPECT_EQ(r.items[0].table1, "11");
  EXPECT_NEAR(r.sumBetaQ, 6, 1e-12);
  // An unknown CAS with a known name falls back to the name.
  std::string by, why;
  const Table1Entry* e = gb_.find({"甲醇", "", 1, std::nullopt, "67-56-2"}, by, why);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->no, "65");
  EXPECT_EQ(by, "name 甲醇");
  // A mistyped CAS alone: its check digit fails, and the nearest CAS is one digit away (7782-50-5, No. 12).
  const std::string bad = gb_.grade({{"", "", 1, std::nullopt, "7782-50-4"}}, 0).error;
  EXPECT_NE(bad.find("(CAS '7782-50-4' fails its check digit)"), std::string::npos) << bad;
  EXPECT_NE(bad.find("nearest entries: No. 12 氯"), std::string::npos) << bad;
}

TEST_F(Gb18218Test, EveryCasNumberInTheRulesPassesItsCheckDigit) {
  // The check digit by hand: 7782-50-5: 0*1 + 5*2 + 2*3 + 8*4 + 7*5 + 7*6 = 125 -> 5.
  EXPECT_TRUE(Gb18218::casCheckDigitValid("7782-50-5"));
  EXPECT_FALSE(Gb18218::casCheckDigitValid("7782-50-4"));
  EXPECT_FALSE(Gb18218::casCheckDigitValid("7782505"));
  std::size_t n = 0;
  for (const Table1Entry& e : gb_.table1())
    for (const auto& cas : e.cas) {
      EXPECT_TRUE(Gb18218::casCheckDigitValid(cas)) << e.no << " " << cas;
      ++n;
    }
  EXPECT_GE(n, 80u);
}

TEST_F(Gb18218Test, UnknownSubstanceSaysWhichAndSuggestsTheNearest) {
  EXPECT_EQ(Gb18218::editDistance("kitten", "sitting"), 3u);
  EXPECT_EQ(Gb18218::editDistance("液氯气", "液氯"), 1u);  // code points, not bytes
  EXPECT_EQ(Gb18218::editDistance("", "氯气"), 2u);
  // 液氯气 is one character from 液氯 and from 氯气 (No. 12) and at least two from any other name.
  const std::string why = gb_.grade({{"液氯气", "", 1, std::nullopt}}, 0).error;
  EXPECT_EQ(why.rfind("'液氯气' is not in GB 18218-2018 Table 1", 0), 0u) << why;
  EXPECT_NE(why.find("nearest entries: No. 12 氯, CAS 7782-50-5, Q 5 t;"), std::string::npos) << why;
  // With a category it is graded by Table 2 instead.
  EXPECT_TRUE(gb_.grade({{"液氯气", "J1", 1, std::nullopt}}, 0).error.empty());
}

TEST_F(Gb18218Test, Table2CoversEveryCategoryOfTheStandard) {
  // Table 2 quantities (t) as printed, W8-W11 included.
  for (const auto& [cat, Q] : std::vector<std::pair<std::string, double>>{
           {"J1", 5}, {"J2", 50}, {"J5", 500}, {"W1.1", 1}, {"W3", 150}, {"W5.4", 5000}, {"W8", 50},
           {"W9.1", 50}, {"W9.2", 200}, {"W10", 200}, {"W11", 200}}) {
    const Gb18218Result r = gb_.grade({{"", cat, Q, std::nullopt}}, 0);
    ASSERT_TRUE(r.error.empty()) << cat << ": " << r.error;
    EXPECT_DOUBLE_EQ(r.items[0].Q, Q) << cat;
    EXPECT_DOUBLE_EQ(r.sumQ, 1) << cat;
  }
  EXPECT_NE(gb_.grade({{"", "W99", 1, std::nullopt}}, 0).error.find("'W99' is not in Table 2"), std::string::npos);
}

TEST_F(Gb18218Test, NonFiniteRIsNeverGraded) {
  // Two items of 1e308 t chlorine: sum beta q/Q = 2 * 4 * 2e307 = 1.6e308 is still finite, R = 2 * 1.6e308 is not.
  const Gb18218Result r = gb_.grade({{"氯", "", 1e308, std::nullopt}, {"氯", "", 1e308, std::nullopt}}, 200);
  EXPECT_NE(r.error.find("not a finite number"), std::string::npos) << r.error;
  EXPECT_EQ(r.level, 0);
}

TEST_F(Gb18218Test, ProjectCanOverrideOneTable1Entry) {
  toml::table overrides = toml::parse("[table1.\"12\"]\nQ_t = 2.5\n");
  const Gb18218 gb(Rules::load(std::string(RISKMAP_LAYERS_DIR) + "/hazard_sources/gb18218.toml", &overrides));
  EXPECT_NEAR(gb.grade({{"液氯", "", 5, std::nullopt}}, 0).sumQ, 2, 1e-12);  // 5 / 2.5, aliases kept
}

TEST_F(Gb18218Test, ProjectOverridesReplaceSingleRules) {
  toml::table overrides = toml::parse("[exposure]\nradius_m = 300.0\n");
  const Rules r = Rules::load(std::string(RISKMAP_LAYERS_DIR) + "/hazard_sources/gb18218.toml", &overrides);
  EXPECT_EQ(Gb18218(r).exposureRadius(), 300);
  EXPECT_EQ(Gb18218(r).alphaFor(100), 2.0);  // the rest stays
}

}  // namespace
}  // namespace riskmap
