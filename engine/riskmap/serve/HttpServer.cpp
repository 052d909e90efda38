#include "riskmap/serve/HttpServer.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <algorithm>

#include "riskmap/core/Error.hpp"

namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace net = boost::asio;
using tcp = boost::asio::ip::tcp;

namespace riskmap {
namespace {

int cores() { return static_cast<int>(std::max(1u, std::thread::hardware_concurrency())); }

HttpResponse plain(http::status status, unsigned version, std::string body) {
  HttpResponse res{status, version};
  res.set(http::field::server, "riskmap");
  res.set(http::field::content_type, "text/plain");
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

HttpResponse serviceUnavailable(unsigned version, int retryAfter, const std::string& why) {
  HttpResponse res = plain(http::status::service_unavailable, version, why);
  res.set(http::field::retry_after, std::to_string(retryAfter));
  return res;
}

std::string_view header(const HttpRequest& req, http::field f) {
  const auto it = req.find(f);
  return it == req.end() ? std::string_view() : std::string_view(it->value().data(), it->value().size());
}

bool quietEnd(const boost::system::error_code& ec) {
  return ec == http::error::end_of_stream || ec == net::error::eof || ec == net::error::connection_reset ||
         ec == net::error::operation_aborted || ec == net::error::broken_pipe || ec == net::error::bad_descriptor;
}

}  // namespace

HttpResponse makeResponse(const HttpRequest& req, http::status status, std::string body, const std::string& contentType) {
  HttpResponse res{status, req.version()};
  res.set(http::field::server, "riskmap");
  res.set(http::field::content_type, contentType);
  res.keep_alive(req.keep_alive());
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

// One connection: read a request (first byte, header, body, each with its
// deadline), have it answered, write the answer, and again while keep-alive
// allows. Everything it does runs on its strand.
class HttpServer::Session : public std::enable_shared_from_this<Session> {
 public:
  Session(HttpServer& server, tcp::socket socket) : server_(server), stream_(std::move(socket)) {
    ++server_.live_;
    beast::error_code ec;
    const auto peer = stream_.socket().remote_endpoint(ec);
    if (!ec) client_ = peer.address().to_string();
  }
  ~Session() {
    {
      std::lock_guard lock(server_.sessionsMutex_);
      server_.sessions_.erase(this);
    }
    --server_.live_;
  }

  void start() {
    {
      std::lock_guard lock(server_.sessionsMutex_);
      server_.sessions_.emplace(this, weak_from_this());
    }
    // A new connection has the header timeout from its first moment: a
    // client that connects and says nothing is treated as a slow header.
    stream_.expires_after(server_.options_.headerTimeout);
    waitForRequest();
  }

  // From any thread: the answer to req, to be written on the strand.
  void deliver(std::shared_ptr<const HttpRequest> req, HttpResponse res) {
    net::post(stream_.get_executor(), [self = shared_from_this(), req = std::move(req), res = std::move(res)]() mutable {
      self->send(*req, std::move(res));
    });
  }

  void close() {
    net::post(stream_.get_executor(), [self = shared_from_this()] { self->shutdown(); });
  }

 private:
  void waitForRequest() {
    if (buffer_.size() > 0) {  // a pipelined request is already here
      readHeader();
      return;
    }
    if (served_ > 0) stream_.expires_after(server_.options_.idleTimeout);
    stream_.async_read_some(buffer_.prepare(2048), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
      if (ec) return self->fail(ec);
      self->buffer_.commit(n);
      self->readHeader();
    });
  }

  void readHeader() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_.options_.headerLimit));
    parser_->body_limit(server_.options_.bodyLimit);
    if (served_ > 0) stream_.expires_after(server_.options_.headerTimeout);
    http::async_read_header(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->fail(ec);
      if (self->parser_->is_done()) return self->onRequest();
      self->stream_.expires_after(self->server_.options_.bodyTimeout);
      http::async_read(self->stream_, self->buffer_, *self->parser_, [self](beast::error_code ec2, std::size_t) {
        if (ec2) return self->fail(ec2);
        self->onRequest();
      });
    });
  }

  void onRequest() {
    ++served_;
    stream_.expires_never();  // while it is answered; the write sets its own deadline
    auto req = std::make_shared<const HttpRequest>(parser_->release());
    parser_.reset();
    server_.dispatch(shared_from_this(), req);
  }

  void fail(const beast::error_code& ec) {
    if (ec == beast::error::timeout) {
      ++server_.timedOut_;
      return shutdown();
    }
    if (quietEnd(ec) || server_.stopping_) return shutdown();
    // Malformed, oversized, a request line without a version: say so, then hang up.
    HttpResponse res = plain(http::status::bad_request, 11, "bad request: " + ec.message() + "\n");
    res.keep_alive(false);
    HttpRequest none;
    none.version(11);
    send(none, std::move(res));
  }

  void send(const HttpRequest& req, HttpResponse res) {
    server_.options_.cors.apply(header(req, http::field::origin), res);
    if (server_.options_.accessLog) {
      const bool noBody = req.method() == http::verb::head || res.result() == http::status::no_content ||
                          res.result() == http::status::not_modified;
      const std::string line = req.target().empty() ? std::string("-")
                                                    : std::string(req.method_string()) + " " + std::string(req.target()) +
                                                          " HTTP/" + std::to_string(req.version() / 10) + "." +
                                                          std::to_string(req.version() % 10);
      server_.options_.accessLog->write(client_, line, res.result_int(),
                                        noBody ? -1 : static_cast<long long>(res.body().size()));
    }
    if (req.method() == http::verb::head && res.result() != http::status::no_content &&
        res.result() != http::status::not_modified) {  // the headers a GET would have, no body
      const std::size_t n = res.body().size();
      res.body().clear();
      res.content_length(n);
    }
    if (served_ >= server_.options_.maxRequestsPerConnection || server_.stopping_) res.keep_alive(false);
    response_ = std::make_shared<HttpResponse>(std::move(res));
    stream_.expires_after(server_.options_.writeTimeout);
    http::async_write(stream_, *response_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      const bool again = !ec && self->response_->keep_alive();
      self->response_.reset();
      if (ec == beast::error::timeout) ++self->server_.timedOut_;
      if (!again) return self->shutdown();
      self->waitForRequest();
    });
  }

  void shutdown() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

  HttpServer& server_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<HttpResponse> response_;
  std::string client_;  // the peer's address, for the access log
  int served_ = 0;
};

