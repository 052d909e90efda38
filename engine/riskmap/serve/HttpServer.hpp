#pragma once
// A small HTTP/1.1 server over Boost.Beast: a thread per connection (keep-
// alive connections are long; the CPU-bound work is limited elsewhere), a
// handler that turns a request into a response, and a clean stop that
// closes every open connection. Nothing in it knows about maps.
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <thread>

namespace riskmap {

using HttpRequest = boost::beast::http::request<boost::beast::http::string_body>;
using HttpResponse = boost::beast::http::response<boost::beast::http::string_body>;
using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;

class HttpServer {
 public:
  // port 0: any free port (see port()).
  HttpServer(const std::string& address, unsigned short port, HttpHandler handler, int maxConnections = 512);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  unsigned short port() const { return port_; }
  void start();        // accepts in a thread of its own
  void stop();         // closes the listener and every connection, joins
  void wait();         // until stop()

 private:
  void acceptLoop();
  void serve(int fd);
  void converse(boost::asio::ip::tcp::socket& socket);

  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  HttpHandler handler_;
  int maxConnections_;
  unsigned short port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread acceptor_thread_;
  std::mutex mutex_;
  std::set<int> open_;              // native handles of live connections
  std::condition_variable allClosed_;
  int live_ = 0;  // connections being served (guarded by mutex_)
};

// A response with the usual headers set.
HttpResponse makeResponse(const HttpRequest& req, boost::beast::http::status status, std::string body,
                          const std::string& contentType);

}  // namespace riskmap
