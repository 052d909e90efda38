// The pieces of `riskmap serve` that web clients depend on, checked against
// figures from the standards: the tile matrix sets (OGC 07-057r7 Annex E
// scale sets, Tianditu's `c` matrix sizes), the WMTS KVP and RESTful
// requests and their OWS exceptions, the capabilities document read back
// with GDAL's XML parser, the CORS policy and the Common Log Format line.
#include <gtest/gtest.h>

#include <cpl_minixml.h>

#include <boost/beast/http.hpp>

#include <map>

#include "riskmap/core/Error.hpp"
#include "riskmap/serve/AccessLog.hpp"
#include "riskmap/serve/Cors.hpp"
#include "riskmap/serve/Wmts.hpp"
#include "riskmap/tiles/TileMatrixSet.hpp"

namespace riskmap {
namespace {

namespace http = boost::beast::http;

TEST(TileMatrixSet, ScaleDenominatorsAreTheWellKnownScaleSetsOfWmtsAnnexE) {
  // OGC 07-057r7 Annex E.4 GoogleMapsCompatible: 559082264.0287178 at level 0, halving.
  const TileMatrixSet wm = TileMatrixSet::webMercator();
  EXPECT_NEAR(wm.scaleDenominator(0), 559082264.0287178, 1e-4);
  EXPECT_NEAR(wm.scaleDenominator(18), 2132.729583849784, 1e-6);
  // Annex E.3 GoogleCRS84Quad: 279541132.0143589 at level 1; OGC WorldCRS84Quad's
  // level 0 (2 x 1 tiles, 0.703125 degree cells) has the same 279541132.014358.
  const TileMatrixSet c = TileMatrixSet::cgcs2000();
  EXPECT_NEAR(c.scaleDenominator(1), 279541132.0143589, 1e-4);
  EXPECT_DOUBLE_EQ(c.cellSize(1), 0.703125);
  EXPECT_NEAR(c.scaleDenominator(18), 2132.729583849784, 1e-6);
}

TEST(TileMatrixSet, Cgcs2000IsTiandituCPyramid) {
  // Tianditu vec_c capabilities: level 1 is 2 x 1, level 18 is 262144 x 131072, corner 90 N 180 W.
  const TileMatrixSet c = TileMatrixSet::cgcs2000();
  EXPECT_EQ(c.minZoom(), 1);
  EXPECT_EQ(c.matrixWidth(1), 2);
  EXPECT_EQ(c.matrixHeight(1), 1);
  EXPECT_EQ(c.matrixWidth(18), 262144);
  EXPECT_EQ(c.matrixHeight(18), 131072);
  EXPECT_EQ(c.epsg(), 4490);
  const LonLatBox east = c.lonLatBounds({1, 1, 0});
  EXPECT_DOUBLE_EQ(east.west, 0);
  EXPECT_DOUBLE_EQ(east.east, 180);
  EXPECT_DOUBLE_EQ(east.south, -90);
  EXPECT_DOUBLE_EQ(east.north, 90);
  // The county town (120.55 E, 30.06 N) at level 13: cells of 360/8192 degrees,
  // column floor(300.55 / 0.0439453125) = 6839, row floor(59.94 / 0.0439453125) = 1363.
  const TileId t = c.tileAt(120.55, 30.06, 13);
  EXPECT_EQ(t.x, 6839);
  EXPECT_EQ(t.y, 1363);
  EXPECT_FALSE(c.contains({0, 0, 0}));
  EXPECT_FALSE(c.contains({3, 0, 4}));  // level 3 has 4 rows
  EXPECT_TRUE(c.contains({3, 7, 3}));
  EXPECT_THROW(TileMatrixSet::parse("utm"), UserError);
}

WmtsService service() {
  WmtsService s;
  s.title = "江澄县 & <test>";
  s.bounds = {120.4, 29.8, 120.8, 30.2};
  s.sets = {{TileMatrixSet::webMercator(), 0, 14}, {TileMatrixSet::cgcs2000(), 1, 14}};
  return s;
}

TEST(Wmts, KvpGetTileIsParsedAndBadRequestsAreOwsExceptions) {
  const WmtsService s = service();
  const WmtsRequest ok = parseWmtsKvp(
      "service=WMTS&Request=GetTile&VERSION=1.0.0&LAYER=riskmap&STYLE=default&TILEMATRIXSET=CGCS2000&TILEMATRIX=13"
      "&TILEROW=1363&TILECOL=6839&FORMAT=image%2Fpng",
      s);
  ASSERT_EQ(ok.kind, WmtsRequest::Kind::Tile) << ok.text;
  EXPECT_EQ(ok.set->kind(), TileMatrixSet::Kind::Cgcs2000);
  EXPECT_EQ(ok.tile, (TileId{13, 6839, 1363}));
  EXPECT_EQ(parseWmtsKvp("SERVICE=WMTS&REQUEST=GetCapabilities", s).kind, WmtsRequest::Kind::Capabilities);

  const WmtsRequest missing = parseWmtsKvp("SERVICE=WMTS&REQUEST=GetTile&LAYER=riskmap", s);
  EXPECT_EQ(missing.code, "MissingParameterValue");
  const WmtsRequest layer = parseWmtsKvp(
      "SERVICE=WMTS&REQUEST=GetTile&LAYER=x&STYLE=default&TILEMATRIXSET=CGCS2000&TILEMATRIX=3&TILEROW=0&TILECOL=0&FORMAT=image/png", s);
  EXPECT_EQ(layer.code, "InvalidParameterValue");
  EXPECT_EQ(layer.locator, "layer");
  // Level 3 of CGCS2000 has 4 rows: row 4 is out of range (07-057r7 Table 28).
  const WmtsRequest out = parseWmtsRest("riskmap/default/CGCS2000/3/4/0.png", s);
  EXPECT_EQ(out.code, "TileOutOfRange");
  EXPECT_EQ(out.locator, "tilerow");
  EXPECT_EQ(parseWmtsKvp("SERVICE=WMTS&REQUEST=GetMap", s).code, "OperationNotSupported");
  const WmtsRequest rest = parseWmtsRest("riskmap/default/GoogleMapsCompatible/3/2/6.png", s);
  ASSERT_EQ(rest.kind, WmtsRequest::Kind::Tile);
  EXPECT_EQ(rest.tile, (TileId{3, 6, 2}));  // {TileMatrix}/{TileRow}/{TileCol}: y before x

  CPLXMLNode* report = CPLParseXMLString(owsExceptionReport(out).c_str());
  ASSERT_NE(report, nullptr);
  CPLStripXMLNamespace(report, nullptr, TRUE);
  EXPECT_STREQ(CPLGetXMLValue(report, "=ExceptionReport.Exception.exceptionCode", ""), "TileOutOfRange");
  CPLDestroyXMLNode(report);
}

// The vector tiles are a layer of their own (riskmap-vector, MVT), in the
// sets they are served in; each layer answers in its own format only.
TEST(Wmts, TheVectorLayerIsAskedForInMvt) {
  WmtsService s = service();
  s.vectorSets = {{TileMatrixSet::cgcs2000(), 1, 14}};
  const WmtsRequest rest = parseWmtsRest("riskmap-vector/default/CGCS2000/13/1363/6839.pbf", s);
  ASSERT_EQ(rest.kind, WmtsRequest::Kind::Tile) << rest.text;
  EXPECT_TRUE(rest.vector);
  EXPECT_EQ(rest.tile, (TileId{13, 6839, 1363}));
  const WmtsRequest kvp = parseWmtsKvp(
      "SERVICE=WMTS&REQUEST=GetTile&LAYER=riskmap-vector&STYLE=default&TILEMATRIXSET=CGCS2000&TILEMATRIX=13"
      "&TILEROW=1363&TILECOL=6839&FORMAT=application%2Fvnd.mapbox-vector-tile",
      s);
  ASSERT_EQ(kvp.kind, WmtsRequest::Kind::Tile) << kvp.text;
  EXPECT_TRUE(kvp.vector);
  EXPECT_FALSE(parseWmtsRest("riskmap/default/CGCS2000/13/1363/6839.png", s).vector);
  EXPECT_EQ(parseWmtsRest("riskmap/default/CGCS2000/13/1363/6839.pbf", s).locator, "format");
  EXPECT_EQ(parseWmtsRest("riskmap-vector/default/CGCS2000/13/1363/6839.png", s).locator, "format");
  // Not served in Web Mercator here.
  EXPECT_EQ(parseWmtsRest("riskmap-vector/default/GoogleMapsCompatible/13/1363/6839.pbf", s).locator, "tilematrixset");
  // No vector tiles, no such layer.
  EXPECT_EQ(parseWmtsRest("riskmap-vector/default/CGCS2000/13/1363/6839.pbf", service()).locator, "layer");
}

TEST(Wmts, CapabilitiesReadBackGiveTheMatricesInTheirCrsAxisOrder) {
  const std::string xml = wmtsCapabilities(service(), "http://127.0.0.1:8080");
  CPLXMLNode* root = CPLParseXMLString(xml.c_str());
  ASSERT_NE(root, nullptr) << xml;
  CPLStripXMLNamespace(root, nullptr, TRUE);  // ows:Title -> Title
  const CPLXMLNode* caps = CPLGetXMLNode(root, "=Capabilities");
  ASSERT_NE(caps, nullptr);
  EXPECT_STREQ(CPLGetXMLValue(caps, "ServiceIdentification.Title", ""), "江澄县 & <test>");  // escaped, read back whole
  const CPLXMLNode* contents = CPLGetXMLNode(caps, "Contents");
  std::map<std::string, const CPLXMLNode*> sets;
  int links = 0;
  for (const CPLXMLNode* n = contents->psChild; n; n = n->psNext) {
    if (n->eType == CXT_Element && std::string(n->pszValue) == "TileMatrixSet")
      sets[CPLGetXMLValue(n, "Identifier", "")] = n;
    if (n->eType == CXT_Element && std::string(n->pszValue) == "Layer")
      for (const CPLXMLNode* l = n->psChild; l; l = l->psNext)
        if (l->eType == CXT_Element && std::string(l->pszValue) == "TileMatrixSetLink") ++links;
  }
  EXPECT_EQ(links, 2);
  ASSERT_EQ(sets.size(), 2u);
  const CPLXMLNode* c = sets.at("CGCS2000");
  EXPECT_STREQ(CPLGetXMLValue(c, "SupportedCRS", ""), "urn:ogc:def:crs:EPSG::4490");
  const CPLXMLNode* first = CPLGetXMLNode(c, "TileMatrix");
  EXPECT_STREQ(CPLGetXMLValue(first, "Identifier", ""), "1");
  EXPECT_STREQ(CPLGetXMLValue(first, "TopLeftCorner", ""), "90 -180");  // latitude first for EPSG:4490
  EXPECT_STREQ(CPLGetXMLValue(first, "MatrixWidth", ""), "2");
  EXPECT_STREQ(CPLGetXMLValue(first, "MatrixHeight", ""), "1");
  const CPLXMLNode* g = CPLGetXMLNode(sets.at("GoogleMapsCompatible"), "TileMatrix");
  EXPECT_STREQ(CPLGetXMLValue(g, "TopLeftCorner", ""), "-20037508.342789244 20037508.342789244");
  EXPECT_NE(xml.find("template=\"http://127.0.0.1:8080/wmts/1.0.0/riskmap/{Style}/{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}.png\""),
            std::string::npos);
  CPLDestroyXMLNode(root);
}

TEST(Cors, AnyListedOrNone) {
  EXPECT_EQ(CorsPolicy::any().allowedOrigin("http://a.example"), "*");
  const CorsPolicy list = CorsPolicy::parse("https://gis.example.cn, http://10.1.2.3:8080/");
  EXPECT_EQ(list.allowedOrigin("https://GIS.example.cn"), "https://GIS.example.cn");
  EXPECT_EQ(list.allowedOrigin("http://10.1.2.3:8080"), "http://10.1.2.3:8080");
  EXPECT_EQ(list.allowedOrigin("http://10.1.2.3:8081"), "");
  EXPECT_TRUE(CorsPolicy::parse("none").disabled());
  EXPECT_THROW(CorsPolicy::parse("gis.example.cn"), UserError);
  EXPECT_THROW(CorsPolicy::parse("https://a.example/path"), UserError);

  http::response<http::string_body> res;
  list.applyPreflight("https://gis.example.cn", "x-requested-with", res);
  EXPECT_EQ(res[http::field::access_control_allow_origin], "https://gis.example.cn");
  EXPECT_EQ(res[http::field::access_control_allow_headers], "x-requested-with");
  EXPECT_EQ(res[http::field::vary], "Origin");
  http::response<http::string_body> refused;
  list.apply("https://evil.example", refused);
  EXPECT_EQ(refused.count(http::field::access_control_allow_origin), 0u);
}

TEST(AccessLog, CommonLogFormatLine) {
  // 10^9 seconds after the epoch is 2001-09-09 01:46:40 UTC.
  EXPECT_EQ(AccessLog::format("10.0.0.7", "GET /tiles/13/6843/3366.png HTTP/1.1", 200, 10342, 1000000000),
            "10.0.0.7 - - [09/Sep/2001:01:46:40 +0000] \"GET /tiles/13/6843/3366.png HTTP/1.1\" 200 10342");
  EXPECT_EQ(AccessLog::format("", "GET /a\"b HTTP/1.0", 204, -1, 0),
            "- - - [01/Jan/1970:00:00:00 +0000] \"GET /a\\\"b HTTP/1.0\" 204 -");
}

}  // namespace
}  // namespace riskmap
