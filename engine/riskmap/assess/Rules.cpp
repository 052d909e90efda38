#include "riskmap/assess/Rules.hpp"


#include "riskmap/core/Error.hpp"
#include "riskmap/core/Files.hpp"

namespace riskmap {

void mergeTables(toml::table& a, const toml::table& b) {
  for (const auto& [k, v] : b) {
    toml::node* existing = a.get(k);
    if (existing && existing->is_table() && v.is_table())
      mergeTables(*existing->as_table(), *v.as_table());
    else
      a.insert_or_assign(k, v);
  }
}

Rules Rules::fromString(const std::string& text, const std::string& name) {
  Rules r;
  r.source_ = name;
  try {
    r.table_ = toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    throw UserError(name + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
  }
  return r;
}

Rules Rules::load(const std::filesystem::path& file, const toml::table* overrides) {
  Rules r = fromString(readFile(file, "rules file"), file.string());
  r.file_ = file;
  if (overrides) {
    mergeTables(r.table_, *overrides);
    r.source_ += " (with project overrides)";
  }
  return r;
}

std::optional<double> Rules::optionalNumber(const std::string& path) const {
  const toml::node_view<const toml::node> node = table_.at_path(path);
  if (!node) return std::nullopt;
  if (auto d = node.value<double>()) return *d;
  throw UserError(source_ + ": rule '" + path + "' must be a number");
}

double Rules::number(const std::string& path) const {
  if (auto v = optionalNumber(path)) return *v;
  throw UserError(source_ + ": rule '" + path + "' is missing");
}

std::optional<std::string> Rules::text(const std::string& path) const {
  const toml::node_view<const toml::node> node = table_.at_path(path);
  if (!node) return std::nullopt;
  if (auto s = node.value<std::string>()) return *s;
  throw UserError(source_ + ": rule '" + path + "' must be a string");
}

const toml::table* Rules::table(const std::string& path) const { return table_.at_path(path).as_table(); }

const toml::array* Rules::array(const std::string& path) const { return table_.at_path(path).as_array(); }

}  // namespace riskmap
