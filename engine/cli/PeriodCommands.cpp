// `riskmap rank` and `riskmap compare`: the period snapshots taken by
// `import --period` / `assess --period` (layers/periods), ranked and compared.
#include <cstdio>

#include "CliOptions.hpp"
#include "Commands.hpp"
#include "periods/PeriodCompare.hpp"
#include "periods/PeriodStore.hpp"
#include "periods/Ranking.hpp"
#include "riskmap/core/Files.hpp"

namespace riskmap::cli {

void printSnapshot(const periods::SnapshotReport& r, const std::string& period) {
  std::printf("period %s: %lld sources, %lld zones, %lld hidden dangers, %lld units -> %s\n", period.c_str(),
              r.sources, r.zones, r.dangers, r.units, r.store.string().c_str());
  for (const std::string& n : r.notes) std::printf("  note: %s\n", n.c_str());
}

Run addSnapshotCommand(CLI::App& app, const LayerRegistry& kinds) {
  auto* cmd = app.add_subcommand("snapshot", "Keep what the one library holds now as a dated period (as import/assess --period)");
  auto project = std::make_shared<std::string>();
  auto period = std::make_shared<std::string>();
  cmd->add_option("PROJECT", *project, "Project file (TOML)")->required()->check(CLI::ExistingFile);
  cmd->add_option("--period", *period, "Period: a month (2026-10) or an ISO week (2026-W44)")->required();
  return [&kinds, project, period] {
    const periods::PeriodId p = periods::parsePeriod(*period);
    printSnapshot(periods::takeSnapshot(Project::load(*project), kinds, p), p.id);
  };
}

Run addRankCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("rank", "Rank townships or counties by the hidden-danger evaluation index for a period");
  struct Options {
    std::string project, period, by = "township", index, styles, out;
    int interview = -1;
    bool noPdf = false;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("PROJECT", o->project, "Project file (TOML)")->required()->check(CLI::ExistingFile);
  cmd->add_option("--period", o->period, "Period to rank: a month (2026-10) or an ISO week (2026-W44)")->required();
  cmd->add_option("--by", o->by, "Units ranked: township or county (default township)");
  cmd->add_option("--index", o->index, "Evaluation index (TOML; default: the rules directory's periods/ranking.toml)");
  cmd->add_option("--interview", o->interview, "Flag the last N units for interview (default: the index's [interview])");
  cmd->add_option("--out", o->out, "Folder for ranking_<period>_<by>.csv/.pdf, created if missing (default: beside the project file)");
  cmd->add_option("--styles-dir", o->styles, "Styles folder (poster.toml, default.json) for the PDF");
  cmd->add_flag("--no-pdf", o->noPdf, "Write the CSV only");
  cmd->footer("Reads <library>_periods.gpkg; the previous period is the latest stored one of the same form.");
  return [o] {
    const Project p = Project::load(o->project);
    const std::filesystem::path indexFile =
        o->index.empty() ? rulesDirectory("") / "periods/ranking.toml" : std::filesystem::path(o->index);
    const periods::IndexSpec spec = periods::IndexSpec::load(indexFile);
    GDALDatasetUniquePtr store = periods::openStore(periods::periodStorePath(p));
    const periods::Ranking r = periods::rankPeriod(*store, spec, periods::parsePeriod(o->period), o->by, o->interview);
    const std::filesystem::path dir = outputFolder(o->out, p.file.parent_path());
    const std::string stem = "ranking_" + o->period + "_" + o->by;
    writeFileAtomically(dir / (stem + ".csv"), periods::rankingCsv(r));
    std::printf("%s ranking %s (previous %s), index %s\n", o->by.c_str(), o->period.c_str(),
                r.previous.empty() ? "none" : r.previous.c_str(), indexFile.string().c_str());
    std::printf("%5s  %-16s %7s %5s %s\n", "rank", "unit", "index", "chg", "interview");
    for (const auto& u : r.units)
      std::printf("%5d  %-16s %7.1f %5s %s\n", u.rank, u.unit.c_str(), u.index, periods::rankChange(u).c_str(),
                  u.interview ? "约谈" : "");
    std::printf("-> %s\n", (dir / (stem + ".csv")).string().c_str());
    if (!o->noPdf) {
      periods::writeRankingPdf(dir / (stem + ".pdf"), p, r, stylesDirectory(o->styles));
      std::printf("-> %s\n", (dir / (stem + ".pdf")).string().c_str());
    }
  };
}

Run addCompareCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("compare", "What changed between two periods: zone grades, sources, hidden dangers");
  struct Options {
    std::string project, from, to, by = "township", out, styles;
    bool noPdf = false;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("PROJECT", o->project, "Project file (TOML)")->required()->check(CLI::ExistingFile);
  cmd->add_option("--from", o->from, "The earlier period")->required();
  cmd->add_option("--to", o->to, "The later period")->required();
  cmd->add_option("--by", o->by, "Units the dangers are counted by: township or county (default township)");
  cmd->add_option("--out", o->out, "Folder for the CSVs and the PDF, created if missing (default: beside the project file)");
  cmd->add_option("--styles-dir", o->styles, "Styles folder (poster.toml, default.json) for the PDF");
  cmd->add_flag("--no-pdf", o->noPdf, "Write the CSVs only");
  cmd->footer(
      "Writes compare_<from>_<to>_zones.csv, _sources.csv, _dangers.csv and .pdf, and the\n"
      "zones that changed grade as the table grade_changes in <library>_periods.gpkg.");
  return [o] {
    const Project p = Project::load(o->project);
    const std::filesystem::path dir = outputFolder(o->out, p.file.parent_path());  // before the store is written
    const std::filesystem::path storePath = periods::periodStorePath(p);
    GDALDatasetUniquePtr store = periods::openStore(storePath, true);
    const periods::Comparison c =
        periods::comparePeriods(*store, periods::parsePeriod(o->from), periods::parsePeriod(o->to), o->by);
    periods::writeGradeChanges(*store, c);
    const std::string stem = "compare_" + o->from + "_" + o->to;
    writeFileAtomically(dir / (stem + "_zones.csv"), periods::zoneChangesCsv(c));
    writeFileAtomically(dir / (stem + "_sources.csv"), periods::sourceChangesCsv(c));
    writeFileAtomically(dir / (stem + "_dangers.csv"), periods::dangerChangesCsv(c));
    double up = 0, down = 0;
    for (const auto& z : c.zones) (z.up ? up : down) += z.areaKm2;
    std::printf("%s -> %s: zones up %.3f km2, down %.3f km2 (%zu pieces; grade_changes in %s)\n", o->from.c_str(),
                o->to.c_str(), up, down, c.zones.size(), storePath.string().c_str());
    for (const auto& s : c.sources)
      std::printf("  %-18s %s %s %s%s%s\n", s.change.c_str(), s.layer.c_str(), s.id.c_str(), s.name.c_str(),
                  s.fromGrade.empty() && s.toGrade.empty() ? "" : (" " + s.fromGrade + " -> " + s.toGrade).c_str(), "");
    std::printf("%-16s %7s %7s %9s %9s\n", o->by.c_str(), "opened", "closed", "overdue<", "overdue>");
    for (const auto& d : c.dangers)
      std::printf("%-16s %7lld %7lld %9lld %9lld\n", d.unit.c_str(), d.opened, d.closed, d.overdueBefore, d.overdueAfter);
    std::printf("-> %s_{zones,sources,dangers}.csv\n", (dir / stem).string().c_str());
    if (!o->noPdf) {
      periods::writeComparisonPdf(dir / (stem + ".pdf"), p, c, stylesDirectory(o->styles));
      std::printf("-> %s\n", (dir / (stem + ".pdf")).string().c_str());
    }
  };
}

}  // namespace riskmap::cli
