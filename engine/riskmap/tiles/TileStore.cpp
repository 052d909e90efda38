#include "riskmap/tiles/TileStore.hpp"

#include "riskmap/tiles/DirectoryTileStore.hpp"
#include "riskmap/tiles/MBTilesStore.hpp"

namespace riskmap {

std::unique_ptr<TileStore> openTileStore(const std::filesystem::path& out, const std::string& fingerprint, bool force) {
  if (out.extension() == ".mbtiles") return std::make_unique<MBTilesStore>(out, fingerprint, force);
  return std::make_unique<DirectoryTileStore>(out, fingerprint, force);
}

}  // namespace riskmap
