#include <signal.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "CliOptions.hpp"
#include "Commands.hpp"
#include "riskmap/core/Error.hpp"
#include "riskmap/serve/MapService.hpp"

namespace riskmap::cli {

Run addServeCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("serve", "Serve the four-colour map: tiles, the explain API and a web viewer");
  struct Options {
    std::string project, bind = "127.0.0.1", mbtiles, vectorTiles, vectorTilesCgcs2000, style, viewer, zoom = "0-18", cors = "*", accessLog = "-";
    bool noCgcs2000 = false;
    int port = 8080, threads = 0, metatile = 1;  // 1: an uncached tile as fast as Mapnik's lone tile (docs/performance.md)
    std::size_t cacheMb = 256;
    bool render = false;
    int ioThreads = 0, workThreads = 0, maxConnections = 1024, keepAliveRequests = 100;
    std::size_t renderQueue = 256, workQueue = 256;
    double headerTimeout = 10, bodyTimeout = 30, idleTimeout = 15, writeTimeout = 30;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("PROJECT", o->project, "Project file (TOML)")->required()->check(CLI::ExistingFile);
  cmd->add_option("--bind", o->bind, "Address to listen on (loopback by default; 0.0.0.0 to share)")->capture_default_str();
  cmd->add_option("-p,--port", o->port, "Port (0: any free one)")->capture_default_str()->check(CLI::Range(0, 65535));
  cmd->add_option("--mbtiles", o->mbtiles, "Serve tiles from this MBTiles (default: <library>.mbtiles if it is there)");
  cmd->add_option("--vector-tiles", o->vectorTiles,
                  "Serve these MVT tiles at /tiles/{z}/{x}/{y}.pbf (default: <library>-mvt.mbtiles if it is there)");
  cmd->add_option("--vector-tiles-cgcs2000", o->vectorTilesCgcs2000,
                  "Serve these CGCS2000 MVT tiles over WMTS, layer riskmap-vector (default: <library>-mvt-cgcs2000/ if it is there)");
  cmd->add_flag("--render", o->render, "Draw tiles on demand even if an MBTiles is there");
  cmd->add_option("-z,--zoom", o->zoom, "Zooms drawn on demand, MIN-MAX")->capture_default_str();
  cmd->add_option("--cache-mb", o->cacheMb, "Memory for drawn tiles, MiB")->capture_default_str();
  cmd->add_option("--metatile", o->metatile, "Tiles per metatile side when drawing")->capture_default_str();
  cmd->add_option("-j,--threads", o->threads, "Tiles drawn at once (default: all cores)");
  cmd->add_option("--style", o->style, "Style file (default: default.json in the styles directory; riskmap paths)");
  cmd->add_option("--viewer-dir", o->viewer, "The viewer's files (default: the data directory's viewer/; riskmap paths)");
  cmd->add_option("--cors", o->cors,
                  "Origins whose pages may read the tiles (CORS): * (any, the default), none, or ORIGIN,... "
                  "(e.g. https://gis.example.cn)")
      ->capture_default_str();
  cmd->add_option("--access-log", o->accessLog, "A Common Log Format line per request to FILE; - is standard error, none is off")
      ->capture_default_str();
  cmd->add_flag("--no-cgcs2000", o->noCgcs2000, "Do not offer the CGCS2000 (EPSG:4490) tile matrix set over WMTS");
  const char* limits = "Connections and limits";
  cmd->add_option("--max-connections", o->maxConnections, "Open connections at once; past it a new one gets 503")
      ->capture_default_str()->check(CLI::Range(1, 1 << 20))->group(limits);
  cmd->add_option("--keep-alive-requests", o->keepAliveRequests, "Requests on one connection before it is closed")
      ->capture_default_str()->check(CLI::Range(1, 1 << 20))->group(limits);
  cmd->add_option("--header-timeout", o->headerTimeout, "Seconds for a request's header (a new connection's from its start)")
      ->capture_default_str()->check(CLI::Range(0.01, 3600.0))->group(limits);
  cmd->add_option("--body-timeout", o->bodyTimeout, "Seconds for a request's body after its header")
      ->capture_default_str()->check(CLI::Range(0.01, 3600.0))->group(limits);
  cmd->add_option("--idle-timeout", o->idleTimeout, "Seconds a keep-alive connection may wait for its next request")
      ->capture_default_str()->check(CLI::Range(0.01, 3600.0))->group(limits);
  cmd->add_option("--write-timeout", o->writeTimeout, "Seconds a client may take to receive an answer")
      ->capture_default_str()->check(CLI::Range(0.01, 3600.0))->group(limits);
  cmd->add_option("--io-threads", o->ioThreads, "Threads for the network (default: all cores)")->group(limits);
  cmd->add_option("--render-queue", o->renderQueue, "Tile requests waiting for a drawing; past it: 503")
      ->capture_default_str()->check(CLI::Range(1, 1 << 20))->group(limits);
  cmd->add_option("--work-threads", o->workThreads, "Threads for explain, files and MBTiles reads (default: all cores)")->group(limits);
  cmd->add_option("--work-queue", o->workQueue, "Explain, file and MBTiles requests waiting; past it: 503")
      ->capture_default_str()->check(CLI::Range(1, 1 << 20))->group(limits);
  return [o] {
    const Project p = Project::load(o->project);
    TileServiceOptions t;
    t.library = p.library.gdalName();
    t.studyArea = p.studyArea;
    t.style = stylePath(o->style);
    t.geometry.metatile = o->metatile;
    t.cacheBytes = o->cacheMb << 20;
    t.renderThreads = o->threads;
    parseZoomRange(o->zoom, t.minzoom, t.maxzoom);
    const std::filesystem::path mbtiles = o->mbtiles.empty() ? defaultTilesPath(p) : std::filesystem::path(o->mbtiles);
    if (!o->mbtiles.empty() && !std::filesystem::exists(mbtiles)) throw UserError(mbtiles.string() + ": no such MBTiles");
    if (!o->render && std::filesystem::exists(mbtiles)) {
      if (std::filesystem::exists(mbtiles.string() + ".partial"))
        std::fprintf(stderr, "riskmap: note: %s has an unfinished run beside it; serving the finished tiles\n", mbtiles.c_str());
      t.mbtiles = mbtiles;
    }
    if (!p.library.exists()) throw UserError(p.library.displayName() + ": no library yet: run riskmap import and assess");
    TileService tiles(t);
    // The CGCS2000 pyramid for WMTS: always drawn on demand, from level 1.
    std::unique_ptr<TileService> geodetic;
    if (!o->noCgcs2000) {
      TileServiceOptions g = t;
      g.mbtiles.reset();
      g.geometry.matrix = TileMatrixSet::cgcs2000();
      g.minzoom = std::max(1, t.minzoom);
      g.maxzoom = std::max(g.minzoom, t.maxzoom);
      geodetic = std::make_unique<TileService>(g);
    }
    MapServiceOptions m;
    m.name = p.name;
    m.library = p.library.gdalName();
    m.viewerDir = viewerDirectory(o->viewer);
    m.palette = palettePath(t.style);
    if (!std::filesystem::exists(m.viewerDir / "index.html"))
      throw UserError(m.viewerDir.string() + ": no viewer (index.html) there; build the 'viewer' target or pass --viewer-dir");
    const std::filesystem::path vector = o->vectorTiles.empty() ? defaultVectorTilesPath(p) : std::filesystem::path(o->vectorTiles);
    if (!o->vectorTiles.empty() && !std::filesystem::exists(vector)) throw UserError(vector.string() + ": no such MBTiles");
    if (std::filesystem::exists(vector)) m.vectorTiles = vector;
    const std::filesystem::path geodeticVector =
        o->vectorTilesCgcs2000.empty() ? defaultCgcs2000VectorTilesPath(p) : std::filesystem::path(o->vectorTilesCgcs2000);
    if (!o->vectorTilesCgcs2000.empty() && !std::filesystem::is_directory(geodeticVector))
      throw UserError(geodeticVector.string() + ": no such directory of CGCS2000 vector tiles");
    if (std::filesystem::is_directory(geodeticVector)) m.vectorTilesCgcs2000 = geodeticVector;
    m.style = t.style;
    m.basemap = p.web.basemap;
    m.basemapAttribution = p.web.basemapAttribution;
    MapService service(m, tiles, geodetic.get());

    // SIGINT/SIGTERM are taken by sigwait below, not by a handler.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    HttpServerOptions h;
    h.address = o->bind;
    h.port = static_cast<unsigned short>(o->port);
    h.ioThreads = o->ioThreads;
    h.maxConnections = o->maxConnections;
    h.maxRequestsPerConnection = o->keepAliveRequests;
    const auto ms = [](double s) { return std::chrono::milliseconds(static_cast<long long>(s * 1000)); };
    h.headerTimeout = ms(o->headerTimeout);
    h.bodyTimeout = ms(o->bodyTimeout);
    h.idleTimeout = ms(o->idleTimeout);
    h.writeTimeout = ms(o->writeTimeout);
    h.cors = CorsPolicy::parse(o->cors);
    if (o->accessLog != "none") h.accessLog = std::make_shared<AccessLog>(o->accessLog);
    HttpServer server(MapService::serverOptions(h, o->threads, o->renderQueue, o->workThreads, o->workQueue),
                      [&service](const HttpRequest& r) { return service.route(r); },
                      [&service](const HttpRequest& r) { return service(r); });
    server.start();
    std::printf("riskmap: serving %s at http://%s:%u/ (tiles %s, z%d-%d; TileJSON /tiles.json; WMTS "
                "/wmts/1.0.0/WMTSCapabilities.xml%s; CORS: %s); Ctrl-C stops\n",
                p.name.c_str(), o->bind.c_str(), server.port(), t.mbtiles ? t.mbtiles->c_str() : "drawn on demand",
                tiles.minzoom(), tiles.maxzoom(), geodetic ? " with CGCS2000" : "", h.cors.describe().c_str());
    std::fflush(stdout);
    int sig = 0;
    sigwait(&signals, &sig);
    std::printf("riskmap: stopping (%s); %zu tiles cached, %llu hits, %llu misses; %llu connections refused at the limit, "
                "%llu requests refused with a full queue, %llu connections timed out\n",
                sig == SIGINT ? "SIGINT" : "SIGTERM", tiles.cache().size(), static_cast<unsigned long long>(tiles.cache().hits()),
                static_cast<unsigned long long>(tiles.cache().misses()), static_cast<unsigned long long>(server.refused()),
                static_cast<unsigned long long>(server.busy()), static_cast<unsigned long long>(server.timedOut()));
    server.stop();
  };
}

}  // namespace riskmap::cli
