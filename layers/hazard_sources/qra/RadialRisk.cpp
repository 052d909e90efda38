#include "RadialRisk.hpp"

#include <algorithm>
#include <cmath>

namespace riskmap::qra {

double RadialScenario::lethalityAt(double r) const {
  if (lethality.empty() || r >= reachM()) return 0;
  const double pos = r / stepM;
  const std::size_t i = static_cast<std::size_t>(pos);
  const double t = pos - i;
  return (1 - t) * lethality[i] + t * lethality[i + 1];
}

RadialScenario radialScenario(std::string name, double x, double y, double frequencyPerYear,
                              const std::function<double(double)>& lethality, double cutoff) {
  RadialScenario s{std::move(name), x, y, frequencyPerYear, 1, {}};
  constexpr double kScanStepM = 0.5, kMaxM = 100e3;
  constexpr int kMaxSteps = 2000;
  double last = -1;
  for (double r = 0; r <= kMaxM; r += kScanStepM) {
    if (lethality(r) >= cutoff) last = r;
    else if (last >= 0 || r > 50) break;  // beyond the lethal ring (or nothing lethal near the source)
  }
  if (last < 0) return s;
  const double reach = last + kScanStepM;
  const int steps = std::max(1, std::min(kMaxSteps, static_cast<int>(std::ceil(reach / 0.25))));
  s.stepM = reach / steps;
  s.lethality.resize(steps + 1);
  for (int i = 0; i <= steps; ++i) {
    const double p = lethality(i * s.stepM);
    s.lethality[i] = static_cast<float>(p >= cutoff ? p : 0);
  }
  s.lethality[steps] = 0;
  return s;
}

double radialRisk(const std::vector<RadialScenario>& scenarios, double x, double y) {
  double risk = 0;
  for (const RadialScenario& s : scenarios) risk += s.frequencyPerYear * s.lethalityAt(std::hypot(x - s.x, y - s.y));
  return risk;
}

double radialReach(const std::vector<RadialScenario>& scenarios) {
  double reach = 0;
  for (const RadialScenario& s : scenarios) reach = std::max(reach, s.reachM());
  return reach;
}

// Only the cells within each scenario's reach are visited.
void addRadialRisk(std::vector<double>& risk, const RiskGridSpec& grid, const std::vector<RadialScenario>& scenarios) {
  for (const RadialScenario& s : scenarios) {
    const double reach = s.reachM();
    if (reach <= 0) continue;
    const int c0 = std::max(0, static_cast<int>(std::floor((s.x - reach - grid.west) / grid.cell)));
    const int c1 = std::min(grid.cols - 1, static_cast<int>(std::ceil((s.x + reach - grid.west) / grid.cell)));
    const int r0 = std::max(0, static_cast<int>(std::floor((grid.north - (s.y + reach)) / grid.cell)));
    const int r1 = std::min(grid.rows - 1, static_cast<int>(std::ceil((grid.north - (s.y - reach)) / grid.cell)));
    for (int r = r0; r <= r1; ++r) {
      const double y = grid.north - (r + 0.5) * grid.cell;
      for (int c = c0; c <= c1; ++c) {
        const double x = grid.west + (c + 0.5) * grid.cell;
        risk[static_cast<std::size_t>(r) * grid.cols + c] += s.frequencyPerYear * s.lethalityAt(std::hypot(x - s.x, y - s.y));
      }
    }
  }
}

}  // namespace riskmap::qra
