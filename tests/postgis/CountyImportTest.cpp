// `riskmap import --county CODE` into one PostGIS library (issue 18): the
// synthetic province of two counties (riskmap-sample-county --counties 2)
// imported county by county, one after the other or at once, holds what a
// full import holds; a county re-imported from changed input changes only
// its own rows; a county import killed mid-transaction leaves the previous
// rows. Each library is a schema of the fixture's database, compared with
// SQL (row counts per table and county, EXCEPT ALL over attributes and
// geometry), not through riskmap.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <signal.h>

#include <chrono>
#include <map>
#include <memory>
#include <regex>
#include <sstream>
#include <thread>

#include "PgServer.hpp"
#include "TestSupport.hpp"
#include "riskmap/gdal/Gdal.hpp"

namespace riskmap {
namespace {
namespace fs = std::filesystem;

const std::string kWest = "331201", kEast = "331202";  // the generator's two county codes
// Tables that are bookkeeping, not data (their rows say when and how, not what).
const std::vector<std::string> kBookkeeping = {"riskmap_project", "riskmap_layers", "riskmap_county_imports"};

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);)
    if (!l.empty()) out.push_back(l);
  return out;
}

struct TableInfo {
  std::string name;
  bool geometry = false, county = false;  // has the columns geom, adcode
};

// A library's data tables (bookkeeping left out), in one psql call.
std::vector<TableInfo> tablesOf(const std::string& schema) {
  std::vector<TableInfo> out;
  for (const auto& l : lines(test::psql("SELECT table_name || '|' || bool_or(column_name = 'geom') || '|' || "
                                        "bool_or(column_name = 'adcode') FROM information_schema.columns "
                                        "WHERE table_schema = '" + schema + "' GROUP BY table_name ORDER BY 1"))) {
    const auto a = l.find('|'), b = l.rfind('|');
    TableInfo t{l.substr(0, a), l.substr(a + 1, b - a - 1) == "true", l.substr(b + 1) == "true"};
    if (std::find(kBookkeeping.begin(), kBookkeeping.end(), t.name) == kBookkeeping.end()) out.push_back(t);
  }
  return out;
}

std::vector<std::string> namesOf(const std::vector<TableInfo>& tables) {
  std::vector<std::string> out;
  for (const auto& t : tables) out.push_back(t.name);
  return out;
}

// "key|n" lines as a map.
std::map<std::string, long long> keyedCounts(const std::string& sql) {
  std::map<std::string, long long> out;
  if (sql.empty()) return out;
  for (const auto& l : lines(test::psql(sql))) out[l.substr(0, l.rfind('|'))] = std::stoll(l.substr(l.rfind('|') + 1));
  return out;
}

std::string unionAll(const std::string& all, const std::string& one) { return all.empty() ? one : all + " UNION ALL " + one; }

// Rows per (table, county) of a library's tables that have the county field.
std::map<std::string, long long> countsByCounty(const std::string& schema) {
  std::string sql;
  for (const auto& t : tablesOf(schema))
    if (t.county)
      sql = unionAll(sql, "SELECT '" + t.name + " ' || adcode || '|' || count(*) FROM \"" + schema + "\".\"" + t.name +
                              "\" GROUP BY adcode");
  return keyedCounts(sql);
}

// The tables that hold a logical table: itself, or its parts by geometry type.
std::vector<std::string> partsOf(const std::string& schema, const std::string& table) {
  std::vector<std::string> out;
  for (const auto& t : tablesOf(schema))
    if (t.name == table || t.name.rfind(table + "_", 0) == 0) out.push_back(t.name);
  return out;
}

// Rows of a county in a logical table.
long long rowsOfCounty(const std::string& schema, const std::string& table, const std::string& county) {
  long long n = 0;
  for (const auto& t : partsOf(schema, table))
    n += std::stoll(test::psql("SELECT count(*) FROM \"" + schema + "\".\"" + t + "\" WHERE adcode = '" + county + "'"));
  return n;
}

// The rows of a table as comparable values: attributes (without the row id
// and the rejects' county column) and geometry as multi-geometry WKB.
std::string rowsOf(const std::string& schema, const TableInfo& t, const std::string& where) {
  return "SELECT to_jsonb(t) - 'fid' - 'geom' - 'county' AS a, " +
         std::string(t.geometry ? "ST_AsBinary(ST_Multi(t.geom))" : "NULL::bytea") + " AS g FROM \"" + schema +
         "\".\"" + t.name + "\" t" + (where.empty() ? "" : " WHERE " + where);
}

