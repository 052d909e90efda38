// The evaluation index on a hand-made county of four townships and a dozen
// dangers, every figure worked by hand (in the comments) for two months.
#include <gtest/gtest.h>

#include "TestSupport.hpp"
#include "periods/EvaluationIndex.hpp"
#include "periods/PeriodId.hpp"
#include "riskmap/core/Error.hpp"

namespace riskmap::periods {
namespace {

DangerFacts danger(const char* unit, bool major, bool listed, const char* found, const char* deadline,
                   const char* rectified = "", const char* start = "") {
  DangerFacts d;
  d.unit = unit, d.major = major, d.listed = listed;
  d.dates.found = found, d.dates.deadline = deadline, d.dates.rectified = rectified, d.dates.rectifyStart = start;
  d.dates.status = *rectified ? "已整改" : *start ? "整改中" : "未整改";
  return d;
}

std::vector<DangerFacts> twelveDangers() {
  return {
      danger("A", false, false, "2026-09-01", "2026-09-30", "2026-09-20"),  // a1 closed in Sept
      danger("A", true, true, "2026-09-05", "2026-10-15", "2026-10-10"),    // a2 listed, closed on time in Oct
      danger("A", false, false, "2026-10-05", "2026-11-05"),                // a3 found in Oct, open
      danger("A", false, false, "2026-09-25", "2026-10-25", "", "2026-10-01"),  // a4 general, overdue in Oct
      danger("B", true, false, "2026-09-01", "2026-09-20", "", "2026-09-02"),   // b1 major, overdue from Sept
      danger("B", false, false, "2026-09-10", "2026-10-10", "2026-10-20"),  // b2 closed late in Oct
      danger("B", true, true, "2026-09-15", "2026-10-20", "2026-10-25"),    // b3 listed, closed late
      danger("C", false, false, "2026-09-03", "2026-10-03", "2026-09-25"),  // c1 closed in Sept
      danger("C", false, false, "2026-10-01", "2026-10-30", "2026-10-28"),  // c2 found and closed in Oct
      danger("C", true, false, "2026-10-02", "2026-10-25"),                 // c3 major, overdue at Oct's end
      danger("C", true, true, "2026-09-20", "2026-10-31"),  // c4 listed, due on Oct's last day: due, not overdue
      danger("D", false, false, "2026-11-02", "2026-11-30"),  // d1 found after both periods
  };
}

IndexSpec threeIndicators(const test::TempDir& dir) {
  dir.write("index.toml", R"(
[[indicator]]
measure = "rectification_rate"
weight = 0.5
direction = "higher"
empty = 1.0
[[indicator]]
measure = "overdue_major"
weight = 0.3
direction = "lower"
[[indicator]]
measure = "listed_closed_on_time"
weight = 0.2
direction = "higher"
empty = 1.0
[normalisation]
method = "minmax"
)");
  return IndexSpec::load(dir / "index.toml");
}

const std::vector<UnitFacts> kUnits{{"A"}, {"B"}, {"C"}, {"D"}};

TEST(EvaluationIndexTest, MeasuresAsOfThePeriodsEnd) {
  const auto oct = measureUnits(kUnits, twelveDangers(), "2026-10-31");
  // A: found 4 (a1-a4), rectified 2 (a1, a2); no major overdue (a4 is general); a2 listed, closed on time.
  EXPECT_DOUBLE_EQ(*oct[0].values.at("rectification_rate"), 0.5);
  EXPECT_DOUBLE_EQ(*oct[0].values.at("overdue_major"), 0);
  EXPECT_DOUBLE_EQ(*oct[0].values.at("listed_closed_on_time"), 1.0);
  EXPECT_DOUBLE_EQ(*oct[0].values.at("overdue_dangers"), 1);  // a4
  EXPECT_DOUBLE_EQ(*oct[0].values.at("open_dangers"), 2);     // a3, a4
  // B: 2 of 3 rectified; b1 major overdue; b3 listed and due, closed late.
  EXPECT_DOUBLE_EQ(*oct[1].values.at("rectification_rate"), 2.0 / 3);
  EXPECT_DOUBLE_EQ(*oct[1].values.at("overdue_major"), 1);
  EXPECT_DOUBLE_EQ(*oct[1].values.at("listed_closed_on_time"), 0);
  // C: 2 of 4; c3 overdue (25 Oct < 31 Oct), c4 due on the 31st but not overdue; c4 listed, due, open.
  EXPECT_DOUBLE_EQ(*oct[2].values.at("rectification_rate"), 0.5);
  EXPECT_DOUBLE_EQ(*oct[2].values.at("overdue_major"), 1);
  EXPECT_DOUBLE_EQ(*oct[2].values.at("listed_closed_on_time"), 0);
  // D: nothing found by then: no rate at all.
  EXPECT_FALSE(oct[3].values.at("rectification_rate"));
  EXPECT_FALSE(oct[3].values.at("listed_closed_on_time"));

  const auto sep = measureUnits(kUnits, twelveDangers(), "2026-09-30");
  EXPECT_DOUBLE_EQ(*sep[0].values.at("rectification_rate"), 1.0 / 3);  // a1 of a1, a2, a4
  EXPECT_FALSE(sep[0].values.at("listed_closed_on_time"));             // a2 not due until 15 Oct
  EXPECT_DOUBLE_EQ(*sep[1].values.at("rectification_rate"), 0);
  EXPECT_DOUBLE_EQ(*sep[1].values.at("overdue_major"), 1);  // b1, due 20 Sept
  EXPECT_DOUBLE_EQ(*sep[2].values.at("rectification_rate"), 0.5);  // c1 of c1, c4
}

TEST(EvaluationIndexTest, IndexRanksAndChangesWorkedByHand) {
  test::TempDir dir;
  const IndexSpec spec = threeIndicators(dir);
  const auto oct = measureUnits(kUnits, twelveDangers(), "2026-10-31");
  const auto sep = measureUnits(kUnits, twelveDangers(), "2026-09-30");
  const auto ranked = rankUnits(spec, oct, &sep, 1);
  ASSERT_EQ(ranked.size(), 4u);
  // October. Rate A .5 B .667 C .5 D 1 (empty) -> min-max 0, 1/3, 0, 1; overdue major A0 B1 C1 D0 -> 1, 0, 0, 1;
  // listed A1 B0 C0 D1 (empty) -> 1, 0, 0, 1. Index = 100 (.5 s1 + .3 s2 + .2 s3):
  // A 50, B 16.67, C 0, D 100 -> D, A, B, C.
  // September. Rate A 1/3 B 0 C .5 D 1 -> 1/3, 0, .5, 1; overdue A0 B1 C0 D0 -> 1, 0, 1, 1; listed all 1 (none
  // due, empty) -> all equal, all 1. Index A 66.67, B 20, C 75, D 100 -> D 1, C 2, A 3, B 4.
  const std::vector<std::string> order{"D", "A", "B", "C"};
  const std::vector<double> index{100, 50, 100.0 / 6, 0};
  const std::vector<int> previous{1, 3, 4, 2};
  const std::vector<std::string> change{"→", "↑1", "↑1", "↓2"};
  for (std::size_t i = 0; i < 4; ++i) {
    SCOPED_TRACE(order[i]);
    EXPECT_EQ(ranked[i].unit, order[i]);
    EXPECT_NEAR(ranked[i].index, index[i], 1e-9);
    EXPECT_EQ(ranked[i].rank, static_cast<int>(i) + 1);
    EXPECT_EQ(ranked[i].previousRank, previous[i]);
    EXPECT_EQ(rankChange(ranked[i]), change[i]);
    EXPECT_EQ(ranked[i].interview, order[i] == "C");  // the last one
  }
  // Each indicator's own rank: the rate ties A and C (third place both), overdue ties A with D and B with C.
  EXPECT_EQ(ranked[1].indicators[0].rank, 3);  // A
  EXPECT_EQ(ranked[3].indicators[0].rank, 3);  // C
  EXPECT_EQ(ranked[2].indicators[0].rank, 2);  // B
  EXPECT_EQ(ranked[0].indicators[1].rank, 1);  // D
  EXPECT_EQ(ranked[1].indicators[1].rank, 1);  // A
  EXPECT_EQ(ranked[2].indicators[1].rank, 3);  // B
  EXPECT_TRUE(ranked[0].indicators[0].filled);  // D's rate is the empty value
  EXPECT_DOUBLE_EQ(ranked[0].indicators[0].value, 1.0);
}

TEST(EvaluationIndexTest, RedAreaPerTenThousandPeople) {
  const auto m = measureUnits({{"A", 20000, 1.5, 2}, {"B", 0, 0.3, 0}}, {}, "2026-10-31");
  EXPECT_DOUBLE_EQ(*m[0].values.at("red_km2_per_10k_people"), 0.75);
  EXPECT_DOUBLE_EQ(*m[0].values.at("black_spots"), 2);
  EXPECT_DOUBLE_EQ(*m[1].values.at("red_km2_per_10k_people"), 0);  // nobody lives there
}

TEST(EvaluationIndexTest, ShippedIndexLoadsAndBadOnesAreRefused) {
  const IndexSpec shipped = IndexSpec::load(std::filesystem::path(RISKMAP_LAYERS_DIR) / "periods/ranking.toml");
  EXPECT_EQ(shipped.indicators.size(), 5u);
  EXPECT_EQ(shipped.interview.at("county"), 10);
  test::TempDir dir;
  dir.write("bad.toml", "[[indicator]]\nmeasure = \"happiness\"\n");
  try {
    IndexSpec::load(dir / "bad.toml");
    FAIL();
  } catch (const UserError& e) {
    EXPECT_NE(std::string(e.what()).find("indicator 1: measure 'happiness' is not one of"), std::string::npos) << e.what();
  }
}

TEST(PeriodIdTest, MonthsAndIsoWeeks) {
  EXPECT_EQ(parsePeriod("2026-10").end, "2026-10-31");
  EXPECT_EQ(parsePeriod("2028-02").end, "2028-02-29");
  // 1 Jan 2026 is a Thursday: week 1 starts Mon 29 Dec 2025; week 44 is 26 Oct - 1 Nov 2026.
  EXPECT_EQ(parsePeriod("2026-W44").start, "2026-10-26");
  EXPECT_EQ(parsePeriod("2026-W44").end, "2026-11-01");
  EXPECT_EQ(parsePeriod("2026-W01").start, "2025-12-29");
  EXPECT_EQ(parsePeriod("2026-W53").end, "2027-01-03");  // a Thursday year has 53 weeks
  EXPECT_THROW(parsePeriod("2025-W53"), UserError);      // 2025 (from a Wednesday, not leap) has 52
  EXPECT_THROW(parsePeriod("2026-13"), UserError);
  EXPECT_THROW(parsePeriod("October"), UserError);
}

}  // namespace
}  // namespace riskmap::periods
