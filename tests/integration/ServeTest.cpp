// `riskmap serve` in-process on a loopback port: status codes for good and
// malformed paths, ETag and Cache-Control, the explain API (the index answers
// what `riskmap explain --json` answers), many clients at once getting
// exactly the tiles a lone renderer draws, and the server's limits: a
// slow-header flood, the connection limit, keep-alive limits, HEAD, a
// request line without a version, a full work queue.
#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <latch>
#include <random>
#include <thread>

#include "ServeSupport.hpp"
#include "TestSupport.hpp"
#include "riskmap/regional/Explain.hpp"
#include "riskmap/serve/MapService.hpp"
#include "riskmap/serve/WorkQueue.hpp"
#include "riskmap/tiles/TileScheduler.hpp"

namespace riskmap {
namespace {

namespace http = boost::beast::http;
const std::filesystem::path kSource(RISKMAP_SOURCE_DIR);

struct Reply {
  int status = 0;
  std::string body, contentType, etag, cacheControl, retryAfter;
};

// One request on a fresh connection, as a browser or curl would send it.
Reply get(unsigned short port, const std::string& target, const std::string& ifNoneMatch = "") {
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket socket(io);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), port});
  http::request<http::empty_body> req{http::verb::get, target, 11};
  req.set(http::field::host, "127.0.0.1");
  if (!ifNoneMatch.empty()) req.set(http::field::if_none_match, ifNoneMatch);
  http::write(socket, req);
  boost::beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(socket, buffer, res);
  boost::system::error_code ignored;
  socket.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
  return {static_cast<int>(res.result_int()), res.body(), std::string(res[http::field::content_type]),
          std::string(res[http::field::etag]), std::string(res[http::field::cache_control]),
          std::string(res[http::field::retry_after])};
}

// A raw loopback connection (descriptor), for requests no client library sends.
int rawConnect(unsigned short port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

void sendAll(int fd, const std::string& s) {
  for (std::size_t done = 0; done < s.size();) {
    const ssize_t n = ::send(fd, s.data() + done, s.size() - done, MSG_NOSIGNAL);
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

// Everything the peer sends until it closes, or until timeoutMs passes
// (closed false then).
struct Received {
  std::string bytes;
  bool closed = false;
};
Received readUntilClosed(int fd, int timeoutMs) {
  Received r;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0) return r;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left)) <= 0) return r;
    char buf[4096];
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) {
      r.closed = true;
      return r;
    }
    r.bytes.append(buf, static_cast<std::size_t>(n));
  }
}

// Enough descriptors for a flood of connections, both ends in this process.
void raiseDescriptorLimit() {
  rlimit l{};
  if (::getrlimit(RLIMIT_NOFILE, &l) == 0 && l.rlim_cur < l.rlim_max) {
    l.rlim_cur = l.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &l);
  }
}

class ServeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    GDALAllRegister();
    dir_ = new test::TempDir;
    project_ = test::assessedCounty(kSource / "data/sample_county/project.toml", *dir_);
  }
  static void TearDownTestSuite() { delete dir_; }

  // A server drawing tiles on demand (or from mbtiles) with a small cache, so eviction happens.
  struct Running {
    std::unique_ptr<TileService> tiles;
    std::unique_ptr<MapService> service;
    std::unique_ptr<HttpServer> server;
    unsigned short port() const { return server->port(); }
  };
  static Running start(std::optional<std::filesystem::path> mbtiles = std::nullopt, std::size_t cacheBytes = 512 << 10,
                       HttpServerOptions h = {}, std::size_t workQueue = 256, int renderThreads = 2,
                       std::size_t renderQueue = 64) {
    TileServiceOptions t;
    t.library = *dir_ / "one.gpkg";
    t.studyArea = "county";
    t.style = kSource / "styles/default.json";
    t.mbtiles = mbtiles;
    t.cacheBytes = cacheBytes;
    t.renderThreads = renderThreads;
    Running r;
    r.tiles = std::make_unique<TileService>(t);
    r.service = std::make_unique<MapService>(test::countyMapOptions(t.library, kSource), *r.tiles);
    r.server = test::serveOnLoopback(*r.service, h, t.renderThreads, renderQueue, workQueue);
    return r;
  }

  static test::TempDir* dir_;
  static std::filesystem::path project_;
};
test::TempDir* ServeTest::dir_ = nullptr;
std::filesystem::path ServeTest::project_;

