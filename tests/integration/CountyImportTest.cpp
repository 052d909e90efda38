// `riskmap import --county CODE` into a GeoPackage (issue 18): the
// synthetic province of two counties imported county by county (the first
// creates the file), or by two imports started at once (they take turns
// under the writer lock), holds what a full import holds, row for row
// (attributes and geometry, read back with GDAL); a project whose layers
// have no county field is refused naming the layer and the field. And
// `assess --county` on a GeoPackage: counties compute at once (the compute
// lock shared), imports wait for them, and a county assess killed in its
// write phase leaves the old rows (LibraryWriterLock.hpp).
#include <gtest/gtest.h>

#include <signal.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <map>
#include <regex>
#include <set>
#include <thread>

#include "ProvinceFigures.hpp"
#include "TestSupport.hpp"
#include "riskmap/gdal/Gdal.hpp"

namespace riskmap {
namespace {
namespace fs = std::filesystem;

const std::string kWest = "331201", kEast = "331202";

// Every data table's rows as sorted text (fields but the row id and the
// rejects' county, geometry as multi-geometry WKT).
std::map<std::string, std::vector<std::string>> rowsOf(const fs::path& gpkg) {
  GDALDatasetUniquePtr ds = openDataset(gpkg.string(), GDAL_OF_VECTOR | GDAL_OF_READONLY);
  std::map<std::string, std::vector<std::string>> out;
  for (int i = 0; i < ds->GetLayerCount(); ++i) {
    OGRLayer* l = ds->GetLayer(i);
    const std::string name = l->GetName();
    if (name.rfind("riskmap_", 0) == 0) continue;  // bookkeeping: when and how, not what
    auto& rows = out[name];
    for (auto& f : *l) {
      std::string row;
      for (int k = 0; k < f->GetFieldCount(); ++k)
        if (std::string(f->GetFieldDefnRef(k)->GetNameRef()) != "county")
          row += std::string(f->GetFieldDefnRef(k)->GetNameRef()) + "=" + f->GetFieldAsString(k) + ";";
      if (const OGRGeometry* g = f->GetGeometryRef()) {
        OGRGeometry* multi = OGRGeometryFactory::forceTo(g->clone(), OGR_GT_GetCollection(wkbFlatten(g->getGeometryType())));
        row += multi->exportToWkt();
        delete multi;
      }
      rows.push_back(row);
    }
    std::sort(rows.begin(), rows.end());
  }
  return out;
}

long long countyRows(const std::map<std::string, std::vector<std::string>>& tables, const std::string& county) {
  long long n = 0;
  for (const auto& [name, rows] : tables)
    for (const auto& r : rows) n += r.find("adcode=" + county + ";") != std::string::npos;
  return n;
}

class CountyImportGpkgTest : public ::testing::Test {
 protected:
  void SetUp() override {
    GDALAllRegister();
    const auto r = test::runCommand(std::string("'") + RISKMAP_GENERATOR + "' '" + (dir_ / "p").string() + "' --counties 2");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    // Without the 93,000 buildings (the same code path as every other layer) the test takes seconds.
    text_ = std::regex_replace(test::readFile(dir_ / "p/project.toml"),
                               std::regex("\\[\\[layers\\]\\]\nname = \"buildings\"[^\\[]*"), "");
    ASSERT_EQ(import("full"), 0);
    full_ = rowsOf(dir_ / "p/out/full.gpkg");
    ASSERT_GE(full_.size(), 9u);
    ASSERT_GT(countyRows(full_, kWest), 1000);
    ASSERT_GT(countyRows(full_, kEast), 1000);
  }
  // The province's project with library out/NAME.gpkg, imported (whole, or one county).
  fs::path project(const std::string& name) {
    const fs::path p = dir_ / "p" / (name + ".toml");
    dir_.write("p/" + name + ".toml", std::regex_replace(text_, std::regex("out/province.gpkg"), "out/" + name + ".gpkg"));
    return p;
  }
  int import(const std::string& name, const std::string& county = "") {
    const auto r = test::runRiskmap("import -q " + project(name).string() + (county.empty() ? "" : " --county " + county));
    EXPECT_EQ(r.exitCode, 0) << r.output;
    return r.exitCode;
  }
  // A county's assess of library out/NAME.gpkg, held by a test hook (core/TestHooks.hpp) once it reaches it.
  pid_t spawnHeldAssess(const std::string& name, const std::string& county, const char* hook, const fs::path& marker) {
    setenv(hook, marker.c_str(), 1);
    const pid_t pid = test::spawnRiskmap({"assess", "-q", project(name).string(), "--county", county});
    unsetenv(hook);
    for (int i = 0; i < 1200 && !fs::exists(marker); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    return pid;
  }
  int assess(const std::string& name, const std::string& county) {
    const auto r = test::runRiskmap("assess -q " + project(name).string() + " --county " + county);
    EXPECT_EQ(r.exitCode, 0) << r.output;
    return r.exitCode;
  }
  GDALDatasetUniquePtr library(const std::string& name) {
    return openDataset((dir_ / "p/out" / (name + ".gpkg")).string(), GDAL_OF_VECTOR | GDAL_OF_READONLY);
  }
  nlohmann::json phases(const std::string& county) {
    return nlohmann::json::parse(test::readFile(dir_ / "p" / ("assess_summary_" + county + ".json")))["phases"];
  }
  test::TempDir dir_;
  std::string text_;
  std::map<std::string, std::vector<std::string>> full_;
};

TEST_F(CountyImportGpkgTest, CountiesOneAfterTheOtherHoldTheFullImport) {
  ASSERT_EQ(import("counties", kWest), 0);  // creates the library, population raster included
  const auto west = rowsOf(dir_ / "p/out/counties.gpkg");
  EXPECT_EQ(countyRows(west, kEast), 0);
  EXPECT_EQ(countyRows(west, kWest), countyRows(full_, kWest));
  ASSERT_EQ(import("counties", kEast), 0);
  EXPECT_EQ(rowsOf(dir_ / "p/out/counties.gpkg"), full_);
  // The east county again: its rows replaced by the same rows, the west's untouched.
  ASSERT_EQ(import("counties", kEast), 0);
  EXPECT_EQ(rowsOf(dir_ / "p/out/counties.gpkg"), full_);
  // The library reads as a whole one: info lists every layer, the raster's cells included.
  const auto info = test::runRiskmap("info " + project("counties").string());
  ASSERT_EQ(info.exitCode, 0) << info.output;
  EXPECT_NE(info.output.find("population"), std::string::npos) << info.output;
}

TEST_F(CountyImportGpkgTest, TwoImportsAtOnceTakeTurns) {
  // --wait: the second waits for the writer lock instead of being refused.
  const pid_t west = test::spawnRiskmap({"--wait", "60", "import", "-q", project("together").string(), "--county", kWest});
  const pid_t east = test::spawnRiskmap({"--wait", "60", "import", "-q", project("together").string(), "--county", kEast});
  EXPECT_EQ(test::waitExit(west), 0);
  EXPECT_EQ(test::waitExit(east), 0);
  EXPECT_EQ(rowsOf(dir_ / "p/out/together.gpkg"), full_);
}

TEST_F(CountyImportGpkgTest, ALayerWithoutTheCountyFieldIsRefused) {
  const auto r = test::runRiskmap("import -q " + project("counties").string() + " --county " + kWest +
                                  " --county-field xzqdm");
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_NE(r.output.find("layer 'counties': no county field 'xzqdm'"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(dir_ / "p/out/counties.gpkg"));
}

// While the west county's assess computes (held by the test hook after
// taking the compute lock), the east county's assess runs from start to
// commit; a county import, which would change the west's inputs, is refused
// naming it. Both counties' grades are then those of one county after the other.
TEST_F(CountyImportGpkgTest, CountyAssessesComputeAtOnceAndImportsWaitForThem) {
  fs::copy_file(dir_ / "p/out/full.gpkg", dir_ / "p/out/serial.gpkg");
  ASSERT_EQ(assess("serial", kEast), 0);
  ASSERT_EQ(assess("serial", kWest), 0);

  // Both counties held in their compute at once (each past its snapshot,
  // holding the compute lock shared): the overlap, without timing.
  const fs::path westMarker = dir_ / "west-computing", eastMarker = dir_ / "east-computing";
  const pid_t west = spawnHeldAssess("full", kWest, "RISKMAP_HOLD_WHILE_COMPUTING", westMarker);
  ASSERT_TRUE(fs::exists(westMarker)) << "the west county's assess never started computing";
  const pid_t east = spawnHeldAssess("full", kEast, "RISKMAP_HOLD_WHILE_COMPUTING", eastMarker);
  ASSERT_TRUE(fs::exists(eastMarker)) << "the east county's assess did not compute while the west's did";
  const auto refused = test::runRiskmap("import -q " + project("full").string() + " --county " + kEast);
  EXPECT_EQ(refused.exitCode, 1) << refused.output;
  EXPECT_NE(refused.output.find("import refused: another writer holds the lock, pid " + std::to_string(west)),
            std::string::npos)
      << refused.output;
  // Then they write in turn (each write waits for the other's compute to end: SQLite cannot commit under a reader).
  fs::remove(eastMarker);
  fs::remove(westMarker);
  EXPECT_EQ(test::waitExit(east), 0);
  EXPECT_EQ(test::waitExit(west), 0);
  const auto writeOf = [&](const std::string& c) { return phases(c)["write"]; };
  const auto computeOf = [&](const std::string& c) { return phases(c)["compute"]; };
  for (const auto& [first, second] : {std::pair{kEast, kWest}, std::pair{kWest, kEast}})
    EXPECT_TRUE(writeOf(first)["started"].get<double>() >= computeOf(second)["finished"].get<double>() - 0.01)
        << first << "'s write began while " << second << " still computed";

  GDALDatasetUniquePtr together = library("full"), serial = library("serial");
  const auto grades = test::sourceGrades(*together);
  EXPECT_GT(grades.size(), 100u);
  EXPECT_EQ(grades, test::sourceGrades(*serial));
  EXPECT_EQ(test::footprintFigures(*together), test::footprintFigures(*serial));
}

// A plant removed from the library after its county was assessed: the
// county's next assess leaves no grade or footprint of it (it would still
// colour the province's zones), and keeps every other plant's.
TEST_F(CountyImportGpkgTest, ACountyAssessDropsTheRowsOfAPlantNoLongerThere) {
  ASSERT_EQ(assess("full", kWest), 0);
  const fs::path gpkg = dir_ / "p/out/full.gpkg";
  std::set<std::string> gone;
  {
    GDALDatasetUniquePtr ds = openDataset(gpkg.string(), GDAL_OF_VECTOR | GDAL_OF_UPDATE);
    // The GeoPackage keeps the plants in one table per geometry type (library/GeometryTables.hpp).
    for (const char* table : {"hazard_sources_points", "hazard_sources_polygons"}) {
      OGRLayer* plants = ds->GetLayerByName(table);
      if (!plants) continue;
      plants->SetAttributeFilter(("adcode = '" + kWest + "'").c_str());
      std::vector<GIntBig> fids;
      for (auto& f : *plants)
        if (gone.size() < 3) {
          fids.push_back(f->GetFID());
          gone.insert(f->GetFieldAsString("plant_id"));
        }
      for (GIntBig fid : fids) ASSERT_EQ(plants->DeleteFeature(fid), OGRERR_NONE);
    }
    ASSERT_EQ(gone.size(), 3u);
  }
  const auto rowsOfGone = [&](const char* table) {
    GDALDatasetUniquePtr ds = openDataset(gpkg.string(), GDAL_OF_VECTOR | GDAL_OF_READONLY);
    int n = 0;
    library::Table t = library::openTable(*ds, table);
    for (auto& f : *t) n += gone.count(f->GetFieldAsString("source_id")) > 0;
    return n;
  };
  ASSERT_EQ(rowsOfGone("source_grades"), 3);
  ASSERT_GT(rowsOfGone("footprints"), 0);
  const auto before = test::sourceGrades(*library("full"));
  ASSERT_EQ(assess("full", kWest), 0);
  EXPECT_EQ(rowsOfGone("source_grades"), 0);
  EXPECT_EQ(rowsOfGone("footprints"), 0);
  auto expected = before;
  std::erase_if(expected, [&](const auto& g) { return gone.count(std::get<1>(g.first)) > 0; });
  const auto after = test::sourceGrades(*library("full"));
  EXPECT_EQ(after.size(), before.size() - 3);
  for (const auto& [key, grade] : expected) EXPECT_TRUE(after.count(key)) << std::get<1>(key) << " lost its grade";
}

// kill -9 between a county assess's last row and its commit: the library
// keeps the rows it had (the east county's, none of the west's), and the
// next assess is not held up by anything the killed one left.
TEST_F(CountyImportGpkgTest, ACountyAssessKilledInItsWritePhaseLeavesTheOldRows) {
  ASSERT_EQ(assess("full", kEast), 0);
  const auto before = test::sourceGrades(*library("full"));
  ASSERT_GT(before.size(), 50u);
  const auto westRows = [](const std::map<test::SourceKey, std::string>& grades) {
    return std::count_if(grades.begin(), grades.end(),
                         [](const auto& g) { return std::get<1>(g.first).rfind(kWest, 0) == 0; });
  };
  ASSERT_EQ(westRows(before), 0);

  const fs::path marker = dir_ / "west-writing";
  const pid_t west = spawnHeldAssess("full", kWest, "RISKMAP_HOLD_BEFORE_COMMIT", marker);
  ASSERT_TRUE(fs::exists(marker)) << "the west county's assess never reached its commit";
  kill(west, SIGKILL);
  EXPECT_EQ(test::waitExit(west), 128 + SIGKILL);
  EXPECT_EQ(test::sourceGrades(*library("full")), before);

  ASSERT_EQ(assess("full", kWest), 0);
  EXPECT_GT(westRows(test::sourceGrades(*library("full"))), 50);
}

}  // namespace
}  // namespace riskmap
