#pragma once
// The generator's writers: the frame that places local metres in
// CGCS2000 / Gauss-Kruger CM 120E and CGCS2000, a table writer over OGR,
// and the plant record both the county and the province write.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "County.hpp"

namespace sample {

class Frame {
 public:
  Frame(double lon, double lat) {
    gk_.importFromEPSG(4549);
    geo_.importFromEPSG(4490);
    gk_.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    geo_.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    toGk_.reset(OGRCreateCoordinateTransformation(&geo_, &gk_));
    toGeo_.reset(OGRCreateCoordinateTransformation(&gk_, &geo_));
    double x = lon, y = lat;
    toGk_->Transform(1, &x, &y);
    cx_ = std::round(x / 100) * 100, cy_ = std::round(y / 100) * 100;  // raster cells on whole 100 m
  }
  XY gk(XY p) const { return {p.x + cx_, p.y + cy_}; }
  XY lonLat(XY p) const {
    XY g = gk(p);
    toGeo_->Transform(1, &g.x, &g.y);
    return g;
  }
  OGRSpatialReference& srs(bool geographic) { return geographic ? geo_ : gk_; }

 private:
  OGRSpatialReference gk_, geo_;
  struct Destroy {
    void operator()(OGRCoordinateTransformation* t) const { OGRCoordinateTransformation::DestroyCT(t); }
  };
  std::unique_ptr<OGRCoordinateTransformation, Destroy> toGk_, toGeo_;
  double cx_, cy_;
};

struct Field {
  const char* name;
  OGRFieldType type = OFTString;
};

using Values = std::vector<std::string>;  // in field order; "" is null

class Writer {
 public:
  Writer(GDALDataset& ds, Frame& frame, bool geographic, const char* name, OGRwkbGeometryType type,
         std::vector<Field> fields, std::vector<std::string> options = {})
      : frame_(frame), geographic_(geographic), fields_(std::move(fields)) {
    CPLStringList lco;
    for (const auto& o : options) lco.AddString(o.c_str());
    layer_ = ds.CreateLayer(name, &frame.srs(geographic), type, lco.List());
    if (!layer_) throw std::runtime_error(std::string("cannot create layer ") + name);
    for (const Field& f : fields_) {
      OGRFieldDefn d(f.name, f.type);
      layer_->CreateField(&d);
    }
  }
  XY place(XY p) const { return geographic_ ? frame_.lonLat(p) : frame_.gk(p); }
  std::unique_ptr<OGRGeometry> point(XY p) const {
    const XY q = place(p);
    return std::make_unique<OGRPoint>(q.x, q.y);
  }
  std::unique_ptr<OGRGeometry> line(const Line& l) const {
    auto g = std::make_unique<OGRLineString>();
    for (const XY& p : l) {
      const XY q = place(p);
      g->addPoint(q.x, q.y);
    }
    return g;
  }
  std::unique_ptr<OGRGeometry> polygon(const std::vector<Ring>& rings, bool multi) const {
    auto mp = std::make_unique<OGRMultiPolygon>();
    for (const Ring& r : rings) {
      auto ring = new OGRLinearRing;
      for (std::size_t i = 0; i <= r.size(); ++i) {
        const XY q = place(r[i % r.size()]);
        ring->addPoint(q.x, q.y);
      }
      auto poly = new OGRPolygon;
      poly->addRingDirectly(ring);
      mp->addGeometryDirectly(poly);
    }
    if (multi || mp->getNumGeometries() != 1) return mp;
    return std::unique_ptr<OGRGeometry>(mp->getGeometryRef(0)->clone());
  }
  void add(const Values& values, std::unique_ptr<OGRGeometry> geometry) {
    OGRFeature f(layer_->GetLayerDefn());
    for (std::size_t i = 0; i < fields_.size() && i < values.size(); ++i)
      if (!values[i].empty()) f.SetField(static_cast<int>(i), values[i].c_str());
    if (geometry) f.SetGeometryDirectly(geometry.release());
    if (layer_->CreateFeature(&f) != OGRERR_NONE) throw std::runtime_error("cannot write feature");
  }

 private:
  Frame& frame_;
  bool geographic_;
  std::vector<Field> fields_;
  OGRLayer* layer_;
};

inline std::string num(double v, const char* fmt = "%.10g") {
  char buf[64];
  std::snprintf(buf, sizeof buf, fmt, v);
  return buf;
}

inline GDALDatasetUniquePtr create(const std::filesystem::path& path, const char* driver) {
  std::filesystem::remove(path);
  GDALDatasetUniquePtr ds(GetGDALDriverManager()->GetDriverByName(driver)->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!ds) throw std::runtime_error("cannot create " + path.string());
  return ds;
}

inline std::string inventoryJson(const Plant& p, double scaleFirst = 1) {
  std::string s = "[";
  for (std::size_t i = 0; i < p.inventory.size(); ++i) {
    const Holding& h = p.inventory[i];
    s += (i ? "," : "") + std::string("{\"substance\":\"") + h.substance->zh + "\",\"substance_en\":\"" + h.substance->en +
         "\",\"cas\":\"" + h.substance->cas + "\",\"q_t\":" + num(i == 0 ? h.q * scaleFirst : h.q) +
         ",\"Q_t\":" + num(h.substance->Q) + "}";
  }
  return s + "]";
}

inline const std::vector<Field> kPlantFields{{"plant_id"}, {"name"}, {"industry"}, {"in_park", OFTInteger}, {"park_id"},
                                      {"safety_distance_m", OFTReal}, {"inventory"}};

inline Values plantValues(const Plant& p, const std::string& inventory) {
  return {p.id, p.name, p.industry, p.parkId.empty() ? "0" : "1", p.parkId,
          p.safetyDistance >= 0 ? num(p.safetyDistance) : "", inventory};
}

}  // namespace sample
