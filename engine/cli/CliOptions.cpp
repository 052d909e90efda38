#include "CliOptions.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>

#include "DataPaths.hpp"
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

std::filesystem::path stylesDirectory(const std::string& option) {
  if (!option.empty()) return option;
  return requirePath(dataPaths().styles, "styles directory", "--style", "RISKMAP_STYLES_DIR");
}

std::filesystem::path stylePath(const std::string& option) {
  return option.empty() ? stylesDirectory("") / "default.json" : std::filesystem::path(option);
}

std::filesystem::path palettePath(const std::filesystem::path& style) {
  // The key Style::load follows, so the viewer's legend matches the tiles.
  std::ifstream in(style);
  const nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  // MapLibre form: metadata "riskmap:palette"; the older form: a top-level "palette".
  const nlohmann::json own = j.is_object() && j.contains("version") ? j.value("metadata", nlohmann::json::object()) : j;
  const char* key = j.is_object() && j.contains("version") ? "riskmap:palette" : "palette";
  const std::string name = own.is_object() && own.contains(key) && own[key].is_string() ? own[key].get<std::string>() : "palette.toml";
  return style.parent_path() / name;
}

std::filesystem::path viewerDirectory(const std::string& option) {
  if (!option.empty()) return option;
  return requirePath(dataPaths().viewer, "viewer directory", "--viewer-dir", "RISKMAP_VIEWER_DIR");
}

std::filesystem::path defaultTilesPath(const Project& p) {
  return p.library.sidePath().parent_path() / (p.library.sidePath().stem().string() + ".mbtiles");
}

std::filesystem::path defaultVectorTilesPath(const Project& p) {
  return p.library.sidePath().parent_path() / (p.library.sidePath().stem().string() + "-mvt.mbtiles");
}

std::filesystem::path defaultCgcs2000VectorTilesPath(const Project& p) {
  return p.library.sidePath().parent_path() / (p.library.sidePath().stem().string() + "-mvt-cgcs2000");
}

std::filesystem::path defaultCgcs2000TilesPath(const Project& p) {
  return p.library.sidePath().parent_path() / (p.library.sidePath().stem().string() + "-cgcs2000");
}

std::filesystem::path rulesDirectory(const std::string& option) {
  if (!option.empty()) return option;
  return requirePath(dataPaths().rules, "rules directory", "--rules-dir", "RISKMAP_RULES_DIR");
}

std::filesystem::path outputFolder(const std::string& option, const std::filesystem::path& fallback) {
  const std::filesystem::path dir = option.empty() ? fallback : std::filesystem::path(option);
  std::error_code ec;
  if (dir.empty() || std::filesystem::is_directory(dir, ec)) return dir;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir))
    throw UserError("--out " + dir.string() + ": cannot create the folder" + (ec ? ": " + ec.message() : ""));
  return dir;
}

std::string today() {
  const std::time_t now = std::time(nullptr);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", std::localtime(&now));
  return buf;
}

}  // namespace riskmap::cli
