// `riskmap tiles --format mvt` and /tiles/{z}/{x}/{y}.pbf: the vector tiles
// decoded independently (GDAL's MVT reader over the MBTiles) hold every
// feature of every table the style draws with its attributes, exactly the
// library's; the MBTiles says format pbf with vector_layers; the server
// answers the stored tiles gzip-encoded, 204 where there is nothing.
#include <gtest/gtest.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>
#include <ogrsf_frmts.h>

#include <cmath>
#include <map>
#include <set>

#include "ServeSupport.hpp"
#include "TestSupport.hpp"
#include "riskmap/gdal/Gdal.hpp"
#include "riskmap/library/GeometryTables.hpp"
#include "riskmap/render/Style.hpp"
#include "riskmap/tiles/MBTilesReader.hpp"
#include "riskmap/tiles/TileMath.hpp"
#include "riskmap/tiles/VectorTiles.hpp"

namespace riskmap {
namespace {

namespace http = boost::beast::http;
const std::filesystem::path kSource(RISKMAP_SOURCE_DIR);

// Each feature as the text of its string and integer attributes (the types
// MVT keeps exactly), so the same feature cut into several tiles counts
// once; with the feature's size in Web Mercator metres (length of a line,
// diagonal of an area's envelope), the largest when a row repeats.
std::map<std::string, double> attributeRows(OGRLayer& layer, const std::vector<std::string>& fields) {
  std::map<std::string, double> rows;
  OGRSpatialReference mercator;
  mercator.importFromEPSG(3857);
  mercator.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  std::unique_ptr<OGRCoordinateTransformation> ct;
  if (layer.GetSpatialRef()) {
    OGRSpatialReference src(*layer.GetSpatialRef());
    src.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    ct.reset(OGRCreateCoordinateTransformation(&src, &mercator));
  }
  layer.ResetReading();
  for (auto& f : layer) {
    std::string row;
    for (const std::string& name : fields) {
      const int i = f->GetFieldIndex(name.c_str());
      row += name + "=" + (i >= 0 && f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "") + "|";
    }
    double size = 0;
    if (const OGRGeometry* g = f->GetGeometryRef(); g && ct) {
      std::unique_ptr<OGRGeometry> m(g->clone());
      if (m->transform(ct.get()) == OGRERR_NONE) {
        OGREnvelope e;
        m->getEnvelope(&e);
        size = std::hypot(e.MaxX - e.MinX, e.MaxY - e.MinY);
      }
    }
    rows[row] = std::max(rows[row], size);
  }
  return rows;
}

class VectorTilesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    GDALAllRegister();
    dir_ = new test::TempDir;
    project_ = test::assessedCounty(kSource / "data/sample_county/project.toml", *dir_);
    VectorTileOptions o;
    o.out = *dir_ / "county-mvt.mbtiles";
    o.style = kSource / "styles/default.json";
    o.minzoom = 8, o.maxzoom = 14;
    o.quiet = true;
    report_ = new VectorTileReport(writeVectorTiles(Project::load(project_), o));
  }
  static void TearDownTestSuite() {
    delete report_;
    delete dir_;
  }
  static test::TempDir* dir_;
  static std::filesystem::path project_;
  static VectorTileReport* report_;
};
test::TempDir* VectorTilesTest::dir_ = nullptr;
std::filesystem::path VectorTilesTest::project_;
VectorTileReport* VectorTilesTest::report_ = nullptr;

TEST_F(VectorTilesTest, EveryStyledTableIsALayerWithAllItsFeaturesAndAttributes) {
  const Style style = Style::load(kSource / "styles/default.json");
  std::set<std::string> styled;
  for (const StyleLayer& l : style.layers) styled.insert(l.source);
  GDALDatasetUniquePtr library = openDataset((*dir_ / "one.gpkg").string(), GDAL_OF_VECTOR | GDAL_OF_READONLY);
  const char* open[] = {"ZOOM_LEVEL=14", nullptr};
  GDALDatasetUniquePtr tiles(GDALDataset::Open((*dir_ / "county-mvt.mbtiles").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                               nullptr, open));
  ASSERT_TRUE(tiles) << CPLGetLastErrorMsg();
  int compared = 0;
  for (const std::string& table : {"risk_zones", "source_grades", "pipelines", "pipeline_segments", "black_spots",
                                   "chemical_parks", "townships"}) {
    SCOPED_TRACE(table);
    ASSERT_TRUE(styled.count(table)) << "the style no longer draws " << table;
    const library::Table in = library::openTable(*library, table);  // split tables read as one
    ASSERT_TRUE(in);
    OGRLayer* out = tiles->GetLayerByName(table.c_str());
    ASSERT_NE(out, nullptr) << "no MVT layer";
    std::vector<std::string> fields;
    for (int i = 0; i < in->GetLayerDefn()->GetFieldCount(); ++i) {
      const OGRFieldDefn* d = in->GetLayerDefn()->GetFieldDefn(i);
      if (d->GetType() == OFTString || d->GetType() == OFTInteger || d->GetType() == OFTInteger64) fields.push_back(d->GetNameRef());
    }
    ASSERT_FALSE(fields.empty());
    std::uint64_t withGeometry = 0;
    for (auto& f : *in) withGeometry += f->GetGeometryRef() && !f->GetGeometryRef()->IsEmpty();
    EXPECT_EQ(report_->features.at(table), withGeometry);
    const std::map<std::string, double> expected = attributeRows(*in, fields), decoded = attributeRows(*out, fields);
    EXPECT_GT(expected.size(), 0u);
    for (const auto& [row, size] : decoded) EXPECT_TRUE(expected.count(row)) << "not in the library: " << row;
    // Only what the MVT grid cannot hold may be missing: at z14 a tile is 2446 m
    // wide in 4096 units, so a feature under 2 units (1.2 m) collapses.
    const double unit = 2 * kWebMercatorHalf / (1 << 14) / 4096;
    std::size_t dropped = 0;
    for (const auto& [row, size] : expected)
      if (!decoded.count(row)) {
        ++dropped;
        EXPECT_LT(size, 2 * unit) << "missing from the tiles: " << row;
      }
    EXPECT_LE(dropped, expected.size() / 20) << "more than 5 % of the features missing";
    ++compared;
  }
  EXPECT_EQ(compared, 7);
}

