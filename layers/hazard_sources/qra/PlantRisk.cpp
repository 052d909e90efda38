#include "PlantRisk.hpp"

#include "Equipment.hpp"
#include "ContourModels.hpp"
#include "GbCriteria.hpp"
#include "PlantModel.hpp"
#include "PlantSocietalRisk.hpp"
#include "RadialOutcomes.hpp"
#include "RadialRisk.hpp"
#include "RiskContours.hpp"
#include "Scenarios.hpp"
#include "ToxicOutcomes.hpp"
#include "Weather.hpp"
#include "riskmap/assess/Rules.hpp"
#include "riskmap/core/Error.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <thread>

namespace riskmap::qra {

using nlohmann::json;

Rules qraRules(const Rules& kindRules) {
  const std::filesystem::path file = kindRules.file().parent_path() / "qra.toml";
  return Rules::load(file, kindRules.table("qra"));
}

namespace {

// The farthest vertex of an area from (x, y).
double farthest(const OGRGeometry& g, double x, double y) {
  double best = 0;
  auto ring = [&](const OGRLinearRing* r) {
    if (!r) return;
    for (int i = 0; i < r->getNumPoints(); ++i) best = std::max(best, std::hypot(r->getX(i) - x, r->getY(i) - y));
  };
  auto polygon = [&](const OGRPolygon* p) { ring(p->getExteriorRing()); };
  const OGRwkbGeometryType t = wkbFlatten(g.getGeometryType());
  if (t == wkbPolygon) polygon(g.toPolygon());
  if (t == wkbMultiPolygon)
    for (const OGRPolygon* p : *g.toMultiPolygon()) polygon(p);
  return best;
}

}  // namespace

PlantRisk assessPlantRisk(const SourceFeature& plant, const json& equipmentJson, const Rules& kindRules,
                          ExposureQueries& exposure) {
  const Rules qra = qraRules(kindRules);
  const std::vector<Equipment> equipment = parseEquipment(equipmentJson);
  PlantRisk out;

  OGRPoint at;
  plant.geometry->Centroid(&at);
  const auto t0 = std::chrono::steady_clock::now();
  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  out.model = buildPlantModel(equipment, qra, kindRules.table("qra.weather") == nullptr, at.getX(), at.getY(), threads);
  const PlantScenarios& scenarios = out.model->scenarios;
  const WeatherTable& weather = out.model->weather;

  // New or in-service: a plant with any new equipment is held to the new
  // installation's criteria (the stricter).
  std::string installation, installationFrom = "equipment rows";
  for (const Equipment& e : equipment)
    if (e.installation) installation = (installation == "new" || *e.installation == "new") ? "new" : "existing";
  if (installation.empty()) {
    installation = qra.text("assess.installation").value_or("existing");
    installationFrom = "riskmap default (qra.toml assess.installation)";
  }
  out.model->installation = installation;

  std::vector<double> levels;
  if (const toml::array* a = qra.array("criteria.contour_levels"))
    for (const toml::node& n : *a)
      if (auto v = n.value<double>()) levels.push_back(*v);
  const std::string safetyClass = qra.text("assess.external_safety_class").value_or("highly_sensitive");
  out.externalSafetyLevel = criterion(qra, installation, safetyClass);
  out.externalSafetyLevelText = levelText(out.externalSafetyLevel);
  if (std::find(levels.begin(), levels.end(), out.externalSafetyLevel) == levels.end())
    levels.push_back(out.externalSafetyLevel);
  std::sort(levels.begin(), levels.end());

  json figures = {{"method", "GB/T 37243-2019 clause 6 (QRA); individual risk per GB 36894-2018 2.1"},
                  {"scenarios", scenarios.rows},
                  {"weather", weather.name},
                  {"weather_is_default", weather.isDefault},
                  {"loc_frequencies_verified", scenarios.unverifiedLocRows.empty()},
                  {"loc_rows_verified", scenarios.verifiedLocRows},
                  {"loc_rows_unverified", scenarios.unverifiedLocRows},
                  {"dense_gas_releases", scenarios.denseGasReleases},
                  {"puff_releases", scenarios.puffReleases},
                  {"installation", installation},
                  {"installation_from", installationFrom},
                  {"release_point", "the site's centroid"}};

  const ToxicRiskModel& model = *out.model->toxic;
  // Fires and explosions add their wind-independent risk (RadialRisk.hpp).
  const double reach = std::max(model.maxReach(), radialReach(scenarios.fires));
  std::vector<RiskContour> contours;
  RiskGridSpec grid;
  if (reach > 0) {
    // A square around the release point, the point on a cell centre.
    grid.cell = qra.number("assess.cell_m");
    const double maxCells = qra.number("assess.max_cells");
    int half = static_cast<int>(std::ceil(reach / grid.cell)) + 1;
    if (std::pow(2.0 * half + 1, 2) > maxCells) {
      grid.cell = (2 * reach) / (std::sqrt(maxCells) - 3);
      half = static_cast<int>(std::ceil(reach / grid.cell)) + 1;
    }
    grid.cols = grid.rows = 2 * half + 1;
    grid.west = at.getX() - (half + 0.5) * grid.cell;
    grid.north = at.getY() + (half + 0.5) * grid.cell;
    std::vector<double> risk = individualRiskGrid(model, grid, threads);
    addRadialRisk(risk, grid, scenarios.fires);
    contours = riskContours(risk, grid, levels);
  }
  figures["grid"] = {{"cell_m", grid.cell}, {"cells", static_cast<long long>(grid.cols) * grid.rows},
                     {"lethal_reach_m", reach},
                     {"seconds", std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()}};

  const std::string weatherNote = weather.isDefault ? "riskmap default weather" : weather.name;
  json contourFigures = json::array();
  const OGRGeometry* lowest = nullptr;
  for (RiskContour& c : contours) {
    const double extent = c.area ? farthest(*c.area, at.getX(), at.getY()) : 0;
    contourFigures.push_back({{"level_per_year", c.level}, {"reach_m", extent}});
    if (!c.area) continue;
    if (c.level == out.externalSafetyLevel) {
      out.externalSafetyM = extent;
      const OGRwkbGeometryType site = wkbFlatten(plant.geometry->getGeometryType());
      out.externalSafetyArea.reset(site == wkbPolygon || site == wkbMultiPolygon ? c.area->Union(plant.geometry)
                                                                                 : c.area->clone());
    }
    SourcePart part;
    part.table = kContoursTable;
    part.attributes = {{"level", c.level},
                       {"level_text", levelText(c.level)},
                       {"reach_m", std::round(extent)},
                       {"installation", installation},
                       {"weather", weatherNote},
                       {"weather_is_default", weather.isDefault ? 1 : 0},
                       {"loc_frequencies_verified", scenarios.unverifiedLocRows.empty() ? 1 : 0},
                       {"model", contourModels(scenarios).text()},
                       {"standard", "GB 36894-2018 Table 1 levels; GB/T 37243-2019 clause 6"}};
    part.geometry.reset(c.area->clone());
    out.parts.push_back(std::move(part));
    if (!lowest) lowest = out.parts.back().geometry.get();
  }
  figures["contours"] = contourFigures;

  // Protected targets where the risk reaches the lowest level, each against its class's criterion.
  long long checked = 0, exceeding = 0;
  json exceedingTargets = json::array();  // for the relocation report: before vs after
  if (lowest) {
    for (const NearbyFeature& t : exposure.targetListIn(*lowest)) {
      if (!t.geometry) continue;
      const OGRPoint p = targetPoint(*t.geometry);
      const double risk = model.individualRisk(p.getX(), p.getY()) + radialRisk(scenarios.fires, p.getX(), p.getY());
      const auto cls = qra.text("target_class." + t.kind);
      const std::string targetClass = cls.value_or("general_3");
      const double limit = criterion(qra, installation, targetClass);
      const bool over = risk > limit;
      ++checked;
      exceeding += over;
      if (over)
        exceedingTargets.push_back({{"name", t.name}, {"kind", t.kind}, {"class", targetClass},
                                    {"individual_risk", risk}, {"criterion_per_year", limit}});
      SourcePart part;
      part.table = kTargetChecksTable;
      part.attributes = {{"target_name", t.name},
                         {"target_kind", t.kind},
                         {"target_class", targetClass},
                         {"class_from", cls ? "qra.toml target_class (riskmap default mapping)" : "kind not mapped: general_3"},
                         {"installation", installation},
                         {"criterion_per_year", limit},
                         {"individual_risk", risk},
                         {"exceeds", over ? 1 : 0},
                         {"verdict", over ? "exceeds its criterion" : "within its criterion"},
                         {"standard", "GB 36894-2018 Table 1"},
                         {"weather", weatherNote}};
      part.geometry.reset(p.clone());
      out.parts.push_back(std::move(part));
    }
  }
  figures["targets_checked"] = checked;
  figures["targets_exceeding"] = exceeding;
  figures["exceeding_targets"] = exceedingTargets;
  // Societal risk: the same outcomes over the population layer (F-N),
  // the plumes' and the fires' and explosions'.
  const ToxicOutcomes outcomes(model);
  const RadialOutcomes fires(scenarios.fires);
  SocietalRisk societal =
      assessSocietalRisk({&outcomes, &fires}, at.getX(), at.getY(), reach, qra, exposure, "plant", threads);
  figures["societal_risk"] = societal.figures;
  for (SourcePart& part : societal.parts) out.parts.push_back(std::move(part));
  figures["external_safety"] = {{"target_class", safetyClass}, {"level_per_year", out.externalSafetyLevel},
                                {"distance_m", std::round(out.externalSafetyM)}};
  out.figures = figures;

  long long computed = 0;
  for (const json& r : scenarios.rows) computed += r.value("computed", false);
  char buf[768];
  std::snprintf(buf, sizeof buf,
                "QRA (GB/T 37243-2019 6): %lld of %zu scenarios computed; individual risk %s m to %s/y "
                "(%s installation, GB 36894-2018 Table 1); %lld of %lld protected targets above their criterion; %s%s%s",
                computed, scenarios.rows.size(), std::to_string(static_cast<long>(std::round(out.externalSafetyM))).c_str(),
                levelText(out.externalSafetyLevel).c_str(), installation.c_str(), exceeding, checked,
                weather.isDefault ? "weather: riskmap default" : ("weather: " + weather.name).c_str(),
                scenarios.rows.empty() ? "" : "; ", locVerificationText(scenarios).c_str());
  out.rule = std::string(buf) + "; " + societal.rule;
  out.ruleZh = societal.ruleZh;
  return out;
}

}  // namespace riskmap::qra
