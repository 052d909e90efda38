#pragma once
// People inside many zones at once, across all cores: each thread owns its
// own PopulationGrid (GDAL handles are never shared between threads) and
// takes zones from a shared counter.
#include <memory>
#include <string>
#include <vector>

#include "riskmap/exposure/PopulationGrid.hpp"

namespace riskmap {

// zones in options.zoneSrs (the raster's CRS when null); result[i] counts zones[i].
// threads 0: all hardware threads.
std::vector<PeopleCount> peopleInZones(const std::string& path, const PopulationGridOptions& options,
                                       const std::vector<const OGRGeometry*>& zones, unsigned threads = 0);

}  // namespace riskmap
