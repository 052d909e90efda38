// Writing the province: one GeoPackage of every county's layers with the
// county's code (adcode) on every feature and the county's code before
// every identifier (330101-HZ001), the buildings in Gauss-Kruger, one
// population raster for the whole province, and its project file.
#include <gdal_priv.h>
#include <gdal_utils.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "Formats.hpp"
#include "Province.hpp"

namespace sample {
namespace fs = std::filesystem;
namespace {

// A county's local metres as province metres (what the frame places).
struct Shift {
  XY by;
  XY operator()(XY p) const { return {p.x + by.x, p.y + by.y}; }
  Ring operator()(const Ring& r) const {
    Ring out;
    for (const XY& p : r) out.push_back((*this)(p));
    return out;
  }
  std::vector<Ring> operator()(const std::vector<Ring>& rings) const {
    std::vector<Ring> out;
    for (const Ring& r : rings) out.push_back((*this)(r));
    return out;
  }
};

// One transaction per file: the GeoPackage driver commits every feature otherwise.
class Transaction {
 public:
  explicit Transaction(GDALDataset& ds) : ds_(ds) {
    if (ds_.StartTransaction() != OGRERR_NONE) throw std::runtime_error("cannot start a transaction");
  }
  ~Transaction() {
    if (!done_) ds_.RollbackTransaction();
  }
  void commit() {
    if (ds_.CommitTransaction() != OGRERR_NONE) throw std::runtime_error("cannot commit");
    done_ = true;
  }

