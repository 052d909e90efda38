// `riskmap tiles` on the sample county: an MBTiles GDAL reads with the right
// bounds and zooms, identical tiles stored once, a run killed with SIGKILL
// and resumed equal to an uninterrupted run byte for byte, labels never in
// a metatile's buffer.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cairo.h>
#include <ogrsf_frmts.h>

#include <chrono>
#include <cmath>
#include <cstring>
#include <set>
#include <fstream>
#include <thread>

#include "TestSupport.hpp"
#include "riskmap/library/GeometryTables.hpp"
#include "riskmap/render/Cairo.hpp"
#include "riskmap/render/Style.hpp"
#include "riskmap/tiles/MetatileRenderer.hpp"
#include "riskmap/tiles/Sqlite.hpp"

namespace riskmap {
namespace {

const std::filesystem::path kSource(RISKMAP_SOURCE_DIR);

class TilesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    GDALAllRegister();
    dir_ = new test::TempDir;
    project_ = new std::filesystem::path(test::assessedCounty(kSource / "data/sample_county/project.toml", *dir_));
  }
  static void TearDownTestSuite() {
    delete project_;
    delete dir_;
  }

  static std::int64_t count(const std::filesystem::path& mbtiles, const std::string& sql) {
    SqliteDatabase db(mbtiles, SQLITE_OPEN_READONLY);
    auto st = db.prepare(sql);
    return st.step() ? st.integer(0) : -1;
  }

