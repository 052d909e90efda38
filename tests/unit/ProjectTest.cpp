#include <gtest/gtest.h>

#include "riskmap/core/Error.hpp"
#include "riskmap/project/Project.hpp"

namespace riskmap {
namespace {

const char* kProject = R"(
name = "江澄县"
crs = "EPSG:4549"
library = "out/one.gpkg"

[[layers]]
name = "pipelines"
kind = "pipelines"
source = "data/pipes.shp"
encoding = "GBK"
fields = { diameter_mm = "OD_MM" }

[[layers]]
name = "plants"
kind = "hazard_sources"
source = "PG:dbname=gis"
source_layer = "plants"
[[layers.related]]
into = "inventory"
source = "inventory.csv"
key = "plant_id"
parent_key = "plant_id"
)";

TEST(Project, ParsesLayersAndResolvesPaths) {
  const Project p = Project::parse(kProject, "/work/county/project.toml");
  EXPECT_EQ(p.name, "江澄县");
  EXPECT_EQ(p.crs, "EPSG:4549");
  EXPECT_EQ(p.library.sidePath(), "/work/county/out/one.gpkg");
  EXPECT_FALSE(p.library.isPostgres());
  ASSERT_EQ(p.layers.size(), 2u);
  EXPECT_EQ(p.layers[0].source, "/work/county/data/pipes.shp");
  EXPECT_EQ(p.layers[0].encoding, "GBK");
  EXPECT_EQ(p.layers[0].fields.at("diameter_mm"), "OD_MM");
  EXPECT_EQ(p.layers[1].source, "PG:dbname=gis");  // connection strings stay as written
  ASSERT_EQ(p.layers[1].related.size(), 1u);
  EXPECT_EQ(p.layers[1].related[0].source, "/work/county/inventory.csv");
}

TEST(Project, CrsDefaultsToAuto) {
  const Project p = Project::parse("name='a'\nlibrary='a.gpkg'\n[[layers]]\nname='x'\nkind='roads'\nsource='r.shp'\n", "p.toml");
  EXPECT_EQ(p.crs, "auto");
}

std::string errorOf(const std::string& text) {
  try {
    Project::parse(text, "p.toml");
  } catch (const UserError& e) {
    return e.what();
  }
  return "no error";
}

TEST(Project, MisspeltKeysAreErrorsNamingTheKey) {
  EXPECT_EQ(errorOf("name='a'\nlibrary='a.gpkg'\n[[layers]]\nname='x'\nkind='roads'\nsource='r'\nfeilds={}\n"),
            "p.toml: key 'layers[0].feilds' is not a known key");
  EXPECT_EQ(errorOf("name='a'\n[[layers]]\nname='x'\nkind='roads'\nsource='r'\n"), "p.toml: key 'library' is required");
  EXPECT_EQ(errorOf("name='a'\nlibrary='a.gpkg'\n[[layers]]\nname='Bad Name'\nkind='roads'\nsource='r'\n"),
            "p.toml: key 'layers[0].name' must be a lower-case table name (a-z, 0-9, _), got 'Bad Name'");
  EXPECT_EQ(errorOf("name='a'\nlibrary='a.gpkg'\n[[layers]]\nname='x'\nkind='roads'\nsource='r'\n[[layers]]\nname='x'\nkind='roads'\nsource='r'\n"),
            "p.toml: two layers are named 'x'");
}

TEST(Project, CoordinatesTakesTheWebMapNames) {
  const std::string head = "name='a'\nlibrary='a.gpkg'\n[[layers]]\nname='plants'\nkind='hazard_sources'\nsource='p.csv'\n";
  EXPECT_EQ(Project::parse(head + "coordinates='gcj02'\n", "p.toml").layers[0].coordinates, "gcj02");
  EXPECT_EQ(Project::parse(head + "coordinates='bd09'\n", "p.toml").layers[0].coordinates, "bd09");
  EXPECT_EQ(Project::parse(head, "p.toml").layers[0].coordinates, "");
  EXPECT_EQ(errorOf(head + "coordinates='GCJ-02'\n"),
            "p.toml: key 'layers[0].coordinates' must be \"gcj02\" (Amap, Tencent), \"bd09\" (Baidu) or \"none\", "
            "got 'GCJ-02' (layer 'plants')");
}

TEST(Project, TomlSyntaxErrorsGiveLineAndColumn) {
  EXPECT_NE(errorOf("name = \n").find("p.toml:1:"), std::string::npos);
}

}  // namespace
}  // namespace riskmap

namespace riskmap {
namespace {

TEST(Project, AssessSectionSaysHowMissingDataAreRead) {
  const std::string base = "name = \"x\"\nlibrary = \"a.gpkg\"\n[[layers]]\nname = \"p\"\nkind = \"population\"\nsource = \"p.tif\"\n";
  const Project defaults = Project::parse(base, "p.toml");
  EXPECT_DOUBLE_EQ(defaults.assess.minCoverage, 0.99);
  EXPECT_FALSE(defaults.assess.minCoverageGiven);
  EXPECT_EQ(defaults.assess.populationNoData, "unknown");
  const Project p = Project::parse(base + "[assess]\nmin_coverage = 0.95\non_incomplete = \"error\"\n"
                                          "population_nodata = \"water\"\nwater_mask = \"rivers\"\n",
                                   "p.toml");
  EXPECT_DOUBLE_EQ(p.assess.minCoverage, 0.95);
  EXPECT_TRUE(p.assess.minCoverageGiven);
  EXPECT_TRUE(p.assess.incompleteIsError);
  EXPECT_EQ(p.assess.waterMask, "rivers");
  EXPECT_EQ(errorOf(base + "[assess]\nmin_coverage = 1.5\n"),
            "p.toml: key 'assess.min_coverage' must be a share between 0 and 1, got 1.500000");
  EXPECT_EQ(errorOf(base + "[assess]\npopulation_nodata = \"zero\"\n"),
            "p.toml: key 'assess.population_nodata' must be one of \"unknown\", \"nobody\", \"water\", got \"zero\"");
  EXPECT_EQ(errorOf(base + "[assess]\npopulation_nodata = \"water\"\n"),
            "p.toml: key 'assess.water_mask' is required with population_nodata = \"water\" (a library table of water polygons)");
}

}  // namespace
}  // namespace riskmap

namespace riskmap {
namespace {

TEST(Project, WebBasemapIsAnXyzTemplate) {
  const std::string head = "name='a'\nlibrary='a.gpkg'\n[[layers]]\nname='x'\nkind='roads'\nsource='r'\n";
  const std::string tianditu = "http://t{s}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
                               "&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=KEY";
  const Project p = Project::parse(head + "[web]\nbasemap='" + tianditu + "'\nbasemap_attribution='天地图'\n", "p.toml");
  EXPECT_EQ(p.web.basemap, tianditu);
  EXPECT_EQ(p.web.basemapAttribution, "天地图");
  EXPECT_TRUE(Project::parse(head, "p.toml").web.basemap.empty());
  EXPECT_THROW(Project::parse(head + "[web]\nbasemap='http://a.example/tiles.png'\n", "p.toml"), UserError);  // no {z}/{x}/{y}
  EXPECT_THROW(Project::parse(head + "[web]\nbase_map='http://a/{z}/{x}/{y}.png'\n", "p.toml"), UserError);   // misspelt key
}

}  // namespace
}  // namespace riskmap
