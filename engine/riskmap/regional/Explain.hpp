#pragma once
// "Why is this red?": for a location, its regional grade, the zones and
// sources that gave it, each with its rule and the population figures used.
// A library call (the web viewer's click uses it) and `riskmap explain`.
#include <nlohmann/json.hpp>

#include <filesystem>

namespace riskmap {

// x, y in the library's analysis CRS.
nlohmann::json explainAt(const std::filesystem::path& library, double x, double y);

// lon, lat in CGCS2000 (EPSG:4490), as users and web maps give them.
nlohmann::json explainAtLonLat(const std::filesystem::path& library, double lon, double lat);

}  // namespace riskmap
