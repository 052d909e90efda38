// Periods end to end with the riskmap binary on a hand-made county of two
// townships: a September and an October snapshot with planted changes (a
// plant moved, one regraded, one added, one removed; dangers opened,
// closed and overdue), compared and ranked, every expectation by hand.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include "TestSupport.hpp"

namespace riskmap {
namespace {

using test::FeatureSpec;

const char* kAmmoniaChlorine = R"([{"substance":"氯","q_t":12},{"substance":"氨","q_t":30}])";  // R 23.4: level 3
const char* kMoreChlorine = R"([{"substance":"氯","q_t":40},{"substance":"氨","q_t":30}])";     // R 57: level 2

FeatureSpec plant(const char* id, const char* inventory, double x, double y) {
  return {{{"plant_id", id}, {"name", std::string("厂") + id}, {"inventory", inventory}},
          "POINT (" + std::to_string(x) + " " + std::to_string(y) + ")"};
}

std::vector<std::map<std::string, std::string>> csvRows(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  std::getline(in, line);
  std::vector<std::string> header;
  std::stringstream hs(line);
  for (std::string h; std::getline(hs, h, ',');) header.push_back(h);
  std::vector<std::map<std::string, std::string>> rows;
  while (std::getline(in, line)) {
    std::map<std::string, std::string> row;
    std::stringstream ls(line);
    std::size_t i = 0;
    for (std::string cell; std::getline(ls, cell, ',') && i < header.size(); ++i) row[header[i]] = cell;
    rows.push_back(row);
  }
  return rows;
}

class PeriodsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir;
    const test::TempDir& d = *dir_;
    test::writeRaster(d / "pop.tif", 4549, 518000, 3332000, 100, 40, 40, std::vector<float>(1600, 1.0f));
    test::writeVector(d / "admin.gpkg", "GPKG", "county", 4549, wkbPolygon, {{"name"}},
                      {{{{"name", "测试县"}}, "POLYGON ((518000 3328000,522000 3328000,522000 3332000,518000 3332000,518000 3328000))"}});
    test::writeVector(d / "admin.gpkg", "GPKG", "townships", 4549, wkbPolygon, {{"name"}},
                      {{{{"name", "西镇"}}, "POLYGON ((518000 3328000,520000 3328000,520000 3332000,518000 3332000,518000 3328000))"},
                       {{{"name", "东镇"}}, "POLYGON ((520000 3328000,522000 3328000,522000 3332000,520000 3332000,520000 3328000))"}});
    // September: HZ1 and HZ4 in the west, HZ2 in the east.
    test::writeVector(d / "sep.gpkg", "GPKG", "plants", 4549, wkbPoint, {{"plant_id"}, {"name"}, {"inventory"}},
                      {plant("HZ1", kAmmoniaChlorine, 519000, 3330000), plant("HZ2", kAmmoniaChlorine, 521000, 3331000),
                       plant("HZ4", kAmmoniaChlorine, 518800, 3331500)});
    // October: HZ1 moved 1 km south, HZ2 holds more chlorine, HZ3 new in the east, HZ4 gone.
    test::writeVector(d / "oct.gpkg", "GPKG", "plants", 4549, wkbPoint, {{"plant_id"}, {"name"}, {"inventory"}},
                      {plant("HZ1", kAmmoniaChlorine, 519000, 3329000), plant("HZ2", kMoreChlorine, 521000, 3331000),
                       plant("HZ3", kAmmoniaChlorine, 521000, 3329000)});
    const std::string header =
        "danger_id,plant_id,level,found_date,deadline,status,rectify_start,rectified_date,listed,listed_level\n";
    d.write("dangers_sep.csv", header +
                                   "w1,HZ1,一般,2026-09-05,2026-09-25,已整改,,2026-09-20,0,\n"
                                   "w2,HZ1,重大,2026-09-10,2026-10-10,整改中,2026-09-12,,0,\n"
                                   "w4,HZ4,一般,2026-09-15,2026-09-20,未整改,,,0,\n"
                                   "e1,HZ2,一般,2026-09-01,2026-09-15,未整改,,,0,\n");
    d.write("dangers_oct.csv", header +
                                   "w1,HZ1,一般,2026-09-05,2026-09-25,已整改,,2026-09-20,0,\n"
                                   "w2,HZ1,重大,2026-09-10,2026-10-10,整改中,2026-09-12,,0,\n"
                                   "w3,HZ1,一般,2026-10-03,2026-10-20,已整改,,2026-10-15,0,\n"
                                   "e1,HZ2,一般,2026-09-01,2026-09-15,已整改,2026-10-01,2026-10-05,0,\n"
                                   "e2,HZ3,重大,2026-10-10,2026-10-30,未整改,,,1,县级\n");
    for (const char* month : {"sep", "oct"})
      d.write(std::string(month) + ".toml", std::string(R"(
name = "测试县"
crs = "EPSG:4549"
library = "one.gpkg"
study_area = "county"
townships = "townships"
[[layers]]
name = "county"
kind = "admin_units"
source = "admin.gpkg"
source_layer = "county"
[[layers]]
name = "townships"
kind = "admin_units"
source = "admin.gpkg"
source_layer = "townships"
[[layers]]
name = "population"
kind = "population"
source = "pop.tif"
[[layers]]
name = "hazard_sources"
kind = "hazard_sources"
source = ")") + month + R"(.gpkg"
[[layers]]
name = "dangers"
kind = "hidden_dangers"
source = "dangers_)" + month + R"(.csv"
)");
    const std::string sep = (d / "sep.toml").string(), oct = (d / "oct.toml").string();
    for (const std::string& step : {"import -q " + sep, "assess -q " + sep + " --period 2026-09",
                                    "import -q " + oct + " --period 2026-W44", "assess -q " + oct + " --period 2026-10",
                                    "compare " + oct + " --from 2026-09 --to 2026-10",
                                    "rank " + oct + " --period 2026-10 --interview 1"}) {
      const test::CommandResult r = test::runRiskmap(step);
      if (r.exitCode != 0) throw std::runtime_error("riskmap " + step + ": " + r.output);
    }
  }
  static void TearDownTestSuite() { delete dir_; }

