#include "riskmap/render/Renderer.hpp"

#include "riskmap/render/Hatching.hpp"
#include "riskmap/library/GeometryTables.hpp"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <ogrsf_frmts.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>

#include "riskmap/core/Error.hpp"
#include "riskmap/crs/Crs.hpp"
#include "riskmap/render/Cairo.hpp"

namespace riskmap {
namespace {

constexpr const char* kFont = "Noto Sans CJK SC";

double number(const StyleLayer& l, const char* name, const FeatureProperties& f, const Palette& p, double fallback) {
  const Expression* e = l.property(name);
  if (!e) return fallback;
  const nlohmann::json v = e->evaluate(f, p);
  return v.is_number() ? v.get<double>() : fallback;
}

Rgba colour(const StyleLayer& l, const char* name, const FeatureProperties& f, const Palette& p, Rgba fallback) {
  const Expression* e = l.property(name);
  return e ? parseColour(e->evaluate(f, p)) : fallback;
}

// View coordinates to output units: y grows downward.
struct ToPixels {
  const MapView& v;
  double res;
  double x(double wx) const { return (wx - v.minX) / res; }
  double y(double wy) const { return (v.maxY - wy) / res; }
};

// snap: put vertices on pixel centres, so a 1-pixel line covers one pixel
// row instead of smearing across two (crisp hairlines on raster output).
void tracePath(cairo_t* cr, const OGRGeometry& g, const ToPixels& px, bool close, bool snap = false) {
  switch (wkbFlatten(g.getGeometryType())) {
    case wkbLineString:
    case wkbLinearRing: {
      const OGRLineString* l = g.toLineString();
      for (int i = 0; i < l->getNumPoints(); ++i) {
        double x = px.x(l->getX(i)), y = px.y(l->getY(i));
        if (snap) x = std::floor(x) + 0.5, y = std::floor(y) + 0.5;
        i == 0 ? cairo_move_to(cr, x, y) : cairo_line_to(cr, x, y);
      }
      if (close) cairo_close_path(cr);
      break;
    }
    case wkbPolygon:
      for (const OGRLinearRing* r : *g.toPolygon()) tracePath(cr, *r, px, true, snap);
      break;
    case wkbMultiPolygon:
    case wkbMultiLineString:
    case wkbGeometryCollection:
      for (const OGRGeometry* part : *g.toGeometryCollection()) tracePath(cr, *part, px, close, snap);
      break;
    default:
      break;
  }
}

bool anchorOf(const OGRGeometry& g, OGRPoint& at) {
  const auto t = wkbFlatten(g.getGeometryType());
  if (t == wkbPoint) {
    at = *g.toPoint();
    return true;
  }
  if (t == wkbLineString) {
    const OGRLineString* l = g.toLineString();
    l->Value(l->get_Length() / 2, &at);
    return true;
  }
  return g.Centroid(&at) == OGRERR_NONE && !at.IsEmpty();
}

}  // namespace

struct Renderer::PendingLabel {
  double priority;
  double x, y;
  std::string text;
  double size;
  Rgba colour, halo;
  double haloWidth;
};

namespace {

void shapeLabel(PangoLayout* layout, const Renderer::PendingLabel& l, int& w, int& h) {
  FontDescriptionPtr font(pango_font_description_from_string(kFont));
  pango_font_description_set_absolute_size(font.get(), l.size * PANGO_SCALE);
  pango_layout_set_font_description(layout, font.get());
  pango_layout_set_text(layout, l.text.c_str(), -1);
  pango_layout_get_pixel_size(layout, &w, &h);
}

// The halo first (the text's outline stroked wide), then the text itself.
void drawLabel(cairo_t* cr, PangoLayout* layout, const Renderer::PendingLabel& l, double x, double y) {
  cairo_new_path(cr);
  cairo_move_to(cr, x, y);
  pango_cairo_layout_path(cr, layout);
  cairo_set_source_rgba(cr, l.halo.r, l.halo.g, l.halo.b, l.halo.a);
  cairo_set_line_width(cr, 2 * l.haloWidth);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke(cr);
  cairo_move_to(cr, x, y);
  cairo_set_source_rgba(cr, l.colour.r, l.colour.g, l.colour.b, l.colour.a);
  pango_cairo_show_layout(cr, layout);
}

}  // namespace

double MapView::zoom() const {
  OGRSpatialReference geo = srsFromEpsg(4490);
  OGRSpatialReference from(crs);
  from.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  double x = (minX + maxX) / 2, y = (minY + maxY) / 2;
  double lat = 0;
  if (makeTransformation(from, geo)->Transform(1, &x, &y)) lat = y;
  // Web Mercator's ground resolution at zoom z: 156543.03 cos(lat) / 2^z m per 256-px tile pixel.
  const double ground = crs.IsProjected() && std::string(srsLabel(crs)) == "EPSG:3857"
                            ? resolution() * std::cos(lat * M_PI / 180)
                            : resolution();
  // A longitude/latitude view (the CGCS2000 tile pyramid): its degrees a
  // pixel along the equator, where Web Mercator's zoom z has 360 / (256 2^z).
  if (crs.IsGeographic()) return std::round(1e6 * std::log2(360.0 / 256 / (resolution() * scaleFactor))) / 1e6;
  // A @2x view has half the metres per pixel for the same map: undo that.
  // Rounded to 1e-6 so a tile's zoom 12 is not 11.9999999 and misses a minzoom.
  return std::round(1e6 * std::log2(156543.03392804097 * std::cos(lat * M_PI / 180) / (ground * scaleFactor))) / 1e6;
}

Renderer::Renderer(const std::filesystem::path& library, const Style& style)
    : library_(openDataset(library.string(), GDAL_OF_VECTOR | GDAL_OF_READONLY)), style_(style) {}

OGRCoordinateTransformation* Renderer::toView(const OGRSpatialReference& from, const MapView& view) {
  char* wkt = nullptr;
  from.exportToWkt(&wkt);
  std::string key = wkt ? wkt : "";
  CPLFree(wkt);
  auto it = transforms_.find(key);
  if (it == transforms_.end()) {
    OGRSpatialReference src(from), dst(view.crs);
    src.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    dst.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    it = transforms_.emplace(key, src.IsSame(&dst) ? nullptr : makeTransformation(src, dst)).first;
  }
  return it->second.get();
}

void Renderer::drawFeature(cairo_t* cr, const MapView& view, const StyleLayer& layer, const FeatureProperties& props,
                           const OGRGeometry& geometry, std::vector<PendingLabel>& labels) const {
  const ToPixels px{view, view.resolution()};
  const double s = view.scaleFactor;
  const OGRGeometry* g = &geometry;
  const Palette& pal = style_.palette;
  switch (layer.type) {
    case StyleLayerType::Fill: {
      const Rgba c = colour(layer, "fill-color", props, pal, {0.5, 0.5, 0.5, 1});
      cairo_new_path(cr);
      tracePath(cr, *g, px, true);
      cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
      cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a * number(layer, "fill-opacity", props, pal, 1));
      if (const Expression* p = layer.property("fill-pattern")) {
        const nlohmann::json name = p->evaluate(props, pal);
        if (name.is_string() && !name.get<std::string>().empty()) {
          hatch(cr, name.get<std::string>(), colour(layer, "fill-outline-color", props, pal, c), s);
          cairo_new_path(cr);
          break;
        }
      }
      if (layer.property("fill-outline-color")) {
        cairo_fill_preserve(cr);
        const Rgba o = colour(layer, "fill-outline-color", props, pal, c);
        cairo_set_source_rgba(cr, o.r, o.g, o.b, o.a);
        cairo_set_line_width(cr, 1 * s);
        cairo_stroke(cr);
      } else {
        cairo_fill(cr);
      }
      break;
    }
    case StyleLayerType::Line: {
      const Rgba c = colour(layer, "line-color", props, pal, {0, 0, 0, 1});
      const double width = number(layer, "line-width", props, pal, 1) * s;
      cairo_new_path(cr);
      tracePath(cr, *g, px, false, width <= 1.0 && view.snapHairlines);
      cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a * number(layer, "line-opacity", props, pal, 1));
      cairo_set_line_width(cr, number(layer, "line-width", props, pal, 1) * s);
      cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
      std::vector<double> dashes;
      if (const Expression* d = layer.property("line-dasharray"))
        for (const auto& v : d->evaluate(props, pal)) dashes.push_back(v.get<double>() * number(layer, "line-width", props, pal, 1) * s);
      cairo_set_dash(cr, dashes.data(), static_cast<int>(dashes.size()), 0);
      cairo_stroke(cr);
      cairo_set_dash(cr, nullptr, 0, 0);
      break;
    }
    case StyleLayerType::Circle: {
      OGRPoint at;
      if (!anchorOf(*g, at)) break;
      const Rgba c = colour(layer, "circle-color", props, pal, {0, 0, 0, 1});
      cairo_new_path(cr);
      cairo_arc(cr, px.x(at.getX()), px.y(at.getY()), number(layer, "circle-radius", props, pal, 4) * s, 0, 2 * M_PI);
      cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a * number(layer, "circle-opacity", props, pal, 1));
      cairo_fill_preserve(cr);
      const Rgba o = colour(layer, "circle-stroke-color", props, pal, {1, 1, 1, 1});
      cairo_set_source_rgba(cr, o.r, o.g, o.b, o.a);
      cairo_set_line_width(cr, number(layer, "circle-stroke-width", props, pal, 1) * s);
      cairo_stroke(cr);
      break;
    }
    case StyleLayerType::Symbol: {
      OGRPoint at;
      if (!anchorOf(*g, at)) break;
      // Icons draw where their feature is, under every label, never hidden by collisions.
      if (const Expression* icon = layer.property("icon-image")) {
        const nlohmann::json name = icon->evaluate(props, pal);
        if (name.is_string()) {
          if (!style_.icons.has(name.get<std::string>()) && !name.get<std::string>().empty())
            throw UserError("style layer '" + layer.id + "': no icon '" + name.get<std::string>() + "' in the style's icons");
          style_.icons.draw(cr, name.get<std::string>(), px.x(at.getX()), px.y(at.getY()),
                            16 * number(layer, "icon-size", props, pal, 1) * s);
        }
      }
      const Expression* text = layer.property("text-field");
      if (!text) break;
      const nlohmann::json t = text->evaluate(props, pal);
      if (!t.is_string() || t.get<std::string>().empty()) break;
      const double size = number(layer, "text-size", props, pal, 12) * s;
      double dx = 0, dy = 0;  // text-offset, in ems as in MapLibre
      if (const Expression* off = layer.property("text-offset")) {
        const nlohmann::json o = off->evaluate(props, pal);
        if (o.is_array() && o.size() == 2) dx = o[0].get<double>() * size, dy = o[1].get<double>() * size;
      }
      labels.push_back({number(layer, "symbol-sort-key", props, pal, 0), px.x(at.getX()) + dx, px.y(at.getY()) + dy,
                        t.get<std::string>(), size, colour(layer, "text-color", props, pal, {0.1, 0.1, 0.1, 1}),
                        colour(layer, "text-halo-color", props, pal, {1, 1, 1, 1}),
                        number(layer, "text-halo-width", props, pal, 1.5) * s});
      break;
    }
  }
}

