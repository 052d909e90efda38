#pragma once
// The site plan drawn into a rectangle of the page: units filled by their
// grade (就高), buildings, tanks, roads, fences, evacuation routes and
// assembly points, unit names, and every risk point as a numbered disc in
// its grade's colour. At a round scale when the plan is georeferenced,
// else fitted to the rectangle (not to scale).
#include <cairo.h>

#include "PlantGrades.hpp"
#include "RiskRegister.hpp"
#include "SitePlan.hpp"
#include "riskmap/print/Paper.hpp"
#include "riskmap/print/PosterBlock.hpp"
#include "riskmap/regional/Palette.hpp"

namespace riskmap::enterprise {

struct PlanView {
  double k = 1;                 // points per plan/map unit
  double cx = 0, cy = 0;        // the rectangle's centre, points
  double mx = 0, my = 0;        // the plan's centre, map units
  double toX(double x) const { return cx + (x - mx) * k; }
  double toY(double y) const { return cy - (y - my) * k; }
};

// denominator > 0: at 1:denominator (map units are metres); else fitted.
PlanView fitPlan(const SitePlan& plan, const Rect& frame, double denominator);

// Where each risk point's disc goes (points, on the page), in register order.
std::vector<PlanXY> markerPositions(const SitePlan& plan, const RiskRegister& reg, const PlanView& v, double radius);

void drawPlan(cairo_t* cr, const PosterContext& c, const SitePlan& plan, const RiskRegister& reg,
              const PlantGrades& grades, const Palette& palette, const Rect& frame, const PlanView& v);

Rgba gradeColour(const Palette& palette, RiskGrade g);
// A numbered disc (the plan's and the legend's risk point mark).
void drawMarker(cairo_t* cr, const PosterContext& c, PlanXY at, double radius, const std::string& text, const Rgba& fill,
                RiskGrade grade);
double markerRadius(const PosterContext& c);

}  // namespace riskmap::enterprise
