#pragma once
// From plant coordinates (the site plan's drawing units, metres) to map
// coordinates in a projected CRS: by the plant's origin and rotation, or
// by a similarity (Helmert, four-parameter) transform fitted by least
// squares to two or more control points, with each point's residual.
#include <optional>
#include <string>
#include <vector>

#include "RiskPoint.hpp"

namespace riskmap::enterprise {

struct ControlPoint {
  std::string name;
  PlanXY plant;  // on the drawing
  PlanXY map;    // surveyed, in the map CRS
};

struct Residual {
  std::string name;
  double dx = 0, dy = 0, distance = 0;  // map minus fitted, metres
};

// map = t + s R(theta) plant:  E = a x - b y + tx,  N = b x + a y + ty.
struct Similarity {
  double a = 1, b = 0, tx = 0, ty = 0;
  double scale() const;
  double rotationDegrees() const;  // anticlockwise from the map's east to the plan's x axis
  PlanXY apply(PlanXY p) const;
  // By the plan origin's map position and the plan's rotation (scale 1).
  static Similarity fromOrigin(PlanXY origin, double rotationDegrees);
};

struct Fit {
  Similarity transform;
  std::vector<Residual> residuals;  // one per control point, in their order
  double rms = 0;
};

// Least squares over the points (at least two distinct ones). Written here
// because the closed form is a dozen lines and GDAL's GCP transformers fit
// polynomials (affine at order 1: six parameters, shear allowed), not the
// four-parameter similarity a survey control network gives.
Fit fitSimilarity(const std::vector<ControlPoint>& points);

// Throws UserError naming every point whose residual exceeds maxResidual (metres).
void checkResiduals(const Fit& fit, double maxResidual, const std::string& where);

}  // namespace riskmap::enterprise
