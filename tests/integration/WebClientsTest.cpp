// What third-party web clients need from `riskmap serve`, in-process on a
// loopback port: CORS headers and OPTIONS preflights, 204 for tiles with
// nothing in them, an access log line per request, TileJSON 3.0.0, and WMTS
// 1.0.0 read back by GDAL's WMTS driver (an independent client) in both
// tile matrix sets, pixel for pixel against the tiles the server answers.
// Also `riskmap tiles --tile-matrix cgcs2000`.
#include <gtest/gtest.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cpl_conv.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <regex>

#include "ServeSupport.hpp"
#include "TestSupport.hpp"
#include "riskmap/core/Error.hpp"
#include "riskmap/serve/MapService.hpp"
#include "riskmap/tiles/TileScheduler.hpp"

namespace riskmap {
namespace {

namespace http = boost::beast::http;
const std::filesystem::path kSource(RISKMAP_SOURCE_DIR);

using Reply = http::response<http::string_body>;

Reply request(unsigned short port, http::verb verb, const std::string& target,
              const std::vector<std::pair<http::field, std::string>>& headers = {}) {
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket socket(io);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), port});
  http::request<http::empty_body> req{verb, target, 11};
  req.set(http::field::host, "127.0.0.1:" + std::to_string(port));
  for (const auto& [f, v] : headers) req.set(f, v);
  http::write(socket, req);
  boost::beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.skip(verb == http::verb::head);
  http::read(socket, buffer, parser);
  return parser.release();
}

// The RGBA pixels of a PNG, decoded by GDAL.
std::vector<unsigned char> pixels(const std::string& png) {
  const std::string name = "/vsimem/webclients-" + std::to_string(reinterpret_cast<std::uintptr_t>(&png)) + ".png";
  VSIFCloseL(VSIFileFromMemBuffer(name.c_str(), reinterpret_cast<GByte*>(const_cast<char*>(png.data())), png.size(), FALSE));
  GDALDatasetUniquePtr ds(GDALDataset::Open(name.c_str(), GDAL_OF_RASTER));
  std::vector<unsigned char> out;
  if (ds && ds->GetRasterCount() == 4) {
    out.resize(4u * ds->GetRasterXSize() * ds->GetRasterYSize());
    int bands[4] = {1, 2, 3, 4};
    if (ds->RasterIO(GF_Read, 0, 0, ds->GetRasterXSize(), ds->GetRasterYSize(), out.data(), ds->GetRasterXSize(),
                     ds->GetRasterYSize(), GDT_Byte, 4, bands, 4, 4L * ds->GetRasterXSize(), 1, nullptr) != CE_None)
      out.clear();
  }
  ds.reset();
  VSIUnlink(name.c_str());
  return out;
}

class WebClientsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    GDALAllRegister();
    CPLSetConfigOption("GDAL_ENABLE_WMS_CACHE", "NO");  // every read goes to the server
    dir_ = new test::TempDir;
    project_ = test::assessedCounty(kSource / "data/sample_county/project.toml", *dir_);
  }
  static void TearDownTestSuite() { delete dir_; }

  struct Running {
    std::unique_ptr<TileService> tiles, geodetic;
    std::unique_ptr<MapService> service;
    std::unique_ptr<HttpServer> server;
    unsigned short port() const { return server->port(); }
  };
  static TileServiceOptions tileOptions() {
    TileServiceOptions t;
    t.library = *dir_ / "one.gpkg";
    t.studyArea = "county";
    t.style = kSource / "styles/default.json";
    t.cacheBytes = 8 << 20;
    t.renderThreads = 2;
    t.minzoom = 0, t.maxzoom = 16;
    return t;
  }
  static Running start(HttpServerOptions h = {}) {
    Running r;
    TileServiceOptions t = tileOptions();
    r.tiles = std::make_unique<TileService>(t);
    t.geometry.matrix = TileMatrixSet::cgcs2000();
    t.minzoom = 1;
    r.geodetic = std::make_unique<TileService>(t);
    r.service = std::make_unique<MapService>(test::countyMapOptions(t.library, kSource), *r.tiles, r.geodetic.get());
    r.server = test::serveOnLoopback(*r.service, h, 2, 64, 64);
    return r;
  }

  static test::TempDir* dir_;
  static std::filesystem::path project_;
};
test::TempDir* WebClientsTest::dir_ = nullptr;
std::filesystem::path WebClientsTest::project_;

