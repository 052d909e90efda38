// riskmap plant-map: an enterprise's four-colour map and risk cards (docs/enterprise-map.md).
#include <cstdio>

#include "CliOptions.hpp"
#include "Commands.hpp"
#include "enterprise/GradeMapTable.hpp"
#include "enterprise/PlantMap.hpp"
#include "enterprise/PreparedPlant.hpp"
#include "riskmap/assess/ProjectRules.hpp"
#include "riskmap/core/Error.hpp"
#include "riskmap/core/Files.hpp"

namespace riskmap::cli {
namespace {

namespace fs = std::filesystem;
using namespace enterprise;

struct Options {
  std::string project, plant, out, paper = "A3", date, rulesDir, styles;
  double dpi = 150;
  bool grades = false;
};

void printPlant(const PreparedPlant& p, const fs::path& rejects) {
  std::printf("%s %s: %zu units on the plan, %zu risk points graded, %zu rejected\n", p.config.id.c_str(),
              p.config.name.c_str(), p.plan.units.size(), p.reg.points.size(), p.reg.rejects.size());
  for (const RegisterReject& r : p.reg.rejects)
    std::printf("  reject row %lld (%s): %s\n", r.row, r.id.c_str(), r.reason.c_str());
  if (!p.reg.rejects.empty()) std::printf("  rejects in %s\n", rejects.string().c_str());
  if (p.fit) {
    std::printf("  georeferenced by %zu control points: scale %.6f, rotation %.4f deg, rms %.3f m\n",
                p.fit->residuals.size(), p.fit->transform.scale(), p.fit->transform.rotationDegrees(), p.fit->rms);
    for (const Residual& r : p.fit->residuals)
      std::printf("    %-8s dx %+.3f  dy %+.3f  %.3f m\n", r.name.c_str(), r.dx, r.dy, r.distance);
  } else if (p.crsWkt.empty()) {
    std::printf("  not georeferenced: drawn in plant coordinates, not to scale\n");
  }
  for (const auto& [id, u] : p.grades.units)
    std::printf("  unit %-10s %-8s (%zu points; highest: %d %s)\n", id.c_str(), riskGradeChinese(u.grade), u.points.size(),
                u.points.front()->number, u.points.front()->name.c_str());
  std::printf("  enterprise grade: %s\n", p.grades.enterprise ? riskGradeChinese(*p.grades.enterprise) : "none (no risk point)");
  for (const std::string& l : p.plan.unusedLayers) std::printf("  note: drawing layer '%s' has no role; not drawn\n", l.c_str());
}

}  // namespace

Run addPlantMapCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("plant-map", "An enterprise's safety-risk four-colour map (企业安全风险四色图) and risk cards");
  auto o = std::make_shared<Options>();
  cmd->add_option("PROJECT", o->project, "Project file (TOML) with [enterprise] plants")->required()->check(CLI::ExistingFile);
  cmd->add_option("--plant", o->plant, "The plant's id in the plants file");
  cmd->add_option("-o,--out", o->out, "Output: .pdf (the map, then one A4 card per major and high point), .png or .svg");
  cmd->add_flag("--grades", o->grades,
                "The grade map (等级图): grade every plant and write table enterprise_grades into the library");
  cmd->add_option("--paper", o->paper, "Paper of the map page, landscape: A0-A4")->capture_default_str();
  cmd->add_option("--date", o->date, "Drawing date printed on the map and cards (default: today)");
  cmd->add_option("--dpi", o->dpi, "PNG resolution")->capture_default_str()->check(CLI::Range(30.0, 600.0));
  cmd->add_option("--rules-dir", o->rulesDir, "Folder of the rules files (default: the data directory's layers/; riskmap paths)");
  cmd->add_option("--styles-dir", o->styles, "Folder of default.json and poster.toml (default: the styles directory)");
  cmd->footer(
      "Examples:\n"
      "  riskmap plant-map project.toml --plant HZ003 -o HZ003.pdf --paper A2\n"
      "  riskmap plant-map project.toml --plant HZ003 -o HZ003.png --dpi 200\n"
      "  riskmap plant-map project.toml --grades        (then render/poster draw every enterprise by its grade)\n"
      "Rejected register rows go to <output>.rejects.csv. Rules: layers/enterprise/enterprise_map.toml,\n"
      "overridden by [rules.enterprise]; docs/enterprise-map.md.");
  return [o] {
    const Project project = Project::load(o->project);
    if (project.enterprise.plants.empty())
      throw UserError(o->project + ": no [enterprise] plants file (plants = \"plants.toml\"); see docs/enterprise-map.md");
    const PlantsFile plants = PlantsFile::load(project.enterprise.plants);
    const EnterpriseRules rules = EnterpriseRules::from(
        projectRules(project, rulesDirectory(o->rulesDir), "enterprise", "enterprise/enterprise_map.toml"));
    if (o->grades) {
      if (!o->plant.empty() || !o->out.empty()) throw UserError("plant-map: --grades grades every plant; it takes no --plant or -o");
      std::vector<PreparedPlant> prepared;
      for (const PlantConfig& c : plants.plants) {
        prepared.push_back(preparePlant(c, rules, plants.file.string()));
        const PreparedPlant& p = prepared.back();
        std::printf("%-8s %-10s %s%s\n", c.id.c_str(), p.grades.enterprise ? riskGradeChinese(*p.grades.enterprise) : "-",
                    c.name.c_str(), majorPointNames(p).empty() ? "" : ("  major: " + majorPointNames(p)).c_str());
      }
      const GradeMapReport r = writeGradeMap(project.library, prepared);
      for (const std::string& s : r.skipped) std::printf("  not on the grade map: %s\n", s.c_str());
      std::printf("wrote %d enterprises into %s (table %s)\n", r.written, project.library.displayName().c_str(),
                  kEnterpriseGradesTable);
      return;
    }
    if (o->plant.empty() || o->out.empty()) throw UserError("plant-map: give --plant ID and -o FILE (or --grades)");
    const PreparedPlant p = preparePlant(plants.find(o->plant), rules, plants.file.string());
    const fs::path out(o->out);
    const fs::path rejects = fs::path(out).replace_extension(".rejects.csv");
    printPlant(p, rejects);
    writeFileAtomically(rejects, p.reg.rejectsCsv());
    PlantMapSettings settings;
    settings.paper = o->paper;
    settings.date = o->date.empty() ? today() : o->date;
    settings.stylesDir = stylesDirectory(o->styles);
    settings.dpi = o->dpi;
    const PlantMapResult r = writePlantMap(out, {p.config, p.plan, p.reg, p.grades, rules, p.crsWkt, p.fit}, settings);
    if (r.scale > 0) std::printf("  drawn at 1:%.0f\n", r.scale);
    std::printf("wrote %s (%d pages, %d risk cards)\n", out.string().c_str(), r.pages, r.cards);
  };
}

}  // namespace riskmap::cli