  static GDALDatasetUniquePtr store() {
    return GDALDatasetUniquePtr(GDALDataset::Open((*dir_ / "one_periods.gpkg").c_str(), GDAL_OF_VECTOR));
  }
  static std::vector<std::map<std::string, std::string>> csv(const std::string& name) {
    return csvRows(test::readFile(*dir_ / name));
  }

  static test::TempDir* dir_;
};
test::TempDir* PeriodsTest::dir_ = nullptr;

TEST_F(PeriodsTest, CompareFindsExactlyThePlantedSourceChanges) {
  std::map<std::string, std::map<std::string, std::string>> by;
  for (const auto& row : csv("compare_2026-09_2026-10_sources.csv")) by[row.at("source_id")] = row;
  ASSERT_EQ(by.size(), 4u);
  EXPECT_EQ(by["HZ1"]["change"], "moved");
  EXPECT_DOUBLE_EQ(std::stod(by["HZ1"]["moved_m"]), 1000.0);
  EXPECT_EQ(by["HZ2"]["change"], "regraded");
  EXPECT_EQ(by["HZ2"]["from_grade"], "3");
  EXPECT_EQ(by["HZ2"]["to_grade"], "2");
  EXPECT_EQ(by["HZ3"]["change"], "added");
  EXPECT_EQ(by["HZ3"]["township"], "东镇");
  EXPECT_EQ(by["HZ4"]["change"], "removed");
  EXPECT_EQ(by["HZ4"]["township"], "西镇");
  EXPECT_EQ(test::readFile(*dir_ / "compare_2026-09_2026-10.pdf").substr(0, 5), "%PDF-");  // the printed page
}

TEST_F(PeriodsTest, CompareCountsDangersOpenedClosedAndOverdue) {
  // West: w3 opened and closed in October; w4 overdue at September's end, w2 (major) at October's.
  // East: e2 opened, e1 closed; e1 overdue in September, e2 (due 30 Oct) at October's end.
  std::map<std::string, std::map<std::string, std::string>> by;
  for (const auto& row : csv("compare_2026-09_2026-10_dangers.csv")) by[row.at("township")] = row;
  for (const char* town : {"西镇", "东镇"}) {
    SCOPED_TRACE(town);
    EXPECT_EQ(by[town]["opened"], "1");
    EXPECT_EQ(by[town]["closed"], "1");
    EXPECT_EQ(by[town]["overdue_before"], "1");
    EXPECT_EQ(by[town]["overdue_after"], "1");
    EXPECT_EQ(by[town]["open_after"], "1");
  }
}

