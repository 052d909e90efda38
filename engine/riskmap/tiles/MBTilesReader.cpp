#include "riskmap/tiles/MBTilesReader.hpp"

namespace riskmap {

MBTilesReader::MBTilesReader(const std::filesystem::path& file)
    : db_(file, SQLITE_OPEN_READONLY),
      tile_(db_.prepare("SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?")) {}

std::optional<std::string> MBTilesReader::read(const TileId& id) {
  tile_.bind(1, std::int64_t{id.z}).bind(2, id.x).bind(3, tmsRow(id));
  std::optional<std::string> png;
  if (tile_.step()) png = tile_.blob(0);
  tile_.reset();
  return png;
}

std::optional<std::string> MBTilesReader::metadata(const std::string& name) {
  auto st = db_.prepare("SELECT value FROM metadata WHERE name = ?");
  st.bind(1, name);
  if (st.step()) return st.text(0);
  return std::nullopt;
}

}  // namespace riskmap
