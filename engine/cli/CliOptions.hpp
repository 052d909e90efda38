#pragma once
// Option values several subcommands share, parsed one way with one error.
#include <filesystem>
#include <string>

#include "riskmap/crs/Crs.hpp"
#include "riskmap/project/Project.hpp"

namespace riskmap::cli {

// "8-14" or "12": a zoom range the way gdal2tiles takes it.
void parseZoomRange(const std::string& text, int& minzoom, int& maxzoom);

// "W,S,E,N" in degrees, W < E and S < N.
LonLatBox parseBbox(const std::string& text);

// The option if given, else the styles directory (DataPaths.hpp: $RISKMAP_STYLES_DIR,
// the data directory's styles/, the build tree's).
std::filesystem::path stylesDirectory(const std::string& option);

// --style, or default.json in the styles directory.
std::filesystem::path stylePath(const std::string& option);

// The palette a style file names ("palette", default palette.toml), beside it.
std::filesystem::path palettePath(const std::filesystem::path& style);

// --viewer-dir, else $RISKMAP_VIEWER_DIR, else the data directory's viewer/, else the build's.
std::filesystem::path viewerDirectory(const std::string& option);

// --rules-dir, else $RISKMAP_RULES_DIR, else the data directory's layers/, else the source tree's.
std::filesystem::path rulesDirectory(const std::string& option);

// An --out folder (`option`, or `fallback` when empty), created with its
// parents when missing, as GDAL's tile writers do; UserError naming the
// path when it cannot be (a file in the way, no permission).
std::filesystem::path outputFolder(const std::string& option, const std::filesystem::path& fallback);

// Today as YYYY-MM-DD, the date printed on posters and reports by default.
std::string today();

// Where `tiles` writes and `serve` looks by default: <library>.mbtiles beside the library.
std::filesystem::path defaultTilesPath(const Project& p);
// The CGCS2000 (EPSG:4490) pyramid's directory beside the library: <library>-cgcs2000/.
std::filesystem::path defaultCgcs2000TilesPath(const Project& p);
// The vector tiles (MVT) beside the library: <library>-mvt.mbtiles.
std::filesystem::path defaultVectorTilesPath(const Project& p);
// The CGCS2000 vector tiles' directory beside the library: <library>-mvt-cgcs2000/.
std::filesystem::path defaultCgcs2000VectorTilesPath(const Project& p);

}  // namespace riskmap::cli