  // Starts `riskmap args...`, waits until ready() says enough is done, then SIGKILLs it.
  template <typename Ready>
  static bool killWhen(const std::vector<std::string>& args, Ready ready) {
    const pid_t pid = fork();
    if (pid == 0) {
      std::vector<char*> argv{const_cast<char*>(test::riskmapBinary())};
      for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    bool killed = false;
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (waitpid(pid, &status, WNOHANG) == pid) return false;  // finished before it could be killed
      if (ready()) {
        kill(pid, SIGKILL);
        killed = true;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return killed && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
  }

  static std::map<std::string, std::string> filesUnder(const std::filesystem::path& dir) {
    std::map<std::string, std::string> files;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
      if (e.is_regular_file()) files[std::filesystem::relative(e.path(), dir).string()] = test::readFile(e.path());
    return files;
  }

  static test::TempDir* dir_;
  static std::filesystem::path* project_;
};
test::TempDir* TilesTest::dir_ = nullptr;
std::filesystem::path* TilesTest::project_ = nullptr;

TEST_F(TilesTest, MBTilesOpensInGdalWithTheCountysBoundsAndZooms) {
  const auto out = *dir_ / "county.mbtiles";
  const auto r = test::runRiskmap("tiles -q -z 8-12 " + project_->string() + " -o " + out.string());
  ASSERT_EQ(r.exitCode, 0) << r.output;
  ASSERT_FALSE(std::filesystem::exists(out.string() + ".partial"));

  GDALDatasetUniquePtr ds(GDALDataset::Open(out.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
  ASSERT_TRUE(ds);
  EXPECT_STREQ(ds->GetDriver()->GetDescription(), "MBTiles");
  EXPECT_STREQ(ds->GetMetadataItem("minzoom"), "8");
  EXPECT_STREQ(ds->GetMetadataItem("maxzoom"), "12");
  EXPECT_STREQ(ds->GetMetadataItem("ZOOM_LEVEL"), "12");
  EXPECT_STREQ(ds->GetMetadataItem("format"), "png");

  // The county's extent read straight from the generated source (CGCS2000
  // degrees, which Web Mercator's WGS 84 equals at this precision).
  GDALDatasetUniquePtr county(GDALDataset::Open((kSource / "data/sample_county/county.gpkg").c_str(), GDAL_OF_VECTOR));
  ASSERT_TRUE(county);
  OGREnvelope e;
  ASSERT_EQ(county->GetLayerByName("county")->GetExtent(&e), OGRERR_NONE);
  double w, s, east, n;
  ASSERT_EQ(std::sscanf(ds->GetMetadataItem("bounds"), "%lf,%lf,%lf,%lf", &w, &s, &east, &n), 4);
  EXPECT_NEAR(w, e.MinX, 1e-5);
  EXPECT_NEAR(s, e.MinY, 1e-5);
  EXPECT_NEAR(east, e.MaxX, 1e-5);
  EXPECT_NEAR(n, e.MaxY, 1e-5);

  // GDAL's raster starts at those bounds' north-west corner in Web Mercator
  // (x = R lon, y = R ln tan(pi/4 + lat/2)), at z12's resolution.
  double gt[6];
  ASSERT_EQ(ds->GetGeoTransform(gt), CE_None);
  const double R = 6378137, rad = M_PI / 180;
  EXPECT_NEAR(gt[0], R * e.MinX * rad, 2.0);
  EXPECT_NEAR(gt[3], R * std::log(std::tan(M_PI / 4 + e.MaxY * rad / 2)), 2.0);
  EXPECT_NEAR(gt[1], 2 * kWebMercatorHalf / 4096 / 256, 1e-6);

  // Every stored tile is a PNG at z8-12, none outside the county's tile range.
  EXPECT_EQ(count(out, "SELECT count(*) FROM tiles WHERE zoom_level < 8 OR zoom_level > 12"), 0);
  EXPECT_EQ(count(out, "SELECT count(*) FROM tiles WHERE hex(substr(tile_data, 1, 4)) != '89504E47'"), 0);
  const TileRange r12 = tileRange({e.MinX, e.MinY, e.MaxX, e.MaxY}, 12);
  EXPECT_LE(count(out, "SELECT count(*) FROM tiles WHERE zoom_level = 12"), r12.count());
  EXPECT_GT(count(out, "SELECT count(*) FROM tiles WHERE zoom_level = 12"), r12.count() / 2);

  // Unchanged data, style and options: nothing to do.
  const auto again = test::runRiskmap("tiles -q -z 8-12 " + project_->string() + " -o " + out.string());
  EXPECT_NE(again.output.find("up to date"), std::string::npos) << again.output;
}

TEST_F(TilesTest, IdenticalTilesAreStoredOnce) {
  // Farmland in the county's north-west at z15: fields of plain blue, the same image many times.
  // (The box south of it, used before, now holds the tailings ponds' paths and corridors:
  // 60 distinct images in 110 tiles with them, 52 without.)
  const auto out = *dir_ / "dedup.mbtiles";
  const auto r = test::runRiskmap("tiles -q -z 15 --bbox 120.45,30.10,120.55,30.20 " + project_->string() + " -o " + out.string());
  ASSERT_EQ(r.exitCode, 0) << r.output;
  const auto tiles = count(out, "SELECT count(*) FROM tiles");
  const auto images = count(out, "SELECT count(*) FROM images");
  EXPECT_EQ(images, count(out, "SELECT count(DISTINCT tile_data) FROM tiles"));
  EXPECT_EQ(tiles, count(out, "SELECT count(*) FROM map"));
  EXPECT_LT(images, tiles / 2) << images << " images for " << tiles << " tiles";
}

TEST_F(TilesTest, TilesOutsideTheCountyOnlyWhenAsked) {
  // z9 over a box twice the county's width: most tiles lie outside it.
  const std::string args = "-q -z 9 --bbox 120.0,29.7,121.3,30.5 " + project_->string() + " -o ";
  const auto plain = *dir_ / "plain.mbtiles", empty = *dir_ / "with_empty.mbtiles";
  ASSERT_EQ(test::runRiskmap("tiles " + args + plain.string()).exitCode, 0);
  ASSERT_EQ(test::runRiskmap("tiles --write-empty " + args + empty.string()).exitCode, 0);
  const TileRange r = tileRange({120.0, 29.7, 121.3, 30.5}, 9);
  EXPECT_EQ(count(empty, "SELECT count(*) FROM tiles"), r.count());
  EXPECT_LT(count(plain, "SELECT count(*) FROM tiles"), r.count());
  EXPECT_GT(count(plain, "SELECT count(*) FROM tiles"), 0);
  // The extra tiles are blank, and all blank tiles share one stored image.
  EXPECT_EQ(count(empty, "SELECT count(*) FROM images") - count(plain, "SELECT count(*) FROM images"), 1);
}

TEST_F(TilesTest, KilledAndResumedEqualsUninterruptedByteForByte) {
  // z8-16 (147 metatiles, a few seconds): since the direct PNG encoder z8-14
  // finished within the writer's first one-second commit, before any kill.
  const std::string common = " -q -j 1 -z 8-16 " + project_->string() + " -o ";
  const auto whole = *dir_ / "whole.mbtiles", resumed = *dir_ / "resumed.mbtiles";
  ASSERT_EQ(test::runRiskmap("tiles" + common + whole.string()).exitCode, 0);

  const std::filesystem::path partial = resumed.string() + ".partial";
  const bool killed = killWhen({"tiles", "-q", "-j", "1", "-z", "8-16", project_->string(), "-o", resumed.string()}, [&] {
    // The partial file exists a moment before its tables do: not ready yet.
    try {
      return std::filesystem::exists(partial) && count(partial, "SELECT count(*) FROM done") >= 3;
    } catch (const std::exception&) {
      return false;
    }
  });
  ASSERT_TRUE(killed) << "the run finished before it could be killed; give it more work";
  ASSERT_FALSE(std::filesystem::exists(resumed));
  const auto doneBefore = count(partial, "SELECT count(*) FROM done");
  EXPECT_LT(doneBefore, count(whole, "SELECT count(DISTINCT zoom_level || '/' || (tile_column / 8) || '/' || (tile_row / 8)) FROM map"));

  const auto r = test::runRiskmap("tiles" + common + resumed.string());
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_FALSE(std::filesystem::exists(partial));
  EXPECT_TRUE(test::readFile(whole) == test::readFile(resumed)) << "resumed MBTiles differs from the uninterrupted one";
}

TEST_F(TilesTest, DirectoryRunKilledAndResumedEqualsUninterrupted) {
  const auto whole = *dir_ / "whole_xyz", resumed = *dir_ / "resumed_xyz";
  ASSERT_EQ(test::runRiskmap("tiles -q -j 1 -z 8-14 " + project_->string() + " -o " + whole.string()).exitCode, 0);
  const auto progress = resumed / ".riskmap-progress";
  const bool killed = killWhen({"tiles", "-q", "-j", "1", "-z", "8-14", project_->string(), "-o", resumed.string()}, [&] {
    std::ifstream in(progress);
    return std::count(std::istreambuf_iterator<char>(in), {}, '\n') >= 12;  // header + 11 metatiles
  });
  ASSERT_TRUE(killed);
  ASSERT_FALSE(std::filesystem::exists(resumed / "metadata.json"));
  const auto r = test::runRiskmap("tiles -q -j 1 -z 8-14 " + project_->string() + " -o " + resumed.string());
  ASSERT_EQ(r.exitCode, 0) << r.output;
  const auto a = filesUnder(whole), b = filesUnder(resumed);
  ASSERT_EQ(a.size(), b.size());
  for (const auto& [name, bytes] : a) {
    auto it = b.find(name);
    ASSERT_NE(it, b.end()) << name << " missing after the resumed run";
    EXPECT_TRUE(it->second == bytes) << name << " differs";
  }
  // Not a tileset of ours, not empty: refused rather than overwritten.
  dir_->write("someone_elses/readme.txt", "keep me");
  EXPECT_EQ(test::runRiskmap("tiles -q -z 8 " + project_->string() + " -o " + (*dir_ / "someone_elses").string()).exitCode, 1);
}

TEST_F(TilesTest, NoLabelInAMetatilesBuffer) {
  const Style style = Style::load(kSource / "styles/default.json");
  TileGeometry g;
  MetatileRenderer renderer(*dir_ / "one.gpkg", style, g);
  // The county town at z13 and z14: dense labels, some near metatile edges.
  std::size_t labels = 0;
  for (int z : {12, 13, 14}) {
    const MetatileId m = g.metatileOf(tileAt(120.55, 30.06, z));
    for (std::int64_t dx = -1; dx <= 1; ++dx) {
      const MetatileId mm{z, m.mx + dx, m.my};
      const auto tiles = renderer.render(mm, [](const TileId&) { return true; });
      const MapView v = renderer.viewOf(mm);
      ASSERT_EQ(v.labelInset, 64);
      for (const LabelBox& b : renderer.lastLabels()) {
        ++labels;
        EXPECT_GE(b.x0, v.labelInset) << b.text;
        EXPECT_GE(b.y0, v.labelInset) << b.text;
        EXPECT_LE(b.x1, v.width - v.labelInset) << b.text;
        EXPECT_LE(b.y1, v.height - v.labelInset) << b.text;
      }
    }
  }
  EXPECT_GT(labels, 10u);
}

// A PNG held in memory, decoded by Cairo (ARGB32, premultiplied).
CairoSurfacePtr decodePng(const std::string& bytes) {
  struct Reader {
    const std::string& bytes;
    std::size_t offset = 0;
  } reader{bytes};
  const auto read = [](void* closure, unsigned char* data, unsigned int length) {
    auto* r = static_cast<Reader*>(closure);
    if (r->offset + length > r->bytes.size()) return CAIRO_STATUS_READ_ERROR;
    std::memcpy(data, r->bytes.data() + r->offset, length);
    r->offset += length;
    return CAIRO_STATUS_SUCCESS;
  };
  return CairoSurfacePtr(cairo_image_surface_create_from_png_stream(read, &reader));
}

// Risk zones are clipped to the study area, and the zones' fill is the only
// one drawn at 0.78 opacity (alpha 199 on a transparent tile): no pixel well
// outside the county may carry it. A zone that turned invalid in Web
// Mercator once made GEOS's clip return the whole view box, and z12 tiles
// on the county's west edge came out orange edge to edge.
TEST_F(TilesTest, ZoneFillStaysInsideTheStudyArea) {
  GDALDatasetUniquePtr ds(GDALDataset::Open((*dir_ / "one.gpkg").c_str(), GDAL_OF_VECTOR));
  ASSERT_TRUE(ds);
  library::Table county = library::openTable(*ds, "county");
  OGRFeatureUniquePtr f(county->GetNextFeature());
  ASSERT_TRUE(f);
  OGRSpatialReference merc;
  merc.importFromEPSG(3857);
  merc.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  std::unique_ptr<OGRGeometry> area(f->GetGeometryRef()->clone());
  ASSERT_EQ(area->transformTo(&merc), OGRERR_NONE);
  // 400 m (Web Mercator metres, about 350 m on the ground here) of slack for antialiased edges.
  std::unique_ptr<OGRGeometry> inside(area->Buffer(400));
  OGREnvelope e;
  area->getEnvelope(&e);
  const double world = 20037508.342789244;

  const Style style = Style::load(kSource / "styles/default.json");
  for (int metatile : {1, 8}) {
    TileGeometry g;
    g.metatile = metatile;
    MetatileRenderer renderer(*dir_ / "one.gpkg", style, g);
    long checked = 0, zoneOutside = 0;
    for (int z : {11, 12}) {
      const double size = 2 * world / std::pow(2.0, z);
      const auto col = [&](double x) { return static_cast<std::int64_t>((x + world) / size); };
      const auto row = [&](double y) { return static_cast<std::int64_t>((world - y) / size); };
      std::set<std::pair<std::int64_t, std::int64_t>> done;
      for (std::int64_t ty = row(e.MaxY); ty <= row(e.MinY); ++ty)
        for (std::int64_t tx = col(e.MinX); tx <= col(e.MaxX); ++tx) {
          const MetatileId m = g.metatileOf({z, tx, ty});
          if (!done.insert({m.mx, m.my}).second) continue;
          for (const EncodedTile& t : renderer.render(m, [](const TileId&) { return true; })) {
            const CairoSurfacePtr surface = decodePng(t.png);
            cairo_surface_t* png = surface.get();
            ASSERT_EQ(cairo_surface_status(png), CAIRO_STATUS_SUCCESS);
            const int w = cairo_image_surface_get_width(png), stride = cairo_image_surface_get_stride(png);
            const unsigned char* data = cairo_image_surface_get_data(png);
            for (int py = 2; py < w; py += 8)
              for (int px = 2; px < w; px += 8) {
                OGRPoint p(-world + (t.id.x + (px + 0.5) / w) * size, world - (t.id.y + (py + 0.5) / w) * size);
                if (inside->Contains(&p)) continue;
                ++checked;
                std::uint32_t argb;
                std::memcpy(&argb, data + py * stride + px * 4, 4);
                if (std::abs(static_cast<int>(argb >> 24) - 199) <= 2) {
                  if (++zoneOutside <= 5)
                    ADD_FAILURE() << "zone fill outside the county at z" << t.id.z << "/" << t.id.x << "/" << t.id.y
                                  << " pixel " << px << "," << py << " (metatile " << metatile << ")";
                }
              }
          }
        }
    }
    EXPECT_GT(checked, 1000) << "metatile " << metatile;
    EXPECT_EQ(zoneOutside, 0) << "of " << checked << " pixels outside the county, metatile " << metatile;
  }
}

}  // namespace
}  // namespace riskmap
