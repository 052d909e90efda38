#include "riskmap/tiles/MBTilesStore.hpp"

#include <unistd.h>

#include <cstdio>

#include "riskmap/core/Files.hpp"

namespace riskmap {
namespace {

constexpr const char* kFingerprintKey = "riskmap:fingerprint";

// The layout mbutil and most servers write; GDAL reads it through the view.
constexpr const char* kFinalSchema = R"(
CREATE TABLE final.metadata (name TEXT, value TEXT);
CREATE UNIQUE INDEX final.metadata_name ON metadata (name);
CREATE TABLE final.images (tile_id TEXT, tile_data BLOB);
CREATE UNIQUE INDEX final.images_id ON images (tile_id);
CREATE TABLE final.map (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_id TEXT);
CREATE UNIQUE INDEX final.map_index ON map (zoom_level, tile_column, tile_row);
CREATE VIEW final.tiles AS SELECT map.zoom_level AS zoom_level, map.tile_column AS tile_column,
  map.tile_row AS tile_row, images.tile_data AS tile_data FROM map JOIN images ON images.tile_id = map.tile_id;
)";

constexpr const char* kWorkSchema = R"(
CREATE TABLE IF NOT EXISTS job (fingerprint TEXT);
CREATE TABLE IF NOT EXISTS images (tile_id TEXT PRIMARY KEY, tile_data BLOB);
CREATE TABLE IF NOT EXISTS map (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_id TEXT,
  PRIMARY KEY (zoom_level, tile_column, tile_row));
CREATE TABLE IF NOT EXISTS done (z INTEGER, mx INTEGER, my INTEGER, PRIMARY KEY (z, mx, my));
)";

std::string workFingerprint(SqliteDatabase& db) {
  try {
    auto st = db.prepare("SELECT fingerprint FROM job");
    return st.step() ? st.text(0) : std::string();
  } catch (const std::exception&) {
    return {};
  }
}

std::string fmt(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.7f", v);
  return buf;
}

}  // namespace

std::string mbtilesFingerprint(const std::filesystem::path& file) {
  if (!std::filesystem::exists(file)) return {};
  try {
    SqliteDatabase db(file, SQLITE_OPEN_READONLY);
    auto st = db.prepare("SELECT value FROM metadata WHERE name = ?");
    st.bind(1, std::string_view(kFingerprintKey));
    return st.step() ? st.text(0) : std::string();
  } catch (const std::exception&) {
    return {};
  }
}

