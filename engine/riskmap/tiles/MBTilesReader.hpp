#pragma once
// Reading tiles from an MBTiles: one connection and its prepared query, so
// a request costs one indexed lookup. One per thread (the server pools them).
#include <filesystem>
#include <optional>
#include <string>

#include "riskmap/tiles/Sqlite.hpp"
#include "riskmap/tiles/TileMath.hpp"

namespace riskmap {

class MBTilesReader {
 public:
  explicit MBTilesReader(const std::filesystem::path& file);
  std::optional<std::string> read(const TileId& id);
  std::optional<std::string> metadata(const std::string& name);

 private:
  SqliteDatabase db_;
  SqliteStatement tile_;
};

}  // namespace riskmap
