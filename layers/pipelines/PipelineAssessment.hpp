#pragma once
// A pipeline's assessment: its potential impact radius, its location
// classes (GB 50251-2015) and high consequence areas (GB 32167-2015) along
// the line, the line split into segments graded by both, and its footprints.
#include "riskmap/assess/Assessment.hpp"

namespace riskmap {

class Rules;

// GB 32167-2015: r = coefficient * sqrt(d^2 * p); d in mm, p in MPa, r in m.
double potentialImpactRadius(double diameterMm, double pressureMpa, double coefficient = 0.099);

SourceAssessment assessPipeline(const SourceFeature& pipe, ExposureQueries& exposure, const Rules& rules);

}  // namespace riskmap
