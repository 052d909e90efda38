#include "riskmap/tiles/DirectoryTileStore.hpp"

#include <nlohmann/json.hpp>

#include <cctype>
#include <sstream>

#include "riskmap/core/Error.hpp"
#include "riskmap/tiles/TileJson.hpp"

namespace riskmap {
namespace {

constexpr const char* kProgressHeader = "riskmap-tiles progress v1 ";

bool isZoomDir(const std::filesystem::directory_entry& e) {
  const std::string n = e.path().filename().string();
  return e.is_directory() && !n.empty() && n.size() <= 2 &&
         std::all_of(n.begin(), n.end(), [](unsigned char c) { return std::isdigit(c); });
}

std::string readFingerprint(const std::filesystem::path& metadata) {
  std::ifstream in(metadata);
  if (!in) return {};
  try {
    return nlohmann::json::parse(in).value("riskmap:fingerprint", "");
  } catch (const std::exception&) {
    return {};
  }
}

void writeFileAtomically(const std::filesystem::path& file, std::string_view bytes) {
  const std::filesystem::path tmp = file.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw UserError(tmp.string() + ": cannot write");
  }
  std::filesystem::rename(tmp, file);
}

}  // namespace

DirectoryTileStore::DirectoryTileStore(const std::filesystem::path& dir, const std::string& fingerprint, bool force)
    : dir_(dir), progressFile_(dir / ".riskmap-progress"), metadataFile_(dir / "metadata.json"),
      fingerprint_(fingerprint) {
  const bool ours = std::filesystem::exists(progressFile_) || std::filesystem::exists(metadataFile_);
  if (std::filesystem::exists(dir_) && !std::filesystem::is_directory(dir_))
    throw UserError(dir_.string() + ": not a directory (tiles go to a directory, or to a file ending in .mbtiles)");
  if (std::filesystem::exists(dir_) && !ours && !std::filesystem::is_empty(dir_))
    throw UserError(dir_.string() + ": not empty and not a riskmap tileset; choose an empty or new directory");
  if (!force && !std::filesystem::exists(progressFile_) && readFingerprint(metadataFile_) == fingerprint_) {
    upToDate_ = true;
    return;
  }
  bool resume = false;
  if (!force && std::filesystem::exists(progressFile_)) {
    std::ifstream in(progressFile_);
    std::string header;
    std::getline(in, header);
    resume = header == kProgressHeader + fingerprint_;
    // A line cut off by a kill does not parse and its metatile is redone.
    for (std::string line; resume && std::getline(in, line);) {
      std::istringstream fields(line);
      MetatileId m;
      char end = 0;
      if (fields >> m.z >> m.mx >> m.my && !(fields >> end)) completed_.insert(m);
    }
  }
  if (!resume && ours) {
    // Another job's tiles: clear them so none outlives the new run.
    for (const auto& e : std::filesystem::directory_iterator(dir_))
      if (isZoomDir(e)) std::filesystem::remove_all(e.path());
    std::filesystem::remove(metadataFile_);
  }
  std::filesystem::create_directories(dir_);
  if (!resume) std::ofstream(progressFile_, std::ios::trunc) << kProgressHeader << fingerprint_ << "\n";
  progress_.open(progressFile_, std::ios::app);
  if (!progress_) throw UserError(progressFile_.string() + ": cannot write");
}

void DirectoryTileStore::write(const MetatileId& m, const std::vector<EncodedTile>& tiles) {
  for (const EncodedTile& t : tiles) {
    const std::filesystem::path column = dir_ / std::to_string(t.id.z) / std::to_string(t.id.x);
    if (madeDirs_.insert(column).second) std::filesystem::create_directories(column);
    writeFileAtomically(column / (std::to_string(t.id.y) + ".png"), t.png);
    ++written_;
  }
  progress_ << m.z << ' ' << m.mx << ' ' << m.my << '\n' << std::flush;
}

void DirectoryTileStore::finish(const TilesetInfo& info) {
  if (upToDate_) return;
  nlohmann::json tilejson = tileJson(info, {"{z}/{x}/{y}.png"});
  tilejson["riskmap:tile_size"] = info.tileSize;
  tilejson["riskmap:fingerprint"] = info.fingerprint;
  // TileJSON assumes Web Mercator; another pyramid says which (WMTS TileMatrixSet identifier in docs/web-tiles.md).
  if (info.tileMatrixSet != "webmercator") tilejson["riskmap:tile_matrix_set"] = info.tileMatrixSet;
  progress_.close();
  writeFileAtomically(metadataFile_, tilejson.dump(2) + "\n");
  std::filesystem::remove(progressFile_);
}


}  // namespace riskmap