TEST_F(ServeTest, AnswersTilesWithTypeEtagAndCaching) {
  Running s = start();
  const TileId t = tileAt(120.55, 30.06, 13);  // the county town
  const Reply a = get(s.port(), "/tiles/" + t.path() + ".png");
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(a.contentType, "image/png");
  EXPECT_EQ(a.body.substr(1, 3), "PNG");
  EXPECT_EQ(a.etag.size(), 34u);  // 32 hex digits in quotes
  EXPECT_NE(a.cacheControl.find("max-age="), std::string::npos);
  EXPECT_EQ(get(s.port(), "/tiles/" + t.path() + ".png", a.etag).status, 304);
  EXPECT_EQ(get(s.port(), "/tiles/" + t.path() + ".png", "\"other\"").status, 200);
  // Valid addresses outside the county or the zooms: nothing there, 204 (an empty tile to clients).
  EXPECT_EQ(get(s.port(), "/tiles/13/0/0.png").status, 204);
  EXPECT_EQ(get(s.port(), "/tiles/19/" + std::to_string(t.x * 64) + "/" + std::to_string(t.y * 64) + ".png").status, 204);
}

TEST_F(ServeTest, MalformedPathsAre400AndNeverCrashIt) {
  Running s = start();
  for (const char* bad : {"/tiles/-1/0/0.png", "/tiles/3/8/0.png", "/tiles/3/0/99.png", "/tiles/99/0/0.png",
                          "/tiles/12/99999999999999999999999/1.png", "/tiles/12/../../etc/passwd", "/tiles/a/b/c.png",
                          "/tiles/12/1/1.jpg", "/tiles/12/1", "/../../etc/passwd", "/.hidden", "/%2e%2e/x"})
    EXPECT_EQ(get(s.port(), bad).status, 400) << bad;
  EXPECT_EQ(get(s.port(), "/no-such-file.js").status, 404);
  EXPECT_EQ(get(s.port(), "/api/explain?lon=abc&lat=30").status, 400);
  EXPECT_EQ(get(s.port(), "/api/explain?lat=30").status, 400);
  EXPECT_EQ(get(s.port(), "/api/explain?lon=1e999&lat=30").status, 400);
  // A request line longer than the header limit: 400, and the server lives on.
  EXPECT_EQ(get(s.port(), "/tiles/" + std::string(20000, '1')).status, 400);
  EXPECT_EQ(get(s.port(), "/api/info").status, 200);
}

TEST_F(ServeTest, ExplainNamesTheSourceOfARedArea) {
  Running s = start();
  const auto sources = nlohmann::json::parse(get(s.port(), "/api/sources.geojson").body);
  int majors = 0;
  for (const auto& f : sources["features"]) {
    if (f["properties"]["grade"] != "major" || f["properties"]["layer"] != "hazard_sources") continue;
    const auto& c = f["geometry"]["coordinates"];
    const Reply r = get(s.port(), "/api/explain?lon=" + std::to_string(c[0].get<double>()) + "&lat=" + std::to_string(c[1].get<double>()));
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.contentType, "application/json; charset=utf-8");
    const auto e = nlohmann::json::parse(r.body);
    EXPECT_EQ(e["grade"], "major");
    bool named = false;
    for (const auto& z : e["zones"]) named |= z["name"] == f["properties"]["name"] && z["standard"].get<std::string>().find("GB 18218") != std::string::npos;
    EXPECT_TRUE(named) << f["properties"]["name"] << " not among the zones at its own site";
    ++majors;
  }
  EXPECT_GT(majors, 0);
  const auto outside = nlohmann::json::parse(get(s.port(), "/api/explain?lon=100&lat=30").body);
  EXPECT_TRUE(outside["grade"].is_null());
  const auto legend = nlohmann::json::parse(get(s.port(), "/api/legend").body);
  ASSERT_EQ(legend.size(), 4u);
  EXPECT_EQ(legend[0]["name"], "重大风险");
  EXPECT_EQ(legend[0]["color"], "#e60012");  // styles/palette.toml: 230, 0, 18
}

