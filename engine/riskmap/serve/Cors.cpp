#include "riskmap/serve/Cors.hpp"

#include <algorithm>

#include "riskmap/core/Error.hpp"

namespace riskmap {
namespace {

std::string trim(std::string s) {
  const auto b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// An origin as browsers send it: scheme "://" host [":" port], no path, no
// trailing slash (RFC 6454 section 6.2 serialisation).
bool isOrigin(const std::string& o) {
  const auto sep = o.find("://");
  if (sep == std::string::npos || sep == 0) return false;
  const std::string scheme = o.substr(0, sep), rest = o.substr(sep + 3);
  if (!std::all_of(scheme.begin(), scheme.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.'; }))
    return false;
  return !rest.empty() && rest.find('/') == std::string::npos && rest.find(' ') == std::string::npos;
}

}  // namespace

CorsPolicy CorsPolicy::parse(const std::string& spec) {
  CorsPolicy p;
  const std::string s = trim(spec);
  if (s == "*" || s == "any") {
    p.any_ = true;
    return p;
  }
  if (s == "none") return p;
  std::size_t start = 0;
  while (start <= s.size()) {
    const auto comma = s.find(',', start);
    std::string origin = trim(s.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (!origin.empty() && origin.back() == '/') origin.pop_back();
    if (!isOrigin(origin))
      throw UserError("--cors '" + spec + "': '" + origin + "' is not an origin (scheme://host[:port]); or use any, none");
    std::transform(origin.begin(), origin.end(), origin.begin(), [](unsigned char c) { return std::tolower(c); });
    p.origins_.push_back(origin);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return p;
}

std::string CorsPolicy::allowedOrigin(std::string_view origin) const {
  if (any_) return "*";
  std::string o(origin);
  std::transform(o.begin(), o.end(), o.begin(), [](unsigned char c) { return std::tolower(c); });
  return std::find(origins_.begin(), origins_.end(), o) != origins_.end() ? std::string(origin) : std::string();
}

std::string CorsPolicy::describe() const {
  if (any_) return "any origin";
  if (origins_.empty()) return "same origin only";
  std::string s;
  for (const auto& o : origins_) s += (s.empty() ? "" : ", ") + o;
  return s;
}

}  // namespace riskmap
