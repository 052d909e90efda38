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
#include <cpl_vsi.h>
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

// One GET to the test's server on the loopback, on its own connection.
http::response<http::string_body> getOnLoopback(unsigned short port, const std::string& target) {
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket socket(io);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), port});
  http::request<http::empty_body> req{http::verb::get, target, 11};
  req.set(http::field::host, "127.0.0.1:" + std::to_string(port));
  http::write(socket, req);
  boost::beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(socket, buffer, res);
  return res;
}

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

  auto get = [&](const std::string& target) { return getOnLoopback(server->port(), target); };
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
  std::set<std::string> labels, patterns;
  for (const auto& l : style.at("layers")) {
    EXPECT_TRUE(inTiles.count(l.at("source-layer").get<std::string>())) << l.at("id") << ": its table is not in the tiles";
    zones = zones || l.at("source-layer") == "risk_zones";
    if (l.contains("layout") && l.at("layout").contains("text-field")) {
      labels.insert(l.at("id").get<std::string>());
      EXPECT_EQ(l.at("layout").at("text-font"), nlohmann::json::array({"Noto Sans CJK SC Regular"})) << l.at("id");
    }
    if (l.contains("paint") && l.at("paint").contains("fill-pattern")) patterns.insert(l.at("id").get<std::string>());
  }
  EXPECT_TRUE(zones) << "the zones are not drawn";
  // Labels, icons and hatching as the PNG tiles draw them, from this server's glyphs and sprite.
  EXPECT_EQ(labels, (std::set<std::string>{"township-labels", "park-labels", "plant-labels"}));
  EXPECT_EQ(patterns, (std::set<std::string>{"park-hatching"}));
  const std::string base = "http://127.0.0.1:" + std::to_string(server->port());
  EXPECT_EQ(style.at("glyphs"), base + "/fonts/{fontstack}/{range}.pbf");
  EXPECT_EQ(style.at("sprite"), base + "/sprite");

  // The sprite: every icon of styles/icons.json and the three hatchings,
  // twice the pixels at @2x; each image inside the PNG.
  for (int ratio : {1, 2}) {
    SCOPED_TRACE(ratio);
    const std::string suffix = ratio == 2 ? "@2x" : "";
    const auto index = get("/sprite" + suffix + ".json");
    ASSERT_EQ(index.result_int(), 200);
    const nlohmann::json sprite = nlohmann::json::parse(index.body());
    const auto png = get("/sprite" + suffix + ".png");
    ASSERT_EQ(png.result_int(), 200);
    EXPECT_EQ(png[http::field::content_type], "image/png");
    ASSERT_GT(png.body().size(), 24u);
    auto be32 = [&](std::size_t at) {
      const auto* b = reinterpret_cast<const unsigned char*>(png.body().data()) + at;
      return (b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3];
    };
    const int width = be32(16), height = be32(20);  // the IHDR chunk
    for (const char* icon : {"hazard", "school", "kindergarten", "hospital", "elderly_home", "market",
                                    "filling_station", "water_source"}) {
      ASSERT_TRUE(sprite.contains(icon)) << icon;
      EXPECT_EQ(sprite[icon].at("width"), 18 * ratio) << icon;
      EXPECT_EQ(sprite[icon].at("pixelRatio"), ratio);
    }
    // Hatching periods: 8 px apart (4 for hatch-dense), as the renderer hatches.
    EXPECT_EQ(sprite.at("hatch").at("width"), 8 * ratio);
    EXPECT_EQ(sprite.at("hatch-dense").at("width"), 4 * ratio);
    EXPECT_EQ(sprite.at("crosshatch").at("height"), 8 * ratio);
    for (const auto& [name, at] : sprite.items()) {
      EXPECT_LE(at.at("x").get<int>() + at.at("width").get<int>(), width) << name;
      EXPECT_LE(at.at("y").get<int>() + at.at("height").get<int>(), height) << name;
    }
  }
  EXPECT_EQ(get("/sprite@3x.json").result_int(), 404);
  EXPECT_EQ(get("/fonts/Noto%20Sans%20CJK%20SC%20Regular/0-255.pbf").result_int(), 200);
  EXPECT_EQ(get("/fonts/Noto%20Sans%20CJK%20SC%20Regular/1-256.pbf").result_int(), 400);
  EXPECT_EQ(get("/fonts/Noto%20Sans%20CJK%20SC%20Regular/65536-65791.pbf").result_int(), 400);
}

}  // namespace
}  // namespace riskmap