// Rows of each table in one library and not in the other (EXCEPT ALL both
// ways), per table with any; `where` restricts both sides (tables with the
// county field only); `skip` leaves tables out.
std::map<std::string, long long> differences(const std::string& a, const std::string& b, const std::string& where = "",
                                             const std::vector<std::string>& skip = {}) {
  std::string sql;
  for (const auto& t : tablesOf(a)) {
    if (std::find(skip.begin(), skip.end(), t.name) != skip.end() || (!where.empty() && !t.county)) continue;
    sql = unionAll(sql, "SELECT '" + t.name + "|' || count(*) FROM ((" + rowsOf(a, t, where) + " EXCEPT ALL " +
                            rowsOf(b, t, where) + ") UNION ALL (" + rowsOf(b, t, where) + " EXCEPT ALL " +
                            rowsOf(a, t, where) + ")) d");
  }
  std::map<std::string, long long> out;
  for (const auto& [table, n] : keyedCounts(sql))
    if (n != 0) out[table] = n;
  return out;
}

class CountyImportTest : public ::testing::Test {
 protected:
  // The province, its changed copy and its full import (schema "full") are
  // made once per server: each test runs in a process of its own.
  static void SetUpTestSuite() {
    GDALAllRegister();
    dir_ = new fs::path(fs::path(RISKMAP_PG_STATE).parent_path() / "county-import-test");
    if (fs::exists(*dir_ / "ready") && test::psql("SELECT to_regclass('full.riskmap_layers') IS NOT NULL") == "t\n") return;
    fs::remove_all(*dir_);
    run(std::string("'") + RISKMAP_GENERATOR + "' '" + (*dir_ / "province").string() + "' --counties 2");
    // The changed input: five of the west county's plants gone, and every accident of the east county.
    const fs::path changed = *dir_ / "changed.gpkg";
    fs::copy_file(*dir_ / "province/province.gpkg", changed);
    {
      GDALDatasetUniquePtr ds = openDataset(changed.string(), GDAL_OF_VECTOR | GDAL_OF_UPDATE);
      ds->ExecuteSQL(("DELETE FROM plants WHERE fid IN (SELECT fid FROM plants WHERE adcode = '" + kWest +
                      "' ORDER BY fid LIMIT 5)").c_str(), nullptr, nullptr);
      ds->ExecuteSQL(("DELETE FROM accidents WHERE adcode = '" + kEast + "'").c_str(), nullptr, nullptr);
    }
    freshSchema("full");
    run(std::string(test::riskmapBinary()) + " import -q '" + project("full").string() + "'");
    std::ofstream(*dir_ / "ready") << "made\n";
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static void run(const std::string& command) { test::runOrThrow(command); }
  // The province's project with its library in schema `schema` (a folder of
  // its own for the files beside it); `changed`: reading the changed input.
  static fs::path project(const std::string& schema, bool changed = false) {
    const fs::path dir = *dir_ / (schema + (changed ? "-changed" : ""));
    fs::create_directories(dir);
    std::string text = test::readFile(*dir_ / "province/project.toml");
    const std::string sources = (*dir_ / "province").string() + "/";
    text = std::regex_replace(text, std::regex("source = \""), "source = \"" + sources);
    if (changed) text = std::regex_replace(text, std::regex(sources + "province.gpkg"), (*dir_ / "changed.gpkg").string());
    // Without the 93,000 buildings: the same code path as every other layer, and a minute of the suite's time.
    text = std::regex_replace(text, std::regex("\\[\\[layers\\]\\]\nname = \"buildings\"[^\\[]*"), "");
    text = std::regex_replace(text, std::regex("library = \"[^\"]*\""),
                              "library = \"" + test::serverDsn() + " active_schema=" + schema + "\"");
    std::ofstream(dir / "project.toml") << text;
    return dir / "project.toml";
  }
  static std::vector<std::string> importArgs(const std::string& schema, const std::string& county, bool changed = false) {
    return {"import", "-q", project(schema, changed).string(), "--county", county};
  }
  static void importCounty(const std::string& schema, const std::string& county, bool changed = false) {
    run(std::string(test::riskmapBinary()) + " import -q '" + project(schema, changed).string() + "' --county " + county);
  }
  static void assessCounty(const std::string& schema, const std::string& county) {
    run(std::string(test::riskmapBinary()) + " assess -q '" + project(schema).string() + "' --county " + county);
  }
  // The phases' times (seconds since 1970) of a county's last assess in `schema`.
  static nlohmann::json phases(const std::string& schema, const std::string& county) {
    return nlohmann::json::parse(test::readFile(*dir_ / schema / ("assess_summary_" + county + ".json")))["phases"];
  }
  static void freshSchema(const std::string& schema) {
    test::psql("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE; CREATE SCHEMA \"" + schema + "\"");
  }
  // Runs args with a hold hook (core/TestHooks.hpp), by default before
  // the commit; returns once the run is held there.
  static pid_t spawnHeld(const std::vector<std::string>& args, const fs::path& marker,
                         const char* hook = "RISKMAP_HOLD_BEFORE_COMMIT") {
    setenv(hook, marker.c_str(), 1);
    const pid_t pid = test::spawnRiskmap(args);
    unsetenv(hook);
    for (int i = 0; i < 1200 && !fs::exists(marker); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    return pid;
  }
  static fs::path* dir_;
};
fs::path* CountyImportTest::dir_ = nullptr;

TEST_F(CountyImportTest, CountiesOneAfterTheOtherHoldTheFullImport) {
  freshSchema("counties");
  importCounty("counties", kWest);  // the first into an empty library creates the tables
  const auto west = countsByCounty("counties");
  EXPECT_GT(rowsOfCounty("counties", "hazard_sources", kWest), 10);
  for (const auto& [key, n] : west) EXPECT_EQ(key.substr(key.size() - 6), kWest) << key << " " << n;
  importCounty("counties", kEast);

  const auto full = countsByCounty("full");
  EXPECT_GT(rowsOfCounty("full", "hazard_sources", kEast), 10);
  EXPECT_EQ(countsByCounty("counties"), full);
  EXPECT_EQ(namesOf(tablesOf("counties")), namesOf(tablesOf("full")));
  EXPECT_GE(tablesOf("full").size(), 10u);
  EXPECT_EQ(differences("full", "counties"), (std::map<std::string, long long>{}));
  // Each county's rejects carry its code; together they are the full import's.
  EXPECT_EQ(test::psql("SELECT count(*) FROM counties.rejects WHERE county NOT IN ('" + kWest + "', '" + kEast + "')"),
            "0\n");
  EXPECT_EQ(test::psql("SELECT count(*) FROM counties.rejects"), test::psql("SELECT count(*) FROM \"full\".rejects"));
  // Every command reads the library: info lists the full import's layers.
  const auto info = test::runRiskmap("info --json " + project("counties").string());
  ASSERT_EQ(info.exitCode, 0) << info.output;
  EXPECT_EQ(nlohmann::json::parse(info.output)["layers"].size(),
            nlohmann::json::parse(test::runRiskmap("info --json " + project("full").string()).output)["layers"].size());

  // The west county again, from input that lost five of its plants and every east accident.
  const long long plants = rowsOfCounty("counties", "hazard_sources", kWest);
  importCounty("counties", kWest, true);
  EXPECT_EQ(rowsOfCounty("counties", "hazard_sources", kWest), plants - 5);
  // The east county's rows are all still there, its accidents included; the west's other tables are as they were.
  EXPECT_EQ(differences("full", "counties", "adcode = '" + kEast + "'"), (std::map<std::string, long long>{}));
  EXPECT_EQ(differences("full", "counties", "adcode = '" + kWest + "'", partsOf("full", "hazard_sources")),
            (std::map<std::string, long long>{}));
}

TEST_F(CountyImportTest, TwoCountiesAtOnceHoldTheFullImport) {
  freshSchema("together");
  const fs::path marker = *dir_ / "west-held";
  // The west county's rows go in and its transaction stays open ...
  const pid_t west = spawnHeld(importArgs("together", kWest), marker);
  ASSERT_TRUE(fs::exists(marker)) << "the west county's import never reached its commit";
  // ... while the east county's import runs from start to commit (no table lock stops it) ...
  const auto t0 = std::chrono::steady_clock::now();
  importCounty("together", kEast);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(30));
  EXPECT_EQ(rowsOfCounty("together", "hazard_sources", kWest), 0);  // not committed yet
  EXPECT_GT(rowsOfCounty("together", "hazard_sources", kEast), 10);
  // ... and then the west one commits.
  fs::remove(marker);
  EXPECT_EQ(test::waitExit(west), 0);
  EXPECT_EQ(countsByCounty("together"), countsByCounty("full"));
  EXPECT_EQ(differences("full", "together"), (std::map<std::string, long long>{}));
}

// County imports share the library's writer lock (docs/postgis.md): an
// assess started while a county's import is still open is refused, naming
// the import, instead of reading that county's rows half old, half new.
TEST_F(CountyImportTest, AnAssessIsRefusedWhileACountyImportIsOpen) {
  freshSchema("inflight");
  importCounty("inflight", kEast);
  const fs::path marker = *dir_ / "inflight-held";
  const pid_t west = spawnHeld(importArgs("inflight", kWest), marker);
  ASSERT_TRUE(fs::exists(marker));
  const test::CommandResult refused = test::runRiskmap("assess -q " + project("inflight").string());
  EXPECT_EQ(refused.exitCode, 1) << refused.output;
  EXPECT_NE(refused.output.find("assess refused: another writer holds the library's lock, riskmap import --county, pid " +
                                std::to_string(west)),
            std::string::npos)
      << refused.output;
  fs::remove(marker);
  EXPECT_EQ(test::waitExit(west), 0);
  EXPECT_EQ(countsByCounty("inflight"), countsByCounty("full"));
}

TEST_F(CountyImportTest, AKilledCountyImportLeavesThePreviousRows) {
  freshSchema("killed");
  importCounty("killed", kWest);
  importCounty("killed", kEast);
  const fs::path marker = *dir_ / "killed-held";
  // The west county from the changed input: its DELETE and INSERTs done, not committed, then kill -9.
  const pid_t pid = spawnHeld(importArgs("killed", kWest, true), marker);
  ASSERT_TRUE(fs::exists(marker));
  EXPECT_EQ(test::psql("SELECT count(*) FROM pg_stat_activity WHERE state = 'idle in transaction'"), "1\n");
  kill(pid, SIGKILL);
  EXPECT_EQ(test::waitExit(pid), 128 + SIGKILL);
  EXPECT_EQ(countsByCounty("killed"), countsByCounty("full"));
  EXPECT_EQ(differences("full", "killed"), (std::map<std::string, long long>{}));
  // And the next county import is not held up by anything the killed one left.
  importCounty("killed", kWest);
  EXPECT_EQ(differences("full", "killed"), (std::map<std::string, long long>{}));
}

// `assess --county` computes without the writer lock (LibraryWriterLock.hpp),
// in one snapshot of the library: while the west county's assess holds its
// snapshot, the east county is assessed from start to commit and the west
// county is re-imported from changed input (five plants gone). The west's
// assess then reads the state of its snapshot (the five plants still
// there), finds at its write that its county's sources changed, and
// computes again under the writer lock. The end state is that of the serial
// order east assessed, west re-imported, west assessed: no row twice, none
// of the plants gone, every figure the same.
TEST_F(CountyImportTest, CountyAssessesComputeAtOnceEachInOneStateOfTheLibrary) {
  for (const std::string schema : {"during", "serial"}) {
    freshSchema(schema);
    importCounty(schema, kWest);
    importCounty(schema, kEast);
  }
  assessCounty("serial", kEast);
  importCounty("serial", kWest, true);
  assessCounty("serial", kWest);

  const fs::path marker = *dir_ / "during-computing";
  const pid_t west = spawnHeld({"assess", "-q", project("during").string(), "--county", kWest}, marker,
                               "RISKMAP_HOLD_WHILE_COMPUTING");
  ASSERT_TRUE(fs::exists(marker)) << "the west county's assess never took its snapshot";
  const test::CommandResult east = test::runRiskmap("assess -q " + project("during").string() + " --county " + kEast);
  EXPECT_EQ(east.exitCode, 0) << east.output;
  importCounty("during", kWest, true);
  fs::remove(marker);
  EXPECT_EQ(test::waitExit(west), 0);

  // The east county was computed and written inside the west's first compute.
  const nlohmann::json w = phases("during", kWest), e = phases("during", kEast);
  EXPECT_LT(w["compute"]["started"].get<double>(), e["compute"]["started"].get<double>());
  EXPECT_LT(e["write"]["finished"].get<double>(), w["compute"]["finished"].get<double>());
  // The west's first compute read its snapshot's sources, so its write found them changed.
  ASSERT_TRUE(w.contains("computed_again_under_the_lock")) << w.dump();
  EXPECT_FALSE(e.contains("computed_again_under_the_lock")) << e.dump();
  // source_grades is split by geometry type (points, lines): its parts read as one.
  std::string grades;
  for (const std::string& t : partsOf("during", "source_grades"))
    grades = unionAll(grades, "SELECT layer, source_id FROM during.\"" + t + "\"");
  ASSERT_FALSE(grades.empty());
  EXPECT_EQ(test::psql("SELECT count(*) - count(DISTINCT (layer, source_id)) FROM (" + grades + ") g"), "0\n");
  std::string plants;
  for (const std::string& t : partsOf("during", "hazard_sources"))
    plants = unionAll(plants, "SELECT plant_id FROM during.\"" + t + "\"");
  EXPECT_EQ(test::psql("SELECT count(*) FROM (" + grades + ") g WHERE layer = 'hazard_sources' AND source_id NOT IN (" +
                       plants + ")"),
            "0\n");
  EXPECT_GT(std::stoll(test::psql("SELECT count(*) FROM (" + grades + ") g")), 100);
  EXPECT_EQ(differences("serial", "during"), (std::map<std::string, long long>{}));
}

}  // namespace
}  // namespace riskmap
