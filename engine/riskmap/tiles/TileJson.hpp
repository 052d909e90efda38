#pragma once
// A tileset described as TileJSON 3.0.0 (https://github.com/mapbox/tilejson-spec/tree/master/3.0.0):
// what MapLibre GL, OpenLayers (ol/source/TileJSON), Leaflet plugins and
// Cesium read to find the tiles, zooms, bounds and centre. Written beside a
// tile directory (metadata.json) and served by `riskmap serve` (/tiles.json).
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "riskmap/tiles/Tileset.hpp"

namespace riskmap {

// tiles: URL templates with {z}, {x}, {y}. vectorLayers: the `vector_layers`
// of a vector tileset (required there by the spec), empty for raster tiles.
nlohmann::json tileJson(const TilesetInfo& info, const std::vector<std::string>& tiles,
                        const nlohmann::json& vectorLayers = nlohmann::json());

}  // namespace riskmap
