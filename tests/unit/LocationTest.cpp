// library::Location: a project's `library` value read as a GeoPackage path
// or a PostgreSQL connection string (docs/postgis.md).
#include <gtest/gtest.h>

#include "riskmap/library/Location.hpp"

namespace riskmap::library {
namespace {

TEST(Location, PathIsAGeoPackageRelativeToTheProject) {
  const Location l = Location::parse("out/one.gpkg", "/work/county");
  EXPECT_FALSE(l.isPostgres());
  EXPECT_EQ(l.gdalName(), "/work/county/out/one.gpkg");
  EXPECT_EQ(l.sidePath(), "/work/county/out/one.gpkg");
  EXPECT_EQ(l.displayName(), "/work/county/out/one.gpkg");
  EXPECT_EQ(Location::parse("/data/p.gpkg", "/work/county").gdalName(), "/data/p.gpkg");
}

TEST(Location, PostgresUriGetsGdalsPrefixAndSideFilesNamedAfterTheDatabase) {
  const Location l = Location::parse("postgresql://gis:s3cret@db.example:5433/zhejiang?sslmode=require", "/work/prov");
  EXPECT_TRUE(l.isPostgres());
  EXPECT_EQ(l.gdalName(), "PG:postgresql://gis:s3cret@db.example:5433/zhejiang?sslmode=require");
  EXPECT_EQ(l.sidePath(), "/work/prov/zhejiang");
  EXPECT_EQ(l.rasterFile("population"), "/work/prov/zhejiang_population.tif");
  EXPECT_EQ(l.displayName(), "PG:postgresql://gis:***@db.example:5433/zhejiang?sslmode=require");
  EXPECT_TRUE(Location::parse("postgres://h/d", "/w").isPostgres());
}

TEST(Location, PgKeywordStringsStayAsWrittenWithThePasswordHiddenInMessages) {
  const Location l = Location::parse("PG:host=/tmp/s dbname=county_lib user=gis password=abc", "/w");
  EXPECT_TRUE(l.isPostgres());
  EXPECT_EQ(l.gdalName(), "PG:host=/tmp/s dbname=county_lib user=gis password=abc");
  EXPECT_EQ(l.sidePath(), "/w/county_lib");
  EXPECT_EQ(l.displayName(), "PG:host=/tmp/s dbname=county_lib user=gis password=***");
}

}  // namespace
}  // namespace riskmap::library
