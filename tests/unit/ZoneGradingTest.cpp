// A footprint's regional grade: the kind's table, and the population uplift
// at its threshold and not below.
#include <gtest/gtest.h>

#include "riskmap/core/Error.hpp"
#include "riskmap/regional/ZoneGrading.hpp"

namespace riskmap {
namespace {

const Rules kKind = Rules::fromString(R"(
[regional."1"]
external_safety = "major"
exposure_500m = "high"
[regional."3"]
external_safety = "moderate"
)", "kind.toml");
const Rules kRegional = Rules::fromString("[uplift]\ndensity_per_km2 = 5000.0\n", "regional.toml");

TEST(ZoneGrading, TableByGradeAndRing) {
  EXPECT_EQ(*zoneGrade(kKind, kRegional, "1", "external_safety", 0).grade, RiskGrade::Major);
  EXPECT_EQ(*zoneGrade(kKind, kRegional, "1", "exposure_500m", 0).grade, RiskGrade::High);
  EXPECT_FALSE(zoneGrade(kKind, kRegional, "3", "exposure_500m", 0).grade);  // no zone
  EXPECT_FALSE(zoneGrade(kKind, kRegional, "not major", "exposure_500m", 0).grade);
}

TEST(ZoneGrading, UpliftAboveTheDensityThresholdNotAtIt) {
  const ZoneGrade at = zoneGrade(kKind, kRegional, "3", "external_safety", 5000);
  EXPECT_EQ(*at.grade, RiskGrade::Moderate);
  EXPECT_FALSE(at.uplifted);
  const ZoneGrade above = zoneGrade(kKind, kRegional, "3", "external_safety", 5000.01);
  EXPECT_EQ(*above.base, RiskGrade::Moderate);
  EXPECT_EQ(*above.grade, RiskGrade::High);
  EXPECT_TRUE(above.uplifted);
  // Major cannot rise further and is not reported as uplifted.
  const ZoneGrade top = zoneGrade(kKind, kRegional, "1", "external_safety", 1e6);
  EXPECT_EQ(*top.grade, RiskGrade::Major);
  EXPECT_FALSE(top.uplifted);
}

TEST(ZoneGrading, BadGradeNamesAreUserErrors) {
  const Rules bad = Rules::fromString("[regional.A]\npark = \"crimson\"\n", "bad.toml");
  EXPECT_THROW(zoneGrade(bad, kRegional, "A", "park", 0), UserError);
}

}  // namespace
}  // namespace riskmap
