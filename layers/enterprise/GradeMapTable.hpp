#pragma once
// The grade map (等级图) in the one library: table `enterprise_grades`, one
// polygon per georeferenced enterprise (its site plan's outline in the
// library's CRS) with its grade (就高 over its units) and its major risk
// points by name, so the regional map, the poster and the tiles draw every
// enterprise in its grade's colour (styles/default.json). Written in one
// transaction under the library's writer lock; a rerun replaces it.
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "PreparedPlant.hpp"
#include "riskmap/library/Location.hpp"

namespace riskmap::enterprise {

inline constexpr const char* kEnterpriseGradesTable = "enterprise_grades";

struct GradeMapReport {
  int written = 0;
  std::vector<std::string> skipped;  // "<id>: why" (not georeferenced, no graded point)
};

GradeMapReport writeGradeMap(const library::Location& library, const std::vector<PreparedPlant>& plants);

// The enterprise of the grade map at a place (CGCS2000 lon, lat): its id, name,
// grade and major points; null when the library has no grade map or none is there.
nlohmann::json enterpriseAtLonLat(const std::filesystem::path& library, double lon, double lat);

// "甲醇储罐区 (1), 液氨储罐 (2)": the plant's major points by name and plan number.
std::string majorPointNames(const PreparedPlant& p);

}  // namespace riskmap::enterprise
