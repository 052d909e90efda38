#include "PlantConfig.hpp"

#include <toml++/toml.h>

#include <set>

#include "riskmap/core/Error.hpp"
#include "riskmap/core/Files.hpp"

namespace riskmap::enterprise {
namespace {

namespace fs = std::filesystem;

const std::map<PlanRole, std::vector<std::string>> kDefaultLayers = {
    {PlanRole::Buildings, {"BUILDINGS", "buildings"}}, {PlanRole::Units, {"UNITS", "units"}},
    {PlanRole::Tanks, {"TANKS", "tanks"}},             {PlanRole::Roads, {"ROADS", "roads"}},
    {PlanRole::Fences, {"FENCES", "FENCE", "fences"}}, {PlanRole::Evacuation, {"EVACUATION", "evacuation"}},
    {PlanRole::Assembly, {"ASSEMBLY", "assembly"}}};

// A table read strictly: every key used or an error naming it.
class Keys {
 public:
  Keys(const toml::table& t, std::string where) : t_(t), where_(std::move(where)) {}
  [[noreturn]] void fail(const std::string& key, const std::string& what) const {
    throw UserError(where_ + "." + key + " " + what);
  }
  const toml::node* node(const std::string& key) {
    used_.insert(key);
    return t_.get(key);
  }
  std::string text(const std::string& key, bool required) {
    const toml::node* n = node(key);
    if (!n) {
      if (required) fail(key, "is required");
      return {};
    }
    if (!n->is_string()) fail(key, "must be a string");
    return n->value<std::string>().value();
  }
  std::optional<double> number(const std::string& key) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    if (!n->is_number()) fail(key, "must be a number");
    return n->value<double>();
  }
  PlanXY pair(const toml::node* n, const std::string& key) const {
    const toml::array* a = n ? n->as_array() : nullptr;
    if (!a || a->size() != 2 || !(*a)[0].is_number() || !(*a)[1].is_number()) fail(key, "must be [x, y]");
    return {(*a)[0].value<double>().value(), (*a)[1].value<double>().value()};
  }
  void rejectUnknown() const {
    for (const auto& [k, v] : t_)
      if (!used_.count(std::string(k.str()))) throw UserError(where_ + ": unknown key '" + std::string(k.str()) + "'");
  }
  const std::string& where() const { return where_; }

