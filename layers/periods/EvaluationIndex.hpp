#pragma once
// The rectification evaluation index (ranking.toml): indicators measured
// per unit (township or county) as of a period's end, normalised, weighted
// into an index out of 100, ranked, compared with the previous period, the
// last places flagged for interview (约谈). riskmap's defaults, not a
// standard's (docs/ranking.md).
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "hidden_dangers/DangerState.hpp"

namespace riskmap::periods {

struct Indicator {
  std::string measure;  // rectification_rate, overdue_major, ...
  std::string label;    // 隐患整改率
  double weight = 1;
  bool higherIsBetter = true;
  std::optional<double> empty;  // the value when the measure has no denominator; none: the worst value seen
};

struct IndexSpec {
  std::vector<Indicator> indicators;
  std::string normalisation = "minmax";  // or "zscore"
  std::map<std::string, int> interview;  // unit level -> last N flagged
  std::string source;                    // the file it came from
  std::string standard;
  // UserError naming the file and key for an unknown measure, direction,
  // normalisation or a negative weight.
  static IndexSpec load(const std::filesystem::path& file);
};

// The measures riskmap knows, in the order ranking.toml lists them.
const std::vector<std::string>& knownMeasures();

// What a unit's measures are computed from.
struct UnitFacts {
  std::string unit;
  double people = 0, redKm2 = 0;
  long long blackSpots = 0;
};
struct DangerFacts {
  std::string unit;
  bool major = false, listed = false;
  dangers::DangerDates dates;
};

// A unit's measures as of the end of endDate; nullopt where a rate has no
// denominator (no danger found; no listed danger due).
struct UnitMeasures {
  std::string unit;
  std::map<std::string, std::optional<double>> values;
};
std::vector<UnitMeasures> measureUnits(const std::vector<UnitFacts>& units, const std::vector<DangerFacts>& found,
                                       const std::string& endDate);

struct RankedIndicator {
  double value = 0;       // the measure (or the empty value put in its place)
  bool filled = false;    // value is the indicator's `empty`, the measure had no denominator
  double score = 0;       // normalised, 0..1 where 1 is best (minmax)
  int rank = 0;           // among the units, 1 best; ties share the better rank
};
struct RankedUnit {
  std::string unit;
  double index = 0;  // 0..100
  int rank = 0;
  std::vector<RankedIndicator> indicators;  // in the spec's order
  std::optional<int> previousRank;          // none: not ranked in the previous period
  bool interview = false;
};

// Ranked best first. interviewLast: the last N (rank > units - N) are
// flagged; previous: the previous period's measures, ranked the same way.
std::vector<RankedUnit> rankUnits(const IndexSpec& spec, const std::vector<UnitMeasures>& now,
                                  const std::vector<UnitMeasures>* previous, int interviewLast);

// "↑2", "↓1", "→", "新" (not ranked before).
std::string rankChange(const RankedUnit& u);

}  // namespace riskmap::periods
