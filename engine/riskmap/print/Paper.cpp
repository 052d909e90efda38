#include "riskmap/print/Paper.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

#include "riskmap/core/Error.hpp"

namespace riskmap {

Page paperPage(const std::string& paper, Orientation orientation) {
  std::string name = paper;
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::toupper(c); });
  // ISO 216 A series in millimetres (short side, long side).
  static const std::pair<const char*, std::pair<double, double>> sizes[] = {
      {"A0", {841, 1189}}, {"A1", {594, 841}}, {"A2", {420, 594}}, {"A3", {297, 420}}, {"A4", {210, 297}}};
  for (const auto& [n, mm] : sizes) {
    if (name != n) continue;
    Page p{name, orientation, mm.first * kPointsPerMm, mm.second * kPointsPerMm};
    if (orientation == Orientation::Landscape) std::swap(p.width, p.height);
    return p;
  }
  throw UserError("--paper: '" + paper + "' is not one of A0, A1, A2, A3, A4");
}

Orientation parseOrientation(const std::string& text) {
  if (text == "portrait") return Orientation::Portrait;
  if (text == "landscape") return Orientation::Landscape;
  if (text == "auto") return Orientation::Auto;
  throw UserError("--orientation: '" + text + "' is not portrait, landscape or auto");
}

}  // namespace riskmap