const TileId kTown = tileAt(120.55, 30.06, 13);  // the county town, drawn in every style

TEST_F(WebClientsTest, EveryAnswerCarriesCorsHeadersAndPreflightsAre204) {
  Running s = start();
  const std::string origin = "http://other.example:5173";
  const std::string tile = "/tiles/" + kTown.path() + ".png";
  for (const std::string& target : {tile, std::string("/tiles.json"), std::string("/wmts/1.0.0/WMTSCapabilities.xml"),
                                    std::string("/tiles/13/0/0.png"), std::string("/no-such-file.js")}) {
    const Reply r = request(s.port(), http::verb::get, target, {{http::field::origin, origin}});
    EXPECT_EQ(r[http::field::access_control_allow_origin], "*") << target << " " << r.result_int();
  }
  const Reply pre = request(s.port(), http::verb::options, tile,
                            {{http::field::origin, origin}, {http::field::access_control_request_method, "GET"},
                             {http::field::access_control_request_headers, "x-requested-with"}});
  EXPECT_EQ(pre.result_int(), 204);
  EXPECT_EQ(pre[http::field::access_control_allow_origin], "*");
  EXPECT_NE(pre[http::field::access_control_allow_methods].find("GET"), std::string::npos);
  EXPECT_EQ(pre[http::field::access_control_allow_headers], "x-requested-with");
  EXPECT_TRUE(pre.body().empty());

  HttpServerOptions listed;
  listed.cors = CorsPolicy::parse(origin);
  Running l = start(listed);
  EXPECT_EQ(request(l.port(), http::verb::get, tile, {{http::field::origin, origin}})[http::field::access_control_allow_origin], origin);
  const Reply other = request(l.port(), http::verb::get, tile, {{http::field::origin, "http://evil.example"}});
  EXPECT_EQ(other.result_int(), 200);  // the browser, not the server, withholds it
  EXPECT_EQ(other.count(http::field::access_control_allow_origin), 0u);
  EXPECT_EQ(other[http::field::vary], "Origin");

  HttpServerOptions none;
  none.cors = CorsPolicy::parse("none");
  Running n = start(none);
  const Reply plain = request(n.port(), http::verb::get, tile, {{http::field::origin, origin}});
  EXPECT_EQ(plain.count(http::field::access_control_allow_origin), 0u);
  EXPECT_EQ(request(n.port(), http::verb::options, tile, {{http::field::origin, origin}}).result_int(), 204);
}

TEST_F(WebClientsTest, TilesWithNothingInThemAre204NeverAnError) {
  Running s = start();
  for (const std::string& target : {std::string("/tiles/13/0/0.png"), std::string("/tiles/17/0/0.png"),
                                    std::string("/wmts/1.0.0/riskmap/default/CGCS2000/13/0/0.png"),
                                    std::string("/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=riskmap&STYLE=default"
                                                "&TILEMATRIXSET=GoogleMapsCompatible&TILEMATRIX=5&TILEROW=0&TILECOL=0&FORMAT=image/png")}) {
    const Reply r = request(s.port(), http::verb::get, target);
    EXPECT_EQ(r.result_int(), 204) << target;
    EXPECT_TRUE(r.body().empty());
    EXPECT_NE(r[http::field::cache_control].find("max-age"), std::string::npos);
  }
  // Off the matrix: a WMTS exception, as 07-057r7 asks.
  const Reply out = request(s.port(), http::verb::get, "/wmts/1.0.0/riskmap/default/CGCS2000/3/4/0.png");
  EXPECT_EQ(out.result_int(), 400);
  EXPECT_NE(out.body().find("TileOutOfRange"), std::string::npos);
}

