#include <cstdio>

#include "CliOptions.hpp"
#include "Commands.hpp"
#include "riskmap/core/Error.hpp"
#include "riskmap/crs/Crs.hpp"
#include "riskmap/gdal/Gdal.hpp"
#include "riskmap/project/Project.hpp"
#include "riskmap/render/Renderer.hpp"

namespace riskmap::cli {
namespace {

// The study area's extent (or every layer's) in the view CRS, with a 3 % margin.
void defaultExtent(GDALDataset& ds, const Project& p, MapView& view) {
  OGREnvelope all;
  bool any = false;
  for (OGRLayer* l : ds.GetLayers()) {
    if (!p.studyArea.empty() && p.studyArea != l->GetName()) continue;
    if (!l->GetSpatialRef()) continue;
    OGREnvelope e;
    if (l->GetExtent(&e, TRUE) != OGRERR_NONE) continue;
    OGRSpatialReference src(*l->GetSpatialRef());
    src.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    double xs[4] = {e.MinX, e.MaxX, e.MinX, e.MaxX}, ys[4] = {e.MinY, e.MinY, e.MaxY, e.MaxY};
    if (!makeTransformation(src, view.crs)->Transform(4, xs, ys)) continue;
    for (int i = 0; i < 4; ++i) all.Merge(xs[i], ys[i]);
    any = true;
  }
  if (!any) throw UserError(p.library.displayName() + ": nothing to draw");
  const double mx = (all.MaxX - all.MinX) * 0.03, my = (all.MaxY - all.MinY) * 0.03;
  view.minX = all.MinX - mx, view.maxX = all.MaxX + mx, view.minY = all.MinY - my, view.maxY = all.MaxY + my;
}

}  // namespace

Run addRenderCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("render", "Draw the one map (four-colour zones and every layer) to PNG, PDF or SVG");
  struct Options {
    std::string project, out, style, crs, bbox;
    int width = 1600;
    double scale = 1;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("PROJECT", o->project, "Project file (TOML)")->required()->check(CLI::ExistingFile);
  cmd->add_option("-o,--out", o->out, "Output: .png, .pdf or .svg")->required();
  cmd->add_option("--style", o->style, "Style file (default: default.json in the styles directory; riskmap paths)");
  cmd->add_option("--crs", o->crs, "Map CRS (default: the analysis CRS)");
  cmd->add_option("--bbox", o->bbox, "Extent W,S,E,N in CGCS2000 lon/lat (default: the study area)");
  cmd->add_option("--width", o->width, "Width in pixels (points for PDF/SVG); height follows the extent");
  cmd->add_option("--scale-factor", o->scale, "HiDPI factor: 2 for @2x");
  return [o] {
    const Project p = Project::load(o->project);
    const Style style = Style::load(stylePath(o->style));
    GDALDatasetUniquePtr ds = p.library.open(GDAL_OF_VECTOR | GDAL_OF_READONLY);
    MapView view;
    if (!o->crs.empty()) view.crs = parseSrs(o->crs);
    else if (OGRLayer* l = ds->GetLayerByName("risk_zones"); l && l->GetSpatialRef()) view.crs = *l->GetSpatialRef();
    else view.crs = parseSrs(ds->GetLayer(0)->GetSpatialRef() ? srsLabel(*ds->GetLayer(0)->GetSpatialRef()) : "EPSG:4549");
    view.crs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (!o->bbox.empty()) {
      const LonLatBox b = parseBbox(o->bbox);
      double xs[4] = {b.west, b.east, b.west, b.east}, ys[4] = {b.south, b.south, b.north, b.north};
      makeTransformation(srsFromEpsg(4490), view.crs)->Transform(4, xs, ys);
      view.minX = std::min(xs[0], xs[2]), view.maxX = std::max(xs[1], xs[3]);
      view.minY = std::min(ys[0], ys[1]), view.maxY = std::max(ys[2], ys[3]);
    } else {
      defaultExtent(*ds, p, view);
    }
    ds.reset();
    view.scaleFactor = o->scale;
    view.width = static_cast<int>(o->width * o->scale);
    view.height = static_cast<int>(view.width * (view.maxY - view.minY) / (view.maxX - view.minX));
    Renderer renderer(p.library.gdalName(), style);
    const auto labels = renderer.renderToFile(o->out, view);
    std::printf("%s: %d x %d, zoom %.1f, %zu labels\n", o->out.c_str(), view.width, view.height, view.zoom(), labels.size());
  };
}

}  // namespace riskmap::cli
