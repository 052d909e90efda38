#include <cstdio>
#include <optional>

#include "Commands.hpp"
#include "periods/PeriodStore.hpp"
#include "riskmap/core/Error.hpp"
#include "riskmap/import/Importer.hpp"

namespace riskmap::cli {

Run addImportCommand(CLI::App& app, const LayerRegistry& kinds) {
  auto* cmd = app.add_subcommand("import", "Build the one library (GeoPackage) from the project's layers");
  auto project = std::make_shared<std::string>();
  auto quiet = std::make_shared<bool>(false);
  cmd->add_option("PROJECT", *project, "Project file (TOML)")->required()->check(CLI::ExistingFile);
  cmd->add_flag("-q,--quiet", *quiet, "No progress output");
  auto period = std::make_shared<std::string>();
  cmd->add_option("--period", *period, "Also keep a dated snapshot as this period (2026-10, 2026-W44); see riskmap rank");
  auto county = std::make_shared<CountyScope>();
  auto* countyOption = cmd->add_option("--county", county->code,
                                       "Replace only this county's rows (features whose county field equals CODE) in "
                                       "every vector table, leaving the other counties' (docs/postgis.md)");
  cmd->add_option("--county-field", county->field, "The field of every vector layer that holds its county code (default adcode)")
      ->needs(countyOption);
  cmd->footer(
      "Every feature is accepted or goes to the 'rejects' table with its reason;\n"
      "the balance read = accepted + rejected is printed per layer.\n"
      "The library is replaced atomically: a failed import leaves the old one.\n"
      "With --county CODE only that county's rows and rejects are replaced, in one\n"
      "transaction; raster layers shared by every county are kept as they are.");
  return [&kinds, project, quiet, period, county, countyOption] {
    const Project p = Project::load(*project);
    const std::optional<periods::PeriodId> asPeriod =
        period->empty() ? std::nullopt : std::optional(periods::parsePeriod(*period));  // checked before importing
    if (*countyOption && !period->empty())
      throw UserError("--period: a county's import is not a period; take the snapshot after a full import");
    ImportOptions options{*quiet, std::nullopt};
    if (*countyOption) options.county = *county;
    const ImportReport r = importProject(p, kinds, options);
    std::printf("one library: %s (analysis CRS %s)%s\n", p.library.displayName().c_str(), r.analysisCrs.c_str(),
                *countyOption ? (", county " + county->code + " replaced").c_str() : "");
    std::printf("%-20s %-18s %10s %10s %10s %9s\n", "layer", "kind", "read", "accepted", "rejected", "repaired");
    long long rejected = 0;
    for (const auto& e : r.layers) {
      std::printf("%-20s %-18s %10lld %10lld %10lld %9lld\n", e.name.c_str(), e.kind.c_str(), e.read, e.accepted,
                  e.rejected, e.repaired);
      rejected += e.rejected;
    }
    for (const auto& w : r.warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
    if (rejected > 0)
      std::printf("%lld records rejected: see `riskmap info %s --rejects` or the 'rejects' table\n", rejected,
                  project->c_str());
    if (asPeriod) printSnapshot(periods::takeSnapshot(p, kinds, *asPeriod), asPeriod->id);
  };
}

}  // namespace riskmap::cli
