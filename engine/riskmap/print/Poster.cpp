#include "riskmap/print/Poster.hpp"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>

#include "riskmap/core/Error.hpp"
#include "riskmap/core/Files.hpp"
#include "riskmap/core/Progress.hpp"
#include "riskmap/print/MapFrame.hpp"
#include "riskmap/print/PngBandWriter.hpp"
#include "riskmap/print/PrintScale.hpp"

namespace riskmap {
namespace {

std::string replaceAll(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
  return s;
}

Rect inset(const Rect& r, double by) { return {r.x + by, r.y + by, r.w - 2 * by, r.h - 2 * by}; }

// How much larger this paper is than the template's reference paper (short sides).
double paperFactor(const PosterTemplate& t, const Page& page) {
  const Page reference = paperPage(t.referencePaper, Orientation::Portrait);
  return std::min(page.width, page.height) / reference.width;
}

}  // namespace

Poster::Poster(const Project& project, const PosterOptions& options, const PosterTemplate& tpl, const Style& style)
    : tpl_(tpl),
      style_(style),
      data_(PosterData::read(project, tpl, options.crs)),
      library_(project.library.open(GDAL_OF_VECTOR | GDAL_OF_READONLY)),
      renderer_(std::make_unique<Renderer>(project.library.gdalName(), style)),
      title_(makeTitleBlock()),
      notes_(makeNotesBlock()) {
  words_.title = options.title.empty() ? replaceAll(tpl.title.text, "{county}", project.name) : options.title;
  words_.subtitle = options.subtitle;
  words_.office = options.office.empty() ? project.poster.office : options.office;
  words_.date = options.date;
  words_.note = project.poster.note;
  for (const std::string& name : tpl.panel.blocks) blocks_.push_back(makePanelBlock(name));
  if (options.orientation != Orientation::Auto) {
    choose(paperPage(options.paper, options.orientation), layout_, context_);
    return;
  }
  // Auto: the orientation giving the larger scale; on a tie the one the study area fills better.
  PosterLayout portrait, landscape;
  std::unique_ptr<PosterContext> pc, lc;
  choose(paperPage(options.paper, Orientation::Portrait), portrait, pc);
  choose(paperPage(options.paper, Orientation::Landscape), landscape, lc);
  OGREnvelope e;
  data_.studyArea->getEnvelope(&e);
  auto fill = [&e](const PosterContext& c) {
    return std::min((e.MaxX - e.MinX) / (c.view.maxX - c.view.minX), (e.MaxY - e.MinY) / (c.view.maxY - c.view.minY));
  };
  const bool pickLandscape = lc->scale < pc->scale || (lc->scale == pc->scale && fill(*lc) >= fill(*pc));
  layout_ = pickLandscape ? landscape : portrait;
  context_ = std::move(pickLandscape ? lc : pc);
}

Poster::~Poster() = default;

void Poster::choose(const Page& page, PosterLayout& layout, std::unique_ptr<PosterContext>& context) {
  const PosterTemplate& t = tpl_;
  const double full = std::pow(paperFactor(t, page), t.textExponent);
  for (double s = full; s >= full * t.panel.minTextScale - 1e-9; s *= 0.94)
    if (layOut(page, s, layout, context)) return;
  throw UserError("poster: the template's panel (" + std::to_string(t.panel.blocks.size()) + " blocks) does not fit on " +
                  page.paper + (page.orientation == Orientation::Landscape ? " landscape" : " portrait") +
                  " even with text at " + std::to_string(static_cast<int>(t.panel.minTextScale * 100)) +
                  " %: choose a larger paper, the other orientation, or fewer blocks in " + t.file.string());
}

bool Poster::layOut(const Page& page, double textScale, PosterLayout& layout, std::unique_ptr<PosterContext>& context) {
  const PosterTemplate& t = tpl_;
  const double mm = kPointsPerMm * paperFactor(t, page);
  context = std::make_unique<PosterContext>(
      PosterContext{t, data_, style_, renderer_.get(), words_, Typesetter(t.font, textScale), mm, MapView(), 0, {}});
  PosterContext& c = *context;
  layout = PosterLayout{page, textScale, {}, {}, {}, {}, {}};

  const double margin = t.page.marginMm * mm, gap = t.page.gapMm * mm;
  const Rect content{margin, margin, page.width - 2 * margin, page.height - 2 * margin};
  const double titleHeight = title_->height(c, content.w), notesHeight = notes_->height(c, content.w);
  if (!std::isfinite(titleHeight) || !std::isfinite(notesHeight)) return false;
  layout.title = {content.x, content.y, content.w, titleHeight};
  layout.notes = {content.x, content.bottom() - notesHeight, content.w, notesHeight};
  const Rect body{content.x, layout.title.bottom() + gap, content.w, layout.notes.y - gap - (layout.title.bottom() + gap)};
  const PanelPlacement& place = page.width >= page.height ? t.panel.landscape : t.panel.portrait;
  Rect mapArea;
  if (place.side == "right") {
    layout.panel = {body.right() - body.w * place.size, body.y, body.w * place.size, body.h};
    mapArea = {body.x, body.y, body.w - layout.panel.w - gap, body.h};
  } else {
    layout.panel = {body.x, body.bottom() - body.h * place.size, body.w, body.h * place.size};
    mapArea = {body.x, body.y, body.w, body.h - layout.panel.h - gap};
  }

  // The frame: whole points (the map view counts in them), centred in its area.
  const Rect inner = inset(mapArea, tickBand(c));
  if (inner.w <= 0 || inner.h <= 0) return false;
  layout.map = {std::round(inner.x + (inner.w - std::floor(inner.w)) / 2), std::round(inner.y + (inner.h - std::floor(inner.h)) / 2),
                std::floor(inner.w), std::floor(inner.h)};
  OGREnvelope e;
  data_.studyArea->getEnvelope(&e);
  c.view = fitView(e, t.map.margin, layout.map, t.scales, data_.crs, c.scale);
  // The map's symbols and labels scale with the paper like the poster's
  // text (not with its shrinking to fit the panel).
  c.view.scaleFactor = std::pow(mm / kPointsPerMm, t.textExponent);
  c.legend = legendRows(style_, *library_, c.view);

  // Blocks flow down the panel's columns in template order.
  const double columnWidth = (layout.panel.w - (place.columns - 1) * gap) / place.columns;
  int column = 0;
  double y = layout.panel.y;
  for (std::size_t i = 0; i < blocks_.size(); ++i) {
    const double h = blocks_[i]->height(c, columnWidth);
    if (!std::isfinite(h) || h > layout.panel.h) return false;
    if (y + h > layout.panel.bottom()) {
      if (++column == place.columns) return false;
      y = layout.panel.y;
    }
    layout.blocks.push_back({t.panel.blocks[i], {layout.panel.x + column * (columnWidth + gap), y, columnWidth, h}});
    y += h + gap;
  }
  return true;
}

void Poster::draw(cairo_t* cr) {
  const PosterContext& c = *context_;
  const Page& page = layout_.page;
  cairo_save(cr);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, 0, 0, page.width, page.height);
  cairo_fill(cr);
  // The poster's double neatline, half a margin outside the content.
  const double margin = tpl_.page.marginMm * c.mm;
  const Rgba ink = c.textColour();
  cairo_set_source_rgba(cr, ink.r, ink.g, ink.b, ink.a);
  const Rect outer = inset({0, 0, page.width, page.height}, margin * 0.45);
  cairo_set_line_width(cr, tpl_.page.neatlinePt * c.text.scale());
  cairo_rectangle(cr, outer.x, outer.y, outer.w, outer.h);
  cairo_stroke(cr);
  const Rect innerLine = inset(outer, margin * 0.15);
  cairo_set_line_width(cr, 0.5 * c.text.scale());
  cairo_rectangle(cr, innerLine.x, innerLine.y, innerLine.w, innerLine.h);
  cairo_stroke(cr);
  cairo_restore(cr);

