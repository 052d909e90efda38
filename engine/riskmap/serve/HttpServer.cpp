#include "riskmap/serve/HttpServer.hpp"

#include <sys/socket.h>

#include <boost/asio/ip/address.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "riskmap/core/Error.hpp"

namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;

namespace riskmap {

HttpResponse makeResponse(const HttpRequest& req, http::status status, std::string body, const std::string& contentType) {
  HttpResponse res{status, req.version()};
  res.set(http::field::server, "riskmap");
  res.set(http::field::content_type, contentType);
  res.keep_alive(req.keep_alive());
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

HttpServer::HttpServer(const std::string& address, unsigned short port, HttpHandler handler, int maxConnections)
    : acceptor_(io_), handler_(std::move(handler)), maxConnections_(maxConnections) {
  boost::system::error_code ec;
  const auto ip = boost::asio::ip::make_address(address, ec);
  if (ec) throw UserError("--bind '" + address + "': not an IP address");
  const tcp::endpoint endpoint(ip, port);
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(boost::asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(boost::asio::socket_base::max_listen_connections, ec);
  if (ec) throw UserError("cannot listen on " + address + ":" + std::to_string(port) + ": " + ec.message());
  port_ = acceptor_.local_endpoint().port();
}

HttpServer::~HttpServer() { stop(); }

void HttpServer::start() {
  acceptor_thread_ = std::thread([this] { acceptLoop(); });
}

void HttpServer::acceptLoop() {
  while (!stopping_) {
    boost::system::error_code ec;
    tcp::socket socket(io_);
    acceptor_.accept(socket, ec);
    if (ec || stopping_) continue;
    std::lock_guard lock(mutex_);
    if (live_ >= maxConnections_) continue;  // the socket closes: the client retries
    // The connection's thread gets the bare descriptor and an io_context of
    // its own, so nothing it holds outlives the server.
    const int fd = socket.release(ec);
    if (ec) continue;
    ++live_;
    open_.insert(fd);
    std::thread([this, fd] { serve(fd); }).detach();
  }
}

void HttpServer::serve(int fd) {
  {
    boost::asio::io_context io;
    tcp::socket socket(io, tcp::v4(), fd);
    converse(socket);
    boost::system::error_code ignored;
    socket.shutdown(tcp::socket::shutdown_both, ignored);
    std::lock_guard lock(mutex_);
    open_.erase(fd);
    socket.close(ignored);
  }
  std::lock_guard lock(mutex_);
  if (--live_ == 0) allClosed_.notify_all();
}

void HttpServer::converse(tcp::socket& socket) {
  boost::beast::flat_buffer buffer;
  for (;;) {
    boost::system::error_code ec;
    http::request_parser<http::string_body> parser;
    parser.header_limit(8 * 1024);
    parser.body_limit(64 * 1024);
    http::read(socket, buffer, parser, ec);
    if (ec == http::error::end_of_stream || ec == boost::asio::error::eof || ec == boost::asio::error::connection_reset ||
        ec == boost::asio::error::operation_aborted || stopping_)
      break;
    if (ec) {  // malformed or oversized: say so, then hang up
      HttpRequest none;
      none.version(11);
      HttpResponse res = makeResponse(none, http::status::bad_request, "bad request: " + ec.message() + "\n", "text/plain");
      res.keep_alive(false);
      http::write(socket, res, ec);
      break;
    }
    const HttpRequest& req = parser.get();
    HttpResponse res;
    try {
      res = handler_(req);
    } catch (const std::exception& e) {
      res = makeResponse(req, http::status::internal_server_error, std::string("error: ") + e.what() + "\n", "text/plain");
    }
    http::write(socket, res, ec);
    if (ec || !res.keep_alive()) break;
  }
}

void HttpServer::stop() {
  if (stopping_.exchange(true)) return;
  boost::system::error_code ignored;
  // accept() does not return on close() alone on Linux: shut the socket down.
  ::shutdown(acceptor_.native_handle(), SHUT_RDWR);
  acceptor_.close(ignored);
  if (acceptor_thread_.joinable()) acceptor_thread_.join();
  std::unique_lock lock(mutex_);
  for (int fd : open_) ::shutdown(fd, SHUT_RDWR);
  allClosed_.wait(lock, [this] { return live_ == 0; });
}

void HttpServer::wait() {
  if (acceptor_thread_.joinable()) acceptor_thread_.join();
}

}  // namespace riskmap
