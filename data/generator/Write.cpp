// Writing the county in the formats users receive: GeoPackage (CGCS2000),
// GeoPackage in Gauss-Kruger, a GBK Shapefile, a lon/lat CSV, a GeoTIFF;
// and the dirty copy. Everything is reproducible byte for byte.
#include "Write.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "Formats.hpp"

namespace sample {
namespace fs = std::filesystem;
namespace {

void writeTargetsShapefile(const fs::path& path, Frame& frame, const std::vector<Target>& targets, bool cpg) {
  for (const char* ext : {".shp", ".shx", ".dbf", ".prj", ".cpg"}) fs::remove(fs::path(path).replace_extension(ext));
  auto ds = create(path, "ESRI Shapefile");
  Writer w(*ds, frame, true, path.stem().c_str(), wkbPoint, {{"NAME"}, {"KIND"}, {"PEOPLE", OFTInteger}},
           {"ENCODING=CP936", "DBF_DATE_LAST_UPDATE=2026-01-01"});
  for (const Target& t : targets) w.add({t.name, t.kind, std::to_string(t.people)}, w.point(t.at));
  ds.reset();
  if (!cpg) {
    // No .cpg and no code page in the DBF header (byte 29): how many offices' files arrive.
    fs::remove(fs::path(path).replace_extension(".cpg"));
    std::fstream dbf(fs::path(path).replace_extension(".dbf"), std::ios::in | std::ios::out | std::ios::binary);
    dbf.seekp(29);
    dbf.put(0);
  }
}

// Every broken record import must reject or repair, and why; README.txt lists them.
void writeDirty(const County& c, const fs::path& dir, Frame& frame) {
  std::string readme =
      "Deliberately broken records for riskmap import (generated; see docs/sample-county.md).\n\n";
  {
    auto ds = create(dir / "dirty.gpkg", "GPKG");
    std::vector<Field> fields = kPlantFields;
    fields[5].type = OFTString;  // safety_distance_m as text, so a bad number can be written
    Writer plants(*ds, frame, true, "plants", wkbUnknown, fields);
    for (int i = 0; i < 20; ++i) {
      const Plant& p = c.plants[static_cast<std::size_t>(i)];
      plants.add(plantValues(p, inventoryJson(p)), plants.point(p.at));
    }
    const Plant& p = c.plants[20];
    auto broken = [&](const std::string& id, Values v, std::unique_ptr<OGRGeometry> g, const std::string& why) {
      v[0] = id;
      plants.add(v, std::move(g));
      readme += "dirty.gpkg plants " + id + ": " + why + "\n";
    };
    Values v = plantValues(p, inventoryJson(p));
    Values noName = v;
    noName[1] = "";
    broken("BAD01", noName, plants.point(p.at), "empty name (required)");
    broken("BAD02", plantValues(p, inventoryJson(p, -1)), plants.point(p.at), "negative quantity q_t in the inventory");
    broken("BAD03", plantValues(p, "[{\"substance\":\"氯\",\"q_t\":12"), plants.point(p.at), "inventory is not valid JSON");
    Values abc = v;
    abc[5] = "abc";
    broken("BAD04", abc, plants.point(p.at), "safety_distance_m 'abc' is not a number");
    broken("BAD05", v, nullptr, "no geometry");
    const XY ll = frame.lonLat(p.at);
    broken("BAD06", v, std::make_unique<OGRPoint>(ll.y, ll.x), "lat/lon swapped: outside CGCS2000's area of use");

    Writer parks(*ds, frame, true, "chemical_parks", wkbPolygon, {{"park_id"}, {"name"}, {"score", OFTReal}});
    parks.add({c.parks[0].id, c.parks[0].name, "68.5"}, parks.polygon({c.parks[0].ring}, false));
    const XY a = c.parks[1].ring[0];
    parks.add({"PBOW", "蝴蝶形园区", "55"},
              parks.polygon({{a, {a.x + 800, a.y + 600}, {a.x + 800, a.y}, {a.x, a.y + 600}}}, false));
    parks.add({"PLINE", "退化园区", "80"}, parks.polygon({{a, {a.x + 800, a.y}, a}}, false));
    readme += "dirty.gpkg chemical_parks PBOW: self-intersecting bow-tie, repaired by make-valid\n";
    readme += "dirty.gpkg chemical_parks PLINE: a spike out and back, no area to repair: rejected\n";

    Writer pipes(*ds, frame, true, "pipelines", wkbLineString,
                 {{"pipe_id"}, {"name"}, {"medium"}, {"od_mm"}, {"mop_mpa", OFTReal}, {"operator"}});
    for (int i = 0; i < 3; ++i) {
      const Pipeline& q = c.pipelines[static_cast<std::size_t>(i)];
      pipes.add({q.id, q.name, q.medium, num(q.od), num(q.mop), q.op}, pipes.line(q.line));
    }
    const Pipeline& q = c.pipelines[3];
    pipes.add({"BADP1", q.name, q.medium, "DN500", num(q.mop), q.op}, pipes.line(q.line));
    pipes.add({"BADP2", q.name, "", num(q.od), num(q.mop), q.op}, pipes.line(q.line));
    pipes.add({"BADP3", q.name, "water", num(q.od), num(q.mop), q.op}, pipes.line(q.line));
    readme += "dirty.gpkg pipelines BADP1: od_mm 'DN500' is not a number\n";
    readme += "dirty.gpkg pipelines BADP2: medium missing (required)\n";
    readme += "dirty.gpkg pipelines BADP3: medium 'water' is neither gas nor oil\n";
  }
  {
    std::ofstream csv(dir / "accidents_dirty.csv", std::ios::binary);
    csv << "id,date,lon,lat,deaths,injuries,road_id\n";
    for (int i = 0; i < 5; ++i) {
      const Accident& a = c.accidents[static_cast<std::size_t>(i)];
      const XY p = frame.lonLat(a.at);
      csv << a.id << ',' << a.date << ',' << num(p.x, "%.6f") << ',' << num(p.y, "%.6f") << ',' << a.deaths << ','
          << a.injuries << ',' << a.roadId << '\n';
    }
    const XY p = frame.lonLat(c.accidents[5].at);
    csv << "BADA1,2024-13-45," << num(p.x, "%.6f") << ',' << num(p.y, "%.6f") << ",0,1,G60\n";
    csv << "BADA2,2024-05-01," << num(p.x, "%.6f") << ',' << num(p.y, "%.6f") << ",0,-2,G60\n";
    csv << "BADA3,2024-05-02," << num(p.y, "%.6f") << ',' << num(p.x, "%.6f") << ",1,0,G60\n";
    readme += "accidents_dirty.csv BADA1: date 2024-13-45 is not a date\n";
    readme += "accidents_dirty.csv BADA2: negative injuries\n";
    readme += "accidents_dirty.csv BADA3: lon and lat swapped\n";
  }
  writeTargetsShapefile(dir / "targets_nocpg.shp", frame, {c.targets.begin(), c.targets.begin() + 5}, false);
  readme += "targets_nocpg.shp: 5 good targets in GBK with no .cpg and no DBF code page: names must still read right\n";
  std::ofstream(dir / "README.txt", std::ios::binary) << readme;
}

// The DEM (Gauss-Kruger, heights in metres, declared) and the tailings ponds (CGCS2000).
void writeTerrain(const County& c, const fs::path& out, Frame& frame) {
  {
    fs::remove(out / "dem_50m.tif");
    const char* opts[] = {"TILED=YES", "COMPRESS=DEFLATE", "PREDICTOR=3", nullptr};
    GDALDatasetUniquePtr ds(GetGDALDriverManager()->GetDriverByName("GTiff")->Create(
        (out / "dem_50m.tif").c_str(), c.demCols, c.demRows, 1, GDT_Float32, const_cast<char**>(opts)));
    const XY origin = frame.gk({c.demOriginX, c.demOriginY});
    double gt[6] = {origin.x, c.demCell, 0, origin.y, 0, -c.demCell};
    ds->SetGeoTransform(gt);
    ds->SetSpatialRef(&frame.srs(false));
    GDALRasterBand* band = ds->GetRasterBand(1);
    band->SetNoDataValue(-9999);
    band->SetUnitType("m");
    if (band->RasterIO(GF_Write, 0, 0, c.demCols, c.demRows, const_cast<float*>(c.dem.data()), c.demCols, c.demRows,
                       GDT_Float32, 0, 0) != CE_None)
      throw std::runtime_error("cannot write the DEM");
  }
  auto ds = create(out / "tailings_ponds.gpkg", "GPKG");
  Writer w(*ds, frame, true, "tailings_ponds", wkbPolygon,
           {{"pond_id"}, {"name"}, {"capacity_1e4m3", OFTReal}, {"dam_height_m", OFTReal}, {"stored_1e4m3", OFTReal},
            {"tailings_type"}, {"state"}, {"online_monitoring", OFTInteger}, {"operator"}});
  for (const Pond& p : c.ponds)
    w.add({p.id, p.name, num(p.capacity), num(p.height), num(p.stored), p.tailingsType, p.state,
           std::to_string(p.monitored), p.op},
          w.polygon({p.ring}, false));
}

}  // namespace

void writeCounty(const County& c, const fs::path& out) {
  GDALAllRegister();
  CPLSetConfigOption("OGR_CURRENT_DATE", "2026-01-01T00:00:00.000Z");
  fs::create_directories(out / "dirty");
  Frame frame(120.65, 30.10);

  {
    auto ds = create(out / "county.gpkg", "GPKG");
    Writer county(*ds, frame, true, "county", wkbMultiPolygon, {{"name"}, {"code"}});
    county.add({c.name, c.code}, county.polygon({c.outline}, true));
    Writer towns(*ds, frame, true, "townships", wkbMultiPolygon,
                 {{"name"}, {"code"}, {"level"}, {"seat_lon", OFTReal}, {"seat_lat", OFTReal}});
    for (const Township& t : c.townships) {
      const XY seat = frame.lonLat(t.seat);
      towns.add({t.name, t.code, t.level, num(seat.x, "%.6f"), num(seat.y, "%.6f")}, towns.polygon(t.polygon, true));
    }
    // The city's other counties, which the county's parts never touch: a hole where the county is.
    Writer city(*ds, frame, true, "city", wkbMultiPolygon, {{"name"}, {"code"}, {"level"}});
    for (const Township& t : c.neighbours) city.add({t.name, t.code, t.level}, city.polygon(t.polygon, true));
    Writer roads(*ds, frame, true, "roads", wkbLineString, {{"road_id"}, {"name"}, {"class"}});
    for (const Road& r : c.roads) roads.add({r.id, r.name, r.roadClass}, roads.line(r.line));
    Writer parks(*ds, frame, true, "chemical_parks", wkbPolygon, {{"park_id"}, {"name"}, {"score", OFTReal}});
    for (const Park& p : c.parks) parks.add({p.id, p.name, num(p.score)}, parks.polygon({p.ring}, false));
    Writer plants(*ds, frame, true, "plants", wkbUnknown, kPlantFields);
    for (const Plant& p : c.plants)
      plants.add(plantValues(p, inventoryJson(p)), p.site.empty() ? plants.point(p.at) : plants.polygon({p.site}, false));
    Writer pipes(*ds, frame, true, "pipelines", wkbLineString,
                 {{"pipe_id"}, {"name"}, {"medium"}, {"od_mm", OFTReal}, {"mop_mpa", OFTReal}, {"operator"}});
    for (const Pipeline& p : c.pipelines) pipes.add({p.id, p.name, p.medium, num(p.od), num(p.mop), p.op}, pipes.line(p.line));
  }
  {
    auto ds = create(out / "buildings_gk.gpkg", "GPKG");
    Writer b(*ds, frame, false, "buildings", wkbPoint, {{"bldg_id"}, {"storeys", OFTInteger}, {"households", OFTInteger}});
    for (const Building& x : c.buildings) b.add({x.id, std::to_string(x.storeys), std::to_string(x.households)}, b.point(x.at));
  }
  {
    fs::remove(out / "population_100m.tif");
    const char* opts[] = {"TILED=YES", "COMPRESS=DEFLATE", nullptr};
    GDALDatasetUniquePtr ds(GetGDALDriverManager()->GetDriverByName("GTiff")->Create(
        (out / "population_100m.tif").c_str(), c.cols, c.rows, 1, GDT_Float32, const_cast<char**>(opts)));
    const XY origin = frame.gk({c.originX, c.originY});
    double gt[6] = {origin.x, 100, 0, origin.y, 0, -100};
    ds->SetGeoTransform(gt);
    ds->SetSpatialRef(&frame.srs(false));
    GDALRasterBand* band = ds->GetRasterBand(1);
    band->SetNoDataValue(-1);
    if (band->RasterIO(GF_Write, 0, 0, c.cols, c.rows, const_cast<float*>(c.people.data()), c.cols, c.rows, GDT_Float32,
                       0, 0) != CE_None)
      throw std::runtime_error("cannot write the population raster");
  }
  writeTargetsShapefile(out / "protected_targets.shp", frame, c.targets, true);
  {
    std::ofstream csv(out / "accidents_2023_2025.csv", std::ios::binary);
    csv << "id,date,lon,lat,deaths,injuries,road_id\n";
    for (const Accident& a : c.accidents) {
      const XY p = frame.lonLat(a.at);
      csv << a.id << ',' << a.date << ',' << num(p.x, "%.6f") << ',' << num(p.y, "%.6f") << ',' << a.deaths << ','
          << a.injuries << ',' << a.roadId << '\n';
    }
  }
  writeDirty(c, out / "dirty", frame);
  writeTerrain(c, out, frame);
}

}  // namespace sample
