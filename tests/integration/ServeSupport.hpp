#pragma once
// The sample county's map service on a loopback port, for the serve tests.
#include <filesystem>
#include <memory>

#include "riskmap/serve/MapService.hpp"

namespace riskmap::test {

inline MapServiceOptions countyMapOptions(const std::filesystem::path& library, const std::filesystem::path& source) {
  MapServiceOptions m;
  m.name = "江澄县";
  m.library = library;
  m.viewerDir = source / "engine/viewer";
  m.palette = source / "styles/palette.toml";
  return m;
}

// Listening on 127.0.0.1 at a free port, started.
inline std::unique_ptr<HttpServer> serveOnLoopback(MapService& service, HttpServerOptions h, int renderThreads,
                                                   std::size_t renderQueue, std::size_t workQueue) {
  h.address = "127.0.0.1";
  h.port = 0;
  auto server = std::make_unique<HttpServer>(MapService::serverOptions(h, renderThreads, renderQueue, 2, workQueue),
                                             [s = &service](const HttpRequest& q) { return s->route(q); },
                                             [s = &service](const HttpRequest& q) { return (*s)(q); });
  server->start();
  return server;
}

}  // namespace riskmap::test
