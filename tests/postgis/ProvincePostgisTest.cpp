// The synthetic province (riskmap-sample-county --counties 2) end to end on
// a real PostgreSQL 15 + PostGIS 3 (the throw-away server of
// tests/postgis/pg-server.sh) and on a GeoPackage, with equal figures
// (issue 18): a full import and a plain assess into each; and on PostGIS the
// province's own flow, both counties imported at once (`import --county`)
// and assessed at once (`assess --county`, computing together, their writes
// taking turns under the library's advisory lock), then the province step (`assess --zones`). Sources per
// grade, each footprint's people, zone areas and people per grade must
// agree; the border plant's 500 m ring, which crosses the county line,
// counts the neighbour's people as a cell-by-cell sum over the generator's
// raster says, and so do the major zones' people. Then the writer lock on
// PostGIS: two real processes, one holding the advisory lock, the other
// refused at once or waiting as --wait says.
#include <gtest/gtest.h>

#include <signal.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <future>
#include <regex>
#include <thread>

#include "PgServer.hpp"
#include "ProvinceFigures.hpp"
#include "TestSupport.hpp"
#include "riskmap/library/Location.hpp"

namespace riskmap {
namespace {
namespace fs = std::filesystem;

const std::string kWest = "331201", kEast = "331202";  // the generator's two county codes
const std::string kPlant = "331201-HZ061";             // 250 m west of the county line (docs/sample-county.md)

class ProvincePostgisTest : public ::testing::Test {
 protected:
  // The province is generated once per server: each test runs in a process of its own.
  static void SetUpTestSuite() {
    GDALAllRegister();
    dir_ = new fs::path(fs::path(RISKMAP_PG_STATE).parent_path() / "province-postgis-test");
    if (fs::exists(*dir_ / "ready")) return;
    fs::remove_all(*dir_);
    test::runOrThrow(std::string("'") + RISKMAP_GENERATOR + "' '" + (*dir_ / "province").string() + "' --counties 2");
    std::ofstream(*dir_ / "ready") << "made\n";
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  // The province's project in a folder of its own, its library a GeoPackage
  // there ("gpkg") or PostGIS schema `name` (made empty).
  static fs::path project(const std::string& name) {
    const fs::path dir = *dir_ / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::string text = test::readFile(*dir_ / "province/project.toml");
    const std::string sources = (*dir_ / "province").string() + "/";
    text = std::regex_replace(text, std::regex("source = \""), "source = \"" + sources);
    // Without the 93,000 buildings: people come from the population raster alone, and the suite saves a minute.
    text = std::regex_replace(text, std::regex("\\[\\[layers\\]\\]\nname = \"buildings\"[^\\[]*"), "");
    std::string library = "out/province.gpkg";
    if (name != "gpkg") {
      test::psql("DROP SCHEMA IF EXISTS \"" + name + "\" CASCADE; CREATE SCHEMA \"" + name + "\"");
      library = test::serverDsn() + " active_schema=" + name;
    }
    text = std::regex_replace(text, std::regex("library = \"[^\"]*\""), "library = \"" + library + "\"");
    std::ofstream(dir / "project.toml") << text;
    return dir / "project.toml";
  }
  static GDALDatasetUniquePtr open(const fs::path& project, const std::string& name) {
    if (name == "gpkg") return openDataset((project.parent_path() / "out/province.gpkg").string(), GDAL_OF_VECTOR);
    return library::Location::parse(test::serverDsn() + " active_schema=" + name, project.parent_path()).open(GDAL_OF_VECTOR);
  }
  static void riskmap(const std::string& args) { test::runOrThrow(std::string(test::riskmapBinary()) + " " + args); }
  // Two riskmap runs at once, each with its output; both must succeed.
  static void together(const std::string& a, const std::string& b) {
    auto first = std::async(std::launch::async, [&] { return test::runRiskmap(a); });
    auto second = std::async(std::launch::async, [&] { return test::runRiskmap(b); });
    for (auto* run : {&first, &second}) {
      const test::CommandResult r = run->get();
      EXPECT_EQ(r.exitCode, 0) << r.output;
    }
  }
  static fs::path* dir_;
};
fs::path* ProvincePostgisTest::dir_ = nullptr;

void expectClose(double a, double b, double relative, const std::string& what) {
  EXPECT_LE(std::abs(a - b), relative * std::max({1.0, std::abs(a), std::abs(b)})) << what << ": " << a << " vs " << b;
}

// A source's figures with every number rounded to 9 significant digits
// (PostgreSQL hands GDAL doubles as 15-digit text: a coverage ratio comes
// back a few units off in its 14th digit).
nlohmann::json rounded(nlohmann::json j) {
  if (j.is_number_float()) {
    char text[32];
    std::snprintf(text, sizeof text, "%.9g", j.get<double>());
    return std::string(text);
  }
  if (j.is_structured())
    for (auto& item : j) item = rounded(item);
  return j;
}

std::string roundedGrade(const std::string& gradeAndFigures) {
  const auto brace = gradeAndFigures.find('{');
  if (brace == std::string::npos) return gradeAndFigures;
  return gradeAndFigures.substr(0, brace) + rounded(nlohmann::json::parse(gradeAndFigures.substr(brace))).dump();
}

// Every figure of `other` equals `reference`'s (PostgreSQL hands GDAL doubles as 15-digit text: 1e-9).
void expectSameFigures(GDALDataset& reference, GDALDataset& other, const std::string& which) {
  SCOPED_TRACE(which);
  // Each source's grade and figures (the differing ones named, not the thousands of equal ones).
  const auto g1 = test::sourceGrades(reference), g2 = test::sourceGrades(other);
  EXPECT_EQ(g1.size(), g2.size());
  int differing = 0;
  for (const auto& [key, grade] : g1) {
    const auto it = g2.find(key);
    const std::string theirs = it == g2.end() ? "(none)" : it->second;
    if (roundedGrade(theirs) != roundedGrade(grade) && ++differing <= 3) ADD_FAILURE() << std::get<1>(key) << ":\n  " << grade << "\n  " << theirs;
  }
  EXPECT_EQ(differing, 0);
  EXPECT_EQ(test::sourcesPerGrade(reference), test::sourcesPerGrade(other));
  const auto f1 = test::footprintFigures(reference), f2 = test::footprintFigures(other);
  ASSERT_EQ(f1.size(), f2.size());
  for (const auto& [key, zone] : f1) {
    const auto it = f2.find(key);
    ASSERT_NE(it, f2.end()) << std::get<1>(key) << " " << std::get<2>(key);
    expectClose(zone.people, it->second.people, 1e-9, std::get<1>(key) + " " + std::get<2>(key) + " people");
    expectClose(zone.areaKm2, it->second.areaKm2, 1e-9, std::get<1>(key) + " " + std::get<2>(key) + " area");
    EXPECT_EQ(zone.zoneGrade, it->second.zoneGrade) << std::get<1>(key);
  }
  const auto z1 = test::zoneFigures(reference), z2 = test::zoneFigures(other);
  ASSERT_EQ(z1.size(), 4u);
  ASSERT_EQ(z2.size(), 4u);
  for (const auto& [grade, zone] : z1) {
    expectClose(zone.areaKm2, z2.at(grade).areaKm2, 1e-6, grade + " zone area");
    expectClose(zone.people, z2.at(grade).people, 1e-6, grade + " zone people");
  }
}

// The border plant's ring and the major zones counted here from the generator's raster.
void expectPeopleFromTheRaster(GDALDataset& ds, const std::string& raster, const std::string& which) {
  SCOPED_TRACE(which);
  const test::Ring ring = test::footprintRing(ds, kPlant, "exposure_500m");
  ASSERT_TRUE(ring.geometry) << "no 500 m ring for " << kPlant;
  const auto east = test::countyOutline(ds, kEast);
  ASSERT_TRUE(east);
  const auto [total, inEast] = test::peopleInRing(raster, *ring.geometry, *east);
  EXPECT_NEAR(ring.people, total, 0.005 * total + 0.5);
  EXPECT_GT(inEast, 100) << "the village across the line (界河村) lies in the ring";
  // GB 18218-2018: sum beta q/Q = 52.5, alpha 2 with 100 or more people within 500 m: R = 105, level 1.
  EXPECT_EQ(test::sourceGrades(ds).at({"hazard_sources", kPlant, ""}).substr(0, 2), "1 ");

  library::Table zones = library::openTable(ds, "risk_zones");
  int major = 0;
  for (auto& f : *zones)
    if (std::string(f->GetFieldAsString("grade")) == "major") {
      ++major;
      const auto people = test::peopleInRing(raster, *f->GetGeometryRef(), *f->GetGeometryRef()).first;
      EXPECT_GT(people, 100);
      EXPECT_NEAR(f->GetFieldAsDouble("people"), people, 0.005 * people + 0.5) << "major zones' people";
    }
  EXPECT_EQ(major, 1);
}

TEST_F(ProvincePostgisTest, TheProvinceOnPostgisGivesTheGeoPackageFigures) {
  const fs::path gpkg = project("gpkg"), whole = project("pwhole"), counties = project("pcounties");
  for (const fs::path& p : {gpkg, whole}) {
    riskmap("import -q '" + p.string() + "'");
    riskmap("assess -q '" + p.string() + "'");
  }
  // The province's flow on PostGIS: counties imported at once, assessed at
  // once (both compute together; their short writes take turns, the second
  // waiting for the first's writer lock), then the province step.
  const std::string c = " '" + counties.string() + "' --county ";
  together("import -q" + c + kWest, "import -q" + c + kEast);
  together("--wait 600 assess -q" + c + kWest, "--wait 600 assess -q" + c + kEast);
  // That their computes overlap is not asserted here (two processes started
  // together need not overlap on a loaded machine); CountyImportTest's
  // CountyAssessesComputeAtOnceEachInOneStateOfTheLibrary holds one compute
  // open while the other runs, which proves it without timing.
  riskmap("assess -q '" + counties.string() + "' --zones");

  GDALDatasetUniquePtr reference = open(gpkg, "gpkg"), onPostgis = open(whole, "pwhole"),
                       byCounty = open(counties, "pcounties");
  EXPECT_GT(test::sourceGrades(*reference).size(), 100u);
  EXPECT_EQ(test::sourcesPerGrade(*reference).size() > 3, true);
  expectSameFigures(*reference, *onPostgis, "PostGIS, full import and plain assess");
  expectSameFigures(*reference, *byCounty, "PostGIS, county imports and county runs");
  const std::string raster = (*dir_ / "province/population_100m.tif").string();
  expectPeopleFromTheRaster(*reference, raster, "GeoPackage");
  expectPeopleFromTheRaster(*onPostgis, raster, "PostGIS, plain");
  expectPeopleFromTheRaster(*byCounty, raster, "PostGIS, by county");
  // Nothing beside a database pretends to be its lock file.
  EXPECT_FALSE(fs::exists(counties.parent_path() / "riskmap.lock"));
  EXPECT_TRUE(fs::exists(gpkg.parent_path() / "out/province.gpkg.lock"));
}

// The pid of the riskmap process holding the library's advisory lock under
// the documented key ("" when none does).
std::string lockHolder(const std::string& schema) {
  const std::string out = test::psql(
      "SELECT substring(a.application_name FROM 'pid ([0-9]+)') FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
      "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 AND "
      "l.objid = CAST(CAST(hashtext('riskmap writer: " + schema + "') AS bigint) & 4294967295 AS oid)");
  return out.substr(0, out.find('\n'));
}

// The holder once one has named itself (30 s at most).
std::string awaitHolder(const std::string& schema) {
  for (int i = 0; i < 600; ++i) {
    if (std::string pid = lockHolder(schema); !pid.empty()) return pid;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return "";
}

TEST_F(ProvincePostgisTest, WritersOnPostgisTakeTurnsByTheDatabasesAdvisoryLock) {
  const fs::path p = project("plock");
  riskmap("import -q '" + p.string() + "'");
  const std::string assess = "assess -q '" + p.string() + "'";
  const pid_t first = test::spawnRiskmap({"assess", "-q", p.string()});
  ASSERT_EQ(awaitHolder("plock"), std::to_string(first)) << "the first assess never took the library's lock";
  // The documented key is the one held: another session cannot take it.
  EXPECT_EQ(test::psql("SELECT pg_try_advisory_lock(hashtext('riskmap writer: plock'))"), "f\n");
  // Without --wait a second writer is refused at once, in one line naming the holder.
  const test::CommandResult refused = test::runRiskmap(assess);
  EXPECT_EQ(refused.exitCode, 1) << refused.output;
  EXPECT_NE(refused.output.find("assess refused: another writer holds the library's lock, riskmap assess, pid " +
                                std::to_string(first) + " on "),
            std::string::npos)
      << refused.output;
  EXPECT_EQ(std::count(refused.output.begin(), refused.output.end(), '\n'), 1) << refused.output;
  // With --wait it says so once, waits for the first to commit, then runs.
  const test::CommandResult waited = test::runRiskmap("--wait 600 " + assess);
  EXPECT_EQ(waited.exitCode, 0) << waited.output;
  EXPECT_NE(waited.output.find("waiting up to 600 s for its lock"), std::string::npos) << waited.output;
  EXPECT_EQ(test::waitExit(first), 0);
  EXPECT_EQ(lockHolder("plock"), "");  // let go by both

  // A holder killed outright leaves no lock: the server drops its session.
  const pid_t killed = test::spawnRiskmap({"assess", "-q", p.string()});
  ASSERT_EQ(awaitHolder("plock"), std::to_string(killed));
  kill(killed, SIGKILL);
  EXPECT_EQ(test::waitExit(killed), 128 + SIGKILL);
  bool released = false;
  for (int i = 0; i < 200 && !released; ++i) {
    released = test::psql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'") == "0\n";
    if (!released) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(released);
  const test::CommandResult after = test::runRiskmap(assess);
  EXPECT_EQ(after.exitCode, 0) << after.output;
}

}  // namespace
}  // namespace riskmap