MBTilesStore::MBTilesStore(const std::filesystem::path& out, const std::string& fingerprint, bool force)
    : out_(out), partial_(out.string() + ".partial"), fingerprint_(fingerprint) {
  if (!force && !std::filesystem::exists(partial_) && mbtilesFingerprint(out_) == fingerprint_) {
    upToDate_ = true;
    return;
  }
  if (out_.has_parent_path()) std::filesystem::create_directories(out_.parent_path());
  removeStaleTemporaries(out_);  // "<out>.tmp-<pid>" of a run killed while finishing
  if (std::filesystem::exists(partial_)) {
    bool resume = !force;
    if (resume) {
      SqliteDatabase probe(partial_, SQLITE_OPEN_READWRITE);
      resume = workFingerprint(probe) == fingerprint_;
    }
    if (!resume) std::filesystem::remove(partial_), std::filesystem::remove(partial_.string() + "-journal");
  }
  db_.emplace(partial_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  db_->exec("PRAGMA synchronous = NORMAL");
  db_->exec(kWorkSchema);
  if (workFingerprint(*db_).empty()) db_->prepare("INSERT INTO job VALUES (?)").bind(1, fingerprint_).run();
  auto st = db_->prepare("SELECT count(*) FROM images");
  if (st.step()) uniqueImages_ = st.integer(0);
  lastCommit_ = std::chrono::steady_clock::now();
}

std::set<MetatileId> MBTilesStore::completed() {
  std::set<MetatileId> done;
  if (upToDate_) return done;
  auto st = db_->prepare("SELECT z, mx, my FROM done");
  while (st.step()) done.insert({static_cast<int>(st.integer(0)), st.integer(1), st.integer(2)});
  return done;
}

void MBTilesStore::write(const MetatileId& m, const std::vector<EncodedTile>& tiles) {
  if (!inTransaction_) db_->exec("BEGIN"), inTransaction_ = true;
  auto image = db_->prepare("INSERT OR IGNORE INTO images (tile_id, tile_data) VALUES (?, ?)");
  auto map = db_->prepare("INSERT OR REPLACE INTO map VALUES (?, ?, ?, ?)");
  for (const EncodedTile& t : tiles) {
    image.bind(1, t.hash).bindBlob(2, t.png).run();
    uniqueImages_ += sqlite3_changes(db_->handle());
    map.bind(1, std::int64_t{t.id.z}).bind(2, t.id.x).bind(3, tmsRow(t.id)).bind(4, t.hash).run();
  }
  db_->prepare("INSERT OR REPLACE INTO done VALUES (?, ?, ?)").bind(1, std::int64_t{m.z}).bind(2, m.mx).bind(3, m.my).run();
  // Commit in batches: one fsync per metatile would dominate small tiles;
  // a kill loses at most a second of work, redone on resume.
  if (++pending_ >= 256 || std::chrono::steady_clock::now() - lastCommit_ > std::chrono::seconds(1)) commit();
}

void MBTilesStore::commit() {
  if (!inTransaction_) return;
  db_->exec("COMMIT");
  inTransaction_ = false;
  pending_ = 0;
  lastCommit_ = std::chrono::steady_clock::now();
}

void MBTilesStore::absorb(const std::filesystem::path& other) {
  commit();
  db_->prepare("ATTACH DATABASE ? AS other").bind(1, other.string()).run();
  try {
    db_->exec("BEGIN");
    // Identical images share one row whichever file brought them.
    db_->exec("INSERT OR IGNORE INTO main.images SELECT tile_id, tile_data FROM other.images");
    db_->exec("INSERT OR REPLACE INTO main.map SELECT zoom_level, tile_column, tile_row, tile_id FROM other.map");
    db_->exec("COMMIT");
  } catch (...) {
    sqlite3_exec(db_->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_exec(db_->handle(), "DETACH DATABASE other", nullptr, nullptr, nullptr);
    throw;
  }
  db_->exec("DETACH DATABASE other");
  auto st = db_->prepare("SELECT count(*) FROM images");
  if (st.step()) uniqueImages_ = st.integer(0);
}

void MBTilesStore::finish(const TilesetInfo& info) {
  if (upToDate_) return;
  commit();
  const std::string tmp = out_.string() + ".tmp-" + std::to_string(getpid());
  std::filesystem::remove(tmp);
  auto attach = db_->prepare("ATTACH DATABASE ? AS final");
  attach.bind(1, tmp).run();
  db_->exec("PRAGMA final.journal_mode = OFF");
  db_->exec("BEGIN");
  db_->exec(kFinalSchema);
  const LonLatBox& b = info.bounds;
  const std::vector<std::pair<std::string, std::string>> metadata = {
      {"name", info.name},
      {"format", "png"},
      {"type", "overlay"},
      {"version", "1.3"},
      {"bounds", fmt(b.west) + "," + fmt(b.south) + "," + fmt(b.east) + "," + fmt(b.north)},
      {"center", fmt(info.centerLon) + "," + fmt(info.centerLat) + "," + std::to_string(info.centerZoom)},
      {"minzoom", std::to_string(info.minzoom)},
      {"maxzoom", std::to_string(info.maxzoom)},
      {"attribution", info.attribution},
      {"description", info.description},
      {"riskmap:tile_size", std::to_string(info.tileSize)},
      {kFingerprintKey, info.fingerprint},
  };
  auto meta = db_->prepare("INSERT INTO final.metadata VALUES (?, ?)");
  for (const auto& [k, v] : metadata) meta.bind(1, k).bind(2, v).run();
  for (const auto& [k, v] : info.extraMetadata) meta.bind(1, k).bind(2, v).run();
  db_->exec("INSERT INTO final.images SELECT tile_id, tile_data FROM main.images ORDER BY tile_id");
  db_->exec("INSERT INTO final.map SELECT zoom_level, tile_column, tile_row, tile_id FROM main.map "
            "ORDER BY zoom_level, tile_column, tile_row");
  db_->exec("COMMIT");
  db_->exec("DETACH DATABASE final");
  db_.reset();
  std::filesystem::rename(tmp, out_);
  std::filesystem::remove(partial_);
}

}  // namespace riskmap
