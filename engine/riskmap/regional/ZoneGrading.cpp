#include "riskmap/regional/ZoneGrading.hpp"

#include "riskmap/core/Error.hpp"

namespace riskmap {

ZoneGrade zoneGrade(const Rules& kindRules, const Rules& regional, const std::string& grade, const std::string& ring,
                    double density) {
  ZoneGrade z;
  const toml::table* table = kindRules.table("regional");
  const toml::node* byGrade = table ? table->get(grade) : nullptr;
  const toml::node* value = byGrade && byGrade->is_table() ? byGrade->as_table()->get(ring) : nullptr;
  if (!value) return z;
  z.base = parseRiskGrade(value->value_or(std::string()));
  if (!z.base)
    throw UserError(kindRules.source() + ": regional." + grade + "." + ring + " must be major, high, moderate or low");
  z.grade = z.base;
  if (density > regional.number("uplift.density_per_km2")) {  // above the threshold, not at it
    z.grade = raise(*z.base);
    z.uplifted = *z.grade != *z.base;
  }
  return z;
}

}  // namespace riskmap
