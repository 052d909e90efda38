#pragma once
// The parts of a poster. Each block measures itself for a width and draws
// itself into the rectangle the layout gives it; none knows where the
// others are, so the layout alone decides that nothing overlaps.
#include <cairo.h>

#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "riskmap/print/Legend.hpp"
#include "riskmap/print/PosterData.hpp"
#include "riskmap/print/PosterTemplate.hpp"
#include "riskmap/print/Typesetter.hpp"
#include "riskmap/render/MapView.hpp"
#include "riskmap/render/Renderer.hpp"

namespace riskmap {

struct Rect {
  double x = 0, y = 0, w = 0, h = 0;
  double right() const { return x + w; }
  double bottom() const { return y + h; }
  bool overlaps(const Rect& o) const { return x < o.right() && o.x < right() && y < o.bottom() && o.y < bottom(); }
  bool contains(const Rect& o) const {
    const double e = 1e-6;
    return o.x >= x - e && o.y >= y - e && o.right() <= right() + e && o.bottom() <= bottom() + e;
  }
};

// A height no rectangle has: the block cannot be laid out at this width.
constexpr double kDoesNotFit = std::numeric_limits<double>::infinity();

// The words of the title block and the notes, after the command line's overrides.
struct PosterWords {
  std::string title, subtitle, office, date, note;
};

// What blocks see: the template, the data, the fitted map and the text scale.
struct PosterContext {
  const PosterTemplate& tpl;
  const PosterData& data;
  const Style& style;
  const Renderer* renderer;  // draws legend symbols; null where no library map is drawn (the enterprise map)
  const PosterWords& words;
  Typesetter text;
  double mm = 0;        // points per template millimetre on this paper
  MapView view;         // the map as fitted
  double scale = 0;     // its denominator
  std::vector<LegendRow> legend;

  Rgba textColour() const { return parseColour(tpl.page.textColour); }
  Rgba ruleColour() const { return parseColour(tpl.page.ruleColour); }
  TextSpec body(Align a = Align::Left) const { return {tpl.panel.textSize, false, 0, 0, a}; }
  TextSpec heading() const { return {tpl.panel.headingSize, true, 0, 0, Align::Left}; }
};

class PosterBlock {
 public:
  virtual ~PosterBlock() = default;
  virtual double height(const PosterContext& c, double width) const = 0;
  virtual void draw(cairo_t* cr, const PosterContext& c, const Rect& r) const = 0;
};

// "locator", "legend", "scale", "statistics", "sources" (the template's panel.blocks).
std::unique_ptr<PosterBlock> makePanelBlock(const std::string& name);
std::unique_ptr<PosterBlock> makeTitleBlock();
std::unique_ptr<PosterBlock> makeNotesBlock();

// A panel block's heading and the space under it.
double headingHeight(const PosterContext& c);
void drawHeading(cairo_t* cr, const PosterContext& c, const std::string& text, const Rect& r);

}  // namespace riskmap
