// riskmap import on real files written by the tests: each format, each CRS,
// GBK Shapefiles, every reject reason, rasters, related tables.
#include <cpl_string.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <map>

#include "BuiltinKinds.hpp"
#include "TestSupport.hpp"
#include "TransverseMercator.hpp"
#include "riskmap/library/GeometryTables.hpp"
#include "riskmap/core/Error.hpp"
#include "riskmap/crs/WebMapOffsets.hpp"
#include "riskmap/import/Importer.hpp"

namespace riskmap {
namespace {

using test::FeatureSpec;
using test::TempDir;

// West Lake, Hangzhou.
constexpr double kLon = 120.15, kLat = 30.25;

class ImportTest : public ::testing::Test {
 protected:
  ImportTest() { registerBuiltinKinds(kinds_); }

  ImportReport import(const std::string& layersToml, const std::string& crs = "EPSG:4549") {
    dir_.write("project.toml", "name = \"测试县\"\ncrs = \"" + crs + "\"\nlibrary = \"out/one.gpkg\"\n" + layersToml);
    return importProject(Project::load(dir_ / "project.toml"), kinds_, ImportOptions{true});
  }

  GDALDatasetUniquePtr library() {
    return GDALDatasetUniquePtr(GDALDataset::Open((dir_ / "out/one.gpkg").c_str(), GDAL_OF_VECTOR));
  }

  std::vector<std::string> rejectReasons(const std::string& layer) {
    auto ds = library();
    std::vector<std::string> out;
    for (auto& f : *ds->GetLayerByName("rejects"))
      if (layer == f->GetFieldAsString("layer")) out.push_back(f->GetFieldAsString("reason"));
    return out;
  }

