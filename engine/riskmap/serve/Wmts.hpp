#pragma once
// OGC WMTS 1.0.0 (OGC 07-057r7) for the four-colour tiles: the
// ServiceMetadata document (GetCapabilities, KVP and RESTful), the KVP
// GetTile request parsed, the RESTful tile path parsed, and OWS 1.1
// exception reports. One layer, one style ("default"), PNG, in the tile
// matrix sets the server draws (GoogleMapsCompatible, CGCS2000).
// Clients: QGIS, ArcGIS, SuperMap, OpenLayers (optionsFromCapabilities), GDAL.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "riskmap/tiles/TileMatrixSet.hpp"

namespace riskmap {

struct WmtsMatrixSetLink {
  TileMatrixSet set;
  int minzoom = 0, maxzoom = 18;  // the levels served; the TileMatrixSetLimits list them
};

struct WmtsService {
  std::string title;            // the project's name
  std::string layer = "riskmap";  // the layer's identifier
  LonLatBox bounds{};           // the study area's
  std::vector<WmtsMatrixSetLink> sets;
  // The vector tiles (MVT), as a second layer of format
  // application/vnd.mapbox-vector-tile in the sets they are served in (none: no such layer).
  std::string vectorLayer = "riskmap-vector";
  std::vector<WmtsMatrixSetLink> vectorSets;
};

inline constexpr const char* kMvtMediaType = "application/vnd.mapbox-vector-tile";

// baseUrl: "http://host:port" as the client reached the server.
std::string wmtsCapabilities(const WmtsService& service, const std::string& baseUrl);

// A WMTS request, from KVP (?SERVICE=WMTS&REQUEST=...) or a RESTful path.
struct WmtsRequest {
  enum class Kind { Capabilities, Tile, Error } kind = Kind::Error;
  // Tile: the set and tile (z = TileMatrix, y = TileRow, x = TileCol).
  std::optional<TileMatrixSet> set;
  TileId tile;
  bool vector = false;  // a tile of the vector layer (MVT)
  // Error: the OWS exception code, the parameter at fault, the text; status 400 or 404.
  std::string code, locator, text;
  int status = 400;
};

// query: the part after '?' of /wmts?...; keys are case-insensitive (07-057r7 8.2.1).
WmtsRequest parseWmtsKvp(std::string_view query, const WmtsService& service);
// path after "/wmts/1.0.0/": "WMTSCapabilities.xml" or
// "{layer}/{style}/{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}.png" (.pbf for the vector layer).
WmtsRequest parseWmtsRest(std::string_view path, const WmtsService& service);

// An OWS 1.1 ExceptionReport (OGC 06-121r3 section 8) for an Error request.
std::string owsExceptionReport(const WmtsRequest& error);

// A URL's %XX and '+' decoded (clients encode image%2Fpng, font names' spaces).
std::string percentDecode(std::string_view s);

// Text safe inside XML character data and attribute values.
std::string xmlEscape(std::string_view text);

}  // namespace riskmap
