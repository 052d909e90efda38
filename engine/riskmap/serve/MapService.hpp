#pragma once
// What `riskmap serve` answers: the viewer's files, the tiles and the small
// JSON API the viewer asks (info, legend, boundary, sources, explain). Every
// request is parsed strictly: a malformed path is a 400, a valid tile address
// with nothing there (outside the study area or the zooms) a 204, never an exception escaping to the connection.
//
// route() runs on the server's I/O threads and answers at once what costs
// nothing (cached tiles, the small JSON, malformed requests); the rest goes
// to a lane: drawing tiles (kRenderLane), or explain, files and MBTiles
// reads (kWorkLane), each with its bounded queue.
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "riskmap/serve/HttpServer.hpp"
#include "riskmap/serve/TileService.hpp"
#include "riskmap/serve/Wmts.hpp"

namespace riskmap {

struct MapServiceOptions {
  std::string name;                     // the project's name (the county)
  std::filesystem::path library;
  std::filesystem::path viewerDir;      // index.html, viewer.js, leaflet/...
  std::filesystem::path palette;        // styles/palette.toml
  std::string tileCacheControl = "public, max-age=3600";
  std::optional<std::filesystem::path> vectorTiles;  // an MVT MBTiles (riskmap tiles --format mvt): /tiles/{z}/{x}/{y}.pbf
  // CGCS2000 MVT tiles (riskmap tiles --format mvt --tile-matrix cgcs2000): a
  // directory {level}/{TileCol}/{TileRow}.pbf, served over WMTS (layer riskmap-vector)
  std::optional<std::filesystem::path> vectorTilesCgcs2000;
  std::filesystem::path style;  // the MapLibre style /style.json is made from (with vector tiles)
  std::string basemap, basemapAttribution;  // the project's [web] base map for the viewer (/api/info)
};

// A parsed /tiles/{z}/{x}/{y}.png (or .pbf) path: a tile, or the status to answer.
struct TilePath {
  int status = 200;  // 200, 400 (malformed or off the pyramid's grid)
  TileId id;
  bool vector = false;  // .pbf
};
TilePath parseTilePath(std::string_view path);  // path after "/tiles/"

class ExplainIndex;
class WebStyle;

class MapService {
 public:
  static constexpr int kRenderLane = 0, kWorkLane = 1;

  // tiles: the Web Mercator pyramid (XYZ, TileJSON, WMTS GoogleMapsCompatible);
  // geodetic: the CGCS2000 one (WMTS CGCS2000), if served.
  MapService(const MapServiceOptions& options, TileService& tiles, TileService* geodetic = nullptr);
  ~MapService();
  HttpRoute route(const HttpRequest& req);         // on an I/O thread; never blocks
  HttpResponse operator()(const HttpRequest& req);  // anything, on a lane's thread (or inline)

  // The server options with this service's lanes: drawing (renderThreads x 2
  // threads, so requests waiting for a metatile another request draws do not
  // idle the drawing slots) and the rest.
  static HttpServerOptions serverOptions(HttpServerOptions base, int renderThreads, std::size_t renderQueue,
                                         int workThreads, std::size_t workQueue);

 private:
  HttpResponse tile(const HttpRequest& req, std::string_view path);
  HttpResponse explain(const HttpRequest& req, std::string_view query);
  HttpResponse file(const HttpRequest& req, std::string_view path);
  HttpResponse tileResponse(const HttpRequest& req, const EncodedTile& t) const;
  HttpResponse noTile(const HttpRequest& req) const;
  HttpResponse wmts(const HttpRequest& req, const WmtsRequest& w);
  HttpResponse tileJsonResponse(const HttpRequest& req, bool vector) const;
  HttpResponse vectorTile(const HttpRequest& req, const TileMatrixSet& set, const TileId& id);
  HttpResponse webStyle(const HttpRequest& req) const;
  HttpResponse sprite(const HttpRequest& req, std::string_view path) const;
  HttpResponse glyphs(const HttpRequest& req, std::string_view path);
  TileService* tilesOf(const TileMatrixSet& set) {
    if (set == tiles_.matrix()) return &tiles_;
    return geodetic_ && set == geodetic_->matrix() ? geodetic_ : nullptr;
  }

  MapServiceOptions options_;
  TileService& tiles_;
  TileService* geodetic_;
  std::unique_ptr<MBTilesReader> vector_;  // guarded by vectorMutex_
  std::mutex vectorMutex_;
  int vectorMinzoom_ = 0, vectorMaxzoom_ = 14;
  int geodeticVectorMinzoom_ = 1, geodeticVectorMaxzoom_ = 14;
  std::string vectorLayers_ = "[]";  // the MBTiles' vector_layers, as JSON
  std::unique_ptr<WebStyle> web_;   // /style.json, /sprite*, /fonts/ (with vector tiles)
  WmtsService wmts_;
  std::string info_, legend_, sources_;
  std::unique_ptr<ExplainIndex> explain_;
  std::string explainError_;  // why there is no index (no risk_zones yet: answered 422)
  int explainStatus_ = 422;
};

}  // namespace riskmap
