// Load on `riskmap serve` over loopback: CLIENTS keep-alive connections ask
// for tiles as fast as they are answered, first tiles never drawn before
// (one per metatile, so every request draws a metatile), then tiles already
// in the cache, then /api/explain at random places in the county, RUNS
// times (min/median/max). Bounded by a request count and a time limit.
// Also the explain lookup alone: the index against opening the library per
// call (what the server did before). Peak RSS is the whole process (server
// and client threads).
// `riskmap_bench_serve LIBRARY STYLE PALETTE [CLIENTS] [REQUESTS] [SECONDS] [CACHE_MB] [RUNS]`.
// Not a test: figures go to docs/performance.md.
#include <gdal_priv.h>
#include <sys/resource.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <random>
#include <thread>

#include "riskmap/regional/Explain.hpp"
#include "riskmap/serve/MapService.hpp"

namespace http = boost::beast::http;
using Clock = std::chrono::steady_clock;

namespace {

struct Result {
  double seconds = 0;
  std::vector<double> latenciesMs;
  int failures = 0;
  double rate() const { return latenciesMs.size() / seconds; }
};

double peakRssMiB() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024.0;
}

std::string spread(std::vector<double> v, const char* format) {
  std::sort(v.begin(), v.end());
  char b[160];
  const std::string f = std::string(format) + " / " + format + " / " + format;
  std::snprintf(b, sizeof b, f.c_str(), v.front(), v[v.size() / 2], v.back());
  return b;
}

// CLIENTS threads, each one keep-alive connection, taking the next path until
// the list or the time runs out.
Result load(unsigned short port, const std::vector<std::string>& paths, int clients, double limitSeconds) {
  Result r;
  std::mutex m;
  std::atomic<std::size_t> next{0};
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(limitSeconds));
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c)
    threads.emplace_back([&] {
      boost::asio::io_context io;
      boost::asio::ip::tcp::socket socket(io);
      socket.connect({boost::asio::ip::make_address("127.0.0.1"), port});
      boost::beast::flat_buffer buffer;
      std::vector<double> mine;
      int failed = 0;
      for (std::size_t k; (k = next++) < paths.size() && Clock::now() < deadline;) {
        http::request<http::empty_body> req{http::verb::get, paths[k], 11};
        req.set(http::field::host, "127.0.0.1");
        const auto t0 = Clock::now();
        boost::system::error_code ec;
        http::write(socket, req, ec);
        http::response<http::string_body> res;
        if (!ec) http::read(socket, buffer, res, ec);
        if (ec || !res.keep_alive()) {  // the server closed (keep-alive limit): connect again
          boost::system::error_code ignored;
          socket.close(ignored);
          socket = boost::asio::ip::tcp::socket(io);
          socket.connect({boost::asio::ip::make_address("127.0.0.1"), port});
          buffer.clear();
          if (ec) {
            ++failed;
            continue;
          }
        }
        mine.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        failed += res.result_int() != 200;
      }
      std::lock_guard lock(m);
      r.latenciesMs.insert(r.latenciesMs.end(), mine.begin(), mine.end());
      r.failures += failed;
    });
  for (auto& t : threads) t.join();
  r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return r;
}

