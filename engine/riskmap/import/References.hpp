#pragma once
// Fields that name another layer's features (a hidden danger's plant_id):
// checked once every layer is in the library. A value naming no feature
// rejects its record; a record of a kind located by reference that came
// without geometry takes the named feature's location.
#include <gdal_priv.h>

#include <vector>

#include "riskmap/import/RejectTable.hpp"
#include "riskmap/layer/LayerRegistry.hpp"
#include "riskmap/library/Library.hpp"
#include "riskmap/project/Project.hpp"

namespace riskmap {

// entries: the import balance of project.layers, in the same order
// (accepted and rejected move with each record rejected here).
void resolveReferences(GDALDataset& library, const Project& project, const LayerRegistry& kinds, RejectTable& rejects,
                       std::vector<library::LayerEntry>& entries);

}  // namespace riskmap
