#pragma once
// MBTiles 1.3 output. Work goes into "<out>.partial", an SQLite file that
// holds tiles and the list of finished metatiles in the same transactions,
// so a killed run resumes exactly. finish() copies everything in key order
// into a fresh file and renames it over <out>: the result is the same bytes
// whatever order the threads finished in, or however often it was resumed.
// Identical tiles are stored once (images + map, and the `tiles` view).
#include <chrono>
#include <optional>

#include "riskmap/tiles/Sqlite.hpp"
#include "riskmap/tiles/TileStore.hpp"

namespace riskmap {

class MBTilesStore final : public TileStore {
 public:
  MBTilesStore(const std::filesystem::path& out, const std::string& fingerprint, bool force);
  bool upToDate() const override { return upToDate_; }
  std::set<MetatileId> completed() override;
  void write(const MetatileId& m, const std::vector<EncodedTile>& tiles) override;
  void finish(const TilesetInfo& info) override;
  std::uint64_t uniqueImages() const override { return uniqueImages_; }
  // Copies another finished MBTiles' tiles in (SQLite ATTACH, INSERT ...
  // SELECT, one transaction); redoing it is harmless.
  void absorb(const std::filesystem::path& other);

 private:
  void commit();

  std::filesystem::path out_, partial_;
  std::string fingerprint_;
  bool upToDate_ = false;
  std::optional<SqliteDatabase> db_;
  bool inTransaction_ = false;
  int pending_ = 0;
  std::chrono::steady_clock::time_point lastCommit_;
  std::uint64_t uniqueImages_ = 0;
};

// The fingerprint a finished MBTiles was made with, empty if none or unreadable.
std::string mbtilesFingerprint(const std::filesystem::path& file);

}  // namespace riskmap
