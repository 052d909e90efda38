#include <cstdio>

#include "CliOptions.hpp"
#include "Commands.hpp"
#include "riskmap/print/Poster.hpp"
#include "riskmap/print/PrintScale.hpp"

namespace riskmap::cli {

Run addPosterCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("poster", "Lay out the four-colour risk map as a print-ready poster (PDF, SVG or PNG)");
  struct Options {
    std::string project, out, paper = "A1", orientation = "auto", style, layout, crs;
    std::string title, subtitle, office, date;
    double dpi = 300;
    bool quiet = false;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("PROJECT", o->project, "Project file (TOML)")->required()->check(CLI::ExistingFile);
  cmd->add_option("-o,--out", o->out, "Output: .pdf or .svg (vector) or .png")->required();
  cmd->add_option("--paper", o->paper, "A0, A1, A2, A3 or A4")->capture_default_str();
  cmd->add_option("--orientation", o->orientation, "portrait, landscape or auto (the larger map scale)")->capture_default_str();
  cmd->add_option("--dpi", o->dpi, "PNG resolution")->capture_default_str();
  cmd->add_option("--title", o->title, "Title (default: the template's, \"<county>安全生产风险四色图\")");
  cmd->add_option("--subtitle", o->subtitle, "Subtitle line");
  cmd->add_option("--office", o->office, "Issuing office (default: [poster] office of the project)");
  cmd->add_option("--date", o->date, "Date printed under the title (default: today)");
  cmd->add_option("--template", o->layout, "Layout template (default: poster.toml beside the style)");
  cmd->add_option("--style", o->style, "Map style (default: default.json in the styles directory; riskmap paths)");
  cmd->add_option("--crs", o->crs, "Map CRS, projected (default: the analysis CRS)");
  cmd->add_flag("-q,--quiet", o->quiet, "No progress output");
  return [o] {
    const Project p = Project::load(o->project);
    const Style style = Style::load(stylePath(o->style));
    const PosterTemplate layout = PosterTemplate::load(
        o->layout.empty() ? stylePath(o->style).parent_path() / "poster.toml" : std::filesystem::path(o->layout));
    PosterOptions options{o->paper, parseOrientation(o->orientation), o->title, o->subtitle, o->office,
                          o->date.empty() ? today() : o->date, o->crs};
    Poster poster(p, options, layout, style);
    poster.write(o->out, o->dpi, std::size_t{64} << 20, o->quiet);
    const PosterLayout& l = poster.layout();
    std::printf("%s: %s %s, map %s at %.0f x %.0f mm, text at %.0f %%\n", o->out.c_str(), l.page.paper.c_str(),
                l.page.width > l.page.height ? "landscape" : "portrait", scaleText(poster.scale()).c_str(),
                l.map.w / kPointsPerMm, l.map.h / kPointsPerMm, l.textScale * 100);
  };
}

}  // namespace riskmap::cli
