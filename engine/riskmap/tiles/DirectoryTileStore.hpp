#pragma once
// A z/x/y.png directory (what any web server can host). Each tile is
// written to a temporary name and renamed; finished metatiles are appended
// to ".riskmap-progress" after their tiles, so a killed run resumes and a
// metatile cut off half-way is simply drawn again. metadata.json (TileJSON
// 3.0) is written last and marks the tileset finished.
#include <fstream>
#include <set>

#include "riskmap/tiles/TileStore.hpp"

namespace riskmap {

class DirectoryTileStore final : public TileStore {
 public:
  DirectoryTileStore(const std::filesystem::path& dir, const std::string& fingerprint, bool force);
  bool upToDate() const override { return upToDate_; }
  std::set<MetatileId> completed() override { return completed_; }
  void write(const MetatileId& m, const std::vector<EncodedTile>& tiles) override;
  void finish(const TilesetInfo& info) override;
  std::uint64_t uniqueImages() const override { return written_; }

 private:
  std::filesystem::path dir_, progressFile_, metadataFile_;
  std::string fingerprint_;
  bool upToDate_ = false;
  std::set<MetatileId> completed_;
  std::set<std::filesystem::path> madeDirs_;
  std::ofstream progress_;
  std::uint64_t written_ = 0;
};

}  // namespace riskmap
