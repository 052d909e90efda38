// `riskmap tiles --shard I/N` and `riskmap tiles merge` on the sample
// county: the shards partition the single run's tiles exactly (every tile
// in one shard, the same bytes), the merge equals the single run tile for
// tile, a finished shard is not redrawn, and the merge refuses a shard
// without its done-marker or of another job.
#include <gtest/gtest.h>

#include <map>
#include <tuple>

#include "TestSupport.hpp"
#include "riskmap/tiles/Sqlite.hpp"
#include "riskmap/tiles/TileShards.hpp"

namespace riskmap {
namespace {

const std::filesystem::path kSource(RISKMAP_SOURCE_DIR);
using Tiles = std::map<std::tuple<int, std::int64_t, std::int64_t>, std::string>;

Tiles readTiles(const std::filesystem::path& mbtiles) {
  SqliteDatabase db(mbtiles, SQLITE_OPEN_READONLY);
  auto st = db.prepare("SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles");
  Tiles tiles;
  while (st.step()) tiles[{static_cast<int>(st.integer(0)), st.integer(1), st.integer(2)}] = st.blob(3);
  return tiles;
}

std::string metadata(const std::filesystem::path& mbtiles, const std::string& name) {
  SqliteDatabase db(mbtiles, SQLITE_OPEN_READONLY);
  auto st = db.prepare("SELECT value FROM metadata WHERE name = ?");
  st.bind(1, name);
  return st.step() ? st.text(0) : "";
}

class TileShardsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    GDALAllRegister();
    dir_ = new test::TempDir;
    project_ = new std::filesystem::path(test::assessedCounty(kSource / "data/sample_county/project.toml", *dir_));
    // z8-13 split at z10 into 3 shards: shards draw z10-13, the merge z8-9.
    const auto single = test::runRiskmap("tiles -q -z 8-13 " + project_->string() + " -o " + (*dir_ / "single.mbtiles").string());
    ASSERT_EQ(single.exitCode, 0) << single.output;
    for (int i = 1; i <= 3; ++i) {
      const auto r = test::runRiskmap("tiles -q -z 8-13 --split-zoom 10 --shard " + std::to_string(i) + "/3 " +
                                      project_->string() + " -o " + (*dir_ / "sharded.mbtiles").string());
      ASSERT_EQ(r.exitCode, 0) << r.output;
    }
  }
  static void TearDownTestSuite() {
    delete project_;
    delete dir_;
  }
  static std::filesystem::path shard(int i) { return *dir_ / ("sharded.shard-" + std::to_string(i) + "-of-3.mbtiles"); }
  static std::string merge(const std::string& extra) {
    return "tiles merge " + project_->string() + " -q -z 8-13 " + extra;
  }

  static test::TempDir* dir_;
  static std::filesystem::path* project_;
};
test::TempDir* TileShardsTest::dir_ = nullptr;
std::filesystem::path* TileShardsTest::project_ = nullptr;

TEST_F(TileShardsTest, ShardsPartitionTheSingleRunsTilesExactlyInHilbertRuns) {
  const Tiles single = readTiles(*dir_ / "single.mbtiles");
  Tiles deep;  // the single run's tiles at and below the split zoom
  for (const auto& [key, png] : single)
    if (std::get<0>(key) >= 10) deep.emplace(key, png);
  ASSERT_GT(deep.size(), 50u);

  Tiles joined;
  for (int i = 1; i <= 3; ++i) {
    const Tiles part = readTiles(shard(i));
    EXPECT_FALSE(part.empty()) << "shard " << i << " holds no tile";
    for (const auto& [key, png] : part) {
      EXPECT_GE(std::get<0>(key), 10) << "a shard drew a tile above the split zoom";
      EXPECT_TRUE(joined.emplace(key, png).second) << "tile " << std::get<0>(key) << "/" << std::get<1>(key) << "/"
                                                   << std::get<2>(key) << " in two shards";
    }
    EXPECT_EQ(metadata(shard(i), "riskmap:shard"), std::to_string(i) + "/3");
    EXPECT_EQ(metadata(shard(i), "riskmap:shard_done"), "1");
    EXPECT_EQ(metadata(shard(i), "riskmap:split_zoom"), "10");
  }
  EXPECT_EQ(joined.size(), deep.size());
  EXPECT_TRUE(joined == deep) << "the shards' tiles differ from the single run's";

  // Each shard's z10 tiles (XYZ rows from the MBTiles' TMS rows) span a
  // range of the curve that no other shard's tiles fall into, in shard order.
  std::vector<std::pair<std::uint64_t, std::uint64_t>> spans;
  for (int i = 1; i <= 3; ++i) {
    std::uint64_t lo = UINT64_MAX, hi = 0;
    for (const auto& [key, png] : readTiles(shard(i))) {
      const auto [z, x, row] = key;
      if (z != 10) continue;
      const std::uint64_t d = hilbertIndex(10, x, (std::int64_t{1} << 10) - 1 - row);
      lo = std::min(lo, d), hi = std::max(hi, d);
    }
    ASSERT_LE(lo, hi) << "shard " << i << " has no z10 tile";
    spans.push_back({lo, hi});
  }
  EXPECT_LT(spans[0].second, spans[1].first);
  EXPECT_LT(spans[1].second, spans[2].first);
}

