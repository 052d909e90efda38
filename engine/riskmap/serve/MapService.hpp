#pragma once
// What `riskmap serve` answers: the viewer's files, the tiles and the small
// JSON API the viewer asks (info, legend, boundary, sources, explain). Every
// request is parsed strictly: a malformed path is a 400, a tile outside the
// pyramid a 404, never an exception escaping to the connection.
#include <filesystem>
#include <string>

#include "riskmap/serve/HttpServer.hpp"
#include "riskmap/serve/TileService.hpp"

namespace riskmap {

struct MapServiceOptions {
  std::string name;                     // the project's name (the county)
  std::filesystem::path library;
  std::filesystem::path viewerDir;      // index.html, viewer.js, leaflet/...
  std::filesystem::path palette;        // styles/palette.toml
  std::string tileCacheControl = "public, max-age=3600";
};

// A parsed /tiles/{z}/{x}/{y}.png path: a tile, or the status to answer.
struct TilePath {
  int status = 200;  // 200, 400 (malformed or off the pyramid's grid)
  TileId id;
};
TilePath parseTilePath(std::string_view path);  // path after "/tiles/"

class MapService {
 public:
  MapService(const MapServiceOptions& options, TileService& tiles);
  HttpResponse operator()(const HttpRequest& req);

 private:
  HttpResponse tile(const HttpRequest& req, std::string_view path);
  HttpResponse explain(const HttpRequest& req, std::string_view query);
  HttpResponse file(const HttpRequest& req, std::string_view path);

  MapServiceOptions options_;
  TileService& tiles_;
  std::string info_, legend_, sources_;
};

}  // namespace riskmap
