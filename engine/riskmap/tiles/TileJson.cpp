#include "riskmap/tiles/TileJson.hpp"

namespace riskmap {

nlohmann::json tileJson(const TilesetInfo& info, const std::vector<std::string>& tiles, const nlohmann::json& vectorLayers) {
  const LonLatBox& b = info.bounds;
  nlohmann::json j = {
      {"tilejson", "3.0.0"},
      {"name", info.name},
      {"description", info.description},
      {"attribution", info.attribution},
      {"tiles", tiles},
      {"scheme", "xyz"},
      {"minzoom", info.minzoom},
      {"maxzoom", info.maxzoom},
      {"bounds", {b.west, b.south, b.east, b.north}},
      {"center", {info.centerLon, info.centerLat, info.centerZoom}},
  };
  if (!vectorLayers.is_null()) j["vector_layers"] = vectorLayers;
  return j;
}

}  // namespace riskmap