TEST_F(ServeTest, ManyClientsAtOnceGetExactlyTheLoneRenderersTiles) {
  // Tiles well inside the county (the town and the plain east of it) at
  // z13-14 through a 512 KiB cache: clients race for the same metatiles
  // while others are evicted.
  std::vector<TileId> ids;
  for (int z : {13, 14}) {
    const TileId c = tileAt(120.60, 30.06, z);
    for (int dy = -2; dy <= 2; ++dy)
      for (int dx = -2; dx <= 2; ++dx) ids.push_back({z, c.x + dx, c.y + dy});
  }
  // The reference: each tile drawn alone, serially, by the same drawing code.
  const Style style = Style::load(kSource / "styles/default.json");
  TileGeometry g{256, 1, 4, 64};
  MetatileRenderer reference(*dir_ / "one.gpkg", style, g);
  std::map<TileId, std::string> expected;
  for (const TileId& id : ids)
    for (const auto& t : reference.render(g.metatileOf(id), [&id](const TileId& x) { return x == id; })) expected[t.id] = t.png;

  Running s = start();
  std::atomic<int> wrong{0}, served{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 16; ++c)
    clients.emplace_back([&, c] {
      std::mt19937 rng(c);
      for (int i = 0; i < 25; ++i) {
        const TileId id = ids[rng() % ids.size()];
        const Reply r = get(s.port(), "/tiles/" + id.path() + ".png");
        ++served;
        if (r.status != 200 || r.body != expected[id]) ++wrong;
      }
    });
  for (auto& t : clients) t.join();
  EXPECT_EQ(served, 400);
  EXPECT_EQ(wrong, 0);
  EXPECT_LE(s.tiles->cache().bytes(), 512u << 10);
  EXPECT_GT(s.tiles->cache().hits(), 0u);
}

TEST_F(ServeTest, ServesAFinishedMBTiles) {
  Project p;
  p.name = "江澄县";
  p.library = *dir_ / "one.gpkg";
  p.studyArea = "county";
  TileJobOptions o;
  o.out = *dir_ / "served.mbtiles";
  o.style = kSource / "styles/default.json";
  o.minzoom = 10, o.maxzoom = 11;
  o.quiet = true;
  runTileJob(p, o);
  Running s = start(o.out);
  const TileId t = tileAt(120.55, 30.06, 11);
  const Reply r = get(s.port(), "/tiles/" + t.path() + ".png");
  ASSERT_EQ(r.status, 200);
  SqliteDatabase db(o.out, SQLITE_OPEN_READONLY);
  auto st = db.prepare("SELECT tile_data FROM tiles WHERE zoom_level = 11 AND tile_column = ? AND tile_row = ?");
  st.bind(1, t.x).bind(2, tmsRow(t));
  ASSERT_TRUE(st.step());
  EXPECT_TRUE(st.blob(0) == r.body);
  EXPECT_EQ(get(s.port(), "/tiles/12/" + std::to_string(t.x * 2) + "/" + std::to_string(t.y * 2) + ".png").status, 204);
  EXPECT_NE(get(s.port(), "/api/info").body.find("\"mbtiles\""), std::string::npos);
}

