#pragma once
// The risk notification card (风险告知卡) of one risk point: an A4 page
// posted at the point, headed in its grade's colour, with its name, unit,
// grade and how it was graded, its hazards, controls, the person
// responsible and the emergency number.
#include <cairo.h>

#include "PlantConfig.hpp"
#include "RiskPoint.hpp"
#include "riskmap/print/Paper.hpp"
#include "riskmap/print/PosterBlock.hpp"
#include "riskmap/regional/Palette.hpp"

namespace riskmap::enterprise {

// Draws the card on a page of width x height points (A4 portrait).
void drawRiskCard(cairo_t* cr, const PosterContext& c, const PlantConfig& plant, const RiskPoint& p,
                  const Palette& palette, const std::string& date, double width, double height);

}  // namespace riskmap::enterprise