void Renderer::drawLayer(cairo_t* cr, const MapView& view, const StyleLayer& layer, std::vector<PendingLabel>& labels,
                         std::map<std::string, ViewFeatures>& read) {
  auto it = read.find(layer.source);
  if (it == read.end()) {
    library::Table table = library::openTable(*library_, layer.source);  // split tables read as one
    if (!table || !table->GetSpatialRef()) return;  // a layer the library does not hold draws nothing
    it = read.try_emplace(layer.source, *table, toView(*table->GetSpatialRef(), view), view).first;
  }
  const bool clipped = layer.type == StyleLayerType::Fill || layer.type == StyleLayerType::Line;
  for (ViewFeatures::Feature& f : it->second.features()) {
    if (!Style::matches(layer.filter, f.properties)) continue;
    const OGRGeometry* g = clipped ? it->second.drawable(f) : f.geometry.get();
    if (g) drawFeature(cr, view, layer, f.properties, *g, labels);
  }
}

std::vector<LabelBox> Renderer::render(cairo_t* cr, const MapView& view) {
  const double zoom = view.zoom();
  std::vector<PendingLabel> labels;
  std::map<std::string, ViewFeatures> read;  // each source table read once per view
  for (const StyleLayer& layer : style_.layers) {
    if (!layer.visible || zoom < layer.minzoom || zoom >= layer.maxzoom) continue;
    std::vector<PendingLabel> mine;
    drawLayer(cr, view, layer, mine, read);
    // Within a layer, lower sort keys first; earlier layers before later ones.
    std::stable_sort(mine.begin(), mine.end(), [](const auto& a, const auto& b) { return a.priority < b.priority; });
    labels.insert(labels.end(), mine.begin(), mine.end());
  }
  LabelPlacer placer(view.width, view.height, 2, view.labelInset);
  PangoLayoutPtr layout(pango_cairo_create_layout(cr));
  for (const PendingLabel& l : labels) {
    int w = 0, h = 0;
    shapeLabel(layout.get(), l, w, h);
    const double x = l.x - w / 2.0, y = l.y - h / 2.0;
    if (placer.place({x, y, x + w, y + h, l.text})) drawLabel(cr, layout.get(), l, x, y);
  }
  return placer.placed();
}