HttpServer::HttpServer(const std::string& address, unsigned short port, HttpHandler handler, int maxConnections)
    : HttpServer(
          [&] {
            HttpServerOptions o;
            o.address = address;
            o.port = port;
            o.maxConnections = maxConnections;
            return o;
          }(),
          [](const HttpRequest&) { return HttpRoute{}; }, std::move(handler)) {}

HttpServer::HttpServer(const HttpServerOptions& options, HttpRouter router, HttpHandler handler)
    : options_(options), router_(std::move(router)), handler_(std::move(handler)), acceptor_(io_) {
  if (options_.lanes.empty()) options_.lanes.push_back({"work", 0, 256});
  boost::system::error_code ec;
  const auto ip = net::ip::make_address(options_.address, ec);
  if (ec) throw UserError("--bind '" + options_.address + "': not an IP address");
  const tcp::endpoint endpoint(ip, options_.port);
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
  if (ec) throw UserError("cannot listen on " + options_.address + ":" + std::to_string(options_.port) + ": " + ec.message());
  port_ = acceptor_.local_endpoint().port();
  for (const HttpLane& lane : options_.lanes)
    lanes_.push_back(std::make_unique<WorkQueue>(lane.threads > 0 ? lane.threads : cores(), std::max<std::size_t>(1, lane.queue)));
}

HttpServer::~HttpServer() { stop(); }

void HttpServer::start() {
  if (started_.exchange(true)) return;
  accept();
  const int n = options_.ioThreads > 0 ? options_.ioThreads : cores();
  for (int i = 0; i < n; ++i) threads_.emplace_back([this] { io_.run(); });
}

void HttpServer::accept() {
  acceptor_.async_accept(net::make_strand(io_), [this](beast::error_code ec, tcp::socket socket) {
    if (stopping_ || ec == net::error::operation_aborted) return;
    if (ec) {  // out of descriptors, say: wait a little rather than spin
      auto timer = std::make_shared<net::steady_timer>(io_, std::chrono::milliseconds(50));
      timer->async_wait([this, timer](beast::error_code) {
        if (!stopping_) accept();
      });
      return;
    }
    if (live_ >= options_.maxConnections)
      refuse(std::move(socket));
    else
      std::make_shared<Session>(*this, std::move(socket))->start();
    accept();
  });
}

