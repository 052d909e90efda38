#include "BlackSpotPresets.hpp"

#include <cmath>
#include <set>

#include "riskmap/core/Error.hpp"

namespace riskmap {
namespace {

[[noreturn]] void fail(const Rules& rules, const std::string& key, const std::string& what) {
  throw UserError(rules.source() + ": rule '" + key + "' " + what);
}

void rejectUnknownKeys(const Rules& rules, const std::string& path, const std::set<std::string>& known) {
  const toml::table* t = rules.table(path);
  if (!t) return;
  for (const auto& [k, v] : *t) {
    const std::string key(k.str());
    if (!known.count(key)) {
      std::string list;
      for (const auto& n : known) list += (list.empty() ? "" : ", ") + n;
      fail(rules, path + "." + key, "is not a known key (" + list + ")");
    }
  }
}

long long count(const Rules& rules, const std::string& path, long long fallback) {
  const std::optional<double> v = rules.optionalNumber(path);
  if (!v) return fallback;
  if (*v < 0 || std::floor(*v) != *v) fail(rules, path, "must be a whole number >= 0");
  return static_cast<long long>(*v);
}

double positive(const Rules& rules, const std::string& path) {
  const double v = rules.number(path);
  if (!(v > 0)) fail(rules, path, "must be > 0");
  return v;
}

BlackCriteria criteria(const Rules& rules, const std::string& path) {
  rejectUnknownKeys(rules, path,
                    {"radius_m", "window_m", "step_m", "min_accidents", "min_deaths", "min_fatal_accidents",
                     "min_injury_accidents", "min_severe_accidents", "severe_deaths"});
  BlackCriteria c;
  c.minAccidents = count(rules, path + ".min_accidents", 0);
  c.minDeaths = count(rules, path + ".min_deaths", 0);
  c.minFatalAccidents = count(rules, path + ".min_fatal_accidents", 0);
  c.minInjuryAccidents = count(rules, path + ".min_injury_accidents", 0);
  c.minSevereAccidents = count(rules, path + ".min_severe_accidents", 0);
  c.severeDeaths = count(rules, path + ".severe_deaths", 3);
  if (!c.any()) fail(rules, path, "sets no threshold (min_accidents, min_deaths, min_fatal_accidents, min_injury_accidents, min_severe_accidents)");
  if (c.minSevereAccidents > 0 && c.severeDeaths < 1) fail(rules, path + ".severe_deaths", "must be >= 1");
  return c;
}

}  // namespace

std::string BlackSpotPreset::label() const {
  return "preset " + name + (riskmapDefault ? " (riskmap default)" : "");
}

std::string BlackSpotPreset::labelZh() const {
  return "规则 " + name + (riskmapDefault ? "（riskmap 默认值）" : "");
}

BlackSpotPreset presetNamed(const Rules& rules, const std::string& name) {
  const std::string path = "presets." + name;
  if (!rules.table(path)) {
    std::string names;
    if (const toml::table* all = rules.table("presets"))
      for (const auto& [k, v] : *all) names += (names.empty() ? "" : ", ") + std::string(k.str());
    fail(rules, "preset", "names '" + name + "', which is not a preset (" + names + ")");
  }
  rejectUnknownKeys(rules, path,
                    {"description", "standard", "riskmap_default", "period_years", "black_segment", "black_spot"});
  BlackSpotPreset p;
  p.name = name;
  p.description = rules.text(path + ".description").value_or("");
  p.standard = rules.text(path + ".standard").value_or("preset " + name);
  if (const toml::table* t = rules.table(path))
    if (const toml::node* d = t->get("riskmap_default")) {
      if (!d->is_boolean()) fail(rules, path + ".riskmap_default", "must be true or false");
      p.riskmapDefault = d->as_boolean()->get();
    }
  const long long years = count(rules, path + ".period_years", -1);
  if (years < 1) fail(rules, path + ".period_years", "must be a whole number of years >= 1");
  p.periodYears = static_cast<int>(years);
  p.segments.window = positive(rules, path + ".black_segment.window_m");
  p.segments.step = positive(rules, path + ".black_segment.step_m");
  p.segments.criteria = criteria(rules, path + ".black_segment");
  p.spots.radius = positive(rules, path + ".black_spot.radius_m");
  p.spots.criteria = criteria(rules, path + ".black_spot");
  return p;
}

BlackSpotPreset chosenPreset(const Rules& rules) {
  for (const char* moved : {"period", "black_segment", "black_spot"})
    if (rules.table(moved))
      fail(rules, moved,
           "has moved into the presets: override [rules.accidents.presets.<name>." + std::string(moved) +
               "] (period: period_years) or choose another preset with [rules.accidents] preset = \"<name>\"");
  const std::optional<std::string> name = rules.text("preset");
  if (!name || name->empty()) fail(rules, "preset", "is missing");
  return presetNamed(rules, *name);
}

}  // namespace riskmap