void report(const char* what, Result r) {
  std::sort(r.latenciesMs.begin(), r.latenciesMs.end());
  const auto pct = [&r](double p) { return r.latenciesMs.empty() ? 0 : r.latenciesMs[std::min(r.latenciesMs.size() - 1, static_cast<std::size_t>(p * r.latenciesMs.size()))]; };
  std::printf("%-9s %6zu requests in %6.2f s: %8.1f req/s, p50 %7.2f ms, p99 %7.2f ms, max %7.2f ms, %d not 200\n", what,
              r.latenciesMs.size(), r.seconds, r.latenciesMs.size() / r.seconds, pct(0.5), pct(0.99),
              r.latenciesMs.empty() ? 0 : r.latenciesMs.back(), r.failures);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s LIBRARY STYLE PALETTE [CLIENTS] [REQUESTS] [SECONDS] [CACHE_MB] [RUNS]\n", argv[0]);
    return 1;
  }
  GDALAllRegister();
  const int clients = argc > 4 ? std::atoi(argv[4]) : 16;
  const std::size_t requests = argc > 5 ? std::atoi(argv[5]) : 2000;
  const double seconds = argc > 6 ? std::atof(argv[6]) : 60;
  const std::size_t cacheMb = argc > 7 ? std::atoi(argv[7]) : 256;
  const int runs = argc > 8 ? std::max(1, std::atoi(argv[8])) : 3;
  riskmap::TileServiceOptions t;
  t.library = argv[1];
  t.studyArea = "county";
  t.style = argv[2];
  t.cacheBytes = cacheMb << 20;
  riskmap::TileService tiles(t);
  riskmap::MapServiceOptions o;
  o.name = "bench";
  o.library = t.library;
  o.viewerDir = ".";
  o.palette = argv[3];
  riskmap::MapService service(o, tiles);
  riskmap::HttpServerOptions h;
  h.maxConnections = std::max(1024, clients + 16);
  riskmap::HttpServer server(riskmap::MapService::serverOptions(h, 0, 256, 0, 256),
                             [&service](const riskmap::HttpRequest& r) { return service.route(r); },
                             [&service](const riskmap::HttpRequest& r) { return service(r); });
  server.start();
  std::printf("%d clients, %u cores, cache %zu MiB; at start: peak RSS %.0f MiB\n", clients,
              std::thread::hardware_concurrency(), cacheMb, peakRssMiB());

  // Cold: one tile of each metatile touching the county, z12-16, shuffled.
  std::vector<std::string> cold;
  for (int z = 12; z <= 16; ++z) {
    const riskmap::TileRange r = riskmap::tileRange(tiles.coverage().bounds(), z);
    for (std::int64_t y = r.minY; y <= r.maxY; y += t.geometry.metatile)
      for (std::int64_t x = r.minX; x <= r.maxX; x += t.geometry.metatile)
        if (tiles.coverage().touches(riskmap::TileId{z, x, y})) cold.push_back("/tiles/" + riskmap::TileId{z, x, y}.path() + ".png");
  }
  std::shuffle(cold.begin(), cold.end(), std::mt19937(1));
  if (cold.size() > requests) cold.resize(requests);
  const Result c = load(server.port(), cold, clients, seconds);
  report("uncached", c);
  std::printf("          peak RSS after drawing: %.0f MiB (503 busy answers so far: %llu)\n", peakRssMiB(),
              static_cast<unsigned long long>(server.busy()));
  // Warm: the tiles just drawn, asked again and again.
  std::vector<std::string> warm;
  std::mt19937 rng(2);
  const std::size_t drawn = std::max<std::size_t>(1, c.latenciesMs.size());
  for (std::size_t i = 0; i < std::max<std::size_t>(requests, 20000); ++i) warm.push_back(cold[rng() % drawn]);
  std::vector<double> warmRates;
  for (int i = 0; i < runs; ++i) {
    const Result w = load(server.port(), warm, clients, seconds);
    report("cached", w);
    warmRates.push_back(w.rate());
  }
  std::printf("cached req/s min/median/max: %s; peak RSS %.0f MiB\n", spread(warmRates, "%.0f").c_str(), peakRssMiB());

  // Explain: random places in the county's bounds.
  const riskmap::LonLatBox& b = tiles.coverage().bounds();
  std::vector<std::string> places;
  std::vector<std::pair<double, double>> lonlat;
  std::uniform_real_distribution<double> ux(b.west, b.east), uy(b.south, b.north);
  for (std::size_t i = 0; i < std::max<std::size_t>(requests, 5000); ++i) {
    const double lon = ux(rng), lat = uy(rng);
    lonlat.emplace_back(lon, lat);
    char q[96];
    std::snprintf(q, sizeof q, "/api/explain?lon=%.6f&lat=%.6f", lon, lat);
    places.push_back(q);
  }
  std::vector<double> explainRates, explainP99;
  for (int i = 0; i < runs; ++i) {
    Result e = load(server.port(), places, clients, seconds);
    report("explain", e);
    explainRates.push_back(e.rate());
    std::sort(e.latenciesMs.begin(), e.latenciesMs.end());
    explainP99.push_back(e.latenciesMs.empty() ? 0 : e.latenciesMs[static_cast<std::size_t>(0.99 * e.latenciesMs.size())]);
  }
  std::printf("explain req/s min/median/max: %s; p99 ms min/median/max: %s; peak RSS %.0f MiB; 503 busy answers: %llu\n",
              spread(explainRates, "%.0f").c_str(), spread(explainP99, "%.2f").c_str(), peakRssMiB(),
              static_cast<unsigned long long>(server.busy()));
  server.stop();

  // The lookup alone, one thread: the index, and the library opened per call.
  riskmap::ExplainIndex index(t.library);
  auto time = [&lonlat](auto&& f, std::size_t n) {
    const auto t0 = Clock::now();
    for (std::size_t i = 0; i < n; ++i) f(lonlat[i % lonlat.size()]);
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count() / n;
  };
  const double indexMs = time([&index](const auto& p) { return index.atLonLat(p.first, p.second); }, 5000);
  const double openMs = time([&t](const auto& p) { return riskmap::explainAtLonLat(t.library, p.first, p.second); }, 100);
  std::printf("explain lookup, one thread: index %.3f ms, library opened per call %.1f ms (%zu zones, %zu footprints)\n",
              indexMs, openMs, index.zones(), index.footprints());
}
