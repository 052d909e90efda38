#include "riskmap/assess/ProjectRules.hpp"

namespace riskmap {

Rules projectRules(const Project& project, const std::filesystem::path& rulesDir, const std::string& name,
                   const std::filesystem::path& file) {
  const auto found = project.ruleOverrides.find(name);
  if (found == project.ruleOverrides.end() || found->second.empty()) return Rules::load(rulesDir / file);
  const toml::table overrides = toml::parse(found->second);
  return Rules::load(rulesDir / file, &overrides);
}

Rules kindRules(const Project& project, const std::filesystem::path& rulesDir, const LayerKind& kind) {
  return projectRules(project, rulesDir, kind.name(), kind.rulesFile());
}

Rules regionalRules(const Project& project, const std::filesystem::path& rulesDir) {
  return projectRules(project, rulesDir, "regional", "regional.toml");
}

ExposureSettings exposureSettings(const Project& project) {
  ExposureSettings s;
  const std::string& nodata = project.assess.populationNoData;
  s.populationNoData = nodata == "nobody"  ? NoDataMeaning::Nobody
                       : nodata == "water" ? NoDataMeaning::Water
                                           : NoDataMeaning::Unknown;
  s.waterMask = project.assess.waterMask;
  const std::string& heights = project.assess.terrainHeights;
  s.terrainHeights = heights == "m"               ? UndeclaredHeights::Metres
                     : heights == "declared_only" ? UndeclaredHeights::Unusable
                                                  : UndeclaredHeights::MetresIfProjected;
  return s;
}

CompletenessRules completenessRules(const Project& project) {
  return {project.assess.minCoverage, !project.assess.minCoverageGiven, project.assess.incompleteIsError};
}

}  // namespace riskmap
