// The sample county on a real PostgreSQL 15 + PostGIS 3 (the throw-away
// server of tests/postgis/pg-server.sh, ctest fixture `postgis`): imported,
// assessed, explained and rendered with library = "postgresql://..." gives
// the GeoPackage run's figures (issue 18). The GeoPackage path's figures are
// tested on their own elsewhere; here they are the reference.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <functional>
#include <regex>
#include <sstream>

#include "PgServer.hpp"
#include "PostgisCompare.hpp"
#include "TestSupport.hpp"

namespace riskmap {
namespace {

namespace fs = std::filesystem;
const fs::path kSample = fs::path(RISKMAP_SOURCE_DIR) / "data/sample_county";

using test::asUri;
using test::serverDsn;
using test::expectSameJson;
using test::pixels;

// Sum of a field over a library table, with the row count.
std::pair<double, long long> fieldSum(const std::string& library, const char* table, const char* field) {
  const char* const options[] = {"LIST_ALL_TABLES=YES", nullptr};
  GDALDatasetUniquePtr ds(GDALDataset::Open(library.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr,
                                            library.rfind("PG:", 0) == 0 ? options : nullptr));
  if (!ds) return {-1, -1};
  OGRLayer* l = ds->GetLayerByName(table);
  if (!l) return {-1, -1};
  double sum = 0;
  long long n = 0;
  for (auto& f : *l) sum += f->GetFieldAsDouble(field), ++n;
  return {sum, n};
}

class PostgisTest : public ::testing::Test {
 protected:
  void SetUp() override {
    GDALAllRegister();
    ASSERT_TRUE(fs::exists(kSample / "summary.json")) << "build the sample_county target first";
    dsn_ = serverDsn();
    ASSERT_FALSE(dsn_.empty()) << RISKMAP_PG_STATE << ": no server (ctest starts it: fixture postgis)";
  }
  std::string dsn_;
};

TEST_F(PostgisTest, SampleCountyOnPostgisGivesTheGeoPackageFigures) {
  test::TempDir gpkgDir, pgDir;
  const fs::path gpkgProject = test::assessedCounty(kSample / "project.toml", gpkgDir);
  // The same project with the library in PostgreSQL, written as a libpq URI.
  const fs::path pgProject = test::relocatedProject(kSample / "project.toml", pgDir);
  std::string text = test::readFile(pgProject);
  text = std::regex_replace(text, std::regex("library = \"[^\"]*\""), "library = \"" + asUri(dsn_) + "\"");
  pgDir.write("project.toml", text);
  for (const char* step : {"import -q ", "assess -q "}) {
    const auto r = test::runRiskmap(step + pgProject.string());
    ASSERT_EQ(r.exitCode, 0) << step << r.output;
  }
  // No file beside the project pretends to be the library; the population raster is the shared GeoTIFF.
  EXPECT_FALSE(fs::exists(pgDir / "one.gpkg"));
  EXPECT_TRUE(fs::exists(pgDir / "riskmap_population.tif"));

  // Sources graded per grade, exposure and zone areas per grade: assess's own summary.
  const auto gpkgSummary = nlohmann::json::parse(test::readFile(gpkgDir / "assess_summary.json"));
  const auto pgSummary = nlohmann::json::parse(test::readFile(pgDir / "assess_summary.json"));
  for (const char* key : {"grades", "sources", "footprints", "parts", "incomplete", "regional"})
    expectSameJson(gpkgSummary[key], pgSummary[key], key);
  EXPECT_GT(gpkgSummary["sources"].get<int>(), 50);

  // The people in every footprint, summed, read back from each library.
  const auto gpkgPeople = fieldSum((gpkgDir / "one.gpkg").string(), "footprints", "people");
  const auto pgPeople = fieldSum(dsn_, "footprints", "people");
  EXPECT_EQ(gpkgPeople.second, pgPeople.second);
  EXPECT_GT(gpkgPeople.first, 1000);
  EXPECT_NEAR(gpkgPeople.first, pgPeople.first, 1e-6 * gpkgPeople.first);
  const auto gpkgZones = fieldSum((gpkgDir / "one.gpkg").string(), "risk_zones", "area_km2");
  const auto pgZones = fieldSum(dsn_, "risk_zones", "area_km2");
  EXPECT_EQ(gpkgZones.second, pgZones.second);
  EXPECT_NEAR(gpkgZones.first, pgZones.first, 1e-9 * gpkgZones.first);

  // Why a place in the chemical park is red: the same zones, sources, rules and people.
  const std::string at = " --at 120.582422,29.960805 --json";
  const auto gpkgExplain = test::runRiskmap("explain " + gpkgProject.string() + at);
  const auto pgExplain = test::runRiskmap("explain " + pgProject.string() + at);
  ASSERT_EQ(pgExplain.exitCode, 0) << pgExplain.output;
  expectSameJson(nlohmann::json::parse(gpkgExplain.output), nlohmann::json::parse(pgExplain.output), "explain");

  // The map, drawn from each library.
  for (const auto& [project, dir] : {std::pair{gpkgProject, &gpkgDir}, std::pair{pgProject, &pgDir}}) {
    const auto r = test::runRiskmap("render " + project.string() + " --width 600 -o " + (*dir / "map.png").string());
    ASSERT_EQ(r.exitCode, 0) << r.output;
  }
  int w1 = 0, h1 = 0, w2 = 0, h2 = 0;
  const auto a = pixels(gpkgDir / "map.png", w1, h1), b = pixels(pgDir / "map.png", w2, h2);
  ASSERT_FALSE(a.empty());
  ASSERT_EQ(a.size(), b.size());
  long differing = 0;
  for (std::size_t i = 0; i < a.size(); ++i) differing += std::abs(int(a[i]) - int(b[i])) > 8;
  std::printf("render: %ld of %zu channel values differ by more than 8\n", differing, a.size());
  EXPECT_LT(differing, static_cast<long>(a.size() / 1000)) << "the PostGIS map is not the GeoPackage's";

  // info reads the database as it reads the file.
  const auto info = test::runRiskmap("info --json " + pgProject.string());
  ASSERT_EQ(info.exitCode, 0) << info.output;
  EXPECT_EQ(nlohmann::json::parse(info.output)["layers"].size(), 13u);

  // The other commands read the database as they read the file. Each runs
  // on both projects and must say the same: the tiles written, a
  // relocation scenario's zone table, a period's township ranking (CSV),
  // the enterprise grade map.
  auto both = [&](const std::string& args, const std::function<std::string(const fs::path&, const std::string&)>& what) {
    std::string seen[2];
    int i = 0;
    for (const auto& [project, dir] : {std::pair{gpkgProject, &gpkgDir}, std::pair{pgProject, &pgDir}}) {
      std::string a = std::regex_replace(args, std::regex("\\{dir\\}"), dir->path().string());
      const auto r = test::runRiskmap(a + " " + project.string());
      EXPECT_EQ(r.exitCode, 0) << (i ? "PostGIS: " : "GeoPackage: ") << a << "\n" << r.output;
      seen[i++] = what(dir->path(), r.output);
    }
    EXPECT_FALSE(seen[0].empty()) << args;
    EXPECT_EQ(seen[0], seen[1]) << args;
  };
  // What each line of an output matching a pattern says, joined (the
  // pattern leaves out paths, library names and timings).
  auto lines = [](const std::string& pattern) {
    return [pattern](const fs::path&, const std::string& output) {
      std::string out;
      const std::regex re(pattern);
      std::istringstream in(output);
      std::smatch m;
      for (std::string line; std::getline(in, line);)
        if (std::regex_search(line, m, re)) out += m.str() + "\n";
      return out;
    };
  };
  both("tiles -z 10-12 -o {dir}/t.mbtiles", lines("[0-9]+ metatiles .*, [0-9]+ tiles written, [0-9]+ distinct images"));
  both("relocate --scenario moved --move HZ001 --to 120.58,29.96",
       lines("^\\s+(major|high|moderate|low)\\s+[0-9].*$"));
  both("snapshot --period 2026-10", lines("^period 2026-10: [^>]*"));
  both("rank --period 2026-10", [](const fs::path& dir, const std::string&) {
    return test::readFile(dir / "ranking_2026-10_township.csv");
  });
  both("plant-map --grades", lines("^HZ[0-9]+\\s+\\S+"));
}

}  // namespace
}  // namespace riskmap
