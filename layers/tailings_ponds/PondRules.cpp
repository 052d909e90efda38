#include "PondRules.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "riskmap/core/Error.hpp"
#include "riskmap/regional/RiskGrade.hpp"

namespace riskmap::tailings {
namespace {

// The class whose band holds value: the first band (from class 1 down)
// whose lower bound the value reaches.
int classOf(double value, const char* key, const Rules& rules) {
  const toml::array* bands = rules.array("class.bands");
  if (!bands || bands->empty()) throw UserError(rules.source() + ": class.bands is missing");
  for (const toml::node& n : *bands) {
    const toml::table* band = n.as_table();
    const auto from = band ? band->at_path(key).value<double>() : std::nullopt;
    const auto cls = band ? band->at_path("class").value<int64_t>() : std::nullopt;
    if (!from || !cls) throw UserError(rules.source() + ": each class.bands entry needs class and " + key);
    if (value >= *from) return static_cast<int>(*cls);
  }
  throw UserError(rules.source() + ": class.bands has no band for " + key + " = " + std::to_string(value) +
                  " (the last band should start at 0)");
}

}  // namespace

std::string className(int cls) {
  static const char* const names[] = {"一等", "二等", "三等", "四等", "五等"};
  return cls >= 1 && cls <= 5 ? names[cls - 1] : std::to_string(cls) + "等";
}

PondClass pondClass(double capacity, double height, const Rules& rules) {
  PondClass c;
  c.byCapacity = classOf(capacity, "capacity_from_1e4m3", rules);
  c.byHeight = classOf(height, "height_from_m", rules);
  const int higher = std::min(c.byCapacity, c.byHeight), apart = std::abs(c.byCapacity - c.byHeight);
  const int below = static_cast<int>(rules.number("class.steps_below_higher_when_apart"));
  char buf[320];
  if (apart == 0) {
    c.cls = higher;
    std::snprintf(buf, sizeof buf, "capacity %g x10^4 m3 and dam height %g m both give %s", capacity, height,
                  className(c.cls).c_str());
    c.rule = buf;
    std::snprintf(buf, sizeof buf, "全库容 %g 万 m³ 与坝高 %g m 均为%s", capacity, height, className(c.cls).c_str());
    c.ruleZh = buf;
  } else {
    c.cls = apart == 1 ? higher : higher + below;
    std::snprintf(buf, sizeof buf,
                  "capacity %g x10^4 m3 gives %s, dam height %g m gives %s: %d apart, so %s (%s)", capacity,
                  className(c.byCapacity).c_str(), height, className(c.byHeight).c_str(), apart,
                  className(c.cls).c_str(), apart == 1 ? "the higher" : "one below the higher");
    c.rule = buf;
    std::snprintf(buf, sizeof buf, "全库容 %g 万 m³ 为%s，坝高 %g m 为%s：相差 %d 等，取%s（%s）", capacity,
                  className(c.byCapacity).c_str(), height, className(c.byHeight).c_str(), apart,
                  className(c.cls).c_str(), apart == 1 ? "就高" : "高者降一等");
    c.ruleZh = buf;
  }
  return c;
}

std::string stateGrade(const std::string& state, int cls, const Rules& rules) {
  const toml::table* table = rules.table("grade");
  const toml::array* row = table ? table->get_as<toml::array>(state) : nullptr;
  if (!row) throw UserError(rules.source() + ": grade has no row for the state '" + state + "'");
  const auto grade = cls >= 1 && static_cast<std::size_t>(cls) <= row->size()
                         ? (*row)[static_cast<std::size_t>(cls - 1)].value<std::string>()
                         : std::nullopt;
  if (!grade || !parseRiskGrade(*grade))
    throw UserError(rules.source() + ": grade.\"" + state + "\" needs major/high/moderate/low for class " +
                    std::to_string(cls));
  return *grade;
}

std::string raiseGrade(const std::string& grade, int steps) {
  static const char* const order[] = {"low", "moderate", "high", "major"};
  int i = 0;
  while (i < 4 && grade != order[i]) ++i;
  if (i == 4) return grade;
  return order[std::clamp(i + steps, 0, 3)];
}

Runout runout(double stored1e4m3, double height, const Rules& rules) {
  Runout r;
  r.relation = rules.text("runout.relation").value_or("rico2008");
  const std::string k = "runout." + r.relation + ".";
  if (!rules.table("runout." + r.relation))
    throw UserError(rules.source() + ": runout.relation '" + r.relation + "' has no [runout." + r.relation + "] table");
  r.storedMm3 = stored1e4m3 / 100.0;  // 10^4 m3 -> 10^6 m3
  r.releasedMm3 = rules.number(k + "release_a") * std::pow(r.storedMm3, rules.number(k + "release_b"));
  r.damFactor = height * r.releasedMm3 * std::pow(r.releasedMm3 / r.storedMm3, rules.number(k + "ratio_exponent"));
  r.lengthKm = rules.number(k + "distance_c") * std::pow(r.damFactor, rules.number(k + "distance_d"));
  char buf[320];
  std::snprintf(buf, sizeof buf, "%s: V_T %.4g Mm3 -> V_F %.4g Mm3; H_f %.4g -> D_max %.3g km", r.relation.c_str(),
                r.storedMm3, r.releasedMm3, r.damFactor, r.lengthKm);
  r.rule = buf;
  return r;
}

}  // namespace riskmap::tailings
