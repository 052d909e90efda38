// The riskmap command as users run it: exit codes, one-line errors naming
// the file or field, and a one library left untouched by a failed import.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "TestSupport.hpp"

namespace riskmap {
namespace {

using test::runRiskmap;

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    test::writeVector(dir_ / "t.gpkg", "GPKG", "targets", 4490, wkbPoint, {{"name"}, {"kind"}, {"people", OFTInteger}},
                      {{{{"name", "城关小学"}, {"kind", "school"}, {"people", "900"}}, "POINT (120.6 30.1)"},
                       {{{"name", "城关医院"}, {"kind", "clinic"}, {"people", "90"}}, "POINT (120.61 30.1)"}});
    project("source = \"t.gpkg\"\n");
  }
  void project(const std::string& layerLines) {
    dir_.write("p.toml", "name = \"测试县\"\nlibrary = \"one.gpkg\"\n[[layers]]\nname = \"targets\"\n"
                         "kind = \"protected_targets\"\n" + layerLines);
  }
  std::string p() const { return (dir_ / "p.toml").string(); }

  test::TempDir dir_;
};

TEST_F(CliTest, ImportPrintsTheBalancePerLayer) {
  const auto r = runRiskmap("import -q " + p());
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("targets              protected_targets           2          1          1"),
            std::string::npos)
      << r.output;
}

TEST_F(CliTest, InfoReportsLayersCountsCrsAndRejects) {
  ASSERT_EQ(runRiskmap("import -q " + p()).exitCode, 0);
  const auto r = runRiskmap("info --json " + p());
  ASSERT_EQ(r.exitCode, 0) << r.output;
  const auto j = nlohmann::json::parse(r.output);
  EXPECT_EQ(j["project"], "测试县");
  EXPECT_EQ(j["crs"], "EPSG:4549");
  EXPECT_EQ(j["rejects"], 1);
  EXPECT_EQ(j["layers"][0]["count"], 1);
  EXPECT_NEAR(j["layers"][0]["extent_lonlat"][0].get<double>(), 120.6, 1e-6);
  const auto rejects = runRiskmap("info --rejects " + p());
  EXPECT_NE(rejects.output.find("targets\t" + (dir_ / "t.gpkg").string() + "\tfeature 2\tfield kind\tfield 'kind': 'clinic' is not one of"),
            std::string::npos)
      << rejects.output;
}

TEST_F(CliTest, MissingSourceFileIsOneLineExitOneAndTheLibraryIsUntouched) {
  ASSERT_EQ(runRiskmap("import -q " + p()).exitCode, 0);
  const std::string before = test::readFile(dir_ / "one.gpkg");
  project("source = \"missing.shp\"\n");
  const auto r = runRiskmap("import -q " + p());
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << r.output;
  EXPECT_EQ(r.output.rfind("riskmap: error: " + (dir_ / "missing.shp").string() + ": cannot open", 0), 0u) << r.output;
  EXPECT_EQ(test::readFile(dir_ / "one.gpkg"), before);
}

TEST_F(CliTest, MappedFieldThatIsNotThereIsOneLineExitOne) {
  ASSERT_EQ(runRiskmap("import -q " + p()).exitCode, 0);
  const std::string before = test::readFile(dir_ / "one.gpkg");
  project("source = \"t.gpkg\"\nfields = { people = \"HEADCOUNT\" }\n");
  const auto r = runRiskmap("import -q " + p());
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_EQ(r.output, "riskmap: error: " + (dir_ / "t.gpkg").string() +
                          ", layer 'targets', field 'HEADCOUNT': no such field (mapped to 'people'; the source has: "
                          "name, kind, people)\n");
  EXPECT_EQ(test::readFile(dir_ / "one.gpkg"), before);
}

TEST_F(CliTest, UsageErrorsExitOneAndHelpExitsZero) {
  EXPECT_EQ(runRiskmap("--help").exitCode, 0);
  EXPECT_EQ(runRiskmap("import --help").exitCode, 0);
  EXPECT_NE(runRiskmap("--version").output.find("riskmap "), std::string::npos);
  EXPECT_EQ(runRiskmap("frobnicate").exitCode, 1);
  EXPECT_EQ(runRiskmap("import").exitCode, 1);
  EXPECT_EQ(runRiskmap("info " + (dir_ / "nothing.gpkg").string()).exitCode, 1);
}

TEST_F(CliTest, KindsListsEverySchema) {
  const auto r = runRiskmap("kinds");
  EXPECT_EQ(r.exitCode, 0);
  EXPECT_NE(r.output.find("diameter_mm"), std::string::npos);
  EXPECT_NE(r.output.find("hazard_sources"), std::string::npos);
}

}  // namespace
}  // namespace riskmap