 private:
  const toml::table& t_;
  std::string where_;
  std::set<std::string> used_;
};

std::string resolve(const std::string& path, const fs::path& base) {
  if (path.empty() || path.rfind("/vsi", 0) == 0 || fs::path(path).is_absolute()) return path;
  return (base / path).lexically_normal().string();
}

void readGeoreference(PlantConfig& p, const toml::table& t, const std::string& where) {
  Keys k(t, where);
  p.crs = k.text("crs", true);
  if (const toml::node* o = k.node("origin")) p.origin = k.pair(o, "origin");
  p.rotationDeg = k.number("rotation_deg").value_or(0);
  p.maxResidualM = k.number("max_residual_m");
  if (const toml::node* cps = k.node("control_points")) {
    const toml::array* a = cps->as_array();
    if (!a || !a->is_array_of_tables()) k.fail("control_points", "must be [[...control_points]] tables");
    for (std::size_t i = 0; i < a->size(); ++i) {
      Keys c(*(*a)[i].as_table(), where + ".control_points[" + std::to_string(i) + "]");
      ControlPoint cp;
      cp.name = c.text("name", true);
      cp.plant = c.pair(c.node("plant"), "plant");
      cp.map = c.pair(c.node("map"), "map");
      c.rejectUnknown();
      p.controlPoints.push_back(cp);
    }
    if (p.controlPoints.size() < 2) k.fail("control_points", "needs two or more points");
  }
  if (p.origin && !p.controlPoints.empty()) k.fail("origin", "and control_points do not mix: give one of them");
  if (!p.origin && p.controlPoints.empty()) k.fail("origin", "or control_points is required");
  k.rejectUnknown();
}

PlantConfig readPlant(const toml::table& t, const std::string& where, const fs::path& base) {
  Keys k(t, where);
  PlantConfig p;
  p.id = k.text("id", true);
  p.name = k.text("name", true);
  p.phone = k.text("emergency_phone", false);
  p.sitePlan = resolve(k.text("site_plan", true), base);
  p.sitePlanLayer = k.text("site_plan_layer", false);
  p.registerSource = resolve(k.text("register", true), base);
  p.registerLayer = k.text("register_layer", false);
  p.registerEncoding = k.text("register_encoding", false);
  if (const toml::node* oo = k.node("register_open_options")) {
    const toml::array* a = oo->as_array();
    if (!a) k.fail("register_open_options", "must be a list of strings");
    for (const toml::node& n : *a) p.registerOpenOptions.push_back(n.value<std::string>().value_or(""));
  }
  const std::string method = k.text("method", false);
  if (!method.empty()) {
    const auto m = parseMethod(method);
    if (!m) k.fail("method", "must be \"LEC\" or \"LS\" (risk matrix), got '" + method + "'");
    p.method = *m;
  }
  const std::string unitId = k.text("unit_id_field", false);
  if (!unitId.empty()) p.unitIdField = unitId;
  p.layers = kDefaultLayers;
  if (const toml::node* layers = k.node("layers")) {
    if (!layers->is_table()) k.fail("layers", "must be a table of role = [layer names]");
    Keys l(*layers->as_table(), where + ".layers");
    for (const auto& [role, names] : kDefaultLayers) {
      const toml::node* n = l.node(planRoleName(role));
      if (!n) continue;
      std::vector<std::string> given;
      if (n->is_string()) given.push_back(n->value<std::string>().value());
      else if (const toml::array* a = n->as_array())
        for (const toml::node& x : *a) given.push_back(x.value<std::string>().value_or(""));
      else l.fail(planRoleName(role), "must be a layer name or a list of them");
      p.layers[role] = given;
    }
    l.rejectUnknown();
  }
  if (const toml::node* g = k.node("georeference")) {
    if (!g->is_table()) k.fail("georeference", "must be a table");
    readGeoreference(p, *g->as_table(), where + ".georeference");
  }
  k.rejectUnknown();
  return p;
}

}  // namespace

const char* planRoleName(PlanRole r) {
  switch (r) {
    case PlanRole::Buildings: return "buildings";
    case PlanRole::Units: return "units";
    case PlanRole::Tanks: return "tanks";
    case PlanRole::Roads: return "roads";
    case PlanRole::Fences: return "fences";
    case PlanRole::Evacuation: return "evacuation";
    case PlanRole::Assembly: return "assembly";
  }
  return "?";
}

PlantsFile PlantsFile::load(const fs::path& file) {
  const std::string text = readFile(file, "plants file");
  toml::table root;
  try {
    root = toml::parse(text, file.string());
  } catch (const toml::parse_error& e) {
    throw UserError(file.string() + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
  }
  PlantsFile f;
  f.file = file;
  Keys k(root, file.string());
  const toml::node* plants = k.node("plant");
  if (!plants || !plants->is_array_of_tables()) k.fail("plant", "must list the plants as [[plant]] tables");
  std::set<std::string> ids;
  const toml::array& a = *plants->as_array();
  for (std::size_t i = 0; i < a.size(); ++i) {
    PlantConfig p = readPlant(*a[i].as_table(), file.string() + ": plant[" + std::to_string(i) + "]", file.parent_path());
    if (!ids.insert(p.id).second) throw UserError(file.string() + ": two plants have the id '" + p.id + "'");
    f.plants.push_back(std::move(p));
  }
  k.rejectUnknown();
  return f;
}

const PlantConfig& PlantsFile::find(const std::string& id) const {
  std::string known;
  for (const PlantConfig& p : plants) {
    if (p.id == id) return p;
    known += (known.empty() ? "" : ", ") + p.id;
  }
  throw UserError(file.string() + ": no plant '" + id + "' (the plants are: " + known + ")");
}

}  // namespace riskmap::enterprise
