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

}  // namespace riskmap
