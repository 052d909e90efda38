#pragma once
// Small helpers a plant's and a park's individual risk share: the GB
// 36894-2018 levels in words, the point a target's risk is read at, and a
// target class's criterion (qra.toml [criteria]).
#include <ogr_geometry.h>

#include <string>

namespace riskmap {
class Rules;
}

namespace riskmap::qra {

// "3e-7" for 3e-07.
std::string levelText(double level);
// The point a target's risk is read at: the point itself, or a polygon's
// or line's centroid.
OGRPoint targetPoint(const OGRGeometry& g);
// GB 36894-2018 Table 1: the criterion (per year) for a target class near
// a "new" or "existing" installation.
double criterion(const Rules& qra, const std::string& installation, const std::string& cls);

}  // namespace riskmap::qra