TEST_F(WebClientsTest, OneCommonLogFormatLinePerRequest) {
  const std::filesystem::path log = *dir_ / "access.log";
  HttpServerOptions h;
  h.accessLog = std::make_shared<AccessLog>(log.string());
  {
    Running s = start(h);
    EXPECT_EQ(request(s.port(), http::verb::get, "/tiles.json").result_int(), 200);
    EXPECT_EQ(request(s.port(), http::verb::get, "/tiles/13/0/0.png").result_int(), 204);
    EXPECT_EQ(request(s.port(), http::verb::get, "/tiles/a/b/c.png").result_int(), 400);
    s.server->stop();
  }
  h.accessLog.reset();
  std::ifstream in(log);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 3u);
  const std::regex clf(R"re(^127\.0\.0\.1 - - \[\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2} \+0000\] "GET (\S+) HTTP/1\.1" (\d{3}) (\d+|-)$)re");
  std::smatch m;
  ASSERT_TRUE(std::regex_match(lines[0], m, clf)) << lines[0];
  EXPECT_EQ(m[1], "/tiles.json");
  EXPECT_EQ(m[2], "200");
  EXPECT_GT(std::stoi(m[3]), 100);
  ASSERT_TRUE(std::regex_match(lines[1], m, clf)) << lines[1];
  EXPECT_EQ(m[2], "204");
  EXPECT_EQ(m[3], "-");
  ASSERT_TRUE(std::regex_match(lines[2], m, clf)) << lines[2];
  EXPECT_EQ(m[2], "400");
}

TEST_F(WebClientsTest, TileJsonPointsAtTheTiles) {
  Running s = start();
  const Reply r = request(s.port(), http::verb::get, "/tiles.json");
  ASSERT_EQ(r.result_int(), 200);
  const nlohmann::json j = nlohmann::json::parse(r.body());
  EXPECT_EQ(j.at("tilejson"), "3.0.0");
  const std::string base = "http://127.0.0.1:" + std::to_string(s.port());
  ASSERT_EQ(j.at("tiles").size(), 1u);
  EXPECT_EQ(j.at("tiles")[0], base + "/tiles/{z}/{x}/{y}.png");
  const LonLatBox& b = s.tiles->coverage().bounds();
  EXPECT_DOUBLE_EQ(j.at("bounds")[0].get<double>(), b.west);
  EXPECT_DOUBLE_EQ(j.at("bounds")[3].get<double>(), b.north);
  EXPECT_EQ(j.at("minzoom"), 0);
  EXPECT_EQ(j.at("maxzoom"), 16);
  std::string url = j.at("tiles")[0].get<std::string>().substr(base.size());
  url.replace(url.find("{z}"), 3, std::to_string(kTown.z));
  url.replace(url.find("{x}"), 3, std::to_string(kTown.x));
  url.replace(url.find("{y}"), 3, std::to_string(kTown.y));
  EXPECT_EQ(request(s.port(), http::verb::get, url).result_int(), 200);
}