void Renderer::drawLegendSymbol(cairo_t* cr, const StyleLayer& layer, const FeatureProperties& props, double x, double y,
                                double w, double h, double scaleFactor) const {
  // A view whose world is the box itself, y up, one unit per point.
  MapView box;
  box.width = static_cast<int>(std::ceil(w));
  box.maxX = box.width, box.maxY = h;
  box.scaleFactor = scaleFactor;
  box.snapHairlines = false;
  std::unique_ptr<OGRGeometry> g;
  switch (layer.type) {
    case StyleLayerType::Fill: {
      OGRLinearRing ring;
      for (auto [px, py] : {std::pair{0.0, 0.0}, {w, 0.0}, {w, h}, {0.0, h}, {0.0, 0.0}}) ring.addPoint(px, py);
      auto poly = std::make_unique<OGRPolygon>();
      poly->addRing(&ring);
      g = std::move(poly);
      break;
    }
    case StyleLayerType::Line: {
      auto line = std::make_unique<OGRLineString>();
      line->addPoint(0, h / 2);
      line->addPoint(w, h / 2);
      g = std::move(line);
      break;
    }
    default:
      g = std::make_unique<OGRPoint>(w / 2, h / 2);
  }
  std::vector<PendingLabel> labels;
  cairo_save(cr);
  cairo_translate(cr, x, y);
  drawFeature(cr, box, layer, props, *g, labels);
  PangoLayoutPtr layout(pango_cairo_create_layout(cr));
  for (const PendingLabel& l : labels) {
    int lw = 0, lh = 0;
    shapeLabel(layout.get(), l, lw, lh);
    drawLabel(cr, layout.get(), l, w / 2 - lw / 2.0, h / 2 - lh / 2.0);
  }
  cairo_restore(cr);
}

