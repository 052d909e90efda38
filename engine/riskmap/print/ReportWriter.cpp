#include "riskmap/print/ReportWriter.hpp"

#include <cairo-pdf.h>

#include <algorithm>
#include <cmath>

#include "riskmap/core/Error.hpp"

namespace riskmap {
namespace {

constexpr double kMarginMm = 14;

}  // namespace

ReportWriter::ReportWriter(const std::filesystem::path& out, const Page& page, const PosterTemplate& tpl,
                           const PosterData& data, const Style& style, const Renderer& renderer,
                           const ReportOptions& options)
    : file_(out), page_(page), tpl_(tpl), data_(data), style_(style), renderer_(renderer), options_(options) {
  if (out.extension() != ".pdf") throw UserError(out.string() + ": a report is written as .pdf");
  context_ = mapContext({}, 0);
  surface_.reset(cairo_pdf_surface_create(file_.path().c_str(), page.width, page.height));
  if (cairo_surface_status(surface_.get()) != CAIRO_STATUS_SUCCESS)
    throw UserError(out.string() + ": cannot create: " + cairo_status_to_string(cairo_surface_status(surface_.get())));
  cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_TITLE, options.title.c_str());
  cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_CREATOR, "riskmap");
  cr_.reset(cairo_create(surface_.get()));
  const double margin = kMarginMm * kPointsPerMm;
  const double head = context_->text.measure("国", context_->body()).height * 2.2;
  body_ = {margin, margin + head, page.width - 2 * margin, page.height - 2 * margin - 2 * head};
}

ReportWriter::~ReportWriter() = default;

std::unique_ptr<PosterContext> ReportWriter::mapContext(const MapView& view, double scale) const {
  // Sizes in the template are for its reference paper; the report sets its body size directly.
  return std::make_unique<PosterContext>(PosterContext{tpl_, data_, style_, &renderer_, words_,
                                                       Typesetter(tpl_.font, options_.bodyPt / tpl_.panel.textSize),
                                                       kPointsPerMm, view, scale, {}});
}

double ReportWriter::gap() const { return context_->text.size(tpl_.panel.textSize) * 0.8; }

void ReportWriter::startPage() {
  if (pageOpen_) return;
  pageOpen_ = true;
  ++pageNumber_;
  y_ = body_.y;
  const PosterContext& c = *context_;
  const Rgba ink = c.textColour();
  const double margin = kMarginMm * kPointsPerMm;
  c.text.draw(cr_.get(), options_.title, c.body(), margin, margin, ink);
  c.text.draw(cr_.get(), std::to_string(pageNumber_), c.body(Align::Right), page_.width - margin,
              page_.height - margin - c.text.measure("0", c.body()).height, ink);
  cairo_save(cr_.get());
  cairo_set_source_rgba(cr_.get(), ink.r, ink.g, ink.b, ink.a);
  cairo_set_line_width(cr_.get(), 0.5);
  const double rule = body_.y - (body_.y - margin - c.text.measure("国", c.body()).height) / 2;
  cairo_move_to(cr_.get(), margin, rule);
  cairo_line_to(cr_.get(), page_.width - margin, rule);
  cairo_stroke(cr_.get());
  cairo_restore(cr_.get());
}

void ReportWriter::newPage() {
  if (pageOpen_) cairo_show_page(cr_.get());
  pageOpen_ = false;
  startPage();
}

void ReportWriter::need(double height) {
  startPage();
  if (y_ > body_.y && y_ + height > body_.bottom()) newPage();
}

void ReportWriter::heading(const std::string& text) {
  const PosterContext& c = *context_;
  const TextSpec spec{tpl_.panel.headingSize * 0.8, true, body_.w, 0, Align::Left};
  const double h = c.text.measure(text, spec).height;
  need(h * 4);  // a heading never ends a page alone
  c.text.draw(cr_.get(), text, spec, body_.x, y_, c.textColour());
  y_ += h + gap() * 0.5;
}

void ReportWriter::paragraph(const std::string& text, bool small) {
  const PosterContext& c = *context_;
  TextSpec spec = c.body();
  spec.wrapWidth = body_.w;
  if (small) spec.size *= 0.85;
  const double h = c.text.measure(text, spec).height;
  need(h);
  c.text.draw(cr_.get(), text, spec, body_.x, y_, c.textColour());
  y_ += h + gap() * 0.5;
}

void ReportWriter::table(const Table& t) {
  const PosterContext& c = *context_;
  Table one = t;
  one.rows.resize(std::min<std::size_t>(1, t.rows.size()));
  one.swatches.clear();
  // A table of n rows is (n + 1.3) row heights tall (TableBlock).
  const double rowHeight = tableHeight(c, one, body_.w) / (static_cast<double>(one.rows.size()) + 1.3);
  std::size_t next = 0;
  do {
    need(rowHeight * 3.3);
    const double room = body_.bottom() - y_;
    const auto fit = static_cast<std::size_t>(std::max(1.0, std::floor(room / rowHeight - 1.3)));
    Table part = t;
    const std::size_t end = std::min(t.rows.size(), next + fit);
    part.rows.assign(t.rows.begin() + static_cast<long>(next), t.rows.begin() + static_cast<long>(end));
    part.swatches.clear();
    for (std::size_t i = next; i < end && i < t.swatches.size(); ++i) part.swatches.push_back(t.swatches[i]);
    part.lastRowIsTotal = t.lastRowIsTotal && end == t.rows.size();
    const double h = rowHeight * (static_cast<double>(part.rows.size()) + 1.3);
    drawTable(cr_.get(), c, part, {body_.x, y_, body_.w, h});
    y_ += h + gap();
    next = end;
    if (next < t.rows.size()) newPage();
  } while (next < t.rows.size());
}

Rect ReportWriter::box(double height) {
  need(height);
  const Rect r{body_.x, y_, body_.w, std::min(height, body_.bottom() - y_)};
  y_ += r.h + gap();
  return r;
}

void ReportWriter::finish() {
  startPage();
  cairo_show_page(cr_.get());
  cr_.reset();
  cairo_surface_finish(surface_.get());
  const cairo_status_t status = cairo_surface_status(surface_.get());
  surface_.reset();
  if (status != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(file_.target().string() + ": " + cairo_status_to_string(status));
  file_.commit();
}

}  // namespace riskmap
