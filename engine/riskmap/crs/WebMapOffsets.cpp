#include "riskmap/crs/WebMapOffsets.hpp"

#include <ogr_geometry.h>
#include <ogr_spatialref.h>

#include <cmath>

namespace riskmap {
namespace {

constexpr double kPi = 3.14159265358979323846;
// The published GCJ-02 constants: Krasovsky 1940's semi-major axis and
// eccentricity squared (the formula uses them, whatever the datum).
constexpr double kA = 6378245.0;
constexpr double kEe = 0.00669342162296594323;
// BD-09's published constant: pi * 3000 / 180.
constexpr double kBdPi = kPi * 3000.0 / 180.0;
// The inverses stop when a step moves less than this (degrees; ~0.1 mm).
constexpr double kInverseTolerance = 1e-9;
constexpr int kMaxIterations = 50;

// The published offset polynomial in (lon - 105, lat - 35), in metres-ish units.
LonLat gcjOffset(double x, double y) {
  const double common = (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
  double lat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * std::sqrt(std::fabs(x));
  double lon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * std::sqrt(std::fabs(x));
  lat += common;
  lon += common;
  lat += (20.0 * std::sin(y * kPi) + 40.0 * std::sin(y / 3.0 * kPi)) * 2.0 / 3.0;
  lon += (20.0 * std::sin(x * kPi) + 40.0 * std::sin(x / 3.0 * kPi)) * 2.0 / 3.0;
  lat += (160.0 * std::sin(y / 12.0 * kPi) + 320.0 * std::sin(y * kPi / 30.0)) * 2.0 / 3.0;
  lon += (150.0 * std::sin(x / 12.0 * kPi) + 300.0 * std::sin(x / 30.0 * kPi)) * 2.0 / 3.0;
  return {lon, lat};
}

// Solves forward(x) = target for x, starting at the target.
template <class Forward>
LonLat invert(const LonLat& target, Forward forward) {
  LonLat x = target;
  for (int i = 0; i < kMaxIterations; ++i) {
    const LonLat f = forward(x);
    const double dLon = target.lon - f.lon, dLat = target.lat - f.lat;
    x.lon += dLon;
    x.lat += dLat;
    if (std::fabs(dLon) < kInverseTolerance && std::fabs(dLat) < kInverseTolerance) break;
  }
  return x;
}

// Applies removeWebMapOffset to every vertex through OGRGeometry::transform.
class OffsetRemoval final : public OGRCoordinateTransformation {
 public:
  explicit OffsetRemoval(WebMapCoordinates from) : from_(from) {}
  OGRSpatialReference* GetSourceCS() override { return nullptr; }
  OGRSpatialReference* GetTargetCS() override { return nullptr; }
  int Transform(int count, double* x, double* y, double*, double*, int* success) override {
    for (int i = 0; i < count; ++i) {
      const LonLat p = removeWebMapOffset(LonLat{x[i], y[i]}, from_);
      x[i] = p.lon;
      y[i] = p.lat;
      if (success) success[i] = TRUE;
    }
    return TRUE;
  }
  OGRCoordinateTransformation* Clone() const override { return new OffsetRemoval(from_); }
  OGRCoordinateTransformation* GetInverse() const override { return nullptr; }

 private:
  WebMapCoordinates from_;
};

}  // namespace

std::optional<WebMapCoordinates> parseWebMapCoordinates(const std::string& text) {
  if (text.empty() || text == "none") return WebMapCoordinates::None;
  if (text == "gcj02") return WebMapCoordinates::Gcj02;
  if (text == "bd09") return WebMapCoordinates::Bd09;
  return std::nullopt;
}

std::string webMapCoordinatesName(WebMapCoordinates c) {
  switch (c) {
    case WebMapCoordinates::Gcj02: return "gcj02";
    case WebMapCoordinates::Bd09: return "bd09";
    case WebMapCoordinates::None: break;
  }
  return "";
}

bool insideGcj02Box(const LonLat& p) {
  return p.lon >= 72.004 && p.lon <= 137.8347 && p.lat >= 0.8293 && p.lat <= 55.8271;
}

LonLat wgs84ToGcj02(const LonLat& p) {
  if (!insideGcj02Box(p)) return p;
  const LonLat d = gcjOffset(p.lon - 105.0, p.lat - 35.0);
  const double radLat = p.lat / 180.0 * kPi;
  const double magic = 1.0 - kEe * std::sin(radLat) * std::sin(radLat);
  const double sqrtMagic = std::sqrt(magic);
  const double dLat = (d.lat * 180.0) / ((kA * (1.0 - kEe)) / (magic * sqrtMagic) * kPi);
  const double dLon = (d.lon * 180.0) / (kA / sqrtMagic * std::cos(radLat) * kPi);
  return {p.lon + dLon, p.lat + dLat};
}

LonLat gcj02ToBd09(const LonLat& p) {
  const double z = std::sqrt(p.lon * p.lon + p.lat * p.lat) + 0.00002 * std::sin(p.lat * kBdPi);
  const double theta = std::atan2(p.lat, p.lon) + 0.000003 * std::cos(p.lon * kBdPi);
  return {z * std::cos(theta) + 0.0065, z * std::sin(theta) + 0.006};
}

LonLat wgs84ToBd09(const LonLat& p) { return gcj02ToBd09(wgs84ToGcj02(p)); }

LonLat gcj02ToWgs84(const LonLat& p) { return invert(p, wgs84ToGcj02); }

LonLat bd09ToGcj02(const LonLat& p) { return invert(p, gcj02ToBd09); }

LonLat bd09ToWgs84(const LonLat& p) { return invert(p, wgs84ToBd09); }

LonLat removeWebMapOffset(const LonLat& p, WebMapCoordinates from) {
  switch (from) {
    case WebMapCoordinates::Gcj02: return gcj02ToWgs84(p);
    case WebMapCoordinates::Bd09: return bd09ToWgs84(p);
    case WebMapCoordinates::None: break;
  }
  return p;
}

void removeWebMapOffset(OGRGeometry& g, WebMapCoordinates from) {
  if (from == WebMapCoordinates::None) return;
  OGRSpatialReference* srs = g.getSpatialReference();
  if (srs) srs->Reference();
  OffsetRemoval ct(from);
  g.transform(&ct);
  g.assignSpatialReference(srs);  // transform() assigns the (null) target CRS
  if (srs) srs->Release();
}

}  // namespace riskmap
