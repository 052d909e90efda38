// `riskmap serve` in-process on a loopback port: status codes for good and
// malformed paths, ETag and Cache-Control, the explain API, and many
// clients at once getting exactly the tiles a lone renderer draws.
#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include <random>
#include <thread>

#include "TestSupport.hpp"
#include "riskmap/serve/MapService.hpp"
#include "riskmap/tiles/TileScheduler.hpp"

namespace riskmap {
namespace {

namespace http = boost::beast::http;
const std::filesystem::path kSource(RISKMAP_SOURCE_DIR);

struct Reply {
  int status = 0;
  std::string body, contentType, etag, cacheControl;
};

// One request on a fresh connection, as a browser or curl would send it.
Reply get(unsigned short port, const std::string& target, const std::string& ifNoneMatch = "") {
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket socket(io);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), port});
  http::request<http::empty_body> req{http::verb::get, target, 11};
  req.set(http::field::host, "127.0.0.1");
  if (!ifNoneMatch.empty()) req.set(http::field::if_none_match, ifNoneMatch);
  http::write(socket, req);
  boost::beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(socket, buffer, res);
  boost::system::error_code ignored;
  socket.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
  return {static_cast<int>(res.result_int()), res.body(), std::string(res[http::field::content_type]),
          std::string(res[http::field::etag]), std::string(res[http::field::cache_control])};
}

class ServeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    GDALAllRegister();
    dir_ = new test::TempDir;
    test::assessedCounty(kSource / "data/sample_county/project.toml", *dir_);
  }
  static void TearDownTestSuite() { delete dir_; }

  // A server drawing tiles on demand (or from mbtiles) with a small cache, so eviction happens.
  struct Running {
    std::unique_ptr<TileService> tiles;
    std::unique_ptr<MapService> service;
    std::unique_ptr<HttpServer> server;
    unsigned short port() const { return server->port(); }
  };
  static Running start(std::optional<std::filesystem::path> mbtiles = std::nullopt, std::size_t cacheBytes = 512 << 10) {
    TileServiceOptions t;
    t.library = *dir_ / "one.gpkg";
    t.studyArea = "county";
    t.style = kSource / "styles/default.json";
    t.mbtiles = mbtiles;
    t.cacheBytes = cacheBytes;
    t.renderThreads = 2;
    Running r;
    r.tiles = std::make_unique<TileService>(t);
    MapServiceOptions m;
    m.name = "江澄县";
    m.library = t.library;
    m.viewerDir = kSource / "engine/viewer";
    m.palette = kSource / "styles/palette.toml";
    r.service = std::make_unique<MapService>(m, *r.tiles);
    r.server = std::make_unique<HttpServer>("127.0.0.1", 0, [s = r.service.get()](const HttpRequest& q) { return (*s)(q); });
    r.server->start();
    return r;
  }

  static test::TempDir* dir_;
};
test::TempDir* ServeTest::dir_ = nullptr;

TEST_F(ServeTest, AnswersTilesWithTypeEtagAndCaching) {
  Running s = start();
  const TileId t = tileAt(120.55, 30.06, 13);  // the county town
  const Reply a = get(s.port(), "/tiles/" + t.path() + ".png");
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(a.contentType, "image/png");
  EXPECT_EQ(a.body.substr(1, 3), "PNG");
  EXPECT_EQ(a.etag.size(), 34u);  // 32 hex digits in quotes
  EXPECT_NE(a.cacheControl.find("max-age="), std::string::npos);
  EXPECT_EQ(get(s.port(), "/tiles/" + t.path() + ".png", a.etag).status, 304);
  EXPECT_EQ(get(s.port(), "/tiles/" + t.path() + ".png", "\"other\"").status, 200);
  // Valid addresses outside the county or the zooms: not in this pyramid.
  EXPECT_EQ(get(s.port(), "/tiles/13/0/0.png").status, 404);
  EXPECT_EQ(get(s.port(), "/tiles/19/" + std::to_string(t.x * 64) + "/" + std::to_string(t.y * 64) + ".png").status, 404);
}

TEST_F(ServeTest, MalformedPathsAre400AndNeverCrashIt) {
  Running s = start();
  for (const char* bad : {"/tiles/-1/0/0.png", "/tiles/3/8/0.png", "/tiles/3/0/99.png", "/tiles/99/0/0.png",
                          "/tiles/12/99999999999999999999999/1.png", "/tiles/12/../../etc/passwd", "/tiles/a/b/c.png",
                          "/tiles/12/1/1.jpg", "/tiles/12/1", "/../../etc/passwd", "/.hidden", "/%2e%2e/x"})
    EXPECT_EQ(get(s.port(), bad).status, 400) << bad;
  EXPECT_EQ(get(s.port(), "/no-such-file.js").status, 404);
  EXPECT_EQ(get(s.port(), "/api/explain?lon=abc&lat=30").status, 400);
  EXPECT_EQ(get(s.port(), "/api/explain?lat=30").status, 400);
  EXPECT_EQ(get(s.port(), "/api/explain?lon=1e999&lat=30").status, 400);
  // A request line longer than the header limit: 400, and the server lives on.
  EXPECT_EQ(get(s.port(), "/tiles/" + std::string(20000, '1')).status, 400);
  EXPECT_EQ(get(s.port(), "/api/info").status, 200);
}

