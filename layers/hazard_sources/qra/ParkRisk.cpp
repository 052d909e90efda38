#include "ParkRisk.hpp"

#include "ContourModels.hpp"
#include "GbCriteria.hpp"
#include "PlantRisk.hpp"
#include "PlantSocietalRisk.hpp"
#include "riskmap/assess/Rules.hpp"

#include <ogr_api.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <thread>

namespace riskmap::qra {

using nlohmann::json;

namespace {

// The farthest any vertex of an area lies from its nearest plant.
double reachFromNearestPlant(const OGRGeometry& g, const std::vector<ParkPlant>& plants) {
  double best = 0;
  auto ring = [&](const OGRLinearRing* r) {
    if (!r) return;
    for (int i = 0; i < r->getNumPoints(); ++i) {
      double nearest = std::numeric_limits<double>::infinity();
      for (const ParkPlant& p : plants) nearest = std::min(nearest, std::hypot(r->getX(i) - p.model->x, r->getY(i) - p.model->y));
      best = std::max(best, nearest);
    }
  };
  const OGRwkbGeometryType t = wkbFlatten(g.getGeometryType());
  if (t == wkbPolygon) ring(g.toPolygon()->getExteriorRing());
  if (t == wkbMultiPolygon)
    for (const OGRPolygon* p : *g.toMultiPolygon()) ring(p->getExteriorRing());
  return best;
}

std::vector<double> contourLevels(const Rules& qra) {
  std::vector<double> levels;
  if (const toml::array* a = qra.array("criteria.contour_levels"))
    for (const toml::node& n : *a)
      if (auto v = n.value<double>()) levels.push_back(*v);
  std::sort(levels.begin(), levels.end());
  return levels;
}

}  // namespace

ParkRisk assessParkRisk(const std::string& parkId, const std::vector<ParkPlant>& plants, const Rules& qra,
                        ExposureQueries& exposure, unsigned threads) {
  ParkRisk out;
  const auto t0 = std::chrono::steady_clock::now();
  // The strictest installation of the park: a new plant holds the park to the new criteria.
  std::string installation = "existing";
  bool locVerified = true, weatherDefault = true;
  ContourModels parkModels;  // the union of the plants' models
  std::string weatherName, plantIds;
  double west = std::numeric_limits<double>::infinity(), east = -west, south = west, north = -west;
  double cx = 0, cy = 0;
  for (const ParkPlant& p : plants) {
    const PlantModel& m = *p.model;
    if (m.installation == "new") installation = "new";
    locVerified = locVerified && m.scenarios.unverifiedLocRows.empty();
    weatherDefault = m.weather.isDefault;
    weatherName = m.weather.name;
    parkModels.add(contourModels(m.scenarios));
    plantIds += (plantIds.empty() ? "" : ",") + p.plantId;
    cx += m.x / plants.size();
    cy += m.y / plants.size();
    if (m.reachM <= 0) continue;
    west = std::min(west, m.x - m.reachM), east = std::max(east, m.x + m.reachM);
    south = std::min(south, m.y - m.reachM), north = std::max(north, m.y + m.reachM);
  }
  const std::string weatherNote = weatherDefault ? "riskmap default weather" : weatherName;

  // One grid over every plant's reach: assess.cell_m cells, coarser past assess.max_cells.
  std::vector<RiskContour> contours;
  RiskGridSpec grid;
  const std::vector<double> levels = contourLevels(qra);
  if (east > west) {
    grid.cell = qra.number("assess.cell_m");
    const double maxCells = qra.number("assess.max_cells");
    const double w = east - west + 2 * grid.cell, h = north - south + 2 * grid.cell;
    if ((w / grid.cell) * (h / grid.cell) > maxCells) grid.cell = std::sqrt(w * h / maxCells) * 1.01;
    grid.cols = static_cast<int>(std::ceil((east - west) / grid.cell)) + 2;
    grid.rows = static_cast<int>(std::ceil((north - south) / grid.cell)) + 2;
    grid.west = west - grid.cell;
    grid.north = north + grid.cell;
    std::vector<double> risk(static_cast<std::size_t>(grid.cols) * grid.rows, 0.0);
    for (const ParkPlant& p : plants) p.model->addRisk(risk, grid, threads);
    contours = riskContours(risk, grid, levels);
  }

  json contourFigures = json::array();
  const OGRGeometry* lowest = nullptr;
  const std::string model = parkModels.text();
  for (RiskContour& c : contours) {
    const double reach = c.area ? reachFromNearestPlant(*c.area, plants) : 0;
    contourFigures.push_back({{"level_per_year", c.level}, {"reach_m", reach},
                              {"area_km2", c.area ? OGR_G_Area(OGRGeometry::ToHandle(c.area.get())) / 1e6 : 0.0}});
    if (!c.area) continue;
    SourcePart part;
    part.table = kContoursTable;
    part.sourceId = parkId;
    part.attributes = {{"scope", "park"},
                       {"park_id", parkId},
                       {"plants", plantIds},
                       {"level", c.level},
                       {"level_text", levelText(c.level)},
                       {"reach_m", std::round(reach)},
                       {"installation", installation},
                       {"weather", weatherNote},
                       {"weather_is_default", weatherDefault ? 1 : 0},
                       {"loc_frequencies_verified", locVerified ? 1 : 0},
                       {"model", model + "; the park's plants summed"},
                       {"standard", "GB 36894-2018 Table 1 levels; individual risk summed over the park's plants"}};
    part.geometry.reset(c.area->clone());
    out.parts.push_back(std::move(part));
    if (!lowest) lowest = out.parts.back().geometry.get();
  }

  // Protected targets inside the summed risk's lowest contour, each on the
  // sum and on its largest single plant's risk.
  long long checked = 0, exceeding = 0, onlyOnSum = 0;
  json exceedingTargets = json::array();
  std::string onlyOnSumNames;
  if (lowest)
    for (const NearbyFeature& t : exposure.targetListIn(*lowest)) {
      if (!t.geometry) continue;
      const OGRPoint p = targetPoint(*t.geometry);
      double risk = 0, largest = 0;
      for (const ParkPlant& pl : plants) {
        const double r = pl.model->individualRisk(p.getX(), p.getY());
        risk += r;
        largest = std::max(largest, r);
      }
      const auto cls = qra.text("target_class." + t.kind);
      const std::string targetClass = cls.value_or("general_3");
      const double limit = criterion(qra, installation, targetClass);
      const bool over = risk > limit, overAlone = largest > limit;
      ++checked;
      exceeding += over;
      if (over && !overAlone) {
        ++onlyOnSum;
        onlyOnSumNames += (onlyOnSumNames.empty() ? "" : ", ") + t.name;
      }
      if (over)
        exceedingTargets.push_back({{"name", t.name}, {"kind", t.kind}, {"class", targetClass},
                                    {"individual_risk", risk}, {"largest_plant_risk", largest},
                                    {"criterion_per_year", limit}, {"only_on_the_sum", !overAlone}});
      SourcePart part;
      part.table = kTargetChecksTable;
      part.sourceId = parkId;
      part.attributes = {{"scope", "park"},
                         {"park_id", parkId},
                         {"target_name", t.name},
                         {"target_kind", t.kind},
                         {"target_class", targetClass},
                         {"class_from", cls ? "qra.toml target_class (riskmap default mapping)" : "kind not mapped: general_3"},
                         {"installation", installation},
                         {"criterion_per_year", limit},
                         {"individual_risk", risk},
                         {"largest_plant_risk", largest},
                         {"exceeds", over ? 1 : 0},
                         {"verdict", !over       ? "within its criterion on the park's summed risk"
                                     : overAlone ? "exceeds its criterion"
                                                 : "exceeds its criterion on the park's summed risk only"},
                         {"standard", "GB 36894-2018 Table 1"},
                         {"weather", weatherNote}};
      part.geometry.reset(p.clone());
      out.parts.push_back(std::move(part));
    }

  // The park's F-N: every outcome of every plant, over the people within
  // the farthest reach from the plants' mean position.
  std::vector<const OutcomeModel*> models;
  double reach = 0;
  for (const ParkPlant& p : plants) {
    for (const OutcomeModel* m : p.model->outcomes()) models.push_back(m);
    if (p.model->reachM > 0) reach = std::max(reach, std::hypot(p.model->x - cx, p.model->y - cy) + p.model->reachM);
  }
  SocietalRisk societal = assessSocietalRisk(models, cx, cy, reach, qra, exposure, "park", threads);
  for (SourcePart& part : societal.parts) {
    part.sourceId = parkId;
    part.attributes["park_id"] = parkId;
    out.parts.push_back(std::move(part));
  }

  double reach3 = 0;  // the summed risk's reach at the strictest level shown (the lowest)
  if (!contourFigures.empty()) reach3 = contourFigures[0]["reach_m"].get<double>();
  out.figures = {{"park_id", parkId},
                 {"plants", plantIds},
                 {"installation", installation},
                 {"grid", {{"cell_m", grid.cell}, {"cells", static_cast<long long>(grid.cols) * grid.rows},
                           {"seconds", std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()}}},
                 {"contours", contourFigures},
                 {"targets_checked", checked},
                 {"targets_exceeding", exceeding},
                 {"targets_exceeding_only_on_the_sum", onlyOnSum},
                 {"exceeding_targets", exceedingTargets},
                 {"societal_risk", societal.figures}};
  char buf[768];
  std::snprintf(buf, sizeof buf,
                "chemical park %s (%zu plants with QRA inputs: %s), individual risk summed: the %s/y contour reaches "
                "%.0f m from the nearest plant; %lld of %lld protected targets above their criterion on the sum "
                "(%lld only on the sum%s%s)",
                parkId.c_str(), plants.size(), plantIds.c_str(), levels.empty() ? "-" : levelText(levels[0]).c_str(),
                reach3, exceeding, checked, onlyOnSum, onlyOnSum ? ": " : "", onlyOnSumNames.c_str());
  out.rule = std::string(buf) + "; park " + societal.rule;
  std::snprintf(buf, sizeof buf,
                "化工园区 %s（%zu 家有定量风险评价输入的企业：%s）个人风险叠加：%s/年 等值线距最近企业 %.0f m；"
                "%lld 个防护目标中 %lld 个超过其个人风险基准（其中 %lld 个仅叠加后超过%s%s）",
                parkId.c_str(), plants.size(), plantIds.c_str(), levels.empty() ? "-" : levelText(levels[0]).c_str(),
                reach3, checked, exceeding, onlyOnSum, onlyOnSum ? "：" : "", onlyOnSumNames.c_str());
  out.ruleZh = std::string(buf) + "；园区" + societal.ruleZh;
  return out;
}

std::vector<SourcePart> assessParks(AssessedSources& plants, ExposureQueries& exposure, const Rules& kindRules) {
  // park_id -> the indices of its plants with a QRA model, in the layer's order.
  std::map<std::string, std::vector<std::size_t>> parks;
  for (std::size_t i = 0; i < plants.size(); ++i) {
    const auto park = plants[i].first.attributes.text("park_id");
    if (park && !park->empty() && plants[i].second.kindState) parks[*park].push_back(i);
  }
  std::vector<SourcePart> out;
  if (parks.empty()) return out;
  const Rules qra = qraRules(kindRules);
  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  for (const auto& [parkId, members] : parks) {
    if (members.size() < 2) continue;  // one plant: the park's sum is the plant's own rows
    std::vector<ParkPlant> group;
    for (std::size_t i : members)
      group.push_back({plants[i].first.id, std::static_pointer_cast<const PlantModel>(plants[i].second.kindState)});
    ParkRisk park = assessParkRisk(parkId, group, qra, exposure, threads);
    for (std::size_t i : members) {
      GradeResult& g = plants[i].second.grade;
      g.rule += "; " + park.rule;
      g.ruleZh += "；" + park.ruleZh;
      if (g.figures.contains("qra")) g.figures["qra"]["park"] = park.figures;
    }
    for (SourcePart& p : park.parts) out.push_back(std::move(p));
  }
  return out;
}

}  // namespace riskmap::qra