TEST_F(VectorTilesTest, MBTilesSaysPbfWithVectorLayersAndTheServerSendsTheTiles) {
  MBTilesReader db(*dir_ / "county-mvt.mbtiles");
  EXPECT_EQ(db.metadata("format").value_or(""), "pbf");
  const nlohmann::json meta = nlohmann::json::parse(db.metadata("json").value_or("{}"));
  std::set<std::string> ids;
  for (const auto& l : meta.at("vector_layers")) ids.insert(l.at("id").get<std::string>());
  for (const auto& [table, n] : report_->features) EXPECT_TRUE(ids.count(table)) << table;

  TileServiceOptions t;
  t.library = *dir_ / "one.gpkg";
  t.studyArea = "county";
  t.style = kSource / "styles/default.json";
  TileService tiles(t);
  MapServiceOptions m = test::countyMapOptions(t.library, kSource);
  m.vectorTiles = *dir_ / "county-mvt.mbtiles";
  m.style = t.style;
  MapService service(m, tiles);
  std::unique_ptr<HttpServer> server = test::serveOnLoopback(service, {}, 1, 16, 16);

  auto get = [&](const std::string& target) {
    boost::asio::io_context io;
    boost::asio::ip::tcp::socket socket(io);
    socket.connect({boost::asio::ip::make_address("127.0.0.1"), server->port()});
    http::request<http::empty_body> req{http::verb::get, target, 11};
    req.set(http::field::host, "127.0.0.1:" + std::to_string(server->port()));
    http::write(socket, req);
    boost::beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(socket, buffer, res);
    return res;
  };
  const TileId town = tileAt(120.55, 30.06, 14);
  const auto res = get("/tiles/" + town.path() + ".pbf");
  ASSERT_EQ(res.result_int(), 200);
  EXPECT_EQ(res[http::field::content_type], "application/vnd.mapbox-vector-tile");
  EXPECT_EQ(res[http::field::content_encoding], "gzip");
  EXPECT_TRUE(res.body() == db.read(town).value_or(""));
  EXPECT_EQ(get("/tiles/14/0/0.pbf").result_int(), 204);
  const nlohmann::json tj = nlohmann::json::parse(get("/vector.json").body());
  EXPECT_EQ(tj.at("tilejson"), "3.0.0");
  EXPECT_EQ(tj.at("tiles")[0], "http://127.0.0.1:" + std::to_string(server->port()) + "/tiles/{z}/{x}/{y}.pbf");
  EXPECT_EQ(tj.at("vector_layers").size(), ids.size());
  EXPECT_EQ(tj.at("maxzoom"), 14);

  // /style.json: the default style over this server's vector tiles, every
  // layer on a source-layer the tiles have (checked by the MapLibre
  // validator and drawn by MapLibre in the browser test).
  const nlohmann::json style = nlohmann::json::parse(get("/style.json").body());
  EXPECT_EQ(style.at("version"), 8);
  EXPECT_EQ(style.at("sources").at("riskmap").at("url"), "http://127.0.0.1:" + std::to_string(server->port()) + "/vector.json");
  ASSERT_GT(style.at("layers").size(), 5u);
  std::set<std::string> inTiles;
  for (const auto& v : tj.at("vector_layers")) inTiles.insert(v.at("id").get<std::string>());
  bool zones = false;
  for (const auto& l : style.at("layers")) {
    EXPECT_TRUE(inTiles.count(l.at("source-layer").get<std::string>())) << l.at("id") << ": its table is not in the tiles";
    zones = zones || l.at("source-layer") == "risk_zones";
    EXPECT_NE(l.at("type"), "symbol");
    EXPECT_FALSE(l.contains("paint") && l.at("paint").contains("fill-pattern"));
  }
  EXPECT_TRUE(zones) << "the zones are not drawn";
}

}  // namespace
}  // namespace riskmap
