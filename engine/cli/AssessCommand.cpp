#include <cstdio>
#include <optional>

#include "CliOptions.hpp"
#include "Commands.hpp"
#include "DataPaths.hpp"
#include "periods/PeriodStore.hpp"
#include "riskmap/assess/Assessor.hpp"
#include "riskmap/core/Error.hpp"

namespace riskmap::cli {
namespace {

// The styles directory's palette; with none known (only --rules-dir given),
// empty: the Assessor then reads styles/palette.toml beside the rules folder.
std::filesystem::path assessPalette() {
  const DataPath& styles = dataPaths().styles;
  return styles.path.empty() ? std::filesystem::path() : styles.path / "palette.toml";
}

}  // namespace

Run addAssessCommand(CLI::App& app, const LayerRegistry& kinds) {
  auto* cmd = app.add_subcommand("assess", "Footprints, exposure and each source's grade by its standard");
  auto project = std::make_shared<std::string>();
  auto quiet = std::make_shared<bool>(false);
  auto rulesDir = std::make_shared<std::string>();
  cmd->add_option("PROJECT", *project, "Project file (TOML)")->required()->check(CLI::ExistingFile);
  cmd->add_flag("-q,--quiet", *quiet, "No progress output");
  auto period = std::make_shared<std::string>();
  cmd->add_option("--period", *period, "Also keep a dated snapshot as this period (2026-10, 2026-W44); see riskmap rank");
  auto scope = std::make_shared<AssessScope>();
  auto* county = cmd->add_option("--county", scope->county,
                                 "Assess only this county's sources (their county field equals CODE; exposure still "
                                 "counts every county), replacing its earlier rows; no zones: run --zones after every county");
  auto provinceStep = std::make_shared<bool>(false);
  auto* zones = cmd->add_flag("--zones", *provinceStep, "The province step after every county's --county run: black spots among all "
                                         "accidents, then the four-colour zones from every county's footprints");
  cmd->add_option("--county-field", scope->countyField, "The field that holds a source's county code (default adcode)")
      ->needs(county);
  county->excludes(zones);
  cmd->add_option("--rules-dir", *rulesDir, "Folder of the kinds' rules files (default: the data directory's layers/; riskmap paths)");
  cmd->footer(
      "Writes source_grades and footprints into the one library, and sources.csv and\n"
      "assess_summary.json beside the project file (a --county run: sources_CODE.csv and\n"
      "assess_summary_CODE.json). Rules: layers/<kind>/*.toml,\n"
      "overridden by the project's [rules.<kind>] tables.");
  return [&kinds, project, quiet, rulesDir, period, scope, county, provinceStep] {
    if (*county) scope->part = AssessScope::Part::County;
    if (*provinceStep) scope->part = AssessScope::Part::Province;
    if (*county && scope->county.empty()) throw UserError("--county: give the county's code (e.g. 330102)");
    if (*county && !period->empty())
      throw UserError("--period: a county's run is not a period; give it to the province step (--zones)");
    const Project p = Project::load(*project);
    const std::optional<periods::PeriodId> asPeriod =
        period->empty() ? std::nullopt : std::optional(periods::parsePeriod(*period));  // checked before assessing
    const AssessReport r = assessProject(p, kinds, AssessOptions{rulesDirectory(*rulesDir), *quiet, assessPalette(), *scope});
    std::printf("%-18s %-10s %8s\n", "kind", "grade", "sources");
    for (const auto& [kind, grades] : r.gradeCounts)
      for (const auto& [grade, n] : grades) std::printf("%-18s %-10s %8lld\n", kind.c_str(), grade.c_str(), n);
    std::printf("%lld sources, %lld footprint zones; %s, %s\n", r.sources, r.footprints, r.csv.string().c_str(),
                r.summary.string().c_str());
    if (!r.incomplete.empty()) {
      // One line each on stderr: a grade made on partial data must be seen, not found later.
      std::fprintf(stderr, "warning: %zu sources graded on incomplete exposure data (marked in source_grades.incomplete):\n",
                   r.incomplete.size());
      for (const std::string& line : r.incomplete) std::fprintf(stderr, "  %s\n", line.c_str());
    }
    if (r.regional) {
      std::printf("\nfour-colour map (risk_zones, township_summary; grid %s, %lld cells in %.2f s, burnt in %.2f s)\n",
                  r.grid.string().c_str(), r.regional->gridCells, r.regional->gridSeconds, r.regional->gridBurnSeconds);
      std::printf("%-10s %-10s %12s %12s\n", "grade", "", "area km2", "people");
      for (RiskGrade g : {RiskGrade::Major, RiskGrade::High, RiskGrade::Moderate, RiskGrade::Low})
        std::printf("%-10s %-10s %12.2f %12.0f\n", riskGradeName(g), riskGradeChinese(g), r.regional->areaKm2.at(g),
                    r.regional->people.at(g));
    } else if (!scope->drawsZones()) {
      std::printf("%s: no four-colour map (run `riskmap assess --zones` after every county)\n", scope->describe().c_str());
    } else {
      std::printf("no study_area in the project file: no four-colour map\n");
    }
    if (!r.qgisProject.empty())
      std::printf("QGIS: every layer styled (layer_styles), project '%s' stored in the library (qgis_projects)\n",
                  r.qgisProject.c_str());
    if (asPeriod) printSnapshot(periods::takeSnapshot(p, kinds, *asPeriod), asPeriod->id);
  };
}

}  // namespace riskmap::cli