// Grade levels: low 1 .. major 4.
int level(const std::string& g) { return g == "major" ? 4 : g == "high" ? 3 : g == "moderate" ? 2 : 1; }

TEST_F(PeriodsTest, GradeChangesLieAtThePlantedSitesAndAddUp) {
  auto ds = store();
  // The changed pieces: each within 1.5 km of a plant that moved, changed, appeared or went.
  const std::vector<std::pair<double, double>> sites{{519000, 3330000}, {519000, 3329000}, {521000, 3331000},
                                                     {521000, 3329000}, {518800, 3331500}};
  OGRLayer* changes = ds->GetLayerByName("grade_changes");
  ASSERT_NE(changes, nullptr);
  double changed = 0;
  std::set<std::string> seen;
  for (auto& f : *changes) {
    OGRPoint c;
    f->GetGeometryRef()->Centroid(&c);
    double nearest = 1e12;
    for (const auto& [x, y] : sites) nearest = std::min(nearest, std::hypot(c.getX() - x, c.getY() - y));
    EXPECT_LT(nearest, 1500) << f->GetFieldAsString("from_grade") << " -> " << f->GetFieldAsString("to_grade");
    changed += (level(f->GetFieldAsString("to_grade")) - level(f->GetFieldAsString("from_grade"))) *
               f->GetFieldAsDouble("area_km2");
    seen.insert(std::string(f->GetFieldAsString("change")) + " " + f->GetFieldAsString("township"));
  }
  // West: HZ1's zones left their old place (down) for the new (up), HZ4's went (down). East: HZ2
  // went up a grade (3 -> 2) and HZ3's zones appeared: nothing in the east went down.
  EXPECT_EQ(seen, (std::set<std::string>{"up 西镇", "down 西镇", "up 东镇"}));
  // Independently, from each period's zones alone: the area-weighted grade sum
  // changes by exactly what the pieces say (grade differences x areas).
  auto weighted = [&](const char* period) {
    double s = 0;
    OGRLayer* zones = ds->GetLayerByName("period_zones");
    zones->SetAttributeFilter((std::string("period = '") + period + "'").c_str());
    for (auto& z : *zones)
      s += level(z->GetFieldAsString("grade")) * OGR_G_Area(OGRGeometry::ToHandle(z->GetGeometryRef())) / 1e6;
    return s;
  };
  EXPECT_NEAR(weighted("2026-10") - weighted("2026-09"), changed, 1e-6);
  EXPECT_GT(std::fabs(changed), 0.0);
}

TEST_F(PeriodsTest, RankingByHandWithTheShippedIndex) {
  // October: west rate 2/3 (w1, w3 of w1-w3), 1 major overdue (w2), no listed due (empty 1.0);
  // east rate 1/2, 1 major overdue (e2), listed e2 due 30 Oct and open: 0. No red, no black spots.
  // Min-max: west 1 on rate and listed, east 0; the rest equal (1 each).
  // Index (0.35, 0.25, 0.2, 0.1, 0.1): west 100, east 100 x (0.25 + 0.1 + 0.1) = 45.
  // September: west 1/3, east 0 -> west 100, east 65: the same order, no change.
  const auto rows = csv("ranking_2026-10_township.csv");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].at("unit"), "西镇");
  EXPECT_EQ(rows[0].at("index"), "100.00");
  EXPECT_EQ(rows[1].at("unit"), "东镇");
  EXPECT_EQ(rows[1].at("index"), "45.00");
  EXPECT_EQ(rows[1].at("previous_period"), "2026-09");  // the weekly 2026-W44 is not the month before
  EXPECT_EQ(rows[1].at("previous_rank"), "2");
  EXPECT_EQ(rows[1].at("change"), "→");
  EXPECT_EQ(rows[1].at("interview"), "1");
  EXPECT_EQ(rows[0].at("interview"), "0");
  EXPECT_DOUBLE_EQ(std::stod(rows[0].at("rectification_rate")), 0.666667);
  EXPECT_EQ(rows[0].at("listed_closed_on_time_no_data"), "1");
  EXPECT_EQ(rows[1].at("listed_closed_on_time"), "0.000000");
  EXPECT_EQ(test::readFile(*dir_ / "ranking_2026-10_township.pdf").substr(0, 5), "%PDF-");
}

