#pragma once
// What an assessed library says about the synthetic province
// (riskmap-sample-county --counties N), read through GDAL from any library
// (a GeoPackage or a PostGIS schema): each source's grade, each footprint's
// people, the zones per grade; and the people in a ring counted here, cell
// by cell from the population raster with GEOS, not by the engine's scan.
// Shared by ProvinceTest (GeoPackage) and ProvincePostgisTest.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "riskmap/gdal/Gdal.hpp"
#include "riskmap/library/GeometryTables.hpp"

namespace riskmap::test {

inline double areaOf(const OGRGeometry* g) {
  return g ? OGR_G_Area(OGRGeometry::ToHandle(const_cast<OGRGeometry*>(g))) : 0;
}

using SourceKey = std::tuple<std::string, std::string, std::string>;  // layer, source id, ring (or "")

// Each graded source: "grade figures".
inline std::map<SourceKey, std::string> sourceGrades(GDALDataset& ds) {
  std::map<SourceKey, std::string> out;
  library::Table t = library::openTable(ds, "source_grades");
  for (auto& f : *t)
    out[{f->GetFieldAsString("layer"), f->GetFieldAsString("source_id"), ""}] =
        std::string(f->GetFieldAsString("grade")) + " " + f->GetFieldAsString("figures");
  return out;
}

// Sources per (kind, grade).
inline std::map<std::string, int> sourcesPerGrade(GDALDataset& ds) {
  std::map<std::string, int> out;
  library::Table t = library::openTable(ds, "source_grades");
  for (auto& f : *t) ++out[std::string(f->GetFieldAsString("kind")) + " " + f->GetFieldAsString("grade")];
  return out;
}

struct FootprintFigures {
  double people, areaKm2;
  std::string zoneGrade;
  bool operator==(const FootprintFigures&) const = default;
};
inline std::map<SourceKey, FootprintFigures> footprintFigures(GDALDataset& ds) {
  std::map<SourceKey, FootprintFigures> out;
  library::Table t = library::openTable(ds, "footprints");
  for (auto& f : *t)
    out[{f->GetFieldAsString("layer"), f->GetFieldAsString("source_id"), f->GetFieldAsString("ring")}] =
        FootprintFigures{f->GetFieldAsDouble("people"), f->GetFieldAsDouble("area_km2"), f->GetFieldAsString("zone_grade")};
  return out;
}

struct ZoneFigures {
  double areaKm2 = 0;    // of the geometry, measured here
  double people = 0;     // as assess wrote it
};
inline std::map<std::string, ZoneFigures> zoneFigures(GDALDataset& ds) {
  std::map<std::string, ZoneFigures> out;
  library::Table t = library::openTable(ds, "risk_zones");
  for (auto& f : *t) {
    ZoneFigures& z = out[f->GetFieldAsString("grade")];
    z.areaKm2 += areaOf(f->GetGeometryRef()) / 1e6;
    z.people += f->GetFieldAsDouble("people");
  }
  return out;
}

// The county's outline from the `counties` layer (nullptr when none has the code).
inline std::unique_ptr<OGRGeometry> countyOutline(GDALDataset& ds, const std::string& adcode) {
  library::Table t = library::openTable(ds, "counties");
  for (auto& f : *t)
    if (adcode == f->GetFieldAsString("adcode")) return std::unique_ptr<OGRGeometry>(f->GetGeometryRef()->clone());
  return nullptr;
}

// A footprint's ring and its people and zone grade as the library holds them.
struct Ring {
  std::unique_ptr<OGRGeometry> geometry;
  double people = -1;
  std::string zoneGrade;
};
inline Ring footprintRing(GDALDataset& ds, const std::string& sourceId, const std::string& ring) {
  Ring out;
  library::Table t = library::openTable(ds, "footprints");
  for (auto& f : *t)
    if (sourceId == f->GetFieldAsString("source_id") && ring == f->GetFieldAsString("ring")) {
      out.geometry.reset(f->GetGeometryRef()->clone());
      out.people = f->GetFieldAsDouble("people");
      out.zoneGrade = f->GetFieldAsString("zone_grade");
    }
  return out;
}

// People in `ring` from a population raster (in the ring's CRS), cell by
// cell: each cell's people times its share inside the ring (GEOS). first:
// all of them; second: those of cells whose centre lies in `county`.
inline std::pair<double, double> peopleInRing(const std::string& raster, const OGRGeometry& ring, const OGRGeometry& county) {
  GDALDatasetUniquePtr pop = openDataset(raster, GDAL_OF_RASTER);
  double gt[6];
  pop->GetGeoTransform(gt);
  OGREnvelope env;
  ring.getEnvelope(&env);
  const int c0 = static_cast<int>(std::floor((env.MinX - gt[0]) / gt[1])), c1 = static_cast<int>(std::floor((env.MaxX - gt[0]) / gt[1]));
  const int r0 = static_cast<int>(std::floor((env.MaxY - gt[3]) / gt[5])), r1 = static_cast<int>(std::floor((env.MinY - gt[3]) / gt[5]));
  std::vector<float> cells(static_cast<std::size_t>((c1 - c0 + 1) * (r1 - r0 + 1)));
  EXPECT_EQ(pop->GetRasterBand(1)->RasterIO(GF_Read, c0, r0, c1 - c0 + 1, r1 - r0 + 1, cells.data(), c1 - c0 + 1, r1 - r0 + 1,
                                            GDT_Float32, 0, 0),
            CE_None);
  double total = 0, inCounty = 0;
  for (int row = r0; row <= r1; ++row)
    for (int col = c0; col <= c1; ++col) {
      const float people = cells[static_cast<std::size_t>((row - r0) * (c1 - c0 + 1) + (col - c0))];
      if (people <= 0) continue;
      const double x = gt[0] + col * gt[1], y = gt[3] + row * gt[5];
      OGRLinearRing sq;
      for (const auto& [px, py] : {std::pair{x, y}, {x + gt[1], y}, {x + gt[1], y + gt[5]}, {x, y + gt[5]}, {x, y}})
        sq.addPoint(px, py);
      OGRPolygon cell;
      cell.addRing(&sq);
      std::unique_ptr<OGRGeometry> part(cell.Intersection(&ring));
      if (!part || part->IsEmpty()) continue;
      const double share = areaOf(part.get()) / cell.get_Area();
      total += people * share;
      const OGRPoint centre(x + gt[1] / 2, y + gt[5] / 2);
      if (county.Contains(&centre)) inCounty += people * share;
    }
  return {total, inCounty};
}

}  // namespace riskmap::test
