#pragma once
// The project file: one TOML file per study area (docs/project-file.md).
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "riskmap/library/Location.hpp"

namespace riskmap {

// Rows of another table gathered into a JSON field of the layer, e.g. a
// plant's substance inventory kept in a separate CSV.
struct RelatedTableSpec {
  std::string intoField;      // the kind's JSON field that receives the rows
  std::string source;
  std::string sourceLayer;
  std::string key;            // field of the related table naming its parent
  std::string parentKey;      // field of the layer (schema name) it matches
  std::string encoding;
  std::vector<std::string> openOptions;
  std::map<std::string, std::string> fields;  // JSON key -> related table field
};

struct LayerSpec {
  std::string name;         // table name in the one library
  std::string kind;         // a registered LayerKind
  std::string source;       // any GDAL path or connection string
  std::string sourceLayer;  // for multi-layer sources; empty: the only/first layer
  std::string srs;          // source CRS override (GDAL's -s_srs); empty: the source's
  std::string encoding;     // source text encoding override, e.g. "GBK"
  std::string where;        // OGR attribute filter
  std::vector<std::string> openOptions;
  std::map<std::string, std::string> fields;  // schema field -> source field
  std::vector<RelatedTableSpec> related;
  // Web-map offset of lon/lat sources: "gcj02" (Amap, Tencent), "bd09"
  // (Baidu), removed at import; "none" declares there is none; empty: not
  // declared (import warns when points look offset).
  std::string coordinates;
};

// [poster]: what the county's poster says about itself (docs/project-file.md).
struct PosterSettings {
  std::string office;    // issuing unit, e.g. 江澄县应急管理局
  std::string note;      // e.g. 内部资料 注意保存
  std::string dataDate;  // when the data were collected; default: the library's date
  std::string locator;   // library table drawn round the county in the locator inset (its city or province)
};

// [web]: what `riskmap serve`'s viewer shows under the four-colour tiles (docs/web-tiles.md).
struct WebSettings {
  std::string basemap;             // an XYZ URL template ({z}/{x}/{y}, {s}), e.g. Tianditu's with its tk; empty: none
  std::string basemapAttribution;  // shown in the map's corner
};

// [relocation]: the relocation review's project-specific inputs (docs/relocation.md).
struct RelocationSettings {
  std::string urbanAreas;  // library table of urban-area polygons; empty: the population-density test
};

// [enterprise]: the enterprise four-colour maps (docs/enterprise-map.md).
struct EnterpriseSettings {
  std::string plants;  // the plants file (TOML), resolved against the project's folder; empty: none
};

// [assess]: how missing exposure data are read and reported (docs/project-file.md).
struct AssessSettings {
  // A count whose zone the data cover less than this share of is marked
  // incomplete (riskmap's default; no standard fixes it).
  double minCoverage = 0.99;
  bool minCoverageGiven = false;            // the project set it (else riskmap's default)
  bool incompleteIsError = false;           // on_incomplete = "error": stop instead of marking
  std::string populationNoData = "unknown"; // what a no-data population cell means: unknown | nobody | water
  std::string waterMask;                    // library table of water polygons, with "water"
  // What an elevation raster's undeclared vertical unit is taken for:
  // m_if_projected (metres on a projected grid, unusable on a lon/lat one) | m | declared_only
  std::string terrainHeights = "m_if_projected";
};

struct Project {
  std::filesystem::path file;
  std::string name;
  std::string crs = "auto";        // "auto" or anything parseSrs takes
  library::Location library;       // the one library: a GeoPackage, or PostGIS (docs/postgis.md)
  std::vector<LayerSpec> layers;
  std::map<std::string, std::string> ruleOverrides;  // kind -> TOML text of [rules.<kind>]
  std::string studyArea;   // table whose polygons bound the four-colour map (the county)
  std::string townships;   // table the per-township summary is cut by
  AssessSettings assess;
  PosterSettings poster;
  RelocationSettings relocation;
  EnterpriseSettings enterprise;
  WebSettings web;

  // Throws UserError with the file and key at fault.
  static Project load(const std::filesystem::path& file);
  static Project parse(const std::string& text, const std::filesystem::path& file);

  const LayerSpec* findLayer(const std::string& name) const;
};

}  // namespace riskmap
