#pragma once
// The legend a map needs: the style's legend rows ("riskmap:legend") of
// layers drawn at the map's zoom that have a feature in view matching the
// row, so the legend shows every symbol the map shows and nothing else.
#include <gdal_priv.h>

#include <string>
#include <vector>

#include "riskmap/render/MapView.hpp"
#include "riskmap/render/Style.hpp"

namespace riskmap {

struct LegendRow {
  std::string label;
  std::vector<const StyleLayer*> layers;  // drawn bottom to top: the `with` layers, then the row's own
  FeatureProperties properties;
};

std::vector<LegendRow> legendRows(const Style& style, GDALDataset& library, const MapView& view);

}  // namespace riskmap
