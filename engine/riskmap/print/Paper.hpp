#pragma once
// ISO 216 paper sizes and the page a poster is laid out on, in PostScript
// points (1/72 inch), the unit of PDF pages and of every poster drawing.
#include <string>

namespace riskmap {

constexpr double kPointsPerMm = 72.0 / 25.4;

enum class Orientation { Portrait, Landscape, Auto };

struct Page {
  std::string paper;  // "A1"
  Orientation orientation = Orientation::Portrait;
  double width = 0, height = 0;  // points
};

// "A0".."A4" (case-insensitive); throws UserError otherwise.
Page paperPage(const std::string& paper, Orientation orientation);
Orientation parseOrientation(const std::string& text);  // portrait | landscape | auto

}  // namespace riskmap