// Past the connection limit: 503 and close, without reading the request.
// The send side is shut first and the client's bytes drained for a moment,
// so the close does not reset the connection before the client reads the 503.
void HttpServer::refuse(tcp::socket socket) {
  ++refused_;
  struct Refusal {
    beast::tcp_stream stream;
    HttpResponse res;
    char drain[1024];
  };
  auto r = std::make_shared<Refusal>(Refusal{beast::tcp_stream(std::move(socket)),
                                             serviceUnavailable(11, options_.retryAfterSeconds, "too many connections\n"), {}});
  r->res.keep_alive(false);
  r->stream.expires_after(std::chrono::seconds(2));
  http::async_write(r->stream, r->res, [r](beast::error_code ec, std::size_t) {
    if (ec) return r->stream.close();
    beast::error_code ignored;
    r->stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    struct Drain {
      std::shared_ptr<Refusal> r;
      void operator()(beast::error_code ec, std::size_t) const {
        if (ec) return r->stream.close();
        r->stream.async_read_some(net::buffer(r->drain), *this);
      }
    };
    r->stream.async_read_some(net::buffer(r->drain), Drain{r});
  });
}

void HttpServer::dispatch(const std::shared_ptr<Session>& session, const std::shared_ptr<const HttpRequest>& req) {
  if (req->method() == http::verb::options) {  // a CORS preflight, or a client asking what is allowed
    HttpResponse res = makeResponse(*req, http::status::no_content, "", "text/plain");
    res.erase(http::field::content_type);
    res.set(http::field::allow, "GET, HEAD, OPTIONS");
    options_.cors.applyPreflight(header(*req, http::field::origin),
                                 header(*req, http::field::access_control_request_headers), res);
    return session->deliver(req, std::move(res));
  }
  HttpRoute route;
  try {
    route = router_(*req);
  } catch (const std::exception& e) {
    route.now = makeResponse(*req, http::status::internal_server_error, std::string("error: ") + e.what() + "\n", "text/plain");
  }
  if (route.now) return session->deliver(req, std::move(*route.now));
  const std::size_t lane = std::min<std::size_t>(static_cast<std::size_t>(std::max(0, route.lane)), lanes_.size() - 1);
  const bool queued = lanes_[lane]->tryPost([this, session, req] {
    HttpResponse res;
    try {
      res = handler_(*req);
    } catch (const std::exception& e) {
      res = makeResponse(*req, http::status::internal_server_error, std::string("error: ") + e.what() + "\n", "text/plain");
    }
    session->deliver(req, std::move(res));
  });
  if (!queued) {
    ++busy_;
    HttpResponse res = serviceUnavailable(req->version(), options_.retryAfterSeconds,
                                          "busy: " + options_.lanes[lane].name + " queue full, retry\n");
    res.keep_alive(req->keep_alive());
    session->deliver(req, std::move(res));
  }
}

void HttpServer::stop() {
  std::lock_guard stopLock(stopMutex_);
  if (stopping_.exchange(true)) return;
  if (started_) {
    net::post(io_, [this] {
      beast::error_code ignored;
      acceptor_.close(ignored);
    });
  } else {
    beast::error_code ignored;
    acceptor_.close(ignored);
  }
  for (auto& lane : lanes_) lane->stop();  // running answers finish; waiting ones are dropped
  // Closed outside the lock: the last owner of a session may be the pointer
  // taken here, and ~Session takes sessionsMutex_ (a self-deadlock that hung
  // a server's stop, and a CI run, once in a few hundred stops).
  std::vector<std::shared_ptr<Session>> open;
  {
    std::lock_guard lock(sessionsMutex_);
    for (auto& [raw, weak] : sessions_)
      if (auto s = weak.lock()) open.push_back(std::move(s));
  }
  for (auto& s : open) s->close();
  open.clear();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  while (started_ && live_ > 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  io_.stop();
  for (auto& t : threads_)
    if (t.joinable()) t.join();
}

void HttpServer::wait() {
  while (!stopping_) std::this_thread::sleep_for(std::chrono::milliseconds(100));
}

}  // namespace riskmap
