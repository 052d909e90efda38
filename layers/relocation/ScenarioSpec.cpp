#include "ScenarioSpec.hpp"

#include <toml++/toml.h>

#include <cmath>
#include <cstdio>
#include <set>

#include "riskmap/core/Error.hpp"
#include "riskmap/core/Files.hpp"
#include "riskmap/scenario/ScenarioLibrary.hpp"

namespace riskmap::relocation {
namespace {

std::array<double, 2> checkedLonLat(double lon, double lat, const std::string& where) {
  if (!std::isfinite(lon) || !std::isfinite(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90)
    throw UserError(where + ": not a longitude,latitude in degrees");
  return {lon, lat};
}

void checkMoves(const ScenarioSpec& s, const std::string& where) {
  checkScenarioName(s.name);
  if (s.moves.empty()) throw UserError(where + ": a scenario needs at least one move");
  std::set<std::string> seen;
  for (const Move& m : s.moves)
    if (!seen.insert(m.plant).second) throw UserError(where + ": plant " + m.plant + " is moved twice");
}

}  // namespace

std::string Destination::text() const {
  if (!lonLat) return park;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6f,%.6f", (*lonLat)[0], (*lonLat)[1]);
  return buf;
}

Destination ScenarioSpec::parseDestination(const std::string& text) {
  Destination d;
  const auto comma = text.find(',');
  if (comma == std::string::npos) {
    if (text.empty()) throw UserError("--to: empty destination (a park_id or LON,LAT)");
    d.park = text;
    return d;
  }
  try {
    std::size_t a = 0, b = 0;
    const std::string lon = text.substr(0, comma), lat = text.substr(comma + 1);
    const double x = std::stod(lon, &a), y = std::stod(lat, &b);
    if (a != lon.size() || b != lat.size()) throw std::invalid_argument(text);
    d.lonLat = checkedLonLat(x, y, "--to " + text);
  } catch (const std::logic_error&) {
    throw UserError("--to " + text + ": not LON,LAT in degrees (or a park_id without a comma)");
  }
  return d;
}

ScenarioSpec ScenarioSpec::fromFlags(const std::string& name, const std::vector<std::string>& plants,
                                     const std::vector<std::string>& destinations) {
  if (plants.size() != destinations.size())
    throw UserError("relocate: " + std::to_string(plants.size()) + " --move but " + std::to_string(destinations.size()) +
                    " --to; give each moved plant its destination");
  ScenarioSpec s;
  s.name = name;
  for (std::size_t i = 0; i < plants.size(); ++i) s.moves.push_back({plants[i], parseDestination(destinations[i])});
  checkMoves(s, "relocate");
  return s;
}

ScenarioSpec ScenarioSpec::fromFile(const std::filesystem::path& file) {
  const std::string where = file.string();
  toml::table root;
  try {
    root = toml::parse(readFile(file, "scenario file"), where);
  } catch (const toml::parse_error& e) {
    throw UserError(where + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
  }
  ScenarioSpec s;
  s.name = root["name"].value_or(std::string());
  if (s.name.empty()) throw UserError(where + ": name is missing (it names the scenario's tables)");
  s.title = root["title"].value_or(std::string());
  for (const auto& [k, v] : root)
    if (k != "name" && k != "title" && k != "move") throw UserError(where + ": unknown key '" + std::string(k.str()) + "'");
  const toml::array* moves = root["move"].as_array();
  if (!moves) throw UserError(where + ": no [[move]] tables");
  for (std::size_t i = 0; i < moves->size(); ++i) {
    const std::string at = where + ": move " + std::to_string(i + 1);
    const toml::table* t = (*moves)[i].as_table();
    if (!t) throw UserError(at + ": must be a [[move]] table");
    for (const auto& [k, v] : *t)
      if (k != "plant" && k != "to") throw UserError(at + ": unknown key '" + std::string(k.str()) + "'");
    Move m;
    m.plant = (*t)["plant"].value_or(std::string());
    if (m.plant.empty()) throw UserError(at + ": plant (a plant_id) is missing");
    const toml::node* to = t->get("to");
    if (!to) throw UserError(at + " (" + m.plant + "): to is missing (a park_id or [lon, lat])");
    if (const auto park = to->value<std::string>()) {
      m.to = parseDestination(*park);
    } else if (const toml::array* a = to->as_array(); a && a->size() == 2 && (*a)[0].value<double>() &&
                                                       (*a)[1].value<double>()) {
      m.to.lonLat = checkedLonLat(*(*a)[0].value<double>(), *(*a)[1].value<double>(), at + " (" + m.plant + "): to");
    } else {
      throw UserError(at + " (" + m.plant + "): to must be a park_id or [lon, lat]");
    }
    s.moves.push_back(std::move(m));
  }
  checkMoves(s, where);
  return s;
}

}  // namespace riskmap::relocation
