#include "riskmap/layer/Value.hpp"

namespace riskmap {

const Value& AttributeRecord::get(const std::string& field) const {
  static const Value null{};
  const auto it = values_.find(field);
  return it == values_.end() ? null : it->second;
}

std::optional<double> AttributeRecord::number(const std::string& field) const {
  const Value& v = get(field);
  if (const auto* i = std::get_if<long long>(&v)) return static_cast<double>(*i);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  return std::nullopt;
}

std::optional<std::string> AttributeRecord::text(const std::string& field) const {
  if (const auto* s = std::get_if<std::string>(&get(field))) return *s;
  return std::nullopt;
}

}  // namespace riskmap
