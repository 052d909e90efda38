#include "GbCriteria.hpp"

#include "riskmap/assess/Rules.hpp"

#include <cstdio>

namespace riskmap::qra {

std::string levelText(double level) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0e", level);
  std::string s = buf;  // "3e-07" -> "3e-7"
  if (const auto e = s.find("e-0"); e != std::string::npos) s.erase(e + 2, 1);
  return s;
}

OGRPoint targetPoint(const OGRGeometry& g) {
  OGRPoint p;
  if (wkbFlatten(g.getGeometryType()) == wkbPoint) return *g.toPoint();
  g.Centroid(&p);
  return p;
}

double criterion(const Rules& qra, const std::string& installation, const std::string& cls) {
  return qra.number("criteria." + installation + "." + cls);
}

}  // namespace riskmap::qra
