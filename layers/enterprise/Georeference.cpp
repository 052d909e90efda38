#include "Georeference.hpp"

#include <cmath>
#include <cstdio>

#include "riskmap/core/Error.hpp"

namespace riskmap::enterprise {

double Similarity::scale() const { return std::hypot(a, b); }

double Similarity::rotationDegrees() const { return std::atan2(b, a) * 180 / M_PI; }

PlanXY Similarity::apply(PlanXY p) const { return {a * p.x - b * p.y + tx, b * p.x + a * p.y + ty}; }

Similarity Similarity::fromOrigin(PlanXY origin, double rotationDegrees) {
  const double t = rotationDegrees * M_PI / 180;
  return {std::cos(t), std::sin(t), origin.x, origin.y};
}

Fit fitSimilarity(const std::vector<ControlPoint>& points) {
  if (points.size() < 2) throw UserError("georeference: a similarity transform needs two or more control points");
  const double n = static_cast<double>(points.size());
  PlanXY cp{}, cm{};
  for (const ControlPoint& p : points) {
    cp.x += p.plant.x / n, cp.y += p.plant.y / n;
    cm.x += p.map.x / n, cm.y += p.map.y / n;
  }
  // Centred on both centroids, the normal equations decouple:
  // a = sum(x'E' + y'N') / sum(x'^2 + y'^2), b = sum(x'N' - y'E') / sum(x'^2 + y'^2).
  double sa = 0, sb = 0, ss = 0;
  for (const ControlPoint& p : points) {
    const double x = p.plant.x - cp.x, y = p.plant.y - cp.y, e = p.map.x - cm.x, nn = p.map.y - cm.y;
    sa += x * e + y * nn;
    sb += x * nn - y * e;
    ss += x * x + y * y;
  }
  if (ss <= 0) throw UserError("georeference: the control points all sit at one place on the plan");
  Fit fit;
  Similarity& s = fit.transform;
  s.a = sa / ss, s.b = sb / ss;
  s.tx = cm.x - (s.a * cp.x - s.b * cp.y);
  s.ty = cm.y - (s.b * cp.x + s.a * cp.y);
  double sum = 0;
  for (const ControlPoint& p : points) {
    const PlanXY f = s.apply(p.plant);
    Residual r{p.name, p.map.x - f.x, p.map.y - f.y, 0};
    r.distance = std::hypot(r.dx, r.dy);
    sum += r.distance * r.distance;
    fit.residuals.push_back(r);
  }
  fit.rms = std::sqrt(sum / n);
  return fit;
}

void checkResiduals(const Fit& fit, double maxResidual, const std::string& where) {
  std::string bad;
  for (const Residual& r : fit.residuals)
    if (r.distance > maxResidual) {
      char text[160];
      std::snprintf(text, sizeof text, "%s%s (%.3f m)", bad.empty() ? "" : ", ", r.name.c_str(), r.distance);
      bad += text;
    }
  if (bad.empty()) return;
  char limit[64];
  std::snprintf(limit, sizeof limit, "%.3f", maxResidual);
  throw UserError(where + ": control points off the fitted transform by more than " + limit +
                  " m (georeference.max_residual_m): " + bad + "; check their plan and map coordinates");
}

}  // namespace riskmap::enterprise
