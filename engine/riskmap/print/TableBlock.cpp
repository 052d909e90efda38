#include "riskmap/print/TableBlock.hpp"

#include <algorithm>
#include <numeric>

namespace riskmap {
namespace {

struct Columns {
  std::vector<double> widths;
  double rowHeight = 0, swatch = 0;
  bool fits = false;
};

Columns measure(const PosterContext& c, const Table& t, double width) {
  Columns m;
  const double pad = 2.5 * c.mm;
  double textHeight = 0;
  m.widths.assign(t.columns.size(), 0);
  for (std::size_t k = 0; k < t.columns.size(); ++k) {
    const TextSize h = c.text.measure(t.columns[k].header, c.body());
    m.widths[k] = h.width;
    textHeight = std::max(textHeight, h.height);
    for (const auto& row : t.rows) m.widths[k] = std::max(m.widths[k], c.text.measure(row[k], c.body()).width);
  }
  m.swatch = t.swatches.empty() ? 0 : textHeight * 0.75;
  m.widths[0] += m.swatch ? m.swatch + pad / 2 : 0;
  for (double& w : m.widths) w += pad;
  const double total = std::accumulate(m.widths.begin(), m.widths.end(), 0.0);
  const auto flex = std::find_if(t.columns.begin(), t.columns.end(), [](const TableColumn& col) { return col.flexible; });
  if (flex != t.columns.end()) {
    // The flexible column gives up width down to four characters.
    const std::size_t k = static_cast<std::size_t>(flex - t.columns.begin());
    const double minimum = c.text.measure("国国国国", c.body()).width + pad;
    const double others = total - m.widths[k];
    m.fits = others + minimum <= width;
    m.widths[k] = std::max(minimum, width - others);
  } else {
    m.fits = total <= width;
    if (m.fits)
      for (double& w : m.widths) w += (width - total) / static_cast<double>(m.widths.size());  // slack shared out
  }
  m.rowHeight = textHeight * 1.45;
  return m;
}

void rule(cairo_t* cr, const PosterContext& c, double x0, double x1, double y, double weight) {
  const Rgba ink = c.textColour();
  cairo_set_source_rgba(cr, ink.r, ink.g, ink.b, ink.a);
  cairo_set_line_width(cr, weight * c.text.scale());
  cairo_move_to(cr, x0, y);
  cairo_line_to(cr, x1, y);
  cairo_stroke(cr);
}

}  // namespace

double tableHeight(const PosterContext& c, const Table& t, double width) {
  const Columns m = measure(c, t, width);
  if (!m.fits) return kDoesNotFit;
  return m.rowHeight * static_cast<double>(t.rows.size() + 1) + m.rowHeight * 0.3;
}

void drawTable(cairo_t* cr, const PosterContext& c, const Table& t, const Rect& r) {
  const Columns m = measure(c, t, r.w);
  const double pad = 2.5 * c.mm;
  const Rgba ink = c.textColour();
  auto cells = [&](const std::vector<std::string>& cells, double y, bool header, const Rgba* swatch) {
    double x = r.x;
    for (std::size_t k = 0; k < t.columns.size(); ++k) {
      const TableColumn& col = t.columns[k];
      double left = x + pad / 2, inner = m.widths[k] - pad;
      if (k == 0 && swatch) {
        cairo_rectangle(cr, left, y + (m.rowHeight - m.swatch) / 2, m.swatch, m.swatch);
        cairo_set_source_rgba(cr, swatch->r, swatch->g, swatch->b, swatch->a);
        cairo_fill(cr);
        left += m.swatch + pad / 2;
        inner -= m.swatch + pad / 2;
      }
      TextSpec spec = c.body(header ? Align::Centre : col.align);
      spec.bold = header;
      if (col.flexible) spec.clipWidth = inner;
      const double tx = spec.align == Align::Left ? left : spec.align == Align::Centre ? left + inner / 2 : left + inner;
      const double th = c.text.measure(cells[k], spec).height;
      c.text.draw(cr, cells[k], spec, tx, y + (m.rowHeight - th) / 2, ink);
      x += m.widths[k];
    }
  };
  cairo_save(cr);
  double y = r.y + m.rowHeight * 0.15;
  rule(cr, c, r.x, r.right(), y, 1.4);
  std::vector<std::string> headers;
  for (const TableColumn& col : t.columns) headers.push_back(col.header);
  cells(headers, y, true, nullptr);
  y += m.rowHeight;
  rule(cr, c, r.x, r.right(), y, 0.6);
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    if (t.lastRowIsTotal && i + 1 == t.rows.size()) rule(cr, c, r.x, r.right(), y, 0.4);
    cells(t.rows[i], y, false, i < t.swatches.size() ? &t.swatches[i] : nullptr);
    y += m.rowHeight;
  }
  rule(cr, c, r.x, r.right(), y, 1.4);
  cairo_restore(cr);
}

}  // namespace riskmap