namespace riskmap {
namespace {

// The extent (units a tile side) of a layer of an MVT tile, from the tile's
// protobuf (Tile.layers = 3; Layer.name = 1, Layer.extent = 5, default
// 4096): GDAL's writer lowers it in a tile over its size limit.
std::uint64_t layerExtent(const std::string& tile, const std::string& layer) {
  std::string raw = tile;
  if (tile.size() > 2 && static_cast<unsigned char>(tile[0]) == 0x1f && static_cast<unsigned char>(tile[1]) == 0x8b) {
    VSIFCloseL(VSIFileFromMemBuffer("/vsimem/extent.gz", reinterpret_cast<GByte*>(const_cast<char*>(tile.data())), tile.size(), FALSE));
    VSILFILE* f = VSIFOpenL("/vsigzip//vsimem/extent.gz", "rb");
    raw.clear();
    char buf[65536];
    for (std::size_t n; f && (n = VSIFReadL(buf, 1, sizeof buf, f)) > 0;) raw.append(buf, n);
    if (f) VSIFCloseL(f);
    VSIUnlink("/vsimem/extent.gz");
  }
  const test::ProtobufFields t = test::decodeProtobuf(raw);
  for (auto [it, end] = t.bytes.equal_range(3); it != end; ++it) {
    const test::ProtobufFields l = test::decodeProtobuf(it->second);
    if (l.bytes.count(1) && l.bytes.find(1)->second == layer) return l.numbers.count(5) ? l.numbers.find(5)->second : 4096;
  }
  return 0;
}

// The CGCS2000 vector tiles: a point feature's MVT coordinates, decoded by
// GDAL's MVT reader from the bare tile (no georeferencing: tile units),
// put back into longitude/latitude with the tile matrix as its definition
// gives it (level z: 2^z x 2^(z-1) tiles of 360 / 2^z degrees from 180 W,
// 90 N; the layer's extent, 4096 units, a tile side; GDAL reports y up
// from the tile's south edge) land on the library's point; the server answers
// the tile over WMTS (layer riskmap-vector) and lists the layer.
TEST_F(VectorTilesTest, Cgcs2000TilesPutAFeatureAtItsLonLat) {
  VectorTileOptions o;
  o.out = *dir_ / "county-mvt-cgcs2000";
  o.style = kSource / "styles/default.json";
  o.minzoom = 10, o.maxzoom = 14;
  o.matrix = TileMatrixSet::cgcs2000();
  o.quiet = true;
  const VectorTileReport r = writeVectorTiles(Project::load(project_), o);
  EXPECT_EQ(r.features, report_->features);  // the same tables and features as the Web Mercator tiles
  const nlohmann::json meta = nlohmann::json::parse(test::readFile(o.out / "metadata.json"));
  EXPECT_EQ(meta.at("riskmap:tile_matrix_set"), "cgcs2000");
  EXPECT_EQ(meta.at("minzoom"), "10");
  EXPECT_TRUE(std::filesystem::is_directory(o.out / "10") && std::filesystem::is_directory(o.out / "14"));
  EXPECT_FALSE(std::filesystem::exists(o.out / "9"));  // GDAL's zoom 9 is level 10

  // The library's black spots (points), in CGCS2000 longitude/latitude.
  GDALDatasetUniquePtr library = openDataset((*dir_ / "one.gpkg").string(), GDAL_OF_VECTOR | GDAL_OF_READONLY);
  const library::Table spots = library::openTable(*library, "black_spots");
  ASSERT_TRUE(spots);
  OGRSpatialReference src(*spots->GetSpatialRef()), geo;
  src.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  geo.importFromEPSG(4490);
  geo.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&src, &geo));
  int checked = 0;
  for (auto& f : *spots) {
    const OGRGeometry* g = f->GetGeometryRef();
    if (!g || wkbFlatten(g->getGeometryType()) != wkbPoint) continue;
    double lon = g->toPoint()->getX(), lat = g->toPoint()->getY();
    ASSERT_TRUE(ct->Transform(1, &lon, &lat));
    for (int z : {10, 14}) {
      SCOPED_TRACE(std::string(f->GetFieldAsString("spot_id")) + " at level " + std::to_string(z));
      const double side = 360.0 / std::ldexp(1.0, z);  // degrees a tile, both ways
      const auto col = static_cast<long long>(std::floor((lon + 180) / side));
      const auto row = static_cast<long long>(std::floor((90 - lat) / side));
      const std::filesystem::path file = o.out / std::to_string(z) / std::to_string(col) / (std::to_string(row) + ".pbf");
      ASSERT_TRUE(std::filesystem::exists(file));
      const std::string bytes = test::readFile(file);
      const std::string name = "/vsimem/cgcs2000-tile.pbf";
      VSIFCloseL(VSIFileFromMemBuffer(name.c_str(), reinterpret_cast<GByte*>(const_cast<char*>(bytes.data())), bytes.size(), FALSE));
      {
        const char* mvtOnly[] = {"MVT", nullptr};
        GDALDatasetUniquePtr tile(GDALDataset::Open(name.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, mvtOnly));
        ASSERT_TRUE(tile) << CPLGetLastErrorMsg();
        OGRLayer* l = tile->GetLayerByName("black_spots");
        ASSERT_NE(l, nullptr);
        bool found = false;
        for (auto& t : *l) {
          const OGRGeometry* p = t->GetGeometryRef();
          if (std::string(t->GetFieldAsString("spot_id")) != f->GetFieldAsString("spot_id") || !p || wkbFlatten(p->getGeometryType()) != wkbPoint)
            continue;
          found = true;
          const double extent = static_cast<double>(layerExtent(bytes, "black_spots"));
          ASSERT_GE(extent, 128);
          const double west = -180 + col * side, south = 90 - (row + 1) * side;
          EXPECT_NEAR(west + p->toPoint()->getX() / extent * side, lon, side / extent);
          EXPECT_NEAR(south + p->toPoint()->getY() / extent * side, lat, side / extent);
        }
        EXPECT_TRUE(found);
      }
      VSIUnlink(name.c_str());
    }
    if (++checked == 3) break;
  }
  EXPECT_EQ(checked, 3);

