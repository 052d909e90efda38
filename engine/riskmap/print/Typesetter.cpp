#include "riskmap/print/Typesetter.hpp"

namespace riskmap {
namespace {

struct FontOptionsDeleter {
  void operator()(cairo_font_options_t* o) const { cairo_font_options_destroy(o); }
};

void unhinted(PangoContext* context) {
  std::unique_ptr<cairo_font_options_t, FontOptionsDeleter> options(cairo_font_options_create());
  cairo_font_options_set_hint_metrics(options.get(), CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options.get(), CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(context, options.get());
}

}  // namespace

Typesetter::Typesetter(std::string family, double scale)
    : family_(std::move(family)),
      scale_(scale),
      measuring_(pango_font_map_create_context(pango_cairo_font_map_get_default())) {
  unhinted(measuring_.get());
}

void Typesetter::setUp(PangoLayout* layout, const std::string& text, const TextSpec& spec) const {
  FontDescriptionPtr font(pango_font_description_from_string(family_.c_str()));
  pango_font_description_set_absolute_size(font.get(), size(spec.size) * PANGO_SCALE);
  if (spec.bold) pango_font_description_set_weight(font.get(), PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description(layout, font.get());
  if (spec.wrapWidth > 0) {
    pango_layout_set_width(layout, static_cast<int>(spec.wrapWidth * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
  } else if (spec.clipWidth > 0) {
    pango_layout_set_width(layout, static_cast<int>(spec.clipWidth * PANGO_SCALE));
    pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
  }
  pango_layout_set_text(layout, text.c_str(), -1);
}

TextSize Typesetter::measure(const std::string& text, const TextSpec& spec) const {
  PangoLayoutPtr layout(pango_layout_new(measuring_.get()));
  setUp(layout.get(), text, spec);
  PangoRectangle logical;
  pango_layout_get_extents(layout.get(), nullptr, &logical);
  return {static_cast<double>(logical.width) / PANGO_SCALE, static_cast<double>(logical.height) / PANGO_SCALE};
}

TextSize Typesetter::draw(cairo_t* cr, const std::string& text, const TextSpec& spec, double x, double y,
                          const Rgba& colour) const {
  PangoLayoutPtr layout(pango_cairo_create_layout(cr));
  unhinted(pango_layout_get_context(layout.get()));
  pango_layout_context_changed(layout.get());
  setUp(layout.get(), text, spec);
  PangoRectangle logical;
  pango_layout_get_extents(layout.get(), nullptr, &logical);
  const TextSize s{static_cast<double>(logical.width) / PANGO_SCALE, static_cast<double>(logical.height) / PANGO_SCALE};
  const double left = spec.align == Align::Left ? x : spec.align == Align::Centre ? x - s.width / 2 : x - s.width;
  cairo_save(cr);
  cairo_set_source_rgba(cr, colour.r, colour.g, colour.b, colour.a);
  // Logical extents may start left of the origin (x < 0) for some glyphs.
  cairo_move_to(cr, left - static_cast<double>(logical.x) / PANGO_SCALE, y - static_cast<double>(logical.y) / PANGO_SCALE);
  pango_cairo_show_layout(cr, layout.get());
  cairo_restore(cr);
  return s;
}

}  // namespace riskmap
