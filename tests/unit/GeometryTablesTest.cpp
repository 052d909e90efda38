// One geometry type per table: a mixed table split by family with its ids and
// fields, a one-family table declared (singles promoted to MULTI), and the
// split table read back as one layer in id order.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "riskmap/gdal/Gdal.hpp"
#include "riskmap/library/GeometryTables.hpp"

namespace riskmap {
namespace {

class GeometryTablesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ensureGdalRegistered();
    path_ = (std::filesystem::temp_directory_path() /
             ("geometry-tables-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".gpkg"))
                .string();
    std::filesystem::remove(path_);
    ds_.reset(GetGDALDriverManager()->GetDriverByName("GPKG")->Create(path_.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  }
  void TearDown() override {
    ds_.reset();
    std::filesystem::remove(path_);
  }
  // A GEOMETRY table with a "name" field holding these WKTs, in this order (ids 1..n).
  void write(const std::string& table, const std::vector<std::string>& wkts) {
    CPLStringList opts;
    opts.AddString("FID=fid");
    opts.AddString("GEOMETRY_NAME=geom");
    OGRLayer* l = ds_->CreateLayer(table.c_str(), nullptr, wkbUnknown, opts.List());
    OGRFieldDefn name("name", OFTString);
    ASSERT_EQ(l->CreateField(&name), OGRERR_NONE);
    int i = 0;
    for (const std::string& wkt : wkts) {
      OGRFeature f(l->GetLayerDefn());
      f.SetField("name", ("f" + std::to_string(++i)).c_str());
      OGRGeometry* g = nullptr;
      ASSERT_EQ(OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &g), OGRERR_NONE);
      f.SetGeometryDirectly(g);
      ASSERT_EQ(l->CreateFeature(&f), OGRERR_NONE);
    }
  }
  std::string declared(const std::string& table) {
    OGRLayer* r = ds_->ExecuteSQL(("SELECT geometry_type_name FROM gpkg_geometry_columns WHERE table_name = '" + table + "'").c_str(),
                                  nullptr, nullptr);
    std::string out;
    if (OGRFeatureUniquePtr f{r->GetNextFeature()}) out = f->GetFieldAsString(0);
    ds_->ReleaseResultSet(r);
    return out;
  }
  std::string path_;
  GDALDatasetUniquePtr ds_;
};

TEST_F(GeometryTablesTest, MixedTableSplitsByFamilyKeepingIdsAndFields) {
  write("sites", {"POINT (1 1)", "POLYGON ((0 0,1 0,1 1,0 0))", "POINT (2 2)",
                  "MULTIPOLYGON (((5 5,6 5,6 6,5 5)))", "LINESTRING (0 0,3 3)"});
  const auto tables = library::settleGeometryType(*ds_, "sites");
  EXPECT_EQ(tables, (std::vector<std::string>{"sites_points", "sites_lines", "sites_polygons"}));
  EXPECT_EQ(ds_->GetLayerByName("sites"), nullptr);
  EXPECT_EQ(declared("sites_points"), "POINT");
  EXPECT_EQ(declared("sites_lines"), "LINESTRING");
  EXPECT_EQ(declared("sites_polygons"), "MULTIPOLYGON");  // a polygon and a multipolygon: both as MULTI
  // The ids the features had, each in its family's table: points 1 and 3, line 5, polygons 2 and 4.
  std::vector<GIntBig> polygons;
  for (auto& f : *ds_->GetLayerByName("sites_polygons")) {
    polygons.push_back(f->GetFID());
    EXPECT_EQ(wkbFlatten(f->GetGeometryRef()->getGeometryType()), wkbMultiPolygon);
  }
  EXPECT_EQ(polygons, (std::vector<GIntBig>{2, 4}));
  // Read as one: all five, in the order they were written, with their fields.
  library::Table all = library::openTable(*ds_, "sites");
  ASSERT_TRUE(all);
  EXPECT_EQ(all->GetFeatureCount(TRUE), 5);
  std::vector<std::string> names;
  for (auto& f : *all) names.push_back(f->GetFieldAsString("name"));
  EXPECT_EQ(names, (std::vector<std::string>{"f1", "f2", "f3", "f4", "f5"}));
  OGRFeatureUniquePtr fourth(all->GetFeature(4));
  ASSERT_TRUE(fourth);
  EXPECT_STREQ(fourth->GetFieldAsString("name"), "f4");
  // A spatial filter reaches every part: the box 0.5..1.5 meets point 1, the polygon 2 and the line 5.
  all->SetSpatialFilterRect(0.5, 0.5, 1.5, 1.5);
  EXPECT_EQ(all->GetFeatureCount(TRUE), 3);
}

TEST_F(GeometryTablesTest, OneFamilyIsDeclaredAndRereadByItsOwnName) {
  write("plants", {"POINT (1 1)", "POINT (2 2)"});
  write("parks", {"POLYGON ((0 0,1 0,1 1,0 0))", "MULTIPOLYGON (((5 5,6 5,6 6,5 5)))"});
  EXPECT_EQ(library::settleGeometryType(*ds_, "plants"), std::vector<std::string>{"plants"});
  EXPECT_EQ(library::settleGeometryType(*ds_, "parks"), std::vector<std::string>{"parks"});
  EXPECT_EQ(declared("plants"), "POINT");
  EXPECT_EQ(declared("parks"), "MULTIPOLYGON");
  for (auto& f : *ds_->GetLayerByName("parks"))
    EXPECT_EQ(wkbFlatten(f->GetGeometryRef()->getGeometryType()), wkbMultiPolygon) << f->GetFID();
  library::Table plants = library::openTable(*ds_, "plants");
  EXPECT_EQ(plants.get(), ds_->GetLayerByName("plants"));  // the table itself, not a chain
  library::dropTableAndParts(*ds_, "plants");
  EXPECT_FALSE(library::openTable(*ds_, "plants"));
}

}  // namespace
}  // namespace riskmap
