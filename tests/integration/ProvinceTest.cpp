// The synthetic province (riskmap-sample-county --counties 2): assessing
// county by county (`assess --county`) and then the province step
// (`assess --zones`) gives what one plain `assess` gives; and the plant the
// generator puts 250 m from the county line counts the neighbour's people
// and colours the neighbour's map, checked against the population raster
// cell by cell with GEOS (not the engine's coverage scan).
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <memory>
#include <tuple>

#include "ProvinceFigures.hpp"
#include "TestSupport.hpp"
#include "riskmap/gdal/Gdal.hpp"
#include "riskmap/library/GeometryTables.hpp"

namespace riskmap {
namespace {
namespace fs = std::filesystem;

const char* kWest = "331201";  // the border plant's county
const char* kEast = "331202";  // the neighbour across the line
const char* kPlant = "331201-HZ061";

class ProvinceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir();
    const fs::path plain = *dir_ / "plain", counties = *dir_ / "counties";
    run(std::string("'") + RISKMAP_GENERATOR + "' '" + plain.string() + "' --counties 2");
    run(std::string(test::riskmapBinary()) + " import -q '" + (plain / "project.toml").string() + "'");
    fs::copy(plain, counties, fs::copy_options::recursive);
    run(std::string(test::riskmapBinary()) + " assess -q '" + (plain / "project.toml").string() + "'");
    const std::string project = "'" + (counties / "project.toml").string() + "'";
    // The east county first: order must not matter; the west twice: a rerun replaces its own rows.
    for (const char* county : {kEast, kWest, kWest})
      run(std::string(test::riskmapBinary()) + " assess -q " + project + " --county " + county);
    run(std::string(test::riskmapBinary()) + " assess -q " + project + " --zones");
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static void run(const std::string& command) { test::runOrThrow(command); }
  static GDALDatasetUniquePtr library(const std::string& which) {
    return openDataset((*dir_ / which / "out/province.gpkg").string(), GDAL_OF_VECTOR);
  }
  static test::TempDir* dir_;
};
test::TempDir* ProvinceTest::dir_ = nullptr;

using test::areaOf;

std::map<test::SourceKey, std::string> grades(GDALDataset& ds) { return test::sourceGrades(ds); }

std::map<std::string, double> zoneAreas(GDALDataset& ds) {
  std::map<std::string, double> out;
  for (const auto& [grade, zone] : test::zoneFigures(ds)) out[grade] = zone.areaKm2;
  return out;
}

TEST_F(ProvinceTest, CountyRunsAndTheProvinceStepGiveWhatPlainAssessGives) {
  GDALDatasetUniquePtr plain = library("plain"), counties = library("counties");
  const auto g1 = grades(*plain), g2 = grades(*counties);
  EXPECT_GT(g1.size(), 100u);
  EXPECT_EQ(g1, g2);  // every source once, with the same grade and the same figures

  const auto f1 = test::footprintFigures(*plain), f2 = test::footprintFigures(*counties);
  ASSERT_EQ(f1.size(), f2.size());
  for (const auto& [key, zone] : f1) {
    const auto other = f2.find(key);
    ASSERT_NE(other, f2.end()) << std::get<1>(key) << " " << std::get<2>(key);
    EXPECT_DOUBLE_EQ(zone.people, other->second.people) << std::get<1>(key);
    EXPECT_DOUBLE_EQ(zone.areaKm2, other->second.areaKm2) << std::get<1>(key);
    EXPECT_EQ(zone.zoneGrade, other->second.zoneGrade) << std::get<1>(key);
  }
  const auto a1 = zoneAreas(*plain), a2 = zoneAreas(*counties);
  ASSERT_EQ(a1.size(), 4u);
  for (const auto& [grade, area] : a1) EXPECT_NEAR(area, a2.at(grade), 1e-6 * area + 1e-9) << grade;

  // Each county's own files, and the province step's sources.csv listing both counties' sources.
  for (const char* county : {kWest, kEast})
    EXPECT_TRUE(fs::exists(*dir_ / "counties" / (std::string("sources_") + county + ".csv")));
  const std::string csv = test::readFile(*dir_ / "counties/sources.csv");
  EXPECT_NE(csv.find(std::string(kWest) + "-HZ001"), std::string::npos);
  EXPECT_NE(csv.find(std::string(kEast) + "-HZ001"), std::string::npos);
}

TEST_F(ProvinceTest, AMistypedCountyIsAUserError) {
  const test::CommandResult r =
      test::runRiskmap("assess -q '" + (*dir_ / "counties/project.toml").string() + "' --county 339999");
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_NE(r.output.find("no assessed source has adcode = '339999'"), std::string::npos) << r.output;
}

TEST_F(ProvinceTest, OnePopulationRasterPerCountyImportsAsTheSamePeople) {
  const fs::path mosaic = *dir_ / "mosaic";
  run(std::string("'") + RISKMAP_GENERATOR + "' '" + mosaic.string() + "' --counties 2 --population-per-county");
  ASSERT_TRUE(fs::exists(mosaic / "population" / (std::string(kWest) + ".tif")));
  ASSERT_TRUE(fs::exists(mosaic / "population" / (std::string(kEast) + ".tif")));
  run(std::string(test::riskmapBinary()) + " import -q '" + (mosaic / "project.toml").string() + "'");
  // The people in the mosaic's library against the one raster's, summed here from the file itself.
  GDALDatasetUniquePtr one = openDataset((*dir_ / "plain/population_100m.tif").string(), GDAL_OF_RASTER);
  GDALRasterBand* band = one->GetRasterBand(1);
  std::vector<float> v(static_cast<std::size_t>(band->GetXSize()) * band->GetYSize());
  ASSERT_EQ(band->RasterIO(GF_Read, 0, 0, band->GetXSize(), band->GetYSize(), v.data(), band->GetXSize(), band->GetYSize(),
                           GDT_Float32, 0, 0),
            CE_None);
  double people = 0;
  for (float x : v) people += x > 0 ? x : 0;
  const test::CommandResult info = test::runRiskmap("info '" + (mosaic / "project.toml").string() + "' --json");
  ASSERT_EQ(info.exitCode, 0) << info.output;
  char expected[64];
  std::snprintf(expected, sizeof expected, "\"sum\": %.1f", people);
  EXPECT_NE(info.output.find(expected), std::string::npos) << expected << " not in " << info.output;
  EXPECT_GT(people, 1e6);
}

TEST_F(ProvinceTest, APlantsRingAcrossTheCountyLineCountsAndColoursTheNeighbour) {
  GDALDatasetUniquePtr ds = library("counties");  // graded in its own county's run
  const test::Ring found = test::footprintRing(*ds, kPlant, "exposure_500m");
  const std::unique_ptr<OGRGeometry>& ring = found.geometry;
  const double enginePeople = found.people;
  const std::string& zoneGrade = found.zoneGrade;
  ASSERT_TRUE(ring) << "no 500 m ring for " << kPlant;
  const std::unique_ptr<OGRGeometry> west = test::countyOutline(*ds, kWest), east = test::countyOutline(*ds, kEast);
  ASSERT_TRUE(west && east);

  // The ring reaches about 250 m over the line: a circular segment of
  // r^2 acos(d/r) - d sqrt(r^2 - d^2) = 0.1535 km2 for r = 500, d = 250 (the line is nearly straight there).
  std::unique_ptr<OGRGeometry> across(ring->Intersection(east.get()));
  const double r = 500, d = 250, segment = (r * r * std::acos(d / r) - d * std::sqrt(r * r - d * d)) / 1e6;
  EXPECT_NEAR(areaOf(across.get()) / 1e6, segment, 0.15 * segment);

  // People in the ring from the raster, cell by cell: each cell's share inside the ring (GEOS), by county of its centre.
  const auto [total, inEast] = test::peopleInRing((*dir_ / "counties/population_100m.tif").string(), *ring, *east);
  EXPECT_NEAR(enginePeople, total, 0.005 * total + 0.5);
  EXPECT_GT(inEast, 100) << "the village across the line (界河村) lies in the ring";
  EXPECT_GT(inEast, 0.3 * total);

  // GB 18218-2018: 60 t chlorine (Q 5, beta 4) and 30 t hydrogen chloride (Q 20, beta 3): sum 52.5; alpha 2 with
  // 100 or more people within 500 m: R = 105, level 1 (the neighbour's people make it so).
  const std::string grade = grades(*ds).at({"hazard_sources", kPlant, ""});
  EXPECT_GE(total, 100);
  EXPECT_EQ(grade.substr(0, 2), "1 ") << grade;

  // The neighbour's map is coloured where the ring reaches into it: the zones
  // at least as high as the ring's cover the part across the line.
  const std::map<std::string, int> rank{{"low", 0}, {"moderate", 1}, {"high", 2}, {"major", 3}};
  ASSERT_TRUE(rank.count(zoneGrade)) << zoneGrade;
  double coloured = 0;
  library::Table zones = library::openTable(*ds, "risk_zones");
  for (auto& f : *zones)
    if (rank.at(f->GetFieldAsString("grade")) >= rank.at(zoneGrade)) {
      std::unique_ptr<OGRGeometry> part(f->GetGeometryRef()->Intersection(across.get()));
      coloured += areaOf(part.get());
    }
  EXPECT_GT(rank.at(zoneGrade), 0) << zoneGrade;
  EXPECT_NEAR(coloured, areaOf(across.get()), 0.01 * areaOf(across.get()));
}

}  // namespace
}  // namespace riskmap