TEST_F(TileShardsTest, DefaultSplitZoomHasSixteenCoveredTilesPerShard) {
  // The lowest zoom of 8-13 at which the single run stored at least 16 x 3
  // tiles (stored = covered: no --write-empty), else 13.
  int expected = 13;
  for (int z = 12; z >= 8; --z) {
    SqliteDatabase db(*dir_ / "single.mbtiles", SQLITE_OPEN_READONLY);
    auto st = db.prepare("SELECT count(*) FROM tiles WHERE zoom_level = ?");
    st.bind(1, std::int64_t{z});
    if (st.step() && st.integer(0) >= 48) expected = z;
  }
  const auto out = *dir_ / "default.mbtiles";
  const auto r = test::runRiskmap("tiles -q -z 8-13 --shard 1/3 " + project_->string() + " -o " + out.string());
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(metadata(*dir_ / "default.shard-1-of-3.mbtiles", "riskmap:split_zoom"), std::to_string(expected));
}

TEST_F(TileShardsTest, MergeEqualsTheSingleRunTileForTile) {
  const auto out = *dir_ / "sharded.mbtiles";
  const auto r = test::runRiskmap(merge("-o " + out.string()));
  ASSERT_EQ(r.exitCode, 0) << r.output;
  const Tiles single = readTiles(*dir_ / "single.mbtiles"), merged = readTiles(out);
  EXPECT_EQ(merged.size(), single.size());
  EXPECT_TRUE(merged == single) << "merged MBTiles differs from the single run";
  // The same metadata, fingerprint included: a single run over it finds it up to date.
  for (const char* key : {"bounds", "center", "minzoom", "maxzoom", "riskmap:fingerprint"})
    EXPECT_EQ(metadata(out, key), metadata(*dir_ / "single.mbtiles", key)) << key;
  const auto again = test::runRiskmap("tiles -q -z 8-13 " + project_->string() + " -o " + out.string());
  EXPECT_NE(again.output.find("up to date"), std::string::npos) << again.output;
}

TEST_F(TileShardsTest, AFinishedShardIsNotRedrawn) {
  const auto before = std::filesystem::last_write_time(shard(2));
  const std::string bytes = test::readFile(shard(2));
  const auto r = test::runRiskmap("tiles -z 8-13 --split-zoom 10 --shard 2/3 " + project_->string() + " -o " +
                                  (*dir_ / "sharded.mbtiles").string());
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("done before"), std::string::npos) << r.output;
  EXPECT_EQ(std::filesystem::last_write_time(shard(2)), before);
  EXPECT_TRUE(test::readFile(shard(2)) == bytes);
}

TEST_F(TileShardsTest, MergeRefusesAnUnfinishedShardAForeignOneOrAGap) {
  const auto copy = *dir_ / "unfinished.shard-2-of-3.mbtiles";
  std::filesystem::copy_file(shard(2), copy, std::filesystem::copy_options::overwrite_existing);
  SqliteDatabase(copy, SQLITE_OPEN_READWRITE).exec("DELETE FROM metadata WHERE name = 'riskmap:shard_done'");
  const auto out = *dir_ / "refused.mbtiles";
  const auto r = test::runRiskmap(merge("-o " + out.string() + " " + shard(1).string() + " " + copy.string() + " " +
                                        shard(3).string()));
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << r.output;
  EXPECT_NE(r.output.find(copy.string() + ": shard 2/3 is not finished"), std::string::npos) << r.output;
  EXPECT_FALSE(std::filesystem::exists(out));

  // Shard 1 of a job split at zoom 11 among shards split at 10.
  const auto other = *dir_ / "other.mbtiles";
  ASSERT_EQ(test::runRiskmap("tiles -q -z 8-13 --split-zoom 11 --shard 1/3 " + project_->string() + " -o " + other.string()).exitCode, 0);
  const auto mixed = test::runRiskmap(merge("-o " + out.string() + " " + shard(1).string() + " " + shard(2).string() + " " +
                                            (*dir_ / "other.shard-1-of-3.mbtiles").string()));
  EXPECT_EQ(mixed.exitCode, 1) << mixed.output;
  EXPECT_NE(mixed.output.find("other.shard-1-of-3.mbtiles: shard of another job"), std::string::npos) << mixed.output;
  // Other zooms than the shards were made with.
  const auto zooms = test::runRiskmap("tiles merge " + project_->string() + " -q -z 8-12 -o " + out.string() + " " +
                                      shard(1).string() + " " + shard(2).string() + " " + shard(3).string());
  EXPECT_EQ(zooms.exitCode, 1) << zooms.output;
  EXPECT_NE(zooms.output.find("other data, style or options"), std::string::npos) << zooms.output;
  const auto missing = test::runRiskmap(merge("-o " + out.string() + " " + shard(1).string() + " " + shard(3).string()));
  EXPECT_EQ(missing.exitCode, 1) << missing.output;
  EXPECT_NE(missing.output.find("shard 2/3 missing"), std::string::npos) << missing.output;
  EXPECT_FALSE(std::filesystem::exists(out));
}

}  // namespace
}  // namespace riskmap