TEST_F(ServeTest, ExplainNamesTheSourceOfARedArea) {
  Running s = start();
  const auto sources = nlohmann::json::parse(get(s.port(), "/api/sources.geojson").body);
  int majors = 0;
  for (const auto& f : sources["features"]) {
    if (f["properties"]["grade"] != "major" || f["properties"]["layer"] != "hazard_sources") continue;
    const auto& c = f["geometry"]["coordinates"];
    const Reply r = get(s.port(), "/api/explain?lon=" + std::to_string(c[0].get<double>()) + "&lat=" + std::to_string(c[1].get<double>()));
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.contentType, "application/json; charset=utf-8");
    const auto e = nlohmann::json::parse(r.body);
    EXPECT_EQ(e["grade"], "major");
    bool named = false;
    for (const auto& z : e["zones"]) named |= z["name"] == f["properties"]["name"] && z["standard"].get<std::string>().find("GB 18218") != std::string::npos;
    EXPECT_TRUE(named) << f["properties"]["name"] << " not among the zones at its own site";
    ++majors;
  }
  EXPECT_GT(majors, 0);
  const auto outside = nlohmann::json::parse(get(s.port(), "/api/explain?lon=100&lat=30").body);
  EXPECT_TRUE(outside["grade"].is_null());
  const auto legend = nlohmann::json::parse(get(s.port(), "/api/legend").body);
  ASSERT_EQ(legend.size(), 4u);
  EXPECT_EQ(legend[0]["name"], "重大风险");
  EXPECT_EQ(legend[0]["color"], "#e60012");  // styles/palette.toml: 230, 0, 18
}

TEST_F(ServeTest, ManyClientsAtOnceGetExactlyTheLoneRenderersTiles) {
  // Tiles well inside the county (the town and the plain east of it) at
  // z13-14 through a 512 KiB cache: clients race for the same metatiles
  // while others are evicted.
  std::vector<TileId> ids;
  for (int z : {13, 14}) {
    const TileId c = tileAt(120.60, 30.06, z);
    for (int dy = -2; dy <= 2; ++dy)
      for (int dx = -2; dx <= 2; ++dx) ids.push_back({z, c.x + dx, c.y + dy});
  }
  // The reference: each tile drawn alone, serially, by the same drawing code.
  const Style style = Style::load(kSource / "styles/default.json");
  TileGeometry g{256, 1, 4, 64};
  MetatileRenderer reference(*dir_ / "one.gpkg", style, g);
  std::map<TileId, std::string> expected;
  for (const TileId& id : ids)
    for (const auto& t : reference.render(g.metatileOf(id), [&id](const TileId& x) { return x == id; })) expected[t.id] = t.png;

  Running s = start();
  std::atomic<int> wrong{0}, served{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 16; ++c)
    clients.emplace_back([&, c] {
      std::mt19937 rng(c);
      for (int i = 0; i < 25; ++i) {
        const TileId id = ids[rng() % ids.size()];
        const Reply r = get(s.port(), "/tiles/" + id.path() + ".png");
        ++served;
        if (r.status != 200 || r.body != expected[id]) ++wrong;
      }
    });
  for (auto& t : clients) t.join();
  EXPECT_EQ(served, 400);
  EXPECT_EQ(wrong, 0);
  EXPECT_LE(s.tiles->cache().bytes(), 512u << 10);
  EXPECT_GT(s.tiles->cache().hits(), 0u);
}

TEST_F(ServeTest, ServesAFinishedMBTiles) {
  Project p;
  p.name = "江澄县";
  p.library = *dir_ / "one.gpkg";
  p.studyArea = "county";
  TileJobOptions o;
  o.out = *dir_ / "served.mbtiles";
  o.style = kSource / "styles/default.json";
  o.minzoom = 10, o.maxzoom = 11;
  o.quiet = true;
  runTileJob(p, o);
  Running s = start(o.out);
  const TileId t = tileAt(120.55, 30.06, 11);
  const Reply r = get(s.port(), "/tiles/" + t.path() + ".png");
  ASSERT_EQ(r.status, 200);
  SqliteDatabase db(o.out, SQLITE_OPEN_READONLY);
  auto st = db.prepare("SELECT tile_data FROM tiles WHERE zoom_level = 11 AND tile_column = ? AND tile_row = ?");
  st.bind(1, t.x).bind(2, tmsRow(t));
  ASSERT_TRUE(st.step());
  EXPECT_TRUE(st.blob(0) == r.body);
  EXPECT_EQ(get(s.port(), "/tiles/12/" + std::to_string(t.x * 2) + "/" + std::to_string(t.y * 2) + ".png").status, 404);
  EXPECT_NE(get(s.port(), "/api/info").body.find("\"mbtiles\""), std::string::npos);
}

}  // namespace
}  // namespace riskmap
