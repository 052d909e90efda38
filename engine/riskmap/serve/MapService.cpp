#include "riskmap/serve/MapService.hpp"
#include "riskmap/library/GeometryTables.hpp"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cstdio>
#include <map>
#include <set>
#include <thread>

#include "riskmap/core/Error.hpp"
#include "riskmap/core/Files.hpp"
#include "riskmap/crs/Crs.hpp"
#include "riskmap/gdal/Gdal.hpp"
#include "riskmap/regional/Explain.hpp"
#include "riskmap/regional/Palette.hpp"
#include "riskmap/serve/WebStyle.hpp"
#include "riskmap/tiles/TileJson.hpp"

namespace http = boost::beast::http;

namespace riskmap {
namespace {

bool parseIndex(std::string_view s, std::int64_t& out) {
  if (s.empty() || s.size() > 10) return false;  // 2^30 has 10 digits; more is noise
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return std::from_chars(s.data(), s.data() + s.size(), out).ec == std::errc{};
}

std::string hex(int v) {
  char b[4];
  std::snprintf(b, sizeof b, "%02x", v);
  return b;
}

// The value of key in a query string ("lon=1&lat=2"); no percent-decoding:
// numbers are all it carries.
std::optional<std::string> queryValue(std::string_view query, std::string_view key) {
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const auto eq = pair.find('=');
    if (pair.substr(0, eq) == key) return std::string(eq == std::string_view::npos ? "" : pair.substr(eq + 1));
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

std::optional<double> parseNumber(const std::optional<std::string>& s) {
  if (!s || s->empty() || s->size() > 32) return std::nullopt;
  double v = 0;
  const auto r = std::from_chars(s->data(), s->data() + s->size(), v);
  if (r.ec != std::errc{} || r.ptr != s->data() + s->size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::string contentType(const std::filesystem::path& p) {
  static const std::map<std::string, std::string> types = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json"}, {".png", "image/png"}, {".svg", "image/svg+xml"},
      {".map", "application/json"}};
  auto it = types.find(p.extension().string());
  return it == types.end() ? "application/octet-stream" : it->second;
}

// Hazard sources as points with the highest four-colour grade of their
// zones, in lon/lat, for the viewer's markers.
std::string sourcesGeoJson(const std::filesystem::path& library) {
  GDALDatasetUniquePtr ds = openDataset(library.string(), GDAL_OF_VECTOR | GDAL_OF_READONLY);
  std::map<std::pair<std::string, std::string>, int> rank;
  if (OGRLayer* fp = ds->GetLayerByName("footprints")) {
    fp->SetAttributeFilter("zone_grade IS NOT NULL");
    for (auto& f : *fp)
      if (auto g = parseRiskGrade(f->GetFieldAsString("zone_grade"))) {
        int& r = rank[{f->GetFieldAsString("layer"), f->GetFieldAsString("source_id")}];
        r = std::max(r, static_cast<int>(*g));
      }
  }
  nlohmann::json features = nlohmann::json::array();
  if (library::Table grades = library::openTable(*ds, "source_grades"); grades && grades->GetSpatialRef()) {
    OGRSpatialReference src(*grades->GetSpatialRef());
    src.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    CoordinateTransformationPtr ct = makeTransformation(src, srsFromEpsg(4326));
    for (auto& f : *grades) {
      const OGRGeometry* g = f->GetGeometryRef();
      if (!g) continue;
      const auto type = wkbFlatten(g->getGeometryType());
      OGRPoint p;
      if (type == wkbPoint) p = *g->toPoint();
      else if (type == wkbPolygon) {
        if (g->toPolygon()->PointOnSurface(&p) != OGRERR_NONE) continue;
      } else if (type == wkbMultiPolygon) {
        if (g->toMultiPolygon()->PointOnSurface(&p) != OGRERR_NONE) continue;
      } else continue;  // lines (pipelines) and the rest are drawn by the tiles
      double x = p.getX(), y = p.getY();
      if (!ct->Transform(1, &x, &y)) continue;
      const auto key = std::make_pair(std::string(f->GetFieldAsString("layer")), std::string(f->GetFieldAsString("source_id")));
      nlohmann::json props = {{"id", key.second}, {"layer", key.first}, {"name", f->GetFieldAsString("name")},
                              {"kind", f->GetFieldAsString("kind")}, {"source_grade", f->GetFieldAsString("grade")},
                              {"grade", nullptr}, {"grade_zh", nullptr}};
      if (auto it = rank.find(key); it != rank.end()) {
        props["grade"] = riskGradeName(static_cast<RiskGrade>(it->second));
        props["grade_zh"] = riskGradeChinese(static_cast<RiskGrade>(it->second));
      }
      features.push_back({{"type", "Feature"}, {"properties", props},
                          {"geometry", {{"type", "Point"}, {"coordinates", {x, y}}}}});
    }
  }
  return nlohmann::json{{"type", "FeatureCollection"}, {"features", features}}.dump();
}

// A WMTS request by its URL: KVP on /wmts?..., RESTful under /wmts/1.0.0/.
WmtsRequest wmtsRequest(std::string_view target, const WmtsService& service) {
  const auto q = target.find('?');
  const std::string_view path = target.substr(0, q);
  if (path == "/wmts") return parseWmtsKvp(q == std::string_view::npos ? "" : target.substr(q + 1), service);
  if (path.starts_with("/wmts/1.0.0/")) return parseWmtsRest(path.substr(12), service);
  WmtsRequest e;
  e.code = "InvalidParameterValue", e.locator = "version", e.text = "WMTS 1.0.0 lives under /wmts/1.0.0/", e.status = 404;
  return e;
}

// "http://<Host>" as the client reached the server, for the absolute URLs
// TileJSON and WMTS capabilities carry; a Host with anything but a name
// or address and port is ignored (relative URLs then).
std::string baseUrl(const HttpRequest& req) {
  const auto it = req.find(http::field::host);
  if (it == req.end() || it->value().empty() || it->value().size() > 255) return "";
  const std::string_view host(it->value().data(), it->value().size());
  const bool plain = std::all_of(host.begin(), host.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']' || c == '_';
  });
  return plain ? "http://" + std::string(host) : "";
}

}  // namespace

TilePath parseTilePath(std::string_view path) {
  TilePath out;
  out.status = 400;
  std::string_view parts[3];
  for (int i = 0; i < 3; ++i) {
    const auto slash = path.find('/');
    if ((i < 2) != (slash != std::string_view::npos)) return out;
    parts[i] = path.substr(0, slash);
    if (i < 2) path.remove_prefix(slash + 1);
  }
  out.vector = parts[2].ends_with(".pbf");
  if (!parts[2].ends_with(".png") && !out.vector) return out;
  parts[2].remove_suffix(4);
  std::int64_t z = 0, x = 0, y = 0;
  if (!parseIndex(parts[0], z) || !parseIndex(parts[1], x) || !parseIndex(parts[2], y)) return out;
  if (z > kMaxTileZoom || x >= tilesPerSide(static_cast<int>(z)) || y >= tilesPerSide(static_cast<int>(z))) return out;
  out.status = 200;
  out.id = {static_cast<int>(z), x, y};
  return out;
}

MapService::MapService(const MapServiceOptions& o, TileService& tiles, TileService* geodetic)
    : options_(o), tiles_(tiles), geodetic_(geodetic) {
  const LonLatBox& b = tiles.coverage().bounds();
  wmts_.title = o.name;
  wmts_.bounds = b;
  wmts_.sets.push_back({tiles.matrix(), tiles.minzoom(), tiles.maxzoom()});
  if (geodetic) wmts_.sets.push_back({geodetic->matrix(), geodetic->minzoom(), geodetic->maxzoom()});
  if (o.vectorTiles) {
    vector_ = std::make_unique<MBTilesReader>(*o.vectorTiles);
    if (vector_->metadata("format").value_or("") != "pbf")
      throw UserError(o.vectorTiles->string() + ": not vector tiles (MBTiles format is not pbf)");
    vectorMinzoom_ = std::stoi(vector_->metadata("minzoom").value_or("0"));
    vectorMaxzoom_ = std::stoi(vector_->metadata("maxzoom").value_or("14"));
    const nlohmann::json meta = nlohmann::json::parse(vector_->metadata("json").value_or("{}"), nullptr, false);
    if (meta.is_object() && meta.contains("vector_layers")) vectorLayers_ = meta["vector_layers"].dump();
    if (!o.style.empty())
      web_ = std::make_unique<WebStyle>(o.style, meta.is_object() && meta.contains("vector_layers") ? meta["vector_layers"] : nlohmann::json());
  }
  if (vector_) wmts_.vectorSets.push_back({TileMatrixSet::webMercator(), vectorMinzoom_, vectorMaxzoom_});
  if (o.vectorTilesCgcs2000) {
    const nlohmann::json meta =
        nlohmann::json::parse(readFile(*o.vectorTilesCgcs2000 / "metadata.json", "vector tileset"), nullptr, false);
    if (!meta.is_object() || meta.value("riskmap:tile_matrix_set", "") != "cgcs2000")
      throw UserError(o.vectorTilesCgcs2000->string() + ": not CGCS2000 vector tiles (riskmap tiles --format mvt --tile-matrix cgcs2000)");
    geodeticVectorMinzoom_ = std::stoi(meta.value("minzoom", "1"));
    geodeticVectorMaxzoom_ = std::stoi(meta.value("maxzoom", "14"));
    wmts_.vectorSets.push_back({TileMatrixSet::cgcs2000(), geodeticVectorMinzoom_, geodeticVectorMaxzoom_});
  }
  const int centerZoom = overviewZoom(b, tiles.minzoom(), tiles.maxzoom());
  info_ = nlohmann::json{{"name", o.name},
                         {"bounds", {b.west, b.south, b.east, b.north}},
                         {"center", {(b.west + b.east) / 2, (b.south + b.north) / 2, centerZoom}},
                         {"minzoom", tiles.minzoom()},
                         {"maxzoom", tiles.maxzoom()},
                         {"tileSize", 256},
                         {"tiles", tiles.fromMBTiles() ? "mbtiles" : "rendered"},
                         {"basemap", o.basemap.empty() ? nlohmann::json() : nlohmann::json(o.basemap)},
                         {"basemap_attribution", o.basemapAttribution}}
              .dump();
  const Palette palette = Palette::load(o.palette);
  nlohmann::json legend = nlohmann::json::array();
  for (RiskGrade g : {RiskGrade::Major, RiskGrade::High, RiskGrade::Moderate, RiskGrade::Low}) {
    const PaletteColour& c = palette[g];
    legend.push_back({{"grade", riskGradeName(g)}, {"name", c.name},
                      {"color", "#" + hex(c.rgb[0]) + hex(c.rgb[1]) + hex(c.rgb[2])}});
  }
  legend_ = legend.dump();
  sources_ = sourcesGeoJson(o.library);
  try {
    explain_ = std::make_unique<ExplainIndex>(o.library);
  } catch (const UserError& e) {  // not assessed with a study area yet: the rest still serves
    explainError_ = e.what();
  } catch (const std::exception& e) {  // a table explain cannot read: the rest still serves
    explainError_ = std::string("cannot index the library for explain: ") + e.what();
    explainStatus_ = 500;
  }
}

MapService::~MapService() = default;

HttpServerOptions MapService::serverOptions(HttpServerOptions base, int renderThreads, std::size_t renderQueue,
                                            int workThreads, std::size_t workQueue) {
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  base.lanes.clear();
  base.lanes.push_back({"render", 2 * (renderThreads > 0 ? renderThreads : cores), renderQueue});
  base.lanes.push_back({"work", workThreads > 0 ? workThreads : cores, workQueue});
  return base;
}

HttpRoute MapService::route(const HttpRequest& req) {
  HttpRoute r;
  r.lane = kWorkLane;
  if (req.method() != http::verb::get && req.method() != http::verb::head) {
    r.now = (*this)(req);
    return r;
  }
  const std::string_view target(req.target().data(), req.target().size());
  const std::string_view path = target.substr(0, target.find('?'));
  if (path.starts_with("/tiles/")) {
    const TilePath parsed = parseTilePath(path.substr(7));
    if (parsed.vector && parsed.status == 200) {
      r.lane = kWorkLane;  // an SQLite read
    } else if (parsed.status != 200 || parsed.id.z < tiles_.minzoom() || parsed.id.z > tiles_.maxzoom()) {
      r.now = (*this)(req);  // 400 or 204 without touching anything
    } else if (auto t = tiles_.cached(parsed.id)) {
      r.now = tileResponse(req, *t);
    } else {
      r.lane = tiles_.fromMBTiles() ? kWorkLane : kRenderLane;
    }
    return r;
  }
  if (path == "/api/info" || path == "/api/legend" || path == "/api/boundary.geojson" || path == "/api/sources.geojson" ||
      path == "/tiles.json" || path == "/vector.json" || path == "/style.json" || path.starts_with("/sprite"))
    r.now = (*this)(req);  // glyph ranges (/fonts/) may be drawn: the work lane
  if (path == "/wmts" || path.starts_with("/wmts/")) {
    const WmtsRequest w = wmtsRequest(target, wmts_);
    if (w.kind != WmtsRequest::Kind::Tile) r.now = wmts(req, w);  // capabilities and errors cost nothing
    else if (w.vector) r.lane = kWorkLane;  // a file or SQLite read
    else if (auto t = tilesOf(*w.set)->cached(w.tile)) r.now = tileResponse(req, *t);
    else r.lane = tilesOf(*w.set)->fromMBTiles() ? kWorkLane : kRenderLane;
  }
  return r;
}

HttpResponse MapService::operator()(const HttpRequest& req) {
  if (req.method() != http::verb::get && req.method() != http::verb::head) {
    HttpResponse r = makeResponse(req, http::status::method_not_allowed, "only GET and HEAD\n", "text/plain");
    r.set(http::field::allow, "GET, HEAD");
    return r;
  }
  const std::string_view target(req.target().data(), req.target().size());
  const auto q = target.find('?');
  const std::string_view path = target.substr(0, q);
  const std::string_view query = q == std::string_view::npos ? std::string_view() : target.substr(q + 1);
  auto json = [&req](const std::string& body) {
    HttpResponse r = makeResponse(req, http::status::ok, body, "application/json; charset=utf-8");
    r.set(http::field::cache_control, "no-cache");
    return r;
  };
  if (path.starts_with("/tiles/")) return tile(req, path.substr(7));
  if (path == "/api/info") return json(info_);
  if (path == "/api/legend") return json(legend_);
  if (path == "/api/boundary.geojson") return json(tiles_.coverage().outlineGeoJson());
  if (path == "/api/sources.geojson") return json(sources_);
  if (path == "/api/explain") return explain(req, query);
  if (path == "/tiles.json") return tileJsonResponse(req, false);
  if (path == "/vector.json") return tileJsonResponse(req, true);
  if (path == "/style.json") return webStyle(req);
  if (path.starts_with("/sprite")) return sprite(req, path);
  if (path.starts_with("/fonts/")) return glyphs(req, path.substr(7));
  if (path == "/wmts" || path.starts_with("/wmts/")) return wmts(req, wmtsRequest(target, wmts_));
  return file(req, path == "/" ? "/index.html" : path);
}

HttpResponse MapService::tile(const HttpRequest& req, std::string_view path) {
  const TilePath parsed = parseTilePath(path);
  if (parsed.status != 200)
    return makeResponse(req, http::status::bad_request, "bad tile path: expected /tiles/{z}/{x}/{y}.png or .pbf with 0 <= x, y < 2^z\n", "text/plain");
  if (parsed.vector) return vectorTile(req, TileMatrixSet::webMercator(), parsed.id);
  const auto t = tiles_.tile(parsed.id);
  if (!t) return noTile(req);
  return tileResponse(req, *t);
}

// A valid address with nothing drawn there (outside the study area or the
// zooms): 204 No Content, which map clients take as an empty tile, never an
// error; cacheable like a tile.
HttpResponse MapService::noTile(const HttpRequest& req) const {
  HttpResponse r = makeResponse(req, http::status::no_content, "", "text/plain");
  r.erase(http::field::content_type);
  r.set(http::field::cache_control, options_.tileCacheControl);
  return r;
}

// An MVT tile as GDAL wrote it (gzip-compressed protobuf): sent as is with
// Content-Encoding: gzip, which browsers undo before MapLibre reads it.
// Web Mercator ones from the MBTiles, CGCS2000 ones from their directory
// ({level}/{TileCol}/{TileRow}.pbf as GDAL's MVT writer names them).
HttpResponse MapService::vectorTile(const HttpRequest& req, const TileMatrixSet& set, const TileId& id) {
  const bool geodetic = set.kind() == TileMatrixSet::Kind::Cgcs2000;
  if (geodetic ? !options_.vectorTilesCgcs2000 : !vector_)
    return makeResponse(req, http::status::not_found, "no vector tiles: run riskmap tiles --format mvt\n", "text/plain");
  std::optional<std::string> data;
  if (geodetic) {
    const std::filesystem::path file = *options_.vectorTilesCgcs2000 / std::to_string(id.z) / std::to_string(id.x) /
                                       (std::to_string(id.y) + ".pbf");
    if (std::filesystem::is_regular_file(file)) data = readFile(file, "vector tile");
  } else {
    std::lock_guard lock(vectorMutex_);
    data = vector_->read(id);
  }
  if (!data) return noTile(req);
  const std::string etag = "\"" + sha256Hex(*data).substr(0, 32) + "\"";
  if (auto inm = req.find(http::field::if_none_match); inm != req.end() && inm->value() == etag) {
    HttpResponse r = makeResponse(req, http::status::not_modified, "", "application/vnd.mapbox-vector-tile");
    r.set(http::field::etag, etag);
    return r;
  }
  const bool gzipped = data->size() >= 2 && static_cast<unsigned char>((*data)[0]) == 0x1f && static_cast<unsigned char>((*data)[1]) == 0x8b;
  HttpResponse r = makeResponse(req, http::status::ok, std::move(*data), "application/vnd.mapbox-vector-tile");
  if (gzipped) r.set(http::field::content_encoding, "gzip");
  r.set(http::field::etag, etag);
  r.set(http::field::cache_control, options_.tileCacheControl);
  return r;
}

HttpResponse MapService::webStyle(const HttpRequest& req) const {
  if (!web_)
    return makeResponse(req, http::status::not_found, "no vector tiles to style: run riskmap tiles --format mvt\n", "text/plain");
  HttpResponse r = makeResponse(req, http::status::ok, web_->style(baseUrl(req)), "application/json; charset=utf-8");
  r.set(http::field::cache_control, "no-cache");
  return r;
}

// /sprite.json, /sprite.png and their @2x, as MapLibre asks for a style's `sprite`.
HttpResponse MapService::sprite(const HttpRequest& req, std::string_view path) const {
  static const std::map<std::string_view, std::pair<int, bool>> names = {
      {"/sprite.json", {1, true}}, {"/sprite.png", {1, false}}, {"/sprite@2x.json", {2, true}}, {"/sprite@2x.png", {2, false}}};
  const auto it = names.find(path);
  if (!web_ || it == names.end()) return makeResponse(req, http::status::not_found, "not found\n", "text/plain");
  const SpriteSheet& s = web_->sprite(it->second.first);
  HttpResponse r = it->second.second ? makeResponse(req, http::status::ok, s.index, "application/json; charset=utf-8")
                                     : makeResponse(req, http::status::ok, s.png, "image/png");
  r.set(http::field::cache_control, "no-cache");
  return r;
}

// /fonts/{fontstack}/{first}-{last}.pbf: the glyph range MapLibre asks for
// the labels' characters.
HttpResponse MapService::glyphs(const HttpRequest& req, std::string_view path) {
  if (!web_) return makeResponse(req, http::status::not_found, "no vector tiles to style: run riskmap tiles --format mvt\n", "text/plain");
  const std::optional<std::string> pbf = web_->glyphs(path);
  if (!pbf)
    return makeResponse(req, http::status::bad_request, "bad glyph path: expected /fonts/{fontstack}/{N*256}-{N*256+255}.pbf\n", "text/plain");
  HttpResponse r = makeResponse(req, http::status::ok, *pbf, "application/x-protobuf");
  r.set(http::field::cache_control, options_.tileCacheControl);
  return r;
}

HttpResponse MapService::tileJsonResponse(const HttpRequest& req, bool vector) const {
  TilesetInfo info;
  info.name = options_.name;
  info.description = options_.name + " 安全风险四色图 (safety-risk four-colour map), riskmap";
  info.attribution = "riskmap";
  info.bounds = tiles_.coverage().bounds();
  info.centerLon = (info.bounds.west + info.bounds.east) / 2, info.centerLat = (info.bounds.south + info.bounds.north) / 2;
  info.minzoom = vector ? vectorMinzoom_ : tiles_.minzoom(), info.maxzoom = vector ? vectorMaxzoom_ : tiles_.maxzoom();
  info.centerZoom = overviewZoom(info.bounds, info.minzoom, info.maxzoom);
  if (vector && !vector_)
    return makeResponse(req, http::status::not_found, "no vector tiles: run riskmap tiles --format mvt\n", "text/plain");
  const nlohmann::json j = vector ? tileJson(info, {baseUrl(req) + "/tiles/{z}/{x}/{y}.pbf"}, nlohmann::json::parse(vectorLayers_))
                                  : tileJson(info, {baseUrl(req) + "/tiles/{z}/{x}/{y}.png"});
  HttpResponse r = makeResponse(req, http::status::ok, j.dump(), "application/json; charset=utf-8");
  r.set(http::field::cache_control, "no-cache");
  return r;
}

HttpResponse MapService::wmts(const HttpRequest& req, const WmtsRequest& w) {
  if (w.kind == WmtsRequest::Kind::Error)
    return makeResponse(req, static_cast<http::status>(w.status), owsExceptionReport(w), "application/xml; charset=utf-8");
  if (w.kind == WmtsRequest::Kind::Capabilities) {
    HttpResponse r = makeResponse(req, http::status::ok, wmtsCapabilities(wmts_, baseUrl(req)), "application/xml; charset=utf-8");
    r.set(http::field::cache_control, "no-cache");
    return r;
  }
  if (w.vector) return vectorTile(req, *w.set, w.tile);
  TileService* tiles = tilesOf(*w.set);
  const auto t = tiles->tile(w.tile);
  return t ? tileResponse(req, *t) : noTile(req);
}

HttpResponse MapService::tileResponse(const HttpRequest& req, const EncodedTile& t) const {
  const std::string etag = "\"" + t.hash.substr(0, 32) + "\"";
  if (auto inm = req.find(http::field::if_none_match); inm != req.end() && inm->value() == etag) {
    HttpResponse r = makeResponse(req, http::status::not_modified, "", "image/png");
    r.set(http::field::etag, etag);
    r.set(http::field::cache_control, options_.tileCacheControl);
    return r;
  }
  // HEAD too: the server sends the headers (Content-Length included) without the body.
  HttpResponse r = makeResponse(req, http::status::ok, t.png, "image/png");
  r.set(http::field::etag, etag);
  r.set(http::field::cache_control, options_.tileCacheControl);
  return r;
}

HttpResponse MapService::explain(const HttpRequest& req, std::string_view query) {
  const auto lon = parseNumber(queryValue(query, "lon")), lat = parseNumber(queryValue(query, "lat"));
  auto error = [&req](http::status s, const std::string& why) {
    return makeResponse(req, s, nlohmann::json{{"error", why}}.dump(), "application/json; charset=utf-8");
  };
  if (!lon || !lat || *lon < -180 || *lon > 180 || *lat < -90 || *lat > 90)
    return error(http::status::bad_request, "expected ?lon=<degrees>&lat=<degrees> (CGCS2000)");
  if (!explain_) return error(static_cast<http::status>(explainStatus_), explainError_);
  try {
    HttpResponse r = makeResponse(req, http::status::ok, explain_->atLonLat(*lon, *lat).dump(),
                                  "application/json; charset=utf-8");
    r.set(http::field::cache_control, "no-cache");
    return r;
  } catch (const UserError& e) {
    return error(http::status::unprocessable_entity, e.what());
  }
}

HttpResponse MapService::file(const HttpRequest& req, std::string_view path) {
  // Only plain names under the viewer directory: no "..", no hidden files, no escapes.
  std::filesystem::path rel;
  std::string_view rest = path.substr(1);
  while (!rest.empty()) {
    const auto slash = rest.find('/');
    const std::string_view part = rest.substr(0, slash);
    const bool plain = !part.empty() && part[0] != '.' &&
                       std::all_of(part.begin(), part.end(), [](char c) {
                         return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_';
                       });
    if (!plain) return makeResponse(req, http::status::bad_request, "bad path\n", "text/plain");
    rel /= std::string(part);
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  const std::filesystem::path file = options_.viewerDir / rel;
  if (rel.empty() || !std::filesystem::is_regular_file(file))
    return makeResponse(req, http::status::not_found, "not found\n", "text/plain");
  HttpResponse r = makeResponse(req, http::status::ok, readFile(file), contentType(file));
  r.set(http::field::cache_control, "no-cache");
  return r;
}

}  // namespace riskmap