TEST_F(ServeTest, ExplainIndexAnswersWhatTheExplainCommandAnswers) {
  // Sample points: every major hazard source's site, a grid over the county,
  // and a place outside it. The command opens the library and queries it
  // (explainAtLonLat); the server looks the same place up in its index.
  Running s = start();
  std::vector<std::pair<double, double>> points;
  const auto sources = nlohmann::json::parse(get(s.port(), "/api/sources.geojson").body);
  for (const auto& f : sources["features"])
    if (f["properties"]["grade"] == "major" && points.size() < 6)
      points.emplace_back(f["geometry"]["coordinates"][0].get<double>(), f["geometry"]["coordinates"][1].get<double>());
  const LonLatBox& b = s.tiles->coverage().bounds();
  for (int i = 1; i <= 3; ++i)
    for (int j = 1; j <= 3; ++j) points.emplace_back(b.west + (b.east - b.west) * i / 4, b.south + (b.north - b.south) * j / 4);
  points.emplace_back(100.0, 30.0);
  int graded = 0, withZones = 0;
  for (const auto& [lon, lat] : points) {
    char at[64];
    std::snprintf(at, sizeof at, "%.9f,%.9f", lon, lat);
    const std::string comma(at);
    const test::CommandResult cli = test::runRiskmap("explain " + project_.string() + " --at " + comma + " --json");
    ASSERT_EQ(cli.exitCode, 0) << cli.output;
    const auto expected = nlohmann::json::parse(cli.output);
    const std::string query = "/api/explain?lon=" + comma.substr(0, comma.find(',')) + "&lat=" + comma.substr(comma.find(',') + 1);
    const Reply r = get(s.port(), query);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(nlohmann::json::parse(r.body), expected) << "at " << comma << "\nserver: " << r.body << "\ncommand: " << cli.output;
    graded += !expected["grade"].is_null();
    withZones += expected.contains("zones") && !expected["zones"].empty();
  }
  EXPECT_GE(graded, 8);
  EXPECT_GE(withZones, 3);
}

TEST_F(ServeTest, HeadAnswersHeadersWithContentLengthAndNoBody) {
  Running s = start();
  const TileId t = tileAt(120.55, 30.06, 13);
  const std::string tilePath = "/tiles/" + t.path() + ".png";
  const Reply full = get(s.port(), tilePath);
  ASSERT_EQ(full.status, 200);
  const std::string info = get(s.port(), "/api/info").body;
  for (const auto& [path, length] : {std::make_pair(tilePath, full.body.size()), std::make_pair(std::string("/api/info"), info.size()),
                                     std::make_pair(std::string("/"), std::size_t(0))}) {
    const int fd = rawConnect(s.port());
    ASSERT_GE(fd, 0);
    sendAll(fd, "HEAD " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    const Received r = readUntilClosed(fd, 5000);
    ::close(fd);
    ASSERT_TRUE(r.closed) << path;
    EXPECT_EQ(r.bytes.substr(0, 12), "HTTP/1.1 200") << path;
    const auto end = r.bytes.find("\r\n\r\n");
    ASSERT_NE(end, std::string::npos) << path;
    EXPECT_EQ(r.bytes.size(), end + 4) << path << ": a body after the headers";
    const auto cl = r.bytes.find("Content-Length: ");
    ASSERT_NE(cl, std::string::npos) << path;
    const std::size_t n = std::stoul(r.bytes.substr(cl + 16));
    if (length) EXPECT_EQ(n, length) << path;
    else EXPECT_GT(n, 0u) << path;
  }
}

TEST_F(ServeTest, RequestLineWithoutVersionIs400) {
  Running s = start();
  for (const char* bad : {"GET /\r\n\r\n", "GET /\r\n", "GET /api/info\r\nHost: 127.0.0.1\r\n\r\n", "GET\r\n\r\n",
                          "GET / HTTP/9\r\n\r\n"}) {
    const int fd = rawConnect(s.port());
    ASSERT_GE(fd, 0);
    sendAll(fd, bad);
    const Received r = readUntilClosed(fd, 5000);
    ::close(fd);
    EXPECT_TRUE(r.closed) << bad;
    EXPECT_EQ(r.bytes.substr(0, 12), "HTTP/1.1 400") << bad << " answered: " << r.bytes.substr(0, 80);
  }
  EXPECT_EQ(get(s.port(), "/api/info").status, 200);
}

TEST_F(ServeTest, SlowHeaderFloodLocksNobodyOutAndIsClosedAfterTheHeaderTimeout) {
  raiseDescriptorLimit();
  HttpServerOptions h;
  h.headerTimeout = std::chrono::milliseconds(1500);
  Running s = start(std::nullopt, 512 << 10, h);
  const auto t0 = std::chrono::steady_clock::now();
  // 600 clients each send half a header and then nothing (slow loris).
  std::vector<int> slow;
  for (int i = 0; i < 600; ++i) {
    const int fd = rawConnect(s.port());
    ASSERT_GE(fd, 0) << "connection " << i << ": " << std::strerror(errno);
    sendAll(fd, "GET /tiles/13/6841/3358.png HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slo");
    slow.push_back(fd);
  }
  // A normal client still gets a tile (drawn for it) and the API, at once.
  const TileId t = tileAt(120.55, 30.06, 13);
  const auto c0 = std::chrono::steady_clock::now();
  EXPECT_EQ(get(s.port(), "/tiles/" + t.path() + ".png").status, 200);
  EXPECT_EQ(get(s.port(), "/api/info").status, 200);
  EXPECT_LT(std::chrono::steady_clock::now() - c0, std::chrono::seconds(3));
  // The half-sent headers are closed once the header timeout has passed.
  int closedEarly = 0, closed = 0;
  for (int fd : slow) {
    const Received r = readUntilClosed(fd, 4000);
    closed += r.closed;
    if (r.closed && std::chrono::steady_clock::now() - t0 < std::chrono::milliseconds(1000)) ++closedEarly;
    ::close(fd);
  }
  EXPECT_EQ(closed, 600);
  EXPECT_EQ(closedEarly, 0);
  // The server counts a timeout on its own thread, after the socket closes:
  // give the last count a moment to land rather than race it.
  for (int i = 0; i < 100 && s.server->timedOut() < 600u; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_GE(s.server->timedOut(), 600u);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(12));
  EXPECT_EQ(get(s.port(), "/api/info").status, 200);
}

TEST_F(ServeTest, PastTheConnectionLimitANewConnectionGets503) {
  HttpServerOptions h;
  h.maxConnections = 8;
  Running s = start(std::nullopt, 512 << 10, h);
  std::vector<int> idle;
  for (int i = 0; i < 8; ++i) idle.push_back(rawConnect(s.port()));
  for (int i = 0; i < 200 && s.server->connections() < 8; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_EQ(s.server->connections(), 8);
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket socket(io);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), s.port()});
  http::request<http::empty_body> req{http::verb::get, "/api/info", 11};
  req.set(http::field::host, "127.0.0.1");
  http::write(socket, req);
  boost::beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(socket, buffer, res);
  EXPECT_EQ(res.result_int(), 503);
  EXPECT_EQ(res[http::field::retry_after], "1");
  EXPECT_FALSE(res.keep_alive());
  EXPECT_EQ(s.server->refused(), 1u);
  for (int fd : idle) ::close(fd);
  for (int i = 0; i < 200 && s.server->connections() > 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_EQ(get(s.port(), "/api/info").status, 200);
}

