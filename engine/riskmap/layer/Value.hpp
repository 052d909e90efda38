#pragma once
// A typed attribute value after import's parsing, and one feature's values
// keyed by schema field name.
#include <map>
#include <optional>
#include <string>
#include <variant>

namespace riskmap {

using Value = std::variant<std::monostate, long long, double, std::string>;

inline bool isNull(const Value& v) { return std::holds_alternative<std::monostate>(v); }

class AttributeRecord {
 public:
  void set(const std::string& field, Value v) { values_[field] = std::move(v); }
  const Value& get(const std::string& field) const;
  bool has(const std::string& field) const { return !isNull(get(field)); }

  std::optional<double> number(const std::string& field) const;
  std::optional<std::string> text(const std::string& field) const;

  const std::map<std::string, Value>& values() const { return values_; }

 private:
  std::map<std::string, Value> values_;
};

}  // namespace riskmap
