// The commands that draw and serve the one library, on PostGIS and on a
// GeoPackage, say the same (issue 18): the sample county imported and
// assessed into the fixture's database and into a GeoPackage, then `serve`
// (a drawn PNG tile and /api/explain at a place), `poster`, `plant-map
// --plant` and `compare` run on both. The GeoPackage run is the reference;
// its own figures are tested elsewhere.
#include <gtest/gtest.h>

#include <cpl_http.h>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <thread>

#include "PostgisCompare.hpp"
#include "TestSupport.hpp"

namespace riskmap {
namespace {

namespace fs = std::filesystem;
const fs::path kSample = fs::path(RISKMAP_SOURCE_DIR) / "data/sample_county";
// A place in the chemical park, inside the major-risk zone (PostgisTest explains it too).
constexpr double kLon = 120.582422, kLat = 29.960805;

// A loopback port nobody listens on now.
int freePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
                  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0;
  ::close(fd);
  return ok ? ntohs(a.sin_port) : 0;
}

// GET through GDAL's HTTP client: the body, or nullopt on a transport or HTTP error.
std::optional<std::string> get(const std::string& url) {
  CPLPushErrorHandler(CPLQuietErrorHandler);  // a server not up yet is asked again
  CPLHTTPResult* r = CPLHTTPFetch(url.c_str(), nullptr);
  CPLPopErrorHandler();
  std::optional<std::string> out;
  if (r && r->nStatus == 0 && !r->pszErrBuf)
    out = std::string(reinterpret_cast<const char*>(r->pabyData), static_cast<std::size_t>(r->nDataLen));
  CPLHTTPDestroyResult(r);
  return out;
}

// `riskmap serve PROJECT --render` on a free loopback port, stopped (SIGTERM) when it goes out of scope.
class Server {
 public:
  explicit Server(const fs::path& project) : port_(freePort()) {
    pid_ = test::spawnRiskmap({"serve", project.string(), "--port", std::to_string(port_), "--render", "-j", "1"});
    for (int i = 0; i < 300 && !get(url("/api/info")); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ~Server() {
    ::kill(pid_, SIGTERM);
    test::waitExit(pid_);
  }
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;
  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

 private:
  int port_;
  pid_t pid_;
};

// The web-map tile (z/x/y, XYZ) holding a lon/lat.
std::string tileOf(double lon, double lat, int z) {
  const double n = std::pow(2.0, z), phi = lat * std::numbers::pi / 180;
  const int x = static_cast<int>((lon + 180) / 360 * n);
  const int y = static_cast<int>((1 - std::log(std::tan(phi) + 1 / std::cos(phi)) / std::numbers::pi) / 2 * n);
  return std::to_string(z) + "/" + std::to_string(x) + "/" + std::to_string(y);
}

class PostgisClientsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    GDALAllRegister();
    ASSERT_TRUE(fs::exists(kSample / "summary.json")) << "build the sample_county target first";
    ASSERT_FALSE(test::serverDsn().empty()) << RISKMAP_PG_STATE << ": no server (ctest starts it: fixture postgis)";
    gpkgProject_ = test::assessedCounty(kSample / "project.toml", gpkgDir_);
    pgProject_ = test::assessedPostgisCounty(kSample / "project.toml", pgDir_);
  }
  // Runs riskmap with args ({dir}: the run's folder, {project}: its project) on both libraries; exit 0 expected.
  void runBoth(const std::string& args) {
    for (const auto& [project, dir] : runs()) {
      std::string a = std::regex_replace(args, std::regex("\\{dir\\}"), dir.string());
      a = std::regex_replace(a, std::regex("\\{project\\}"), project.string());
      const auto r = test::runRiskmap(a);
      ASSERT_EQ(r.exitCode, 0) << (dir == gpkgDir_.path() ? "GeoPackage: " : "PostGIS: ") << a << "\n" << r.output;
    }
  }
  std::vector<std::pair<fs::path, fs::path>> runs() const {
    return {{gpkgProject_, gpkgDir_.path()}, {pgProject_, pgDir_.path()}};
  }
  test::TempDir gpkgDir_, pgDir_;
  fs::path gpkgProject_, pgProject_;
};

TEST_F(PostgisClientsTest, ServePosterPlantMapAndCompareOnPostgisSayWhatTheyDoOnTheGeoPackage) {
  // serve: tiles drawn on demand and the explanation of a place, over HTTP.
  {
    std::vector<std::string> tiles[2];
    std::string explained[2];
    int i = 0;
    for (const auto& [project, dir] : runs()) {
      const Server server(project);
      for (int z : {11, 14}) {
        const auto png = get(server.url("/tiles/" + tileOf(kLon, kLat, z) + ".png"));
        ASSERT_TRUE(png) << "no tile " << tileOf(kLon, kLat, z) << " from " << project;
        tiles[i].push_back(*png);
      }
      const auto json = get(server.url("/api/explain?lon=" + std::to_string(kLon) + "&lat=" + std::to_string(kLat)));
      ASSERT_TRUE(json) << "no /api/explain from " << project;
      explained[i++] = *json;
    }
    for (std::size_t t = 0; t < tiles[0].size(); ++t) {
      const fs::path a = gpkgDir_ / ("tile" + std::to_string(t) + ".png"), b = pgDir_ / ("tile" + std::to_string(t) + ".png");
      gpkgDir_.write(a.filename().string(), tiles[0][t]);
      pgDir_.write(b.filename().string(), tiles[1][t]);
      const long differing = test::differingChannels(a, b, 0);
      std::printf("serve: tile %zu, %zu and %zu bytes, %ld channel values differ\n", t, tiles[0][t].size(),
                  tiles[1][t].size(), differing);
      EXPECT_EQ(differing, 0) << "tile " << t << ": the PostGIS tile is not the GeoPackage's";
    }
    const auto a = nlohmann::json::parse(explained[0]), b = nlohmann::json::parse(explained[1]);
    test::expectSameJson(a, b, "/api/explain");
    ASSERT_TRUE(a.contains("grade")) << explained[0];
    EXPECT_EQ(a["grade"], "major") << explained[0];  // the place is in the park's red zone
  }

  // poster: the A4 page at 40 dpi, one date printed on both.
  runBoth("poster {project} -o {dir}/poster.png --paper A4 --dpi 40 --date 2026-11-30 -q");
  {
    int w1 = 0, h1 = 0, w2 = 0, h2 = 0;
    const auto a = test::pixels(gpkgDir_ / "poster.png", w1, h1), b = test::pixels(pgDir_ / "poster.png", w2, h2);
    ASSERT_FALSE(a.empty());
    EXPECT_EQ(std::pair(w1, h1), std::pair(w2, h2));
    // A4 at 40 dpi: 297 x 210 mm (either way round) = 468 x 331 px.
    EXPECT_EQ(std::max(w1, h1), 468);
    EXPECT_EQ(std::min(w1, h1), 331);
    // Anti-aliased edges may differ by a shade: PostgreSQL hands GDAL
    // coordinates as 15-digit text, the GeoPackage as binary doubles. Off by
    // more than 8 (of 255): at most 1 channel value in 10,000.
    const long any = test::differingChannels(gpkgDir_ / "poster.png", pgDir_ / "poster.png", 0);
    const long visible = test::differingChannels(gpkgDir_ / "poster.png", pgDir_ / "poster.png", 8);
    std::printf("poster: %dx%d, of %zu channel values %ld differ, %ld by more than 8\n", w1, h1, a.size(), any, visible);
    EXPECT_LE(visible, static_cast<long>(a.size() / 10000)) << "the PostGIS poster is not the GeoPackage's";
    EXPECT_GE(visible, 0);
  }

  // plant-map --plant: an enterprise's map page (drawn from the plants file, not the library).
  runBoth("plant-map {project} --plant HZ002 -o {dir}/plant.png --dpi 40 --date 2026-11-30");
  EXPECT_EQ(test::readFile(gpkgDir_ / "plant.png"), test::readFile(pgDir_ / "plant.png"));
  EXPECT_EQ(test::readFile(gpkgDir_ / "plant.rejects.csv"), test::readFile(pgDir_ / "plant.rejects.csv"));

  // compare: two monthly snapshots of each library, into a folder compare creates.
  runBoth("snapshot {project} --period 2026-09");
  runBoth("snapshot {project} --period 2026-10");
  runBoth("compare {project} --from 2026-09 --to 2026-10 --no-pdf --out {dir}/changes/2026-10");
  for (const char* what : {"zones", "sources", "dangers"}) {
    const std::string name = std::string("changes/2026-10/compare_2026-09_2026-10_") + what + ".csv";
    const std::string a = test::readFile(gpkgDir_ / name), b = test::readFile(pgDir_ / name);
    EXPECT_FALSE(a.empty()) << name;
    EXPECT_EQ(a, b) << name;
  }
  // The dangers' figures are not all zero: a register spanning both months.
  EXPECT_TRUE(std::regex_search(test::readFile(gpkgDir_ / "changes/2026-10/compare_2026-09_2026-10_dangers.csv"),
                                std::regex(",[1-9][0-9]*")));
}

// QGIS (Debian's python3-qgis, headless) opens the project riskmap stored
// in the database and takes a table's default style from public.layer_styles
// (tests/qgis/check_postgis_in_qgis.py says what it checks).
TEST(PostgisQgisTest, QgisOpensTheStoredProjectAndTakesRiskmapsDefaultStyles) {
  ASSERT_FALSE(test::serverDsn().empty()) << RISKMAP_PG_STATE << ": no server (ctest starts it: fixture postgis)";
  test::TempDir dir;
  test::assessedPostgisCounty(kSample / "project.toml", dir);
  const fs::path source(RISKMAP_SOURCE_DIR);
  const auto r = test::runCommand("PGHOST='" + test::pgState("dir") + "' PGUSER=postgres QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR='" + dir.path().string() +
                                  "' /usr/bin/python3 '" + (source / "tests/qgis/check_postgis_in_qgis.py").string() +
                                  "' '" + test::pgState("dir") + "' riskmap public riskmap '" +
                                  (source / "styles").string() + "'");
  std::printf("%s", r.output.c_str());
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("\nok\n"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace riskmap