// GDAL's WMTS driver reads the capabilities (KVP and RESTful give the same
// document) and fetches tiles by them: its pixels at the county town's
// tile are the server's own tile, in both matrix sets, so the corner, axis
// order, cell sizes and row/column order all agree with what a client does.
TEST_F(WebClientsTest, GdalReadsBothTileMatrixSetsOverWmts) {
  Running s = start();
  const std::string base = "http://127.0.0.1:" + std::to_string(s.port());
  const Reply kvp = request(s.port(), http::verb::get, "/wmts?service=WMTS&request=GetCapabilities");
  const Reply rest = request(s.port(), http::verb::get, "/wmts/1.0.0/WMTSCapabilities.xml");
  ASSERT_EQ(rest.result_int(), 200);
  EXPECT_EQ(kvp.body(), rest.body());
  const int z = 12;
  for (const TileMatrixSet& set : {TileMatrixSet::webMercator(), TileMatrixSet::cgcs2000()}) {
    SCOPED_TRACE(set.name());
    const std::string name = "WMTS:" + base + "/wmts/1.0.0/WMTSCapabilities.xml,layer=riskmap,tilematrixset=" +
                             set.wmtsIdentifier() + ",tilematrix=" + std::to_string(z);
    GDALDatasetUniquePtr ds(GDALDataset::Open(name.c_str(), GDAL_OF_RASTER));
    ASSERT_TRUE(ds) << CPLGetLastErrorMsg();
    const OGRSpatialReference* srs = ds->GetSpatialRef();
    ASSERT_NE(srs, nullptr);
    EXPECT_STREQ(srs->GetAuthorityCode(nullptr), std::to_string(set.epsg()).c_str());
    double gt[6];
    ASSERT_EQ(ds->GetGeoTransform(gt), CE_None);
    EXPECT_NEAR(gt[1], set.cellSize(z), set.cellSize(z) * 1e-9);
    EXPECT_NEAR(gt[5], -set.cellSize(z), set.cellSize(z) * 1e-9);
    const TileId t = set.tileAt(120.55, 30.06, z);
    const MercatorBox box = set.bounds(t);
    const double col = (box.minX - gt[0]) / gt[1], row = (box.maxY - gt[3]) / gt[5];
    ASSERT_NEAR(col, std::round(col), 1e-6);
    ASSERT_NEAR(row, std::round(row), 1e-6);
    ASSERT_EQ(ds->GetRasterCount(), 4);
    std::vector<unsigned char> fromGdal(4 * 256 * 256);
    int bands[4] = {1, 2, 3, 4};
    ASSERT_EQ(ds->RasterIO(GF_Read, static_cast<int>(std::lround(col)), static_cast<int>(std::lround(row)), 256, 256,
                           fromGdal.data(), 256, 256, GDT_Byte, 4, bands, 4, 4 * 256, 1, nullptr),
              CE_None);
    const Reply tile = request(s.port(), http::verb::get,
                               "/wmts/1.0.0/riskmap/default/" + std::string(set.wmtsIdentifier()) + "/" +
                                   std::to_string(z) + "/" + std::to_string(t.y) + "/" + std::to_string(t.x) + ".png");
    ASSERT_EQ(tile.result_int(), 200);
    const std::vector<unsigned char> served = pixels(tile.body());
    ASSERT_EQ(served.size(), fromGdal.size());
    EXPECT_TRUE(served == fromGdal);
    std::size_t opaque = 0;
    for (std::size_t i = 3; i < served.size(); i += 4) opaque += served[i] > 0;
    EXPECT_GT(opaque, 1000u);  // the town's tile has the map in it, not a transparent square
  }
}

// The capabilities (KVP and RESTful) and an exception report are valid
// against OGC's schemas (WMTS 1.0.0, OWS 1.1.0, XLink; vendored in
// tests/schemas/ogc from Debian's python3-mapproxy), checked offline by
// libxml2's validator.
TEST_F(WebClientsTest, CapabilitiesAndExceptionsAreValidAgainstTheOgcSchemas) {
  Running s = start();
  const std::filesystem::path schemas = kSource / "tests/schemas/ogc";
  auto validate = [&](const std::string& target, int status, const std::filesystem::path& schema) {
    SCOPED_TRACE(target);
    const Reply r = request(s.port(), http::verb::get, target);
    ASSERT_EQ(r.result_int(), status) << r.body();
    const std::filesystem::path file = *dir_ / "answer.xml";
    std::ofstream(file, std::ios::binary) << r.body();
    const test::CommandResult v =
        test::runCommand("xmllint --nonet --noout --schema '" + schema.string() + "' '" + file.string() + "'");
    EXPECT_EQ(v.exitCode, 0) << v.output;
    EXPECT_NE(v.output.find("validates"), std::string::npos) << v.output;
  };
  const std::filesystem::path capabilities = schemas / "wmts/1.0/wmtsGetCapabilities_response.xsd";
  validate("/wmts?SERVICE=WMTS&REQUEST=GetCapabilities", 200, capabilities);
  validate("/wmts/1.0.0/WMTSCapabilities.xml", 200, capabilities);
  validate("/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=riskmap&STYLE=default&FORMAT=image/png"
           "&TILEMATRIXSET=CGCS2000&TILEMATRIX=12&TILEROW=-1&TILECOL=0",
           400, schemas / "ows/1.1.0/owsExceptionReport.xsd");
  // Levels served from z8 on: the study area's limits are written (rows and
  // columns all positive), and valid; the vector layer too.
  WmtsService deep;
  deep.title = "江澄县";
  deep.bounds = {120.4, 29.8, 120.8, 30.2};
  deep.sets = {{TileMatrixSet::webMercator(), 8, 14}, {TileMatrixSet::cgcs2000(), 8, 14}};
  deep.vectorSets = {{TileMatrixSet::cgcs2000(), 8, 14}};
  const std::string limited = wmtsCapabilities(deep, "http://127.0.0.1:8080");
  EXPECT_NE(limited.find("<TileMatrixLimits><TileMatrix>8</TileMatrix>"), std::string::npos);
  std::ofstream(*dir_ / "limited.xml", std::ios::binary) << limited;
  const test::CommandResult lv = test::runCommand("xmllint --nonet --noout --schema '" + capabilities.string() + "' '" +
                                                  (*dir_ / "limited.xml").string() + "'");
  EXPECT_EQ(lv.exitCode, 0) << lv.output;
  // The validator is not lenient: a layer style without its required
  // identifier fails.
  const Reply r = request(s.port(), http::verb::get, "/wmts/1.0.0/WMTSCapabilities.xml");
  std::string broken = r.body();
  const std::string styleId = "<ows:Identifier>default</ows:Identifier>";
  ASSERT_NE(broken.find(styleId), std::string::npos);
  broken.erase(broken.find(styleId), styleId.size());
  std::ofstream(*dir_ / "broken.xml", std::ios::binary) << broken;
  EXPECT_NE(test::runCommand("xmllint --nonet --noout --schema '" + capabilities.string() + "' '" +
                             (*dir_ / "broken.xml").string() + "'").exitCode, 0);
}

