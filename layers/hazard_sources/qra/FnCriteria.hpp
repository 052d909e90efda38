#pragma once
// The societal-risk criterion of GB 36894-2018 (4.2 and its Figure 1, the
// F-N chart): two lines F = F1 / N^k split the chart into the intolerable
// region (above the upper line), the region where risk is to be reduced as
// low as reasonably practicable (between them) and the negligible region
// (below the lower line). The lines' figures are qra.toml [societal]
// (read in a restatement of the standard, its `source` says which; a
// project sets `verified = false` to have every output call them
// unverified), overridable under [rules.hazard_sources.qra.societal].
#include "SocietalRisk.hpp"

#include <string>

namespace riskmap {
class Rules;
}

namespace riskmap::qra {

enum class FnRegion { Negligible, Alarp, Intolerable };

struct FnCriteria {
  double intolerableAt1 = 1e-3;  // the upper line's F at N = 1 (per year)
  double negligibleAt1 = 1e-5;   // the lower line's F at N = 1
  double slope = 1;              // k in F = F1 / N^k
  double minDeaths = 1;          // the curve starts at this N
  bool verified = false;         // the figures checked against the standard's printed figure
  std::string source;

  static FnCriteria from(const Rules& qra);
  double intolerable(double deaths) const;
  double negligible(double deaths) const;
  // The region of one point of the chart: above the upper line
  // intolerable, at or below the lower one negligible.
  FnRegion region(double deaths, double frequency) const;
};

struct FnVerdict {
  FnRegion region = FnRegion::Negligible;  // the worst region any step of the curve reaches
  FnPoint worst;                            // the step nearest to (or farthest past) the upper line
  double worstRatio = 0;                    // its F / the upper line's F at its N
};

// A curve's region: F is constant on each step and the lines fall with N,
// so each step is checked at its largest N (its point).
FnVerdict classify(const std::vector<FnPoint>& curve, const FnCriteria& criteria);

const char* regionName(FnRegion r);     // "intolerable", "ALARP", "negligible"
const char* regionNameZh(FnRegion r);   // 不可接受区, 尽可能降低区, 可接受区

}  // namespace riskmap::qra