TEST_F(ServeTest, KeepAliveEndsAfterItsRequestLimitAndWhenIdle) {
  HttpServerOptions h;
  h.maxRequestsPerConnection = 3;
  h.idleTimeout = std::chrono::milliseconds(800);
  Running s = start(std::nullopt, 512 << 10, h);
  boost::asio::io_context io;
  auto ask = [](boost::asio::ip::tcp::socket& socket, boost::beast::flat_buffer& buffer) {
    http::request<http::empty_body> req{http::verb::get, "/api/legend", 11};
    req.set(http::field::host, "127.0.0.1");
    http::write(socket, req);
    http::response<http::string_body> res;
    http::read(socket, buffer, res);
    return res;
  };
  {
    boost::asio::ip::tcp::socket socket(io);
    socket.connect({boost::asio::ip::make_address("127.0.0.1"), s.port()});
    boost::beast::flat_buffer buffer;
    EXPECT_TRUE(ask(socket, buffer).keep_alive());
    EXPECT_TRUE(ask(socket, buffer).keep_alive());
    const auto third = ask(socket, buffer);
    EXPECT_EQ(third.result_int(), 200);
    EXPECT_FALSE(third.keep_alive());  // Connection: close on the last one
    EXPECT_TRUE(readUntilClosed(socket.native_handle(), 2000).closed);
  }
  {
    boost::asio::ip::tcp::socket socket(io);
    socket.connect({boost::asio::ip::make_address("127.0.0.1"), s.port()});
    boost::beast::flat_buffer buffer;
    EXPECT_TRUE(ask(socket, buffer).keep_alive());
    const auto t0 = std::chrono::steady_clock::now();
    EXPECT_TRUE(readUntilClosed(socket.native_handle(), 3000).closed);  // idle past 0.8 s: closed
    EXPECT_GE(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(700));
  }
}