TEST_F(WebClientsTest, Cgcs2000TilesAreDrawnAtTheirOwnZoomAndWrittenToADirectory) {
  // A level-z tile of the lon/lat pyramid has Web Mercator zoom z's cell
  // along the equator (360 / 256 2^z degrees), so the style's zoom rules match.
  const Style style = Style::load(kSource / "styles/default.json");
  TileGeometry g{256, 1, 4, 64};
  g.matrix = TileMatrixSet::cgcs2000();
  MetatileRenderer renderer(*dir_ / "one.gpkg", style, g);
  for (int z : {8, 12, 15}) {
    const TileId t = g.matrix.tileAt(120.55, 30.06, z);
    EXPECT_DOUBLE_EQ(renderer.viewOf(g.metatileOf(t)).zoom(), z);
  }

  const Project p = Project::load(project_);
  TileJobOptions o;
  o.out = *dir_ / "c-tiles";
  o.style = kSource / "styles/default.json";
  o.minzoom = 10, o.maxzoom = 11;
  o.geometry.matrix = TileMatrixSet::cgcs2000();
  o.quiet = true;
  const TileJobReport r = runTileJob(p, o);
  EXPECT_GT(r.tiles, 0u);
  const TileId t = g.matrix.tileAt(120.55, 30.06, 11);
  EXPECT_TRUE(std::filesystem::exists(o.out / "11" / std::to_string(t.x) / (std::to_string(t.y) + ".png")));
  const nlohmann::json meta = nlohmann::json::parse(test::readFile(o.out / "metadata.json"));
  EXPECT_EQ(meta.at("riskmap:tile_matrix_set"), "cgcs2000");
  // Every tile written lies in the matrix and touches the county.
  const TileCoverage coverage(*dir_ / "one.gpkg", "county");
  std::size_t files = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(o.out))
    if (e.path().extension() == ".png") {
      ++files;
      const TileId id{std::stoi(e.path().parent_path().parent_path().filename()), std::stoll(e.path().parent_path().filename()),
                      std::stoll(e.path().stem())};
      EXPECT_TRUE(g.matrix.contains(id) && coverage.touches(id, g.matrix)) << id.path();
    }
  EXPECT_EQ(files, r.tiles);

  o.out = *dir_ / "c.mbtiles";
  EXPECT_THROW(runTileJob(p, o), UserError);  // MBTiles is Web Mercator only
  o.out = *dir_ / "c0";
  o.minzoom = 0;
  EXPECT_THROW(runTileJob(p, o), UserError);  // the pyramid starts at level 1
}

}  // namespace
}  // namespace riskmap