 private:
  GDALDataset& ds_;
  bool done_ = false;
};

std::vector<Field> withAdcode(std::vector<Field> fields) {
  fields.push_back({"adcode"});
  return fields;
}

void writeLayers(const Province& p, const fs::path& out, Frame& frame) {
  auto ds = create(out / "province.gpkg", "GPKG");
  Transaction tx(*ds);
  Writer counties(*ds, frame, true, "counties", wkbMultiPolygon, {{"name"}, {"code"}, {"adcode"}});
  Writer towns(*ds, frame, true, "townships", wkbMultiPolygon,
               {{"name"}, {"code"}, {"level"}, {"seat_lon", OFTReal}, {"seat_lat", OFTReal}, {"adcode"}});
  Writer roads(*ds, frame, true, "roads", wkbLineString, withAdcode({{"road_id"}, {"name"}, {"class"}}));
  Writer parks(*ds, frame, true, "chemical_parks", wkbPolygon, withAdcode({{"park_id"}, {"name"}, {"score", OFTReal}}));
  Writer plants(*ds, frame, true, "plants", wkbUnknown, withAdcode(kPlantFields));
  Writer pipes(*ds, frame, true, "pipelines", wkbLineString,
               withAdcode({{"pipe_id"}, {"name"}, {"medium"}, {"od_mm", OFTReal}, {"mop_mpa", OFTReal}, {"operator"}}));
  Writer targets(*ds, frame, true, "protected_targets", wkbPoint, withAdcode({{"name"}, {"kind"}, {"people", OFTInteger}}));
  Writer accidents(*ds, frame, true, "accidents", wkbPoint,
                   withAdcode({{"id"}, {"date", OFTDate}, {"deaths", OFTInteger}, {"injuries", OFTInteger}, {"road_id"}}));
  for (const ProvinceCounty& pc : p.counties) {
    const County& c = pc.county;
    const std::string& code = c.code;
    const std::string prefix = code + "-";
    const Shift at{pc.centre};
    counties.add({c.name, code, code}, counties.polygon({at(c.outline)}, true));
    for (const Township& t : c.townships) {
      const XY seat = frame.lonLat(at(t.seat));
      towns.add({t.name, t.code, t.level, num(seat.x, "%.6f"), num(seat.y, "%.6f"), code}, towns.polygon(at(t.polygon), true));
    }
    for (const Road& r : c.roads) roads.add({prefix + r.id, r.name, r.roadClass, code}, roads.line(at(r.line)));
    for (const Park& k : c.parks) parks.add({prefix + k.id, k.name, num(k.score), code}, parks.polygon({at(k.ring)}, false));
    for (const Plant& k : c.plants) {
      Plant q = k;
      q.id = prefix + k.id;
      if (!q.parkId.empty()) q.parkId = prefix + k.parkId;
      Values v = plantValues(q, inventoryJson(q));
      v.push_back(code);
      plants.add(v, q.site.empty() ? plants.point(at(q.at)) : plants.polygon({at(q.site)}, false));
    }
    for (const Pipeline& q : c.pipelines)
      pipes.add({prefix + q.id, q.name, q.medium, num(q.od), num(q.mop), q.op, code}, pipes.line(at(q.line)));
    for (const Target& t : c.targets)
      targets.add({t.name, t.kind, std::to_string(t.people), code}, targets.point(at(t.at)));
    for (const Accident& a : c.accidents)
      accidents.add({prefix + a.id, a.date, std::to_string(a.deaths), std::to_string(a.injuries), prefix + a.roadId, code},
                    accidents.point(at(a.at)));
  }
  for (const PipelineSection& s : p.trunk)
    pipes.add({s.pipe.id, s.pipe.name, s.pipe.medium, num(s.pipe.od), num(s.pipe.mop), s.pipe.op, s.adcode},
              pipes.line(s.pipe.line));
  tx.commit();
}

void writeBuildings(const Province& p, const fs::path& out, Frame& frame) {
  auto ds = create(out / "buildings_gk.gpkg", "GPKG");
  Transaction tx(*ds);
  Writer b(*ds, frame, false, "buildings", wkbPoint,
           {{"bldg_id"}, {"storeys", OFTInteger}, {"households", OFTInteger}, {"adcode"}});
  for (const ProvinceCounty& pc : p.counties)
    for (const Building& x : pc.county.buildings)
      b.add({pc.county.code + "-" + x.id, std::to_string(x.storeys), std::to_string(x.households), pc.county.code},
            b.point(Shift{pc.centre}(x.at)));
  tx.commit();
}

// One raster for the province: each county's 100 m cells where its outline
// holds them (the outlines tile the province, so no cell is counted twice).
double writePopulation(const Province& p, const fs::path& out, Frame& frame) {
  const double margin = 2000;
  const double west = -p.cols * p.cell / 2 - margin, north = p.rows * p.cell / 2 + margin;
  const int cols = static_cast<int>(std::lround((p.cols * p.cell + 2 * margin) / 100));
  const int rows = static_cast<int>(std::lround((p.rows * p.cell + 2 * margin) / 100));
  std::vector<float> people(static_cast<std::size_t>(cols) * rows, -1.0f);
  double total = 0;
  for (const ProvinceCounty& pc : p.counties) {
    const County& c = pc.county;
    const int dc = static_cast<int>(std::lround((c.originX + pc.centre.x - west) / 100));
    const int dr = static_cast<int>(std::lround((north - (c.originY + pc.centre.y)) / 100));
    for (int r = 0; r < c.rows; ++r)
      for (int k = 0; k < c.cols; ++k) {
        const float v = c.people[static_cast<std::size_t>(r) * c.cols + k];
        if (v < 0 || r + dr < 0 || r + dr >= rows || k + dc < 0 || k + dc >= cols) continue;
        people[static_cast<std::size_t>(r + dr) * cols + (k + dc)] = v;
        total += v;
      }
  }
  fs::remove(out / "population_100m.tif");
  const char* opts[] = {"TILED=YES", "COMPRESS=DEFLATE", "BIGTIFF=IF_SAFER", nullptr};
  GDALDatasetUniquePtr ds(GetGDALDriverManager()->GetDriverByName("GTiff")->Create(
      (out / "population_100m.tif").c_str(), cols, rows, 1, GDT_Float32, const_cast<char**>(opts)));
  if (!ds) throw std::runtime_error("cannot create the population raster");
  const XY origin = frame.gk({west, north});
  double gt[6] = {origin.x, 100, 0, origin.y, 0, -100};
  ds->SetGeoTransform(gt);
  ds->SetSpatialRef(&frame.srs(false));
  GDALRasterBand* band = ds->GetRasterBand(1);
  band->SetNoDataValue(-1);
  if (band->RasterIO(GF_Write, 0, 0, cols, rows, people.data(), cols, rows, GDT_Float32, 0, 0) != CE_None)
    throw std::runtime_error("cannot write the population raster");
  return total;
}

// Or one raster per county (its own 100 m grid round its cell, no data outside
// its outline) and a VRT mosaic of them, which riskmap imports as one layer.
double writeCountyPopulations(const Province& p, const fs::path& out, Frame& frame) {
  fs::create_directories(out / "population");
  std::vector<std::string> names;
  double total = 0;
  for (const ProvinceCounty& pc : p.counties) {
    const County& c = pc.county;
    const fs::path path = out / "population" / (c.code + ".tif");
    fs::remove(path);
    const char* opts[] = {"TILED=YES", "COMPRESS=DEFLATE", nullptr};
    GDALDatasetUniquePtr ds(GetGDALDriverManager()->GetDriverByName("GTiff")->Create(
        path.c_str(), c.cols, c.rows, 1, GDT_Float32, const_cast<char**>(opts)));
    if (!ds) throw std::runtime_error("cannot create " + path.string());
    const XY origin = frame.gk({c.originX + pc.centre.x, c.originY + pc.centre.y});
    double gt[6] = {origin.x, 100, 0, origin.y, 0, -100};
    ds->SetGeoTransform(gt);
    ds->SetSpatialRef(&frame.srs(false));
    ds->GetRasterBand(1)->SetNoDataValue(-1);
    if (ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, c.cols, c.rows, const_cast<float*>(c.people.data()), c.cols,
                                       c.rows, GDT_Float32, 0, 0) != CE_None)
      throw std::runtime_error("cannot write " + path.string());
    names.push_back(path.string());
    total += c.populationTotal;
  }
  std::vector<const char*> sources;
  for (const std::string& n : names) sources.push_back(n.c_str());
  const char* args[] = {"-srcnodata", "-1", "-vrtnodata", "-1", nullptr};
  GDALBuildVRTOptions* options = GDALBuildVRTOptionsNew(const_cast<char**>(args), nullptr);
  fs::remove(out / "population_100m.vrt");
  GDALDatasetH vrt = GDALBuildVRT((out / "population_100m.vrt").c_str(), static_cast<int>(sources.size()), nullptr,
                                  sources.data(), options, nullptr);
  GDALBuildVRTOptionsFree(options);
  if (!vrt) throw std::runtime_error("cannot build population_100m.vrt");
  GDALClose(vrt);
  return total;
}

void writeProject(const Province& p, const fs::path& out, const std::string& population) {
  std::ofstream toml(out / "project.toml", std::ios::binary);
  toml << "# A synthetic province of " << p.counties.size()
       << " counties (riskmap-sample-county --counties N; docs/sample-county.md).\n"
          "# Every feature carries its county's code in `adcode`.\n"
          "name = \"澄州市 (" << p.counties.size() << " counties)\"\n"
          "crs = \"auto\"\n"
          "library = \"out/province.gpkg\"\n"
          "study_area = \"counties\"\n"
          "townships = \"townships\"\n";
  const char* vectors[][3] = {{"counties", "admin_units", "counties"},     {"townships", "admin_units", "townships"},
                              {"roads", "roads", "roads"},                {"chemical_parks", "chemical_parks", "chemical_parks"},
                              {"hazard_sources", "hazard_sources", "plants"}, {"pipelines", "pipelines", "pipelines"},
                              {"protected_targets", "protected_targets", "protected_targets"},
                              {"accidents", "accidents", "accidents"}};
  for (const auto& v : vectors) {
    toml << "\n[[layers]]\nname = \"" << v[0] << "\"\nkind = \"" << v[1] << "\"\nsource = \"province.gpkg\"\nsource_layer = \""
         << v[2] << "\"\n";
    if (std::string(v[0]) == "pipelines") toml << "fields = { diameter_mm = \"od_mm\", pressure_mpa = \"mop_mpa\" }\n";
    if (std::string(v[0]) == "accidents") toml << "fields = { accident_id = \"id\" }\n";
  }
  toml << "\n[[layers]]\nname = \"buildings\"\nkind = \"buildings\"\nsource = \"buildings_gk.gpkg\"\n"
          "\n[[layers]]\nname = \"population\"\nkind = \"population\"\nsource = \"" << population << "\"\n";
}

}  // namespace

