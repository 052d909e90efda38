#include "riskmap/print/PosterBlock.hpp"

#include "riskmap/core/Error.hpp"

namespace riskmap {

std::unique_ptr<PosterBlock> makeLocatorBlock();
std::unique_ptr<PosterBlock> makeLegendBlock();
std::unique_ptr<PosterBlock> makeScaleBlock();
std::unique_ptr<PosterBlock> makeStatisticsBlock();
std::unique_ptr<PosterBlock> makeSourcesBlock();

std::unique_ptr<PosterBlock> makePanelBlock(const std::string& name) {
  if (name == "locator") return makeLocatorBlock();
  if (name == "legend") return makeLegendBlock();
  if (name == "scale") return makeScaleBlock();
  if (name == "statistics") return makeStatisticsBlock();
  if (name == "sources") return makeSourcesBlock();
  throw UserError("poster template: unknown block '" + name + "'");
}

double headingHeight(const PosterContext& c) { return c.text.measure("图", c.heading()).height * 1.4; }

void drawHeading(cairo_t* cr, const PosterContext& c, const std::string& text, const Rect& r) {
  c.text.draw(cr, text, c.heading(), r.x, r.y, c.textColour());
  const double y = r.y + c.text.measure("图", c.heading()).height * 1.15;
  cairo_save(cr);
  const Rgba rule = c.ruleColour();
  cairo_set_source_rgba(cr, rule.r, rule.g, rule.b, rule.a);
  cairo_set_line_width(cr, 0.6 * c.text.scale());
  cairo_move_to(cr, r.x, y);
  cairo_line_to(cr, r.right(), y);
  cairo_stroke(cr);
  cairo_restore(cr);
}

}  // namespace riskmap