std::map<std::string, long long> rowsPerPeriod(GDALDataset& ds) {
  std::map<std::string, long long> n;
  for (const char* t : {"periods", "period_sources", "period_zones", "period_dangers", "period_units"})
    for (auto& f : *ds.GetLayerByName(t)) ++n[std::string(t) + " " + f->GetFieldAsString("period")];
  return n;
}

TEST_F(PeriodsTest, APeriodTakenTwiceReplacesItsOwnRowsOnly) {
  auto before = [] {
    auto ds = store();
    return rowsPerPeriod(*ds);
  }();
  EXPECT_EQ(before.at("period_sources 2026-W44"), 3);  // at import: sources ungraded, no zones
  EXPECT_EQ(before.count("period_zones 2026-W44"), 0u);
  EXPECT_EQ(before.at("period_dangers 2026-W44"), 5);
  EXPECT_EQ(before.at("period_sources 2026-09"), 3);
  EXPECT_EQ(before.at("period_units 2026-09"), 3);  // two townships and the county
  const test::CommandResult r = test::runRiskmap("assess -q " + (*dir_ / "oct.toml").string() + " --period 2026-10");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  auto ds = store();
  EXPECT_EQ(rowsPerPeriod(*ds), before);
}

TEST_F(PeriodsTest, BadPeriodsAreRefusedWithExit1) {
  const test::CommandResult bad = test::runRiskmap("rank " + (*dir_ / "oct.toml").string() + " --period 2026-13");
  EXPECT_EQ(bad.exitCode, 1);
  EXPECT_NE(bad.output.find("period '2026-13': expected a month (2026-10) or an ISO week (2026-W44)"), std::string::npos)
      << bad.output;
  const test::CommandResult missing = test::runRiskmap("rank " + (*dir_ / "oct.toml").string() + " --period 2026-08");
  EXPECT_EQ(missing.exitCode, 1);
  EXPECT_NE(missing.output.find("no period '2026-08' (stored: 2026-09, 2026-10, 2026-W44)"), std::string::npos)
      << missing.output;
}

TEST_F(PeriodsTest, OutFoldersAreCreatedAndAFileInTheWayIsRefusedWithExit1) {
  const std::string oct = (*dir_ / "oct.toml").string();
  const auto made = test::runRiskmap("compare " + oct + " --from 2026-09 --to 2026-10 --no-pdf --out " +
                                     (*dir_ / "out/2026-10").string());
  ASSERT_EQ(made.exitCode, 0) << made.output;
  // The folder compare made holds what the default folder holds.
  EXPECT_EQ(test::readFile(*dir_ / "out/2026-10/compare_2026-09_2026-10_dangers.csv"),
            test::readFile(*dir_ / "compare_2026-09_2026-10_dangers.csv"));
  const auto ranked = test::runRiskmap("rank " + oct + " --period 2026-10 --interview 1 --no-pdf --out " +
                                       (*dir_ / "ranks/new").string());
  ASSERT_EQ(ranked.exitCode, 0) << ranked.output;
  EXPECT_TRUE(std::filesystem::is_regular_file(*dir_ / "ranks/new/ranking_2026-10_township.csv"));

  dir_->write("in-the-way", "a file, not a folder");
  const std::string blocked = (*dir_ / "in-the-way/sub").string();
  const auto refused = test::runRiskmap("compare " + oct + " --from 2026-09 --to 2026-10 --no-pdf --out " + blocked);
  EXPECT_EQ(refused.exitCode, 1) << refused.output;
  EXPECT_NE(refused.output.find("--out " + blocked + ": cannot create the folder"), std::string::npos) << refused.output;
  EXPECT_EQ(std::count(refused.output.begin(), refused.output.end(), '\n'), 1) << refused.output;
}

}  // namespace
}  // namespace riskmap
