#include "RelocationRules.hpp"

#include "riskmap/core/Error.hpp"

namespace riskmap::relocation {
namespace {

constexpr std::pair<PriorityKey, const char*> kKeys[] = {
    {PriorityKey::Level, "level"},
    {PriorityKey::SensitiveTargets, "sensitive_targets"},
    {PriorityKey::PeopleExternalSafety, "people_external_safety"},
    {PriorityKey::People500m, "people_500m"},
    {PriorityKey::OutsidePark, "outside_park"},
};

std::vector<std::string> texts(const Rules& rules, const std::string& path) {
  const toml::array* a = rules.array(path);
  if (!a) throw UserError(rules.source() + ": " + path + " is missing (a list of text)");
  std::vector<std::string> out;
  for (const auto& v : *a) {
    const auto s = v.value<std::string>();
    if (!s) throw UserError(rules.source() + ": " + path + " must list text values");
    out.push_back(*s);
  }
  return out;
}

bool flag(const Rules& rules, const std::string& path) {
  const toml::table* t = rules.table("destination");
  const auto v = t ? (*t)[path.substr(path.find('.') + 1)].value<bool>() : std::nullopt;
  if (!v) throw UserError(rules.source() + ": " + path + " must be true or false");
  return *v;
}

}  // namespace

const char* priorityKeyName(PriorityKey key) {
  for (const auto& [k, name] : kKeys)
    if (k == key) return name;
  return "?";
}

RelocationRules RelocationRules::from(const Rules& rules) {
  RelocationRules r;
  r.source = rules.source();
  r.denseRadiusM = rules.number("dense_area.radius_m");
  r.denseMinPerKm2 = rules.number("dense_area.min_people_per_km2");
  if (r.denseRadiusM <= 0) throw UserError(r.source + ": dense_area.radius_m must be positive");
  for (const std::string& name : texts(rules, "priority.order")) {
    bool known = false;
    for (const auto& [k, n] : kKeys)
      if (name == n) {
        r.priority.push_back(k);
        known = true;
      }
    if (!known)
      throw UserError(r.source + ": priority.order: unknown key '" + name +
                      "' (level, sensitive_targets, people_external_safety, people_500m, outside_park)");
  }
  r.sensitiveKinds = texts(rules, "priority.sensitive_kinds");
  r.requirePark = flag(rules, "destination.require_park");
  r.forbiddenParkGrades = texts(rules, "destination.forbidden_park_grades");
  r.otherPlantRings = texts(rules, "destination.other_plant_rings");
  r.targetsInExternalSafety = flag(rules, "destination.targets_in_external_safety");
  if (const toml::table* t = rules.table("destination.min_target_distance_m"))
    for (const auto& [kind, v] : *t) {
      const auto d = v.value<double>();
      if (!d || *d < 0)
        throw UserError(r.source + ": destination.min_target_distance_m." + std::string(kind.str()) +
                        " must be a number of metres >= 0");
      r.minTargetDistanceM[std::string(kind.str())] = *d;
    }
  return r;
}

}  // namespace riskmap::relocation
