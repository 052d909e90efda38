// Black segments and black spots at their thresholds, and one accident below.
#include <gtest/gtest.h>
#include <ogr_geometry.h>

#include <algorithm>
#include <cmath>

#include "BlackSpotPresets.hpp"
#include "BlackSpots.hpp"
#include "riskmap/core/Error.hpp"

namespace riskmap {
namespace {

SnappedAccident at(double chainage, long long deaths, long long injuries) {
  return {"a", chainage, 0, chainage, deaths, injuries};
}

TEST(BlackSegments, ThreeDeathsInAWindowMakeABlackSegmentTwoDoNot) {
  const BlackSegmentRules rules;  // 500 m window, 100 m step, 3 deaths or 10 injury accidents
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

// ---- presets (layers/accidents/accidents.toml) ----

const std::string kRulesFile = std::string(RISKMAP_LAYERS_DIR) + "/accidents/accidents.toml";

Rules rulesWith(const std::string& overrides) {
  const toml::table t = toml::parse(overrides);
  return Rules::load(kRulesFile, &t);
}

SnappedAccident crash(const std::string& id, double x, double y, long long deaths, long long injuries) {
  return {id, x, y, x, deaths, injuries};
}

std::vector<std::vector<std::string>> spotIds(const std::vector<SnappedAccident>& list, const BlackSpotRules& rules) {
  std::vector<std::vector<std::string>> out;
  for (const auto& members : blackSpots(list, rules)) {
    std::vector<std::string> ids;
    for (std::size_t m : members) ids.push_back(list[m].id);
    out.push_back(ids);
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(BlackSpotPresets, TheDefaultAndTheCityRuleDisagreeWhereTheyShould) {
  const Rules rules = Rules::load(kRulesFile);
  const BlackSpotPreset def = presetNamed(rules, "riskmap_default");
  const BlackSpotPreset city = presetNamed(rules, "city_fatal_injury");
  // Four clusters 1 km apart, every accident within 30 m of its cluster's first:
  //  A: 5 property-only           default: 5 accidents -> spot;  city: no death, no injury -> none
  //  B: 3 fatal (1 death each)    default: 3 < 5 -> none;         city: 3 fatal -> spot
  //  C: 2 with 3 deaths each      default: 2 < 5 -> none;         city: 2 severe (>= 3 deaths) -> spot
  //  D: 4 injury + 1 property     default: 5 accidents -> spot;   city: 4 injury < 5, no death -> none
  std::vector<SnappedAccident> list;
  for (int i = 0; i < 5; ++i) list.push_back(crash("A" + std::to_string(i), 6.0 * i, 0, 0, 0));
  for (int i = 0; i < 3; ++i) list.push_back(crash("B" + std::to_string(i), 1000 + 10.0 * i, 0, 1, 0));
  for (int i = 0; i < 2; ++i) list.push_back(crash("C" + std::to_string(i), 2000 + 20.0 * i, 0, 3, 1));
  for (int i = 0; i < 4; ++i) list.push_back(crash("D" + std::to_string(i), 3000, 7.0 * i, 0, 2));
  list.push_back(crash("D4", 3020, 0, 0, 0));
  using Ids = std::vector<std::vector<std::string>>;
  EXPECT_EQ(spotIds(list, def.spots), (Ids{{"A0", "A1", "A2", "A3", "A4"}, {"D0", "D1", "D2", "D3", "D4"}}));
  EXPECT_EQ(spotIds(list, city.spots), (Ids{{"B0", "B1", "B2"}, {"C0", "C1"}}));
  // One more injury accident in D makes it a city spot as well (5 injury accidents).
  list.push_back(crash("D5", 3010, 10, 0, 1));
  EXPECT_EQ(spotIds(list, city.spots).size(), 3u);

  // Along a road, 500 m windows: one crash killing 3 is a default black
  // segment (3 deaths) but not a city one (1 fatal, 1 severe); five injury
  // crashes 100 m apart are a city one (5 injury accidents) but not a
  // default one (5 < 10).
  const std::vector<SnappedAccident> pileUp{at(1250, 3, 0)};
  EXPECT_EQ(blackSegments(pileUp, 5000, def.segments).size(), 1u);
  EXPECT_TRUE(blackSegments(pileUp, 5000, city.segments).empty());
  std::vector<SnappedAccident> injuries;
  for (int i = 0; i < 5; ++i) injuries.push_back(at(2010 + 100 * i, 0, 1));  // 2010 .. 2410
  EXPECT_TRUE(blackSegments(injuries, 5000, def.segments).empty());
  const auto citySegs = blackSegments(injuries, 5000, city.segments);
  ASSERT_EQ(citySegs.size(), 1u);
  // Windows starting at 1900 (1900-2400 misses 2410) do not hold all five; 2000 (2000-2500) does, and only it.
  EXPECT_DOUBLE_EQ(citySegs[0].from, 2000);
  EXPECT_DOUBLE_EQ(citySegs[0].to, 2500);
}

TEST(BlackSpotPresets, TheProjectChoosesAPresetAndTheDefaultIsMarked) {
  const BlackSpotPreset def = chosenPreset(Rules::load(kRulesFile));
  EXPECT_EQ(def.name, "riskmap_default");
  EXPECT_TRUE(def.riskmapDefault);
  EXPECT_EQ(def.label(), "preset riskmap_default (riskmap default)");
  EXPECT_EQ(def.periodYears, 3);
  EXPECT_EQ(def.spots.criteria.text(), ">= 5 accidents");
  EXPECT_EQ(def.segments.criteria.text(), ">= 3 deaths or >= 10 injury accidents");

  const BlackSpotPreset city = chosenPreset(rulesWith("preset = \"city_fatal_injury\""));
  EXPECT_FALSE(city.riskmapDefault);
  EXPECT_EQ(city.label(), "preset city_fatal_injury");
  EXPECT_EQ(city.spots.criteria.text(),
            ">= 3 fatal accidents or >= 2 accidents with >= 3 deaths each or >= 5 injury accidents");

  // A preset of the project's own, and an override of one number.
  const BlackSpotPreset own = chosenPreset(rulesWith(R"(
preset = "county"
[presets.county]
period_years = 2
[presets.county.black_segment]
window_m = 1000.0
step_m = 100.0
min_deaths = 2
[presets.county.black_spot]
radius_m = 30.0
min_accidents = 4
)"));
  EXPECT_EQ(own.periodYears, 2);
  EXPECT_EQ(own.spots.radius, 30.0);
  EXPECT_EQ(own.spots.criteria.minAccidents, 4);
  EXPECT_EQ(chosenPreset(rulesWith("[presets.riskmap_default.black_segment]\nmin_deaths = 2\n")).segments.criteria.minDeaths, 2);
}

std::string errorOf(const std::string& overrides) {
  try {
    chosenPreset(rulesWith(overrides));
  } catch (const UserError& e) {
    return e.what();
  }
  return "no error";
}

TEST(BlackSpotPresets, MistakesNameTheRuleFileAndKey) {
  EXPECT_NE(errorOf("preset = \"three_years\"").find("rule 'preset' names 'three_years', which is not a preset (city_fatal_injury, riskmap_default)"),
            std::string::npos) << errorOf("preset = \"three_years\"");
  EXPECT_NE(errorOf("[presets.riskmap_default.black_spot]\nmin_fatal = 2\n").find("rule 'presets.riskmap_default.black_spot.min_fatal' is not a known key"),
            std::string::npos);
  // The tables of the pre-preset rules file say where they went instead of being ignored.
  EXPECT_NE(errorOf("[black_segment]\nmin_deaths = 2\n").find("rule 'black_segment' has moved into the presets"),
            std::string::npos);
  EXPECT_NE(errorOf("[presets.riskmap_default.black_spot]\nmin_accidents = 0\n").find("sets no threshold"),
            std::string::npos);
}

// ---- the black spot's zone ----

TEST(BlackSpotZone, TwoAccidents40mApartMakeA50mStadium) {
  const std::vector<SnappedAccident> two{crash("a", 1000, 2000, 0, 0), crash("b", 1040, 2000, 0, 0)};
  const auto zone = blackSpotZone(two, {0, 1}, 50);
  ASSERT_TRUE(zone);
  const double area = zone->toPolygon()->get_Area();
  // By hand: a 40 x 100 rectangle and two half discs of 50 m: pi 50^2 + 40 * 100.
  const double exact = M_PI * 50 * 50 + 40 * 100;  // 11853.98 m2
  // With 8 segments per quarter circle the two ends make an inscribed
  // 32-gon: 16 r^2 sin(pi/16) = 7803.61 m2, 50.4 m2 (0.43 %) less than the disc.
  const double polygonal = 16 * 50 * 50 * std::sin(M_PI / 16) + 40 * 100;
  EXPECT_NEAR(area, polygonal, 0.01);
  EXPECT_NEAR(area, exact, exact - polygonal + 0.01);
  // 49 m beyond the second accident is inside; the seed's own 50 m disc would end 10 m past it.
  OGRPoint beyond(1089, 2000);
  EXPECT_TRUE(zone->Contains(&beyond));
}

TEST(BlackSpotZone, ATriangleOfAccidentsFollowsSteinersFormula) {
  // A 40-30-50 right triangle: hull area 600, perimeter 120; buffered by r:
  // area + perimeter r + pi r^2 = 600 + 6000 + 7853.98 = 14453.98 m2 (less
  // by about the 32-gon's 50.4 m2 shortfall of the round corners).
  const std::vector<SnappedAccident> tri{crash("a", 0, 0, 0, 0), crash("b", 40, 0, 0, 0), crash("c", 0, 30, 0, 0),
                                         crash("d", 10, 10, 0, 0)};
  const auto zone = blackSpotZone(tri, {0, 1, 2, 3}, 50);
  const double area = zone->toPolygon()->get_Area();
  const double exact = 600 + 120 * 50 + M_PI * 50 * 50;
  // The corner arcs are split unevenly between the three corners, so allow
  // 1 m2 beyond the 32-gon's 50.4 m2 shortfall.
  EXPECT_GT(exact - area, 0.0);
  EXPECT_LT(exact - area, M_PI * 50 * 50 - 16 * 50 * 50 * std::sin(M_PI / 16) + 1.0);
  // Every accident has its full 50 m round it: a point 49 m north of c is inside.
  OGRPoint north(0, 79);
  EXPECT_TRUE(zone->Contains(&north));
}

}  // namespace
}  // namespace riskmap
