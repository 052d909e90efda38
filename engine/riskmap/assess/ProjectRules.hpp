#pragma once
// A rules file as a project sees it: layers/<file> with the project's
// [rules.<name>] table merged over it.
#include <filesystem>
#include <string>

#include "riskmap/assess/DataCompleteness.hpp"
#include "riskmap/assess/LibraryExposure.hpp"
#include "riskmap/assess/Rules.hpp"
#include "riskmap/layer/LayerKind.hpp"
#include "riskmap/project/Project.hpp"

namespace riskmap {

// rulesDir/file overridden by the project's [rules.<name>].
Rules projectRules(const Project& project, const std::filesystem::path& rulesDir, const std::string& name,
                   const std::filesystem::path& file);

// A kind's rules (its rulesFile(), [rules.<kind>]).
Rules kindRules(const Project& project, const std::filesystem::path& rulesDir, const LayerKind& kind);

// The regional map's rules (regional.toml, [rules.regional]).
Rules regionalRules(const Project& project, const std::filesystem::path& rulesDir);

// How the project reads missing exposure data ([assess]).
ExposureSettings exposureSettings(const Project& project);
CompletenessRules completenessRules(const Project& project);

}  // namespace riskmap
