#pragma once
// A relocation scenario as the planner writes it: a name (its tables are
// scenario_<name>_*), and moves "plant P goes to park K" or "to lon,lat",
// from the command line or a scenario file (docs/relocation.md).
#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace riskmap::relocation {

struct Destination {
  std::string park;                           // a park_id, or
  std::optional<std::array<double, 2>> lonLat;  // CGCS2000 degrees
  std::string text() const;                   // as the planner wrote it
};

struct Move {
  std::string plant;  // plant_id
  Destination to;
};

struct ScenarioSpec {
  std::string name, title;
  std::vector<Move> moves;

  // "P01" or "120.71,30.08"; UserError naming what is wrong.
  static Destination parseDestination(const std::string& text);
  // --move/--to pairs, in order.
  static ScenarioSpec fromFlags(const std::string& name, const std::vector<std::string>& plants,
                                const std::vector<std::string>& destinations);
  // A TOML file: name, title, [[move]] plant = "...", to = "P01" | [lon, lat].
  static ScenarioSpec fromFile(const std::filesystem::path& file);
};

}  // namespace riskmap::relocation