  title_->draw(cr, c, layout_.title);
  drawMapFrame(cr, c, *renderer_, layout_.map);
  for (std::size_t i = 0; i < blocks_.size(); ++i) blocks_[i]->draw(cr, c, layout_.blocks[i].second);
  notes_->draw(cr, c, layout_.notes);
}

void Poster::write(const std::filesystem::path& out, double dpi, std::size_t bandBytes, bool quiet) {
  const std::string ext = out.extension().string();
  const std::string tmp = out.string() + ".tmp-" + std::to_string(getpid()) + ext;
  removeStaleTemporaries(out);
  const Page& page = layout_.page;
  try {
    if (ext == ".pdf" || ext == ".svg") {
      CairoSurfacePtr surface(ext == ".pdf" ? cairo_pdf_surface_create(tmp.c_str(), page.width, page.height)
                                            : cairo_svg_surface_create(tmp.c_str(), page.width, page.height));
      if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
        throw UserError(out.string() + ": cannot create: " + cairo_status_to_string(cairo_surface_status(surface.get())));
      if (ext == ".pdf") {
        cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, words_.title.c_str());
        cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "riskmap poster");
      }
      {
        CairoPtr cr(cairo_create(surface.get()));
        draw(cr.get());
      }
      cairo_surface_finish(surface.get());
      if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error(out.string() + ": " + cairo_status_to_string(cairo_surface_status(surface.get())));
    } else if (ext == ".png") {
      if (!(dpi >= 10 && dpi <= 1200)) throw UserError("--dpi: " + std::to_string(dpi) + " is not between 10 and 1200");
      const double k = dpi / 72;
      const int width = static_cast<int>(std::ceil(page.width * k)), height = static_cast<int>(std::ceil(page.height * k));
      const int rows = static_cast<int>(std::clamp<std::size_t>(bandBytes / (4 * static_cast<std::size_t>(width)), 1, height));
      PngBandWriter png(tmp, width, height, dpi);
      Progress progress("poster " + std::to_string(width) + " x " + std::to_string(height) + " px, bands",
                        static_cast<std::uint64_t>((height + rows - 1) / rows), quiet);
      for (int top = 0; top < height; top += rows) {
        const int n = std::min(rows, height - top);
        CairoSurfacePtr band(cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, n));
        {
          CairoPtr cr(cairo_create(band.get()));
          cairo_translate(cr.get(), 0, -top);
          cairo_scale(cr.get(), k, k);
          draw(cr.get());
        }
        cairo_surface_flush(band.get());
        png.writeRows(cairo_image_surface_get_data(band.get()), cairo_image_surface_get_stride(band.get()), n);
        progress.advance(1);
      }
      png.finish();
      progress.finish();
    } else {
      throw UserError(out.string() + ": the poster must end in .pdf, .svg or .png");
    }
    std::filesystem::rename(tmp, out);
  } catch (const std::exception& e) {
    const auto full = diskFullReason(tmp, e.what());  // before the temporary gives its room back
    std::error_code ignored;
    std::filesystem::remove(tmp, ignored);
    if (full) throwIfDiskFull(out, *full);
    throw;
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(tmp, ignored);
    throw;
  }
}

}  // namespace riskmap