TEST_F(ServeTest, DrawingIsBoundedAndAFullRenderQueueAnswers503) {
  // One drawing at a time (2 lane threads), one request waiting: 40 clients
  // asking 40 tiles of different metatiles at once get their tile or 503
  // with Retry-After at once; the cache stays within its bytes.
  Running s = start(std::nullopt, 256 << 10, HttpServerOptions{}, 256, 1, 1);
  std::vector<TileId> ids;
  const TileId c = tileAt(120.60, 30.06, 16);  // 40 metatiles over 12 km x 19 km around the town
  for (int dy = -4; dy < 4; ++dy)
    for (int dx = -2; dx < 3; ++dx) ids.push_back({16, c.x + 4 * dx, c.y + 4 * dy});
  std::atomic<int> ok{0}, busy{0}, other{0}, noRetryAfter{0};
  std::latch go(static_cast<std::ptrdiff_t>(ids.size()));
  std::vector<std::thread> clients;
  for (const TileId& id : ids)
    clients.emplace_back([&, id] {
      go.arrive_and_wait();
      const Reply r = get(s.port(), "/tiles/" + id.path() + ".png");
      (r.status == 200 ? ok : r.status == 503 ? busy : other)++;
      if (r.status == 503 && r.retryAfter != "1") ++noRetryAfter;
    });
  for (auto& t : clients) t.join();
  EXPECT_EQ(other, 0);
  EXPECT_EQ(noRetryAfter, 0);
  EXPECT_GE(ok, 1);
  EXPECT_GE(busy, 1);  // at most 3 of 40 can be drawing or waiting
  EXPECT_EQ(ok + busy, 40);
  EXPECT_LE(s.tiles->cache().bytes(), 256u << 10);
  // Once the burst is over, asking again gets the tile.
  EXPECT_EQ(get(s.port(), "/tiles/" + ids.back().path() + ".png").status, 200);
}

TEST(WorkQueue, AFullQueueRefusesAtOnce) {
  WorkQueue q(1, 2);
  std::latch started(1), release(1);
  ASSERT_TRUE(q.tryPost([&] { started.count_down(); release.wait(); }));
  started.wait();
  std::atomic<int> ran{0};
  EXPECT_TRUE(q.tryPost([&] { ++ran; }));
  EXPECT_TRUE(q.tryPost([&] { ++ran; }));
  EXPECT_FALSE(q.tryPost([&] { ++ran; }));  // two waiting already
  release.count_down();
  for (int i = 0; i < 200 && ran < 2; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_EQ(ran, 2);
  EXPECT_TRUE(q.tryPost([&] { ++ran; }));
  q.stop();
}

TEST_F(ServeTest, AFullWorkQueueAnswers503WithRetryAfter) {
  // One work thread, one waiting place: many explain requests at once get
  // either their answer or 503 with Retry-After, never a hang or an error.
  Running s = start(std::nullopt, 512 << 10, HttpServerOptions{}, 1);
  std::atomic<int> ok{0}, busy{0}, other{0}, noRetryAfter{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 32; ++c)
    clients.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        const Reply r = get(s.port(), "/api/explain?lon=120.55&lat=30.06");
        (r.status == 200 ? ok : r.status == 503 ? busy : other)++;
        if (r.status == 503 && r.retryAfter != "1") ++noRetryAfter;
      }
    });
  for (auto& t : clients) t.join();
  EXPECT_EQ(other, 0);
  EXPECT_EQ(noRetryAfter, 0);
  EXPECT_GT(ok, 0);
  EXPECT_EQ(ok + busy, 640);
  EXPECT_EQ(static_cast<std::uint64_t>(busy), s.server->busy());
}

}  // namespace
}  // namespace riskmap