  TempDir dir_;
  LayerRegistry kinds_;
};

std::string layerToml(const std::string& name, const std::string& kind, const std::string& source,
                      const std::string& extra = "") {
  return "[[layers]]\nname = \"" + name + "\"\nkind = \"" + kind + "\"\nsource = \"" + source + "\"\n" + extra;
}

// A point of protected_targets in the given CRS, with coordinates (x, y) in GIS order.
void writeTarget(const std::filesystem::path& path, const std::string& driver, int epsg, double x, double y) {
  char wkt[96];
  std::snprintf(wkt, sizeof wkt, "POINT (%.9f %.9f)", x, y);
  test::writeVector(path, driver, "targets", epsg, wkbPoint, {{"name"}, {"kind"}},
                    {{{{"name", "西湖小学"}, {"kind", "school"}}, wkt}});
}

void expectAtHangzhou(GDALDataset& ds, const std::string& layer, double falseEasting = 500000) {
  const test::EastNorth expected = test::transverseMercator(kLon, kLat, 120, falseEasting);
  library::Table l = library::openTable(ds, layer.c_str());
  ASSERT_NE(l, nullptr) << layer;
  OGRFeatureUniquePtr f(l->GetNextFeature());
  ASSERT_TRUE(f) << layer;
  const OGRPoint* p = f->GetGeometryRef()->toPoint();
  EXPECT_NEAR(p->getX(), expected.x, 0.01) << layer;
  EXPECT_NEAR(p->getY(), expected.y, 0.01) << layer;
}

TEST_F(ImportTest, HangzhouLandsInTheSamePlaceFromEveryCrs) {
  // Sanity of the independent reference: ~14.4 km east of CM 120E, ~3348 km north.
  const test::EastNorth ref = test::transverseMercator(kLon, kLat, 120, 500000);
  EXPECT_NEAR(ref.x, 514436, 20);
  EXPECT_NEAR(ref.y, 3348020, 200);

  writeTarget(dir_ / "cgcs2000.gpkg", "GPKG", 4490, kLon, kLat);
  writeTarget(dir_ / "wgs84.geojson", "GeoJSON", 4326, kLon, kLat);
  writeTarget(dir_ / "gk_cm120.gpkg", "GPKG", 4549, ref.x, ref.y);
  const test::EastNorth zoned = test::transverseMercator(kLon, kLat, 120, 40500000);  // zone 40 prefix
  writeTarget(dir_ / "gk_zone40.shp", "ESRI Shapefile", 4528, zoned.x, zoned.y);
  dir_.write("csv_lonlat.csv", "name,kind,lon,lat\n西湖小学,school,120.15,30.25\n");

  import(layerToml("a", "protected_targets", "cgcs2000.gpkg") + layerToml("b", "protected_targets", "wgs84.geojson") +
         layerToml("c", "protected_targets", "gk_cm120.gpkg") + layerToml("d", "protected_targets", "gk_zone40.shp") +
         layerToml("e", "protected_targets", "csv_lonlat.csv",
                   "srs = \"EPSG:4490\"\nopen_options = [\"X_POSSIBLE_NAMES=lon\", \"Y_POSSIBLE_NAMES=lat\"]\n"));
  auto ds = library();
  for (const char* l : {"a", "b", "c", "d", "e"}) expectAtHangzhou(*ds, l);
}

TEST_F(ImportTest, AutoCrsIsTheGaussKrugerZoneOfTheData) {
  writeTarget(dir_ / "t.gpkg", "GPKG", 4490, kLon, kLat);
  EXPECT_EQ(import(layerToml("t", "protected_targets", "t.gpkg"), "auto").analysisCrs, "EPSG:4549");
}

TEST_F(ImportTest, AutoCrsIgnoresRecordsWithSwappedAxes) {
  std::vector<FeatureSpec> features;
  for (int i = 0; i < 5; ++i) features.push_back({{{"kind", "school"}}, "POINT (121.6 30.0)"});
  features.push_back({{{"kind", "school"}}, "POINT (30.0 121.6)"});  // swapped: would pull the centre to 91E
  test::writeVector(dir_ / "t.gpkg", "GPKG", "t", 4490, wkbPoint, {{"kind"}}, features);
  const ImportReport r = import(layerToml("t", "protected_targets", "t.gpkg"), "auto");
  EXPECT_EQ(r.analysisCrs, "EPSG:4550");  // CM 123E
  EXPECT_EQ(r.layers[0].rejected, 1);
}

TEST_F(ImportTest, ShapefilesInGbkWithAndWithoutCpg) {
  const std::vector<FeatureSpec> features{{{{"NAME", "城关第一小学"}, {"KIND", "school"}}, "POINT (120.6 30.1)"},
                                          {{{"NAME", "江澄县人民医院"}, {"KIND", "hospital"}}, "POINT (120.61 30.11)"}};
  test::writeVector(dir_ / "with_cpg.shp", "ESRI Shapefile", "with_cpg", 4490, wkbPoint, {{"NAME"}, {"KIND"}},
                    features, {"ENCODING=CP936"});
  test::writeVector(dir_ / "no_cpg.shp", "ESRI Shapefile", "no_cpg", 4490, wkbPoint, {{"NAME"}, {"KIND"}}, features,
                    {"ENCODING=CP936"});
  std::filesystem::remove(dir_ / "no_cpg.cpg");
  // The bytes really are GBK: 城 is B3 C7 in GB2312.
  EXPECT_NE(test::readFile(dir_ / "no_cpg.dbf").find("\xB3\xC7"), std::string::npos);

  import(layerToml("with_cpg", "protected_targets", "with_cpg.shp") +
         layerToml("no_cpg", "protected_targets", "no_cpg.shp") +
         layerToml("declared", "protected_targets", "no_cpg.shp", "encoding = \"GBK\"\n"));
  auto ds = library();
  for (const char* layer : {"with_cpg", "no_cpg", "declared"}) {
    library::Table l = library::openTable(*ds, layer);
    ASSERT_NE(l, nullptr);
    OGRFeatureUniquePtr f(l->GetNextFeature());
    EXPECT_STREQ(f->GetFieldAsString("name"), "城关第一小学") << layer;
    f.reset(l->GetNextFeature());
    EXPECT_STREQ(f->GetFieldAsString("name"), "江澄县人民医院") << layer;
  }
}

TEST_F(ImportTest, FlatGeobufAndGeoJsonKeepSourceFieldsBesideTheSchema) {
  test::writeVector(dir_ / "pipes.fgb", "FlatGeobuf", "pipes", 4490, wkbLineString,
                    {{"OD", OFTReal}, {"MOP", OFTReal}, {"medium"}, {"owner_note"}},
                    {{{{"OD", "1016"}, {"MOP", "10"}, {"medium", "gas"}, {"owner_note", "西气东输"}},
                      "LINESTRING (120.6 30.1,120.7 30.12)"}});
  import(layerToml("pipelines", "pipelines", "pipes.fgb", "fields = { diameter_mm = \"OD\", pressure_mpa = \"MOP\" }\n"));
  auto ds = library();
  library::Table l = library::openTable(*ds, "pipelines");
  EXPECT_EQ(l->GetGeomType(), wkbMultiLineString);
  OGRFeatureUniquePtr f(l->GetNextFeature());
  EXPECT_DOUBLE_EQ(f->GetFieldAsDouble("diameter_mm"), 1016);
  EXPECT_DOUBLE_EQ(f->GetFieldAsDouble("pressure_mpa"), 10);
  EXPECT_STREQ(f->GetFieldAsString("owner_note"), "西气东输");
  EXPECT_EQ(f->GetFieldAsInteger64("source_fid"), 0);
}

TEST_F(ImportTest, EveryRejectReasonIsRecordedAndTheBalanceHolds) {
  const std::vector<test::FieldDef> fields{{"plant_id"}, {"name"}, {"inventory"}, {"safety_distance_m"}, {"in_park"}};
  const std::string good = R"([{"substance":"氯","q_t":12,"Q_t":5}])";
  auto plant = [&](std::string id, std::string name, std::string inv, std::string dist, std::string wkt,
                   std::string inPark = "0") {
    return FeatureSpec{{{"plant_id", id}, {"name", name}, {"inventory", inv}, {"safety_distance_m", dist},
                        {"in_park", inPark}},
                       wkt};
  };
  test::writeVector(dir_ / "plants.gpkg", "GPKG", "plants", 4490, wkbUnknown, fields,
                    {plant("ok1", "甲厂", good, "300", "POINT (120.6 30.1)"),
                     plant("ok2", "乙厂", good, "", "POLYGON ((120.6 30.1,120.601 30.1,120.601 30.101,120.6 30.1))"),
                     plant("r1", "", good, "", "POINT (120.6 30.1)"),                      // missing required
                     plant("r2", "丙厂", good, "abc", "POINT (120.6 30.1)"),              // not a number
                     plant("r3", "丁厂", good, "-5", "POINT (120.6 30.1)"),               // negative
                     plant("r4", "戊厂", R"([{"substance":"氨","q_t":-1}])", "", "POINT (120.6 30.1)"),
                     plant("r5", "己厂", "[{oops", "", "POINT (120.6 30.1)"),             // bad JSON
                     plant("r6", "庚厂", good, "", ""),                                    // empty geometry
                     plant("r7", "辛厂", good, "", "POINT (30.1 120.6)"),                 // swapped axes
                     plant("r8", "壬厂", good, "", "LINESTRING (120.6 30.1,120.7 30.1)"), // wrong family
                     plant("r9", "癸厂", good, "", "POINT (120.6 30.1)", "1.5")});        // not whole
  const ImportReport r = import(layerToml("plants", "hazard_sources", "plants.gpkg"));
  const auto& e = r.layers[0];
  EXPECT_EQ(e.read, 11);
  EXPECT_EQ(e.accepted, 2);
  EXPECT_EQ(e.rejected, 9);
  EXPECT_EQ(e.accepted + e.rejected, e.read);
  const std::vector<std::string> expected{
      "field 'name': missing required value",
      "field 'safety_distance_m': 'abc' is not a number",
      "field 'safety_distance_m': negative value -5 is below the minimum 0",
      "inventory item 1 (氨): negative quantity q_t -1",
      "field 'inventory': is not valid JSON",
      "empty geometry",
      "coordinates (30.1, 120.6) are outside the area of use of EPSG:4490 (73.62..134.77E, 16.70..53.56N): wrong "
      "CRS or swapped axes?",
      "geometry is Line String, this layer takes points or polygons",
      "field 'in_park': '1.5' is not a whole number"};
  EXPECT_EQ(rejectReasons("plants"), expected);

  // Rejects keep the original attributes and geometry.
  auto ds = library();
  OGRLayer* rejects = ds->GetLayerByName("rejects");
  rejects->SetAttributeFilter("source_fid = 9");  // the swapped one (GPKG fids start at 1)
  OGRFeatureUniquePtr f(rejects->GetNextFeature());
  ASSERT_TRUE(f);
  EXPECT_STREQ(f->GetFieldAsString("geometry_wkt"), "POINT (30.1 120.6)");
  EXPECT_EQ(nlohmann::json::parse(f->GetFieldAsString("attributes"))["name"], "辛厂");
  EXPECT_STREQ(f->GetFieldAsString("source_srs"), "EPSG:4490");
}

TEST_F(ImportTest, InvalidPolygonsAreRepairedOrRejectedWithGeosReason) {
  test::writeVector(dir_ / "parks.gpkg", "GPKG", "parks", 4490, wkbPolygon, {{"name"}, {"score", OFTReal}},
                    {{{{"name", "正常园区"}, {"score", "70"}}, "POLYGON ((120.6 30.1,120.61 30.1,120.61 30.11,120.6 30.11,120.6 30.1))"},
                     {{{"name", "蝴蝶园区"}, {"score", "55"}}, "POLYGON ((120.6 30.1,120.61 30.11,120.61 30.1,120.6 30.11,120.6 30.1))"},
                     {{{"name", "退化园区"}, {"score", "80"}}, "POLYGON ((120.6 30.1,120.61 30.1,120.62 30.1,120.6 30.1))"}});
  const ImportReport r = import(layerToml("parks", "chemical_parks", "parks.gpkg"));
  EXPECT_EQ(r.layers[0].accepted, 2);
  EXPECT_EQ(r.layers[0].repaired, 1);
  EXPECT_EQ(r.layers[0].rejected, 1);
  auto ds = library();
  library::Table l = library::openTable(*ds, "parks");
  l->SetAttributeFilter("name = '蝴蝶园区'");
  OGRFeatureUniquePtr f(l->GetNextFeature());
  EXPECT_EQ(std::string(f->GetFieldAsString("repair")).rfind("made valid: Self-intersection", 0), 0u);
  EXPECT_TRUE(f->GetGeometryRef()->IsValid());
  // The bow-tie is two triangles of 0.005 x 0.005 degrees each: half the square.
  const auto reasons = rejectReasons("parks");
  ASSERT_EQ(reasons.size(), 1u);
  EXPECT_EQ(reasons[0].rfind("invalid geometry (", 0), 0u) << reasons[0];
  EXPECT_NE(reasons[0].find("cannot repair into polygons"), std::string::npos);
}

TEST_F(ImportTest, RasterInTheAnalysisCrsKeepsEveryPerson) {
  // 3x2 cells of 100 m in GK CM 120E: 1+2+3+4+5+6 = 21 people, and one negative cell.
  test::writeRaster(dir_ / "pop.tif", 4549, 500000, 3350000, 100, 4, 2, {1, 2, 3, -1, 4, 5, 6, -7});
  const ImportReport r = import(layerToml("population", "population", "pop.tif"));
  EXPECT_EQ(r.layers[0].storage, "raster");
  EXPECT_EQ(r.layers[0].read, 7);      // the -1 cell is no data, not read
  EXPECT_EQ(r.layers[0].rejected, 1);  // -7 people
  const library::Summary s = library::summarize(dir_ / "out/one.gpkg");
  ASSERT_EQ(s.layers.size(), 1u);
  EXPECT_DOUBLE_EQ(*s.layers[0].rasterSum, 21.0);
  EXPECT_EQ(rejectReasons("population"),
            std::vector<std::string>{"1 cells negative or not a number; stored as no data"});
}

TEST_F(ImportTest, RasterKeepsItsDeliveredCgcs2000GridAndTotal) {
  // 40 x 40 cells of 0.001 degree around the county, 10 people each: 16,000 people.
  // Not resampled into the analysis CRS: zones go to the grid instead.
  test::writeRaster(dir_ / "pop.tif", 4490, 120.60, 30.12, 0.001, 40, 40, std::vector<float>(1600, 10.0f));
  import(layerToml("population", "population", "pop.tif"));
  const library::Summary s = library::summarize(dir_ / "out/one.gpkg");
  EXPECT_EQ(s.layers[0].crs, "EPSG:4490");
  EXPECT_DOUBLE_EQ(*s.layers[0].rasterSum, 16000.0);
}

TEST_F(ImportTest, InventoryFromARelatedTable) {
  test::writeVector(dir_ / "plants.geojson", "GeoJSON", "plants", 4490, wkbPoint, {{"plant_id"}, {"name"}},
                    {{{{"plant_id", "HZ1"}, {"name", "甲厂"}}, "POINT (120.6 30.1)"},
                     {{{"plant_id", "HZ2"}, {"name", "乙厂"}}, "POINT (120.61 30.1)"}});
  dir_.write("inventory.csv", "厂号,物质,q,Q\nHZ1,氯,12,5\nHZ1,氨,30,10\nHZ2,甲醇,800,500\nHZ9,苯,1,50\n");
  const ImportReport r = import(layerToml("plants", "hazard_sources", "plants.geojson",
                                          "[[layers.related]]\ninto = \"inventory\"\nsource = \"inventory.csv\"\n"
                                          "key = \"厂号\"\nparent_key = \"plant_id\"\n"
                                          "fields = { substance = \"物质\", q_t = \"q\", Q_t = \"Q\" }\n"));
  EXPECT_EQ(r.layers[0].accepted, 2);
  EXPECT_EQ(r.layers[0].rejected, 1);  // HZ9 belongs to no plant
  auto ds = library();
  OGRFeatureUniquePtr f(library::openTable(*ds, "plants")->GetNextFeature());
  const auto inv = nlohmann::json::parse(f->GetFieldAsString("inventory"));
  ASSERT_EQ(inv.size(), 2u);
  EXPECT_EQ(inv[0]["substance"], "氯");
  EXPECT_EQ(inv[0]["q_t"], 12.0);
  EXPECT_EQ(inv[1]["Q_t"], 10.0);
  EXPECT_EQ(rejectReasons("plants"),
            std::vector<std::string>{"related row's 厂号 'HZ9' matches no feature's plant_id"});
}

// A related CSV saved by Excel on Chinese Windows: GBK bytes, header
// included, no declaration; one critical-quantity cell left empty.
TEST_F(ImportTest, GbkInventoryCsvReadsWithOrWithoutItsEncoding) {
  test::writeVector(dir_ / "plants.geojson", "GeoJSON", "plants", 4490, wkbPoint, {{"plant_id"}, {"name"}},
                    {{{{"plant_id", "HZ1"}, {"name", "甲厂"}}, "POINT (120.6 30.1)"},
                     {{{"plant_id", "HZ2"}, {"name", "乙厂"}}, "POINT (120.61 30.1)"}});
  auto gbk = [](const std::string& utf8) {
    char* s = CPLRecode(utf8.c_str(), CPL_ENC_UTF8, "GBK");
    std::string out(s);
    CPLFree(s);
    return out;
  };
  ASSERT_EQ(gbk("厂号"), "\xB3\xA7\xBA\xC5");  // GBK code points of 厂 and 号, from the GBK table
  dir_.write("inventory.csv", gbk("厂号,物质,q,Q\nHZ1,液氯,12,\nHZ1,氨,30,10\nHZ2,甲醇,800,\n"));
  for (const std::string encoding : {"", "encoding = \"GBK\"\n", "cpg"}) {
    if (encoding == "cpg") dir_.write("inventory.cpg", "936\n");  // as ArcGIS writes it: code page 936 is GBK
    const ImportReport r = import(layerToml("plants", "hazard_sources", "plants.geojson",
                                            "[[layers.related]]\ninto = \"inventory\"\nsource = \"inventory.csv\"\n"
                                            "key = \"厂号\"\nparent_key = \"plant_id\"\n" + (encoding == "cpg" ? "" : encoding) +
                                                "fields = { substance = \"物质\", q_t = \"q\", Q_t = \"Q\" }\n"));
    EXPECT_NE(r.layers[0].encoding.find(encoding.empty()   ? "inventory.csv: GB18030/GBK (detected: the file is not valid UTF-8)"
                                        : encoding == "cpg" ? "inventory.csv: CP936 (declared by the .cpg)"
                                                            : "inventory.csv: GBK (project file)"),
              std::string::npos)
        << r.layers[0].encoding;
    EXPECT_EQ(r.layers[0].accepted, 2) << encoding;  // an empty Q cell rejects no plant
    EXPECT_EQ(r.layers[0].rejected, 0) << encoding;
    auto ds = library();
    library::Table plants = library::openTable(*ds, "plants");
    plants->SetAttributeFilter("plant_id = 'HZ1'");
    OGRFeatureUniquePtr f(plants->GetNextFeature());
    ASSERT_TRUE(f);
    const auto inv = nlohmann::json::parse(f->GetFieldAsString("inventory"));
    ASSERT_EQ(inv.size(), 2u);
    EXPECT_EQ(inv[0]["substance"], "液氯") << encoding;
    EXPECT_EQ(inv[0]["q_t"], 12.0);
    EXPECT_FALSE(inv[0].contains("Q_t")) << inv.dump();  // not given: Table 1 will give 5 t
    EXPECT_EQ(inv[1]["Q_t"], 10.0);
  }
}

// One inventory file serves two plant layers (points and site polygons):
// each layer takes its plants' rows; only a row no layer takes is rejected, once.
TEST_F(ImportTest, ASharedInventoryFileRejectsOnlyRowsNoLayerTakes) {
  test::writeVector(dir_ / "points.geojson", "GeoJSON", "points", 4490, wkbPoint, {{"plant_id"}, {"name"}},
                    {{{{"plant_id", "HZ1"}, {"name", "甲厂"}}, "POINT (120.6 30.1)"}});
  test::writeVector(dir_ / "sites.geojson", "GeoJSON", "sites", 4490, wkbPolygon, {{"plant_id"}, {"name"}},
                    {{{{"plant_id", "HZ2"}, {"name", "乙厂"}},
                      "POLYGON ((120.61 30.1,120.612 30.1,120.612 30.102,120.61 30.102,120.61 30.1))"}});
  dir_.write("inventory.csv", "厂号,物质,q,Q\nHZ1,氯,12,5\nHZ2,氨,30,10\nHZ2,甲醇,800,500\nHZ9,苯,1,50\n");
  const std::string related =
      "[[layers.related]]\ninto = \"inventory\"\nsource = \"inventory.csv\"\nkey = \"厂号\"\n"
      "parent_key = \"plant_id\"\nfields = { substance = \"物质\", q_t = \"q\", Q_t = \"Q\" }\n";
  const ImportReport r = import(layerToml("plant_points", "hazard_sources", "points.geojson", related) +
                                layerToml("plant_sites", "hazard_sources", "sites.geojson", related));
  EXPECT_EQ(r.layers[0].accepted, 1);
  EXPECT_EQ(r.layers[0].rejected, 1);  // HZ9, counted once, on the first layer naming the file
  EXPECT_EQ(r.layers[1].accepted, 1);
  EXPECT_EQ(r.layers[1].rejected, 0);  // was 2: HZ1's row counted as an orphan of the sites
  EXPECT_EQ(rejectReasons("plant_points"),
            std::vector<std::string>{
                "related row's 厂号 'HZ9' matches no feature's plant_id (layers plant_points, plant_sites)"});
  EXPECT_TRUE(rejectReasons("plant_sites").empty());
}

// issue 23: q = 1e308 t was accepted, graded level 1 with R = inf, and
// relocate then failed on the null it wrote. It is rejected at import now.
TEST_F(ImportTest, AnAbsurdInventoryQuantityIsRejectedAtImport) {
  test::writeVector(dir_ / "plants.geojson", "GeoJSON", "plants", 4490, wkbPoint, {{"plant_id"}, {"name"}, {"inventory"}},
                    {{{{"plant_id", "HZ1"}, {"name", "甲厂"}, {"inventory", R"([{"substance":"氯","q_t":1e308}])"}},
                      "POINT (120.6 30.1)"},
                     {{{"plant_id", "HZ2"}, {"name", "乙厂"}, {"inventory", R"([{"cas":"7782-50-5","q_t":65}])"}},
                      "POINT (120.61 30.1)"}});
  const ImportReport r = import(layerToml("plants", "hazard_sources", "plants.geojson"));
  EXPECT_EQ(r.layers[0].accepted, 1);
  EXPECT_EQ(r.layers[0].rejected, 1);
  EXPECT_EQ(rejectReasons("plants"),
            std::vector<std::string>{
                "inventory item 1 (氯): quantity q_t 1e+308 t is above the plausible maximum 1e+07 t"});
}

TEST_F(ImportTest, MappingAFieldThatIsNotThereIsAUserError) {
  writeTarget(dir_ / "t.gpkg", "GPKG", 4490, kLon, kLat);
  try {
    import(layerToml("t", "protected_targets", "t.gpkg", "fields = { kind = \"TYPE\" }\n"));
    FAIL() << "no error";
  } catch (const UserError& e) {
    EXPECT_NE(std::string(e.what()).find("field 'TYPE': no such field"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(std::filesystem::exists(dir_ / "out/one.gpkg"));
}

// A lon/lat point of protected_targets in a GeoJSON (EPSG:4326).
void writeLonLatTargets(const std::filesystem::path& path, const std::vector<LonLat>& points) {
  std::vector<FeatureSpec> features;
  for (const LonLat& p : points) {
    char wkt[96];
    std::snprintf(wkt, sizeof wkt, "POINT (%.12f %.12f)", p.lon, p.lat);
    features.push_back({{{"name", "厂"}, {"kind", "office"}}, wkt});
  }
  test::writeVector(path, "GeoJSON", "targets", 4326, wkbPoint, {{"name"}, {"kind"}}, features);
}

OGRPoint firstPoint(GDALDataset& ds, const std::string& layer) {
  OGRFeatureUniquePtr f(library::openTable(ds, layer.c_str())->GetNextFeature());
  return *f->GetGeometryRef()->toPoint();
}

TEST_F(ImportTest, WebMapPointsLandAtTheirTrueCgcs2000Place) {
  // GCJ-02: eviltransform's Shanghai pair, WGS 84 (121.5272106, 31.1774276) =
  // GCJ-02 (121.531541859215, 31.17530398364597). BD-09: gcoord's pair, WGS 84
  // (123, 45) = BD-09 (123.0124491, 45.0083293). Both in CGCS2000 GK CM 123E.
  writeLonLatTargets(dir_ / "amap.geojson", {{121.531541859215, 31.17530398364597}});
  writeLonLatTargets(dir_ / "baidu.geojson", {{123.0124491, 45.0083293}});
  const ImportReport r =
      import(layerToml("amap", "protected_targets", "amap.geojson", "coordinates = \"gcj02\"\n") +
                 layerToml("baidu", "protected_targets", "baidu.geojson", "coordinates = \"bd09\"\n") +
                 layerToml("amap_as_given", "protected_targets", "amap.geojson"),
             "EPSG:4550");
  EXPECT_TRUE(r.warnings.empty());
  auto ds = library();
  const test::EastNorth shanghai = test::transverseMercator(121.5272106, 31.1774276, 123, 500000);
  const test::EastNorth north = test::transverseMercator(123.0, 45.0, 123, 500000);
  const OGRPoint amap = firstPoint(*ds, "amap"), baidu = firstPoint(*ds, "baidu");
  // 1e-6 degrees is about 0.1 m; the gcoord pair has 7 decimals (about 1 cm).
  EXPECT_NEAR(amap.getX(), shanghai.x, 0.05);
  EXPECT_NEAR(amap.getY(), shanghai.y, 0.05);
  EXPECT_NEAR(baidu.getX(), north.x, 0.05);
  EXPECT_NEAR(baidu.getY(), north.y, 0.05);
  // Taken as given, the Amap point is the web map's ~480 m off.
  const OGRPoint raw = firstPoint(*ds, "amap_as_given");
  EXPECT_GT(std::hypot(raw.getX() - shanghai.x, raw.getY() - shanghai.y), 400);
  // The balance table records what was done to each layer.
  std::map<std::string, std::string> recorded;
  for (auto& f : *ds->GetLayerByName("riskmap_layers"))
    recorded[f->GetFieldAsString("name")] = f->GetFieldAsString("coordinates");
  EXPECT_EQ(recorded["amap"], "gcj02");
  EXPECT_EQ(recorded["baidu"], "bd09");
  EXPECT_EQ(recorded["amap_as_given"], "");
}

TEST_F(ImportTest, CoordinatesOnAProjectedSourceIsAUserErrorNamingLayerAndKey) {
  const test::EastNorth ref = test::transverseMercator(kLon, kLat, 120, 500000);
  writeTarget(dir_ / "gk.gpkg", "GPKG", 4549, ref.x, ref.y);
  try {
    import(layerToml("t", "protected_targets", "gk.gpkg", "coordinates = \"gcj02\"\n"));
    FAIL() << "no error";
  } catch (const UserError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("gk.gpkg"), std::string::npos) << what;
    EXPECT_NE(what.find("layer 't'"), std::string::npos) << what;
    EXPECT_NE(what.find("coordinates = \"gcj02\""), std::string::npos) << what;
    EXPECT_NE(what.find("EPSG:4549"), std::string::npos) << what;
  }
  EXPECT_FALSE(std::filesystem::exists(dir_ / "out/one.gpkg"));
}

TEST_F(ImportTest, PointsOffsetLikeGcj02FromTheRoadsGetAWarning) {
  // Ten short east-west roads 2 km apart near Hangzhou, each with a plant on its middle.
  std::vector<FeatureSpec> roads;
  std::vector<LonLat> onRoads, asAmapGivesThem;
  for (int i = 0; i < 10; ++i) {
    const double lon = kLon + 0.02 * (i % 5), lat = kLat + 0.02 * (i / 5);
    char wkt[128];
    std::snprintf(wkt, sizeof wkt, "LINESTRING (%.9f %.9f, %.9f %.9f)", lon - 0.001, lat, lon + 0.001, lat);
    roads.push_back({{{"name", "路"}}, wkt});
    onRoads.push_back({lon, lat});
    asAmapGivesThem.push_back(wgs84ToGcj02({lon, lat}));
  }
  test::writeVector(dir_ / "roads.geojson", "GeoJSON", "roads", 4326, wkbLineString, {{"name"}}, roads);
  writeLonLatTargets(dir_ / "true.geojson", onRoads);
  writeLonLatTargets(dir_ / "amap.geojson", asAmapGivesThem);
  const std::string roadsLayer = layerToml("roads", "roads", "roads.geojson");

  ImportReport r = import(roadsLayer + layerToml("plants", "protected_targets", "amap.geojson"));
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("layer 'plants' looks like GCJ-02 (set coordinates = \"gcj02\")"), std::string::npos)
      << r.warnings[0];
  // True positions: on the roads, nothing to say.
  EXPECT_TRUE(import(roadsLayer + layerToml("plants", "protected_targets", "true.geojson")).warnings.empty());
  // Declared: converted, and then on the roads.
  r = import(roadsLayer + layerToml("plants", "protected_targets", "amap.geojson", "coordinates = \"gcj02\"\n"));
  EXPECT_TRUE(r.warnings.empty());
  auto ds = library();
  const test::EastNorth first = test::transverseMercator(kLon, kLat, 120, 500000);
  const OGRPoint p = firstPoint(*ds, "plants");
  EXPECT_NEAR(p.getX(), first.x, 0.01);
  EXPECT_NEAR(p.getY(), first.y, 0.01);
}

}  // namespace
}  // namespace riskmap
