#pragma once
// The enterprise's safety-risk four-colour map (企业安全风险四色分布图) as
// printed: one landscape page with the title and the enterprise's grade,
// the site plan coloured by grade with the risk points numbered, the
// legend, scale and north arrow (or "not to scale"), the notes (how the
// plan is georeferenced, the grading bands, the date) and the risk point
// table; then, in a PDF, one A4 risk notification card (风险告知卡) per
// major and high risk point. PDF and SVG are vector (the PDF embeds the CJK
// font); PNG at --dpi. Written atomically.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "EnterpriseRules.hpp"
#include "Georeference.hpp"
#include "PlantConfig.hpp"
#include "PlantGrades.hpp"
#include "RiskRegister.hpp"
#include "SitePlan.hpp"

namespace riskmap::enterprise {

struct PlantMapInput {
  const PlantConfig& plant;
  const SitePlan& plan;        // in map coordinates when georeferenced, else plant coordinates
  const RiskRegister& reg;     // point places in the same coordinates as the plan
  const PlantGrades& grades;
  const EnterpriseRules& rules;
  std::string crsWkt;          // empty: not georeferenced (drawn not to scale)
  std::optional<Fit> fit;      // when fitted to control points
};

struct PlantMapSettings {
  std::string paper = "A3";                // landscape
  std::string date;                        // printed as the drawing date
  std::filesystem::path stylesDir;         // default.json (palette) and poster.toml (font, colours)
  double dpi = 150;                        // PNG only
};

// Returns the scale denominator used (0: not to scale) and the pages written.
struct PlantMapResult {
  double scale = 0;
  int pages = 0, cards = 0;
};

PlantMapResult writePlantMap(const std::filesystem::path& out, const PlantMapInput& in, const PlantMapSettings& s);

}  // namespace riskmap::enterprise