void writeProvince(const Province& p, const fs::path& out, bool populationPerCounty) {
  GDALAllRegister();
  CPLSetConfigOption("OGR_CURRENT_DATE", "2026-01-01T00:00:00.000Z");
  fs::create_directories(out);
  Frame frame(120.65, 30.10);
  writeLayers(p, out, frame);
  writeBuildings(p, out, frame);
  const double people = populationPerCounty ? writeCountyPopulations(p, out, frame) : writePopulation(p, out, frame);
  writeProject(p, out, populationPerCounty ? "population_100m.vrt" : "population_100m.tif");
  long long plants = 0, buildings = 0, accidents = 0, targets = 0, pipelines = static_cast<long long>(p.trunk.size());
  std::string list;
  for (const ProvinceCounty& pc : p.counties) {
    const County& c = pc.county;
    plants += static_cast<long long>(c.plants.size());
    buildings += static_cast<long long>(c.buildings.size());
    accidents += static_cast<long long>(c.accidents.size());
    targets += static_cast<long long>(c.targets.size());
    pipelines += static_cast<long long>(c.pipelines.size());
    list += std::string(list.empty() ? "" : ",\n") + "    {\"adcode\": \"" + c.code + "\", \"name\": \"" + c.name +
            "\", \"seed\": " + std::to_string(pc.seed) + ", \"population\": " +
            std::to_string(static_cast<long long>(c.populationTotal)) + "}";
  }
  std::ofstream(out / "summary.json", std::ios::binary)
      << "{\n  \"counties\": " << p.counties.size() << ",\n  \"grid\": [" << p.cols << ", " << p.rows
      << "],\n  \"cell_m\": " << p.cell << ",\n  \"population\": " << static_cast<long long>(people)
      << ",\n  \"plants\": " << plants << ",\n  \"pipelines\": " << pipelines << ",\n  \"protected_targets\": " << targets
      << ",\n  \"buildings\": " << buildings << ",\n  \"accidents\": " << accidents << ",\n  \"border_plant\": \""
      << p.borderPlant << "\",\n  \"border_village\": \"" << p.borderVillage << "\",\n  \"county_list\": [\n"
      << list << "\n  ]\n}\n";
}

}  // namespace sample
