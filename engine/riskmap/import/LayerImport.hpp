#pragma once
// Importing one project layer into the one library: a vector layer feature
// by feature, or a raster as a grid in the analysis CRS.
#include <gdal_priv.h>

#include <string>
#include <vector>

#include "riskmap/crs/WebMapOffsets.hpp"
#include "riskmap/import/RejectTable.hpp"
#include "riskmap/layer/LayerKind.hpp"
#include "riskmap/library/Library.hpp"
#include "riskmap/project/Project.hpp"

namespace riskmap {

class SourceLayer;

class RelatedRows;

struct ImportContext {
  const OGRSpatialReference& target;  // the analysis CRS
  RejectTable* rejects = nullptr;
  bool quiet = false;
  // When set, a layer's related tables are handed over here after its
  // features, and their orphan rows are left to the caller, which knows
  // every layer sharing a table; when null, each layer reports its own.
  std::vector<RelatedRows>* relatedOut = nullptr;
};

// The layer's `coordinates` (web-map offset) as the preparer takes it; a
// UserError naming the layer and key when the source is not lon/lat.
WebMapCoordinates webMapCoordinatesFor(const LayerSpec& spec, const SourceLayer& source);

library::LayerEntry importVectorLayer(const LayerSpec& spec, const LayerKind& kind, SourceLayer& source,
                                      GDALDataset& library, const ImportContext& ctx);

// Writes the raster into the GeoPackage at libraryPath as a tiled Float32
// table; the GeoPackage must not be open elsewhere while this runs.
library::LayerEntry importRasterLayer(const LayerSpec& spec, const LayerKind& kind,
                                      const std::string& libraryPath, const ImportContext& ctx);

// True when the source opens as a raster with at least one band.
bool isRasterSource(const LayerSpec& spec);

}  // namespace riskmap
