#include "riskmap/regional/RegionalMap.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <geos_c.h>
#include <ogrsf_frmts.h>
#include <unistd.h>

#include <chrono>

#include "riskmap/core/Error.hpp"
#include "riskmap/core/Progress.hpp"
#include "riskmap/geometry/Geos.hpp"

namespace riskmap {
namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;
namespace {

struct Zone {
  std::unique_ptr<OGRGeometry> geometry;
  RiskGrade grade;
};

std::vector<Zone> readZones(GDALDataset& ds) {
  OGRLayer* fp = ds.GetLayerByName("footprints");
  if (!fp) throw std::runtime_error("no footprints table");
  fp->SetAttributeFilter("zone_grade IS NOT NULL");
  std::vector<Zone> zones;
  for (auto& f : *fp) {
    if (!f->GetGeometryRef()) continue;
    zones.push_back({std::unique_ptr<OGRGeometry>(f->StealGeometry()), *parseRiskGrade(f->GetFieldAsString("zone_grade"))});
  }
  fp->SetAttributeFilter(nullptr);
  return zones;
}

std::unique_ptr<OGRGeometry> unionOf(GDALDataset& ds, const std::string& table) {
  OGRLayer* l = ds.GetLayerByName(table.c_str());
  if (!l) throw UserError("study area table '" + table + "' is not in the one library");
  OGRMultiPolygon all;
  for (auto& f : *l)
    if (const OGRGeometry* g = f->GetGeometryRef()) {
      if (wkbFlatten(g->getGeometryType()) == wkbMultiPolygon)
        for (const OGRGeometry* part : *g->toMultiPolygon()) all.addGeometry(part);
      else if (wkbFlatten(g->getGeometryType()) == wkbPolygon)
        all.addGeometry(g);
    }
  return std::unique_ptr<OGRGeometry>(all.UnionCascaded());
}

std::unique_ptr<OGRGeometry> dissolve(const std::vector<const OGRGeometry*>& parts) {
  OGRMultiPolygon all;
  for (const OGRGeometry* g : parts) {
    if (wkbFlatten(g->getGeometryType()) == wkbMultiPolygon)
      for (const OGRGeometry* p : *g->toMultiPolygon()) all.addGeometry(p);
    else
      all.addGeometry(g);
  }
  if (all.IsEmpty()) return std::make_unique<OGRMultiPolygon>();
  return std::unique_ptr<OGRGeometry>(all.UnionCascaded());
}

std::unique_ptr<OGRGeometry> polygonsOnly(std::unique_ptr<OGRGeometry> g) {
  if (!g) return std::make_unique<OGRMultiPolygon>();
  return std::unique_ptr<OGRGeometry>(OGRGeometryFactory::forceToMultiPolygon(g.release()));
}

OGRLayer* freshTable(GDALDataset& ds, const char* name, const OGRSpatialReference* srs, OGRwkbGeometryType type) {
  for (int i = 0; i < ds.GetLayerCount(); ++i)
    if (EQUAL(ds.GetLayer(i)->GetName(), name)) ds.DeleteLayer(i);
  CPLStringList opts;
  opts.AddString("FID=fid");
  opts.AddString("GEOMETRY_NAME=geom");
  return ds.CreateLayer(name, const_cast<OGRSpatialReference*>(srs), type, opts.List());
}

void addFields(OGRLayer* l, std::initializer_list<std::pair<const char*, OGRFieldType>> fields) {
  for (const auto& [n, t] : fields) {
    OGRFieldDefn f(n, t);
    l->CreateField(&f);
  }
}

// The grade grid: each cell takes the highest grade among the zones that
// contain its centre (blue inside the study area where none does, 0 outside),
// block by block, with the zones found through an R-tree.
long long writeGrid(const std::vector<Zone>& zones, const OGRGeometry& study, const OGRSpatialReference* srs,
                    double cell, const std::filesystem::path& path, bool quiet) {
  using Point = bg::model::point<double, 2, bg::cs::cartesian>;
  using Box = bg::model::box<Point>;
  std::vector<std::pair<Box, std::size_t>> entries;
  for (std::size_t i = 0; i < zones.size(); ++i) {
    OGREnvelope e;
    zones[i].geometry->getEnvelope(&e);
    entries.emplace_back(Box(Point(e.MinX, e.MinY), Point(e.MaxX, e.MaxY)), i);
  }
  const bgi::rtree<std::pair<Box, std::size_t>, bgi::rstar<16>> index(entries.begin(), entries.end());
  GeosContext geos;
  std::vector<GeosGeometryPtr> owned;
  std::vector<const GEOSPreparedGeometry*> prepared;
  for (const Zone& z : zones) {
    owned.push_back(toGeos(geos, *z.geometry));
    prepared.push_back(GEOSPrepare_r(geos.handle(), owned.back().get()));
  }
  const GeosGeometryPtr studyGeos = toGeos(geos, study);
  const GEOSPreparedGeometry* studyPrepared = GEOSPrepare_r(geos.handle(), studyGeos.get());

  OGREnvelope env;
  study.getEnvelope(&env);
  const double x0 = std::floor(env.MinX / cell) * cell, y0 = std::ceil(env.MaxY / cell) * cell;
  const int cols = static_cast<int>(std::ceil((env.MaxX - x0) / cell));
  const int rows = static_cast<int>(std::ceil((y0 - env.MinY) / cell));
  const std::string tmp = path.string() + ".tmp-" + std::to_string(getpid()) + ".tif";
  const char* opts[] = {"TILED=YES", "BLOCKXSIZE=256", "BLOCKYSIZE=256", "COMPRESS=DEFLATE", nullptr};
  GDALDatasetUniquePtr out(GetGDALDriverManager()->GetDriverByName("GTiff")->Create(tmp.c_str(), cols, rows, 1, GDT_Byte,
                                                                                   const_cast<char**>(opts)));
  double gt[6] = {x0, cell, 0, y0, 0, -cell};
  out->SetGeoTransform(gt);
  out->SetSpatialRef(srs);
  GDALRasterBand* band = out->GetRasterBand(1);
  band->SetNoDataValue(0);
  band->SetDescription("grade: 1 low, 2 moderate, 3 high, 4 major");
  std::vector<std::uint8_t> block(256 * 256);
  const long long blocks = static_cast<long long>((cols + 255) / 256) * ((rows + 255) / 256);
  Progress progress("risk grid", static_cast<std::uint64_t>(blocks), quiet);
  GEOSCoordSequence* seq = GEOSCoordSeq_create_r(geos.handle(), 1, 2);
  GEOSGeometry* pt = GEOSGeom_createPoint_r(geos.handle(), seq);
  for (int by = 0; by < rows; by += 256)
    for (int bx = 0; bx < cols; bx += 256) {
      const int w = std::min(256, cols - bx), h = std::min(256, rows - by);
      const Box box(Point(x0 + bx * cell, y0 - (by + h) * cell), Point(x0 + (bx + w) * cell, y0 - by * cell));
      std::vector<std::pair<Box, std::size_t>> hits;
      index.query(bgi::intersects(box), std::back_inserter(hits));
      for (int r = 0; r < h; ++r)
        for (int c = 0; c < w; ++c) {
          const double x = x0 + (bx + c + 0.5) * cell, y = y0 - (by + r + 0.5) * cell;
          GEOSGeom_destroy_r(geos.handle(), pt);
          GEOSCoordSequence* s = GEOSCoordSeq_create_r(geos.handle(), 1, 2);
          GEOSCoordSeq_setXY_r(geos.handle(), s, 0, x, y);
          pt = GEOSGeom_createPoint_r(geos.handle(), s);
          std::uint8_t v = 0;
          if (GEOSPreparedContains_r(geos.handle(), studyPrepared, pt) == 1) {
            v = static_cast<std::uint8_t>(RiskGrade::Low);
            for (const auto& [b, i] : hits) {
              if (static_cast<std::uint8_t>(zones[i].grade) <= v) continue;
              if (x < b.min_corner().get<0>() || x > b.max_corner().get<0>() || y < b.min_corner().get<1>() ||
                  y > b.max_corner().get<1>())
                continue;
              if (GEOSPreparedContains_r(geos.handle(), prepared[i], pt) == 1) v = static_cast<std::uint8_t>(zones[i].grade);
            }
          }
          block[static_cast<std::size_t>(r) * w + c] = v;
        }
      if (band->RasterIO(GF_Write, bx, by, w, h, block.data(), w, h, GDT_Byte, 0, 0) != CE_None)
        throw std::runtime_error("cannot write the risk grid");
      progress.advance();
    }
  GEOSGeom_destroy_r(geos.handle(), pt);
  for (const auto* p : prepared) GEOSPreparedGeom_destroy_r(geos.handle(), p);
  GEOSPreparedGeom_destroy_r(geos.handle(), studyPrepared);
  out.reset();
  std::filesystem::rename(tmp, path);
  return static_cast<long long>(cols) * rows;
}

}  // namespace

RegionalReport buildRegionalMap(GDALDataset& ds, ExposureQueries& exposure, const Rules& regional,
                                const RegionalOptions& options) {
  RegionalReport report;
  const std::vector<Zone> zones = readZones(ds);
  const std::unique_ptr<OGRGeometry> study = unionOf(ds, options.studyAreaTable);
  const OGRSpatialReference* srs = ds.GetLayerByName(options.studyAreaTable.c_str())->GetSpatialRef();

  // Highest grade wins: each grade's zones, clipped to the study area, minus everything graded higher.
  std::map<RiskGrade, std::unique_ptr<OGRGeometry>> byGrade;
  std::unique_ptr<OGRGeometry> higher = std::make_unique<OGRMultiPolygon>();
  for (RiskGrade g : {RiskGrade::Major, RiskGrade::High, RiskGrade::Moderate}) {
    std::vector<const OGRGeometry*> parts;
    for (const Zone& z : zones)
      if (z.grade == g) parts.push_back(z.geometry.get());
    std::unique_ptr<OGRGeometry> u = dissolve(parts);
    std::unique_ptr<OGRGeometry> clipped(u->Intersection(study.get()));
    byGrade[g] = polygonsOnly(std::unique_ptr<OGRGeometry>(clipped->Difference(higher.get())));
    higher.reset(higher->Union(clipped.get()));
  }
  byGrade[RiskGrade::Low] = polygonsOnly(std::unique_ptr<OGRGeometry>(study->Difference(higher.get())));

  OGRLayer* rz = freshTable(ds, "risk_zones", srs, wkbMultiPolygon);
  addFields(rz, {{"grade", OFTString}, {"grade_zh", OFTString}, {"grade_level", OFTInteger}, {"area_km2", OFTReal},
                 {"people", OFTReal}});
  for (auto& [g, geom] : byGrade) {
    OGRFeature f(rz->GetLayerDefn());
    f.SetField("grade", riskGradeName(g));
    f.SetField("grade_zh", riskGradeChinese(g));
    f.SetField("grade_level", static_cast<int>(g));
    report.areaKm2[g] = OGR_G_Area(OGRGeometry::ToHandle(geom.get())) / 1e6;
    report.people[g] = exposure.peopleIn(*geom);
    f.SetField("area_km2", report.areaKm2[g]);
    f.SetField("people", report.people[g]);
    f.SetGeometry(geom.get());
    if (rz->CreateFeature(&f) != OGRERR_NONE) throw std::runtime_error("cannot write risk_zones");
  }

  if (!options.townshipsTable.empty()) {
    OGRLayer* towns = ds.GetLayerByName(options.townshipsTable.c_str());
    if (!towns) throw UserError("townships table '" + options.townshipsTable + "' is not in the one library");
    OGRLayer* ts = freshTable(ds, "township_summary", srs, wkbMultiPolygon);
    addFields(ts, {{"township", OFTString}, {"grade", OFTString}, {"grade_zh", OFTString}, {"area_km2", OFTReal},
                   {"people", OFTReal}});
    std::vector<OGRFeatureUniquePtr> townFeatures;
    for (auto& t : *towns) townFeatures.emplace_back(t.release());
    for (auto& t : townFeatures) {
      for (auto& [g, geom] : byGrade) {
        std::unique_ptr<OGRGeometry> part = polygonsOnly(std::unique_ptr<OGRGeometry>(geom->Intersection(t->GetGeometryRef())));
        OGRFeature f(ts->GetLayerDefn());
        f.SetField("township", t->GetFieldAsString("name"));
        f.SetField("grade", riskGradeName(g));
        f.SetField("grade_zh", riskGradeChinese(g));
        f.SetField("area_km2", OGR_G_Area(OGRGeometry::ToHandle(part.get())) / 1e6);
        f.SetField("people", part->IsEmpty() ? 0.0 : exposure.peopleIn(*part));
        f.SetGeometryDirectly(part.release());
        if (ts->CreateFeature(&f) != OGRERR_NONE) throw std::runtime_error("cannot write township_summary");
      }
    }
  }

  const auto t0 = std::chrono::steady_clock::now();
  report.gridCells = writeGrid(zones, *study, srs, regional.number("grid.cell_size_m"), options.gridPath, options.quiet);
  report.gridSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return report;
}

}  // namespace riskmap
