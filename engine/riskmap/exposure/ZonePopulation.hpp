#pragma once
// People inside many zones at once, across all cores: each thread owns its
// own PopulationGrid (GDAL handles are never shared between threads) and
// takes zones from a shared counter.
#include <memory>
#include <string>
#include <vector>

class OGRGeometry;

namespace riskmap {

// zones in the raster's CRS; result[i] is the people in zones[i].
// threads 0: all hardware threads.
std::vector<double> peopleInZones(const std::string& path, const std::string& table,
                                  const std::vector<const OGRGeometry*>& zones, unsigned threads = 0);

}  // namespace riskmap
