// Load on `riskmap serve` over loopback: CLIENTS keep-alive connections ask
// for tiles as fast as they are answered, first tiles never drawn before
// (one per metatile, so every request draws a metatile), then tiles already
// in the cache. Bounded by a request count and a time limit.
// `riskmap_bench_serve LIBRARY STYLE PALETTE [CLIENTS] [REQUESTS] [SECONDS]`.
// Not a test: figures go to docs/performance.md.
#include <gdal_priv.h>

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

#include "riskmap/serve/MapService.hpp"

namespace http = boost::beast::http;
using Clock = std::chrono::steady_clock;

namespace {

struct Result {
  double seconds = 0;
  std::vector<double> latenciesMs;
  int failures = 0;
};

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
        http::write(socket, req);
        http::response<http::string_body> res;
        http::read(socket, buffer, res);
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
    std::fprintf(stderr, "usage: %s LIBRARY STYLE PALETTE [CLIENTS] [REQUESTS] [SECONDS]\n", argv[0]);
    return 1;
  }
  GDALAllRegister();
  const int clients = argc > 4 ? std::atoi(argv[4]) : 16;
  const std::size_t requests = argc > 5 ? std::atoi(argv[5]) : 2000;
  const double seconds = argc > 6 ? std::atof(argv[6]) : 60;
  riskmap::TileServiceOptions t;
  t.library = argv[1];
  t.studyArea = "county";
  t.style = argv[2];
  riskmap::TileService tiles(t);
  riskmap::MapServiceOptions o;
  o.name = "bench";
  o.library = t.library;
  o.viewerDir = ".";
  o.palette = argv[3];
  riskmap::MapService service(o, tiles);
  riskmap::HttpServer server("127.0.0.1", 0, [&service](const riskmap::HttpRequest& r) { return service(r); });
  server.start();

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
  // Warm: the tiles just drawn, asked again and again.
  std::vector<std::string> warm;
  std::mt19937 rng(2);
  const std::size_t drawn = c.latenciesMs.size();
  for (std::size_t i = 0; i < std::max<std::size_t>(requests, 20000); ++i) warm.push_back(cold[rng() % drawn]);
  const Result w = load(server.port(), warm, clients, seconds);
  std::printf("%d clients, %u cores, cache %zu MiB\n", clients, std::thread::hardware_concurrency(), t.cacheBytes >> 20);
  report("uncached", c);
  report("cached", w);
  server.stop();
}
