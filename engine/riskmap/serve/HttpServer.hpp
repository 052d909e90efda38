#pragma once
// A small asynchronous HTTP/1.1 server over Boost.Beast. A few I/O threads
// run every connection (no thread per connection); each read and write has a
// deadline, so a client that sends half a header, or nothing, is closed
// after the header timeout and never holds a thread. Past the connection
// limit a new connection gets 503 and is closed. Requests the router cannot
// answer at once (a drawing, a file, an explain query) go to bounded worker
// lanes; a full lane answers 503 with Retry-After. Every answer carries the
// CORS headers its policy gives, OPTIONS (a CORS preflight) is answered
// here with 204, and each answer can be logged. Nothing in it knows about
// maps.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "riskmap/serve/AccessLog.hpp"
#include "riskmap/serve/Cors.hpp"
#include "riskmap/serve/WorkQueue.hpp"

namespace riskmap {

using HttpRequest = boost::beast::http::request<boost::beast::http::string_body>;
using HttpResponse = boost::beast::http::response<boost::beast::http::string_body>;
using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;

// What the router says of a request, on an I/O thread and without blocking:
// the answer now, or the lane whose worker threads call the handler.
struct HttpRoute {
  std::optional<HttpResponse> now;
  int lane = 0;
};
using HttpRouter = std::function<HttpRoute(const HttpRequest&)>;

struct HttpLane {
  std::string name;        // for messages
  int threads = 1;
  std::size_t queue = 256;  // requests waiting for a thread; past it: 503
};

struct HttpServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 0;  // 0: any free port (see port())
  int ioThreads = 0;        // 0: all cores
  int maxConnections = 1024;
  int maxRequestsPerConnection = 100;  // then Connection: close
  std::chrono::milliseconds headerTimeout{10'000};  // from a request's first byte to the end of its header
  std::chrono::milliseconds bodyTimeout{30'000};    // the body after the header
  std::chrono::milliseconds idleTimeout{15'000};    // keep-alive: waiting for the next request's first byte
  std::chrono::milliseconds writeTimeout{30'000};   // sending an answer
  std::size_t headerLimit = 8 * 1024, bodyLimit = 64 * 1024;
  std::vector<HttpLane> lanes = {{"work", 0, 256}};  // threads 0: all cores
  int retryAfterSeconds = 1;                          // in 503 answers
  CorsPolicy cors = CorsPolicy::any();                // headers on every answer; OPTIONS preflights answered 204
  std::shared_ptr<AccessLog> accessLog;               // a Common Log Format line per answer; null: none
};

class HttpServer {
 public:
  // handler runs on lane 0 for every request.
  HttpServer(const std::string& address, unsigned short port, HttpHandler handler, int maxConnections = 1024);
  // router on the I/O threads; handler on the lane the router names.
  HttpServer(const HttpServerOptions& options, HttpRouter router, HttpHandler handler);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  unsigned short port() const { return port_; }
  void start();  // runs the I/O threads
  void stop();   // closes the listener and every connection, joins
  void wait();   // until stop()

  const HttpServerOptions& options() const { return options_; }
  int connections() const { return live_; }        // open connections being served
  std::uint64_t refused() const { return refused_; }  // connections answered 503 at the limit
  std::uint64_t busy() const { return busy_; }        // requests answered 503: lane full
  std::uint64_t timedOut() const { return timedOut_; }  // connections closed by a deadline

  class Session;

 private:
  friend class Session;
  void accept();
  void refuse(boost::asio::ip::tcp::socket socket);
  void dispatch(const std::shared_ptr<Session>& session, const std::shared_ptr<const HttpRequest>& req);

  // Sessions touch the counters and the registry until the io_context (declared
  // after them, so destroyed before them) has destroyed the last one.
  HttpServerOptions options_;
  HttpRouter router_;
  HttpHandler handler_;
  unsigned short port_ = 0;
  std::atomic<bool> stopping_{false}, started_{false};
  std::atomic<int> live_{0};
  std::atomic<std::uint64_t> refused_{0}, busy_{0}, timedOut_{0};
  std::mutex sessionsMutex_;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions_;
  std::mutex stopMutex_;
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::vector<std::unique_ptr<WorkQueue>> lanes_;
  std::vector<std::thread> threads_;
};

// A response with the usual headers set.
HttpResponse makeResponse(const HttpRequest& req, boost::beast::http::status status, std::string body,
                          const std::string& contentType);

}  // namespace riskmap
