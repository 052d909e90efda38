#include "riskmap/core/Error.hpp"

namespace riskmap {

std::string Location::str() const {
  std::string s;
  auto add = [&s](const std::string& part) {
    if (part.empty()) return;
    if (!s.empty()) s += ", ";
    s += part;
  };
  add(file);
  if (!layer.empty()) add("layer '" + layer + "'");
  if (feature >= 0) add("feature " + std::to_string(feature));
  if (!field.empty()) add("field '" + field + "'");
  return s;
}

void throwUserError(const Location& where, const std::string& what) {
  const std::string at = where.str();
  throw UserError(at.empty() ? what : at + ": " + what);
}

}  // namespace riskmap
