#pragma once
// Missing data is said, never counted as nobody: a source is graded on the
// exposure data that cover its zones, and where they cover less than the
// project's threshold its grade is marked incomplete (or, on request, the
// run stops), naming what was missing and how much of the zones it covered.
#include <string>

#include "riskmap/assess/Assessment.hpp"
#include "riskmap/layer/LayerKind.hpp"

namespace riskmap {

struct CompletenessRules {
  double minCoverage = 0.99;       // riskmap's default ([assess] min_coverage)
  bool minCoverageIsDefault = true;
  bool incompleteIsError = false;  // [assess] on_incomplete = "error"
};

// "incomplete_population: population data cover 62.3% of a zone counted (< 99%)"
// for each kind of data below the threshold, "; "-joined; empty when complete.
std::string describeGaps(const DataGaps& gaps, double minCoverage);
std::string describeGapsZh(const DataGaps& gaps, double minCoverage);  // the same, in Chinese

// Sets grade.populationCoverage, grade.incomplete and figures.data_coverage
// from the gaps; with incompleteIsError throws UserError naming `where`.
void markCompleteness(GradeResult& grade, const DataGaps& gaps, const CompletenessRules& rules,
                      const std::string& where);

// The kind's assess() of one source, with the gaps of the queries its grade made.
SourceAssessment assessSource(const LayerKind& kind, const SourceFeature& source, ExposureQueries& exposure,
                              const Rules& rules, const CompletenessRules& completeness);

}  // namespace riskmap
