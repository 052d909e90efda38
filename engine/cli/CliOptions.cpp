#include "CliOptions.hpp"

#include <cstdio>
#include <cstdlib>
#include <ctime>

#include "riskmap/core/Error.hpp"

namespace riskmap::cli {

void parseZoomRange(const std::string& text, int& minzoom, int& maxzoom) {
  int a = 0, b = 0;
  char tail = 0;
  if (std::sscanf(text.c_str(), "%d-%d%c", &a, &b, &tail) == 2) minzoom = a, maxzoom = b;
  else if (std::sscanf(text.c_str(), "%d%c", &a, &tail) == 1) minzoom = maxzoom = a;
  else throw UserError("--zoom '" + text + "': expected MIN-MAX, e.g. 8-14");
}

LonLatBox parseBbox(const std::string& text) {
  LonLatBox b;
  char tail = 0;
  if (std::sscanf(text.c_str(), "%lf,%lf,%lf,%lf%c", &b.west, &b.south, &b.east, &b.north, &tail) != 4 ||
      b.west >= b.east || b.south >= b.north)
    throw UserError("--bbox '" + text + "': expected W,S,E,N in degrees with W < E and S < N");
  return b;
}

std::filesystem::path stylePath(const std::string& option) {
  return option.empty() ? std::filesystem::path(RISKMAP_STYLES_DIR) / "default.json" : std::filesystem::path(option);
}

std::filesystem::path defaultTilesPath(const Project& p) {
  return p.library.parent_path() / (p.library.stem().string() + ".mbtiles");
}

std::filesystem::path rulesDirectory(const std::string& option) {
  if (!option.empty()) return option;
  const char* env = std::getenv("RISKMAP_RULES_DIR");
  return env && *env ? env : RISKMAP_RULES_DIR;
}

std::string today() {
  const std::time_t now = std::time(nullptr);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", std::localtime(&now));
  return buf;
}

}  // namespace riskmap::cli
