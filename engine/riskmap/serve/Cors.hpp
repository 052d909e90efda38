#pragma once
// Cross-origin resource sharing (the Fetch standard's CORS protocol,
// https://fetch.spec.whatwg.org/#http-cors-protocol) for a public tile
// server: which origins may read its answers from script (a MapLibre or
// OpenLayers map on another host, a canvas exported to PNG), and the answer
// to a preflight (OPTIONS with Access-Control-Request-Method).
#include <string>
#include <vector>

#include <boost/beast/http.hpp>

namespace riskmap {

class CorsPolicy {
 public:
  // "*" or "any": every origin (the default: tiles are public within the
  // intranet); "none": no CORS headers at all; else a comma-separated list
  // of origins ("https://gis.example.cn,http://10.1.2.3:8080").
  // UserError naming --cors for an origin that is not scheme://host[:port].
  static CorsPolicy parse(const std::string& spec);
  static CorsPolicy any() { return parse("*"); }

  // The Access-Control-Allow-Origin value for a request's Origin header, or
  // "" when that origin may not read the answer.
  std::string allowedOrigin(std::string_view origin) const;
  // Adds the CORS headers an answer to a request with this Origin carries.
  template <typename Fields>
  void apply(std::string_view origin, Fields& headers) const;
  // Headers of the answer to a preflight (status 204 in every case; a
  // refused origin simply gets no Access-Control-Allow-* headers).
  template <typename Fields>
  void applyPreflight(std::string_view origin, std::string_view requestedHeaders, Fields& headers) const;

  bool allowsAny() const { return any_; }
  bool disabled() const { return !any_ && origins_.empty(); }
  std::string describe() const;  // for the start-up line: "any origin", "no origin", the list

  static constexpr int kPreflightMaxAgeSeconds = 86400;  // a day; Chromium caps it at 2 h

 private:
  bool any_ = false;
  std::vector<std::string> origins_;
};

template <typename Fields>
void CorsPolicy::apply(std::string_view origin, Fields& h) const {
  namespace http = boost::beast::http;
  if (disabled()) return;
  if (!any_) h.set(http::field::vary, "Origin");  // the answer differs by origin: caches must key on it
  const std::string allowed = allowedOrigin(origin);
  if (allowed.empty()) return;
  h.set(http::field::access_control_allow_origin, allowed);
  h.set(http::field::access_control_expose_headers, "ETag, Content-Length, Retry-After");
}

template <typename Fields>
void CorsPolicy::applyPreflight(std::string_view origin, std::string_view requestedHeaders, Fields& h) const {
  namespace http = boost::beast::http;
  apply(origin, h);
  if (allowedOrigin(origin).empty()) return;
  h.set(http::field::access_control_allow_methods, "GET, HEAD, OPTIONS");
  if (!requestedHeaders.empty()) h.set(http::field::access_control_allow_headers, std::string(requestedHeaders));
  h.set(http::field::access_control_max_age, std::to_string(kPreflightMaxAgeSeconds));
}

}  // namespace riskmap
