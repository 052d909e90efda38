#include <cstdio>

#include "CliOptions.hpp"
#include "Commands.hpp"
#include "relocation/PlantRanking.hpp"
#include "relocation/RelocationCsv.hpp"
#include "relocation/RelocationReport.hpp"
#include "relocation/RelocationScenario.hpp"
#include "riskmap/assess/LibraryExposure.hpp"
#include "riskmap/assess/ProjectRules.hpp"
#include "riskmap/core/Error.hpp"
#include "riskmap/core/Files.hpp"

namespace riskmap::cli {
namespace {

namespace fs = std::filesystem;
using namespace relocation;


struct Options {
  std::string project, scenario, scenarioFile, rulesDir, paper = "A3", date, styles;
  std::vector<std::string> moves, destinations, outs;
  bool rank = false, quiet = false;
};

void printRanking(const Ranking& r) {
  std::printf("%d plants, %zu inside a densely populated area (%s)\n", r.plantsConsidered, r.rows.size(),
              r.denseMethod.c_str());
  std::printf("%4s  %-8s %-10s %8s %9s %9s %5s %-8s  %s\n", "rank", "plant", "grade", "R", "500m", "ring", "sens",
              "park", "ahead of the next by");
  for (const RankedPlant& p : r.rows)
    std::printf("%4d  %-8s %-10s %8.1f %9lld %9lld %5lld %-8s  %s\n", p.rank, p.plant->id.c_str(),
                p.plant->baseline.grade.c_str(), p.plant->baseline.R, p.people500, p.peopleExternalSafety,
                p.sensitiveTargets, p.inPark ? "in" : "out", p.aheadOfNextBy.c_str());
}

void printScenario(const ScenarioResult& s) {
  std::printf("scenario %s: %zu moves; tables %s ... (%zu)\n", s.spec.name.c_str(), s.moves.size(),
              s.tables.empty() ? "" : s.tables.front().c_str(), s.tables.size());
  for (const MovedPlant& m : s.moves) {
    const PlantFigures& b = m.plant->baseline;
    std::printf("  %s -> %s (%.0f m): grade %s -> %s, R %.2f -> %.2f, alpha %.1f -> %.1f, people within 500 m %.0f -> %.0f\n",
                m.plant->id.c_str(), m.park ? m.park->id.c_str() : m.move.to.text().c_str(), m.distanceM,
                b.grade.c_str(), m.after.grade.c_str(), b.R, m.after.R, b.alpha, m.after.alpha, b.people500,
                m.after.people500);
    if (!m.siting.empty()) std::printf("    site in the park: %s\n", m.siting.c_str());
    for (const Flag& f : m.flags) std::printf("    FLAG %s: %s\n", f.rule.c_str(), f.text.c_str());
  }
  std::printf("  %-10s %12s %12s %12s %12s\n", "grade", "km2 before", "km2 after", "people before", "people after");
  for (const AreaChange& g : s.grades)
    std::printf("  %-10s %12.3f %12.3f %12.0f %12.0f\n", riskGradeName(g.grade), g.areaBefore, g.areaAfter,
                g.peopleBefore, g.peopleAfter);
}

}  // namespace

Run addRelocateCommand(CLI::App& app, const LayerRegistry& kinds) {
  auto* cmd = app.add_subcommand("relocate", "Rank plants in dense areas for relocation, or assess a relocation scenario");
  auto o = std::make_shared<Options>();
  cmd->add_option("PROJECT", o->project, "Project file (TOML)")->required()->check(CLI::ExistingFile);
  cmd->add_flag("--rank", o->rank, "Rank the plants inside densely populated areas");
  cmd->add_option("--scenario", o->scenario, "Scenario name (a-z, 0-9, _): its tables are scenario_<name>_*");
  cmd->add_option("--move", o->moves, "plant_id of a plant to move (repeatable, paired with --to in order)");
  cmd->add_option("--to", o->destinations, "Destination: a park_id or LON,LAT in CGCS2000 degrees (repeatable)");
  cmd->add_option("--scenario-file", o->scenarioFile, "Scenario file (TOML: name, title, [[move]] plant, to)")
      ->check(CLI::ExistingFile);
  cmd->add_option("-o,--out", o->outs, "Output by extension: .csv and/or .pdf (repeatable)");
  cmd->add_option("--paper", o->paper, "Report paper, landscape: A0-A4")->capture_default_str();
  cmd->add_option("--date", o->date, "Date printed on the report (default: today)");
  cmd->add_option("--rules-dir", o->rulesDir, "Folder of the rules files (default: the data directory's layers/; riskmap paths)");
  cmd->add_option("--styles-dir", o->styles, "Folder of default.json and poster.toml (default: the styles directory; riskmap paths)");
  cmd->add_flag("-q,--quiet", o->quiet, "No progress output");
  cmd->footer(
      "Examples:\n"
      "  riskmap relocate project.toml --rank -o ranking.csv -o ranking.pdf\n"
      "  riskmap relocate project.toml --scenario town_first --move HZ036 --to P01 --move HZ039 --to 120.71,30.08 \\\n"
      "      -o town_first.pdf        (figures also in town_first.csv)\n"
      "  riskmap relocate project.toml --scenario-file scenario.toml -o review.pdf\n"
      "Rules: layers/relocation/relocation.toml, overridden by [rules.relocation]; docs/relocation.md.");
  return [&kinds, o] {
    const bool scenario = !o->scenario.empty() || !o->scenarioFile.empty() || !o->moves.empty();
    if (o->rank == scenario)
      throw UserError("relocate: give either --rank or a scenario (--scenario NAME --move ID --to DEST, or --scenario-file)");
    if (!o->scenarioFile.empty() && (!o->moves.empty() || !o->destinations.empty()))
      throw UserError("relocate: --scenario-file and --move/--to do not mix; put every move in the file");
    fs::path pdf, csv;
    for (const std::string& out : o->outs) {
      const std::string ext = fs::path(out).extension().string();
      if (ext == ".pdf") pdf = out;
      else if (ext == ".csv") csv = out;
      else throw UserError(out + ": relocate writes .csv and .pdf");
    }
    const Project project = Project::load(o->project);
    const fs::path rulesDir = rulesDirectory(o->rulesDir);
    const RelocationRules rules =
        RelocationRules::from(projectRules(project, rulesDir, "relocation", "relocation/relocation.toml"));
    const PlantRegister plants = PlantRegister::read(project.library, kinds);
    LibraryExposure exposure(project.library, kinds, exposureSettings(project));
    const ReportSettings report{o->paper, o->date.empty() ? today() : o->date,
                                stylesDirectory(o->styles)};
    if (o->rank) {
      const Ranking ranking = rankPlants(plants, project.library.gdalName(), project.relocation.urbanAreas, exposure, rules);
      printRanking(ranking);
      if (!csv.empty()) writeFileAtomically(csv, rankingCsv(ranking));
      if (!pdf.empty()) writeRankingReport(pdf, project, ranking, rules, report);
    } else {
      if (o->scenarioFile.empty() && o->scenario.empty()) throw UserError("relocate: --move needs --scenario NAME");
      ScenarioSpec spec = o->scenarioFile.empty() ? ScenarioSpec::fromFlags(o->scenario, o->moves, o->destinations)
                                                  : ScenarioSpec::fromFile(o->scenarioFile);
      if (!o->scenario.empty()) spec.name = o->scenario;
      const ScenarioResult result = runScenario(project, kinds, rulesDir, spec, plants, exposure, rules);
      printScenario(result);
      if (csv.empty() && !pdf.empty()) csv = fs::path(pdf).replace_extension(".csv");
      if (!csv.empty()) writeFileAtomically(csv, scenarioCsv(result));
      if (!pdf.empty()) writeScenarioReport(pdf, project, result, report);
    }
    for (const fs::path& p : {csv, pdf})
      if (!p.empty()) std::printf("wrote %s\n", p.string().c_str());
  };
}

}  // namespace riskmap::cli