std::vector<LabelBox> Renderer::renderToFile(const std::filesystem::path& out, const MapView& view) {
  const std::string ext = out.extension().string();
  const std::string tmp = out.string() + ".tmp-" + std::to_string(getpid()) + ext;
  CairoSurfacePtr surface;
  MapView v = view;
  v.snapHairlines = ext == ".png";  // vector output keeps exact coordinates
  if (ext == ".png") surface.reset(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, view.width, view.height));
  else if (ext == ".pdf") surface.reset(cairo_pdf_surface_create(tmp.c_str(), view.width, view.height));
  else if (ext == ".svg") surface.reset(cairo_svg_surface_create(tmp.c_str(), view.width, view.height));
  else throw UserError(out.string() + ": the output must end in .png, .pdf or .svg");
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
    throw UserError(out.string() + ": cannot create: " + cairo_status_to_string(cairo_surface_status(surface.get())));
  std::vector<LabelBox> placed;
  {
    CairoPtr cr(cairo_create(surface.get()));
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_paint(cr.get());
    placed = render(cr.get(), v);
  }
  if (ext == ".png") {
    if (cairo_surface_write_to_png(surface.get(), tmp.c_str()) != CAIRO_STATUS_SUCCESS)
      throw std::runtime_error("cannot write " + tmp);
  }
  surface.reset();  // finishes the PDF or SVG
  std::filesystem::rename(tmp, out);
  return placed;
}

}  // namespace riskmap