  // Served over WMTS: the RESTful path gives the file, gzip-encoded; the capabilities list the layer.
  TileServiceOptions t;
  t.library = *dir_ / "one.gpkg";
  t.studyArea = "county";
  t.style = kSource / "styles/default.json";
  TileService tiles(t);
  MapServiceOptions m = test::countyMapOptions(t.library, kSource);
  m.vectorTilesCgcs2000 = o.out;
  MapService service(m, tiles);
  std::unique_ptr<HttpServer> server = test::serveOnLoopback(service, {}, 1, 16, 16);
  auto get = [&](const std::string& target) { return getOnLoopback(server->port(), target); };
  const TileId town = TileMatrixSet::cgcs2000().tileAt(120.55, 30.06, 14);
  const std::filesystem::path file = o.out / "14" / std::to_string(town.x) / (std::to_string(town.y) + ".pbf");
  ASSERT_TRUE(std::filesystem::exists(file));
  const auto res = get("/wmts/1.0.0/riskmap-vector/default/CGCS2000/14/" + std::to_string(town.y) + "/" + std::to_string(town.x) + ".pbf");
  ASSERT_EQ(res.result_int(), 200);
  EXPECT_EQ(res[http::field::content_type], "application/vnd.mapbox-vector-tile");
  EXPECT_EQ(res[http::field::content_encoding], "gzip");
  EXPECT_TRUE(res.body() == test::readFile(file));
  const auto kvp = get("/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=riskmap-vector&STYLE=default"
                       "&FORMAT=application/vnd.mapbox-vector-tile&TILEMATRIXSET=CGCS2000&TILEMATRIX=14&TILEROW=" +
                       std::to_string(town.y) + "&TILECOL=" + std::to_string(town.x));
  EXPECT_EQ(kvp.result_int(), 200);
  EXPECT_TRUE(kvp.body() == res.body());
  EXPECT_EQ(get("/wmts/1.0.0/riskmap-vector/default/CGCS2000/14/0/0.pbf").result_int(), 204);
  EXPECT_EQ(get("/wmts/1.0.0/riskmap/default/CGCS2000/14/0/0.pbf").result_int(), 400);  // the PNG layer has no MVT
  const std::string caps = get("/wmts/1.0.0/WMTSCapabilities.xml").body();
  EXPECT_NE(caps.find("<ows:Identifier>riskmap-vector</ows:Identifier>"), std::string::npos);
  EXPECT_NE(caps.find("<Format>application/vnd.mapbox-vector-tile</Format>"), std::string::npos);
  EXPECT_NE(caps.find("/wmts/1.0.0/riskmap-vector/{Style}/{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}.pbf"), std::string::npos);
}

}  // namespace
}  // namespace riskmap
