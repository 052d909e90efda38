#include "PlantModel.hpp"

#include "riskmap/assess/Rules.hpp"

#include <algorithm>
#include <cmath>
#include <thread>

namespace riskmap::qra {

double PlantModel::individualRisk(double px, double py) const {
  return toxic->individualRisk(px, py) + radialRisk(scenarios.fires, px, py);
}

void PlantModel::addRisk(std::vector<double>& risk, const RiskGridSpec& grid, unsigned threads) const {
  if (reachM <= 0) return;
  // Only the cells within the reach's square are visited.
  const int c0 = std::max(0, static_cast<int>(std::floor((x - reachM - grid.west) / grid.cell)));
  const int c1 = std::min(grid.cols - 1, static_cast<int>(std::ceil((x + reachM - grid.west) / grid.cell)));
  const int r0 = std::max(0, static_cast<int>(std::floor((grid.north - (y + reachM)) / grid.cell)));
  const int r1 = std::min(grid.rows - 1, static_cast<int>(std::ceil((grid.north - (y - reachM)) / grid.cell)));
  if (c0 > c1 || r0 > r1) return;
  threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(r1 - r0 + 1)));
  std::vector<std::jthread> workers;
  for (unsigned t = 0; t < threads; ++t)
    workers.emplace_back([&, t] {
      for (int row = r0 + static_cast<int>(t); row <= r1; row += static_cast<int>(threads)) {
        const double cy = grid.north - (row + 0.5) * grid.cell;
        for (int col = c0; col <= c1; ++col)
          risk[static_cast<std::size_t>(row) * grid.cols + col] += individualRisk(grid.west + (col + 0.5) * grid.cell, cy);
      }
    });
}

std::vector<const OutcomeModel*> PlantModel::outcomes() const { return {toxicOutcomes.get(), fireOutcomes.get()}; }

std::shared_ptr<PlantModel> buildPlantModel(const std::vector<Equipment>& equipment, const Rules& qra,
                                            bool defaultWeather, double x, double y, unsigned threads) {
  auto m = std::make_shared<PlantModel>();
  m->x = x;
  m->y = y;
  m->probits = std::make_unique<Probits>(qra);
  m->scenarios = plantScenarios(equipment, qra, *m->probits, x, y);
  m->weather = weatherTable(qra, defaultWeather);
  m->toxic = std::make_unique<ToxicRiskModel>(*m->probits, m->scenarios.releases, m->weather.cases,
                                              qra.number("dispersion.receptor_height_m"), threads);
  m->toxicOutcomes = std::make_unique<ToxicOutcomes>(*m->toxic);
  m->fireOutcomes = std::make_unique<RadialOutcomes>(m->scenarios.fires);
  m->reachM = std::max(m->toxic->maxReach(), radialReach(m->scenarios.fires));
  return m;
}

}  // namespace riskmap::qra
