#include "riskmap/print/PosterTemplate.hpp"

#include <toml++/toml.h>

#include "riskmap/core/Error.hpp"
#include "riskmap/core/Files.hpp"
#include "riskmap/print/Paper.hpp"

namespace riskmap {
namespace {

class Keys {
 public:
  Keys(const toml::table& root, std::string file) : root_(root), file_(std::move(file)) {}

  const toml::node& at(const std::string& key) const {
    const toml::node_view<const toml::node> v = root_.at_path(key);
    if (!v) fail(key, "is missing");
    return *v.node();
  }
  std::string text(const std::string& key) const {
    const auto* s = at(key).as_string();
    if (!s) fail(key, "must be a string");
    return s->get();
  }
  double number(const std::string& key) const {
    const toml::node& n = at(key);
    if (!n.is_number()) fail(key, "must be a number");
    return n.value<double>().value();
  }
  double positive(const std::string& key) const {
    const double v = number(key);
    if (!(v > 0)) fail(key, "must be greater than 0");
    return v;
  }
  std::vector<std::string> texts(const std::string& key, std::size_t count = 0) const {
    const auto* arr = at(key).as_array();
    if (!arr) fail(key, "must be an array of strings");
    std::vector<std::string> out;
    for (const auto& item : *arr) {
      if (!item.is_string()) fail(key, "must be an array of strings");
      out.push_back(item.as_string()->get());
    }
    if (count && out.size() != count) fail(key, "must have " + std::to_string(count) + " entries");
    return out;
  }
  std::vector<double> numbers(const std::string& key) const {
    const auto* arr = at(key).as_array();
    if (!arr || arr->empty()) fail(key, "must be a non-empty array of numbers");
    std::vector<double> out;
    for (const auto& item : *arr) {
      if (!item.is_number() || !(item.value<double>().value() > 0)) fail(key, "must hold positive numbers");
      out.push_back(item.value<double>().value());
    }
    return out;
  }
  PanelPlacement placement(const std::string& key) const {
    PanelPlacement p{text(key + ".side"), number(key + ".size"), static_cast<int>(number(key + ".columns"))};
    if (p.side != "right" && p.side != "bottom") fail(key + ".side", "must be \"right\" or \"bottom\"");
    if (!(p.size > 0.05 && p.size < 0.6)) fail(key + ".size", "must be between 0.05 and 0.6");
    if (p.columns < 1 || p.columns > 6) fail(key + ".columns", "must be 1 to 6");
    return p;
  }

  [[noreturn]] void fail(const std::string& key, const std::string& what) const {
    throw UserError(file_ + ": key '" + key + "' " + what);
  }

 private:
  const toml::table& root_;
  std::string file_;
};

}  // namespace

PosterTemplate PosterTemplate::load(const std::filesystem::path& file) {
  const std::string name = file.string();
  toml::table root;
  try {
    root = toml::parse(readFile(file, "poster template"), name);
  } catch (const toml::parse_error& e) {
    throw UserError(name + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
  }
  const Keys k(root, name);
  PosterTemplate t;
  t.file = file;
  t.referencePaper = k.text("reference_paper");
  try {
    paperPage(t.referencePaper, Orientation::Portrait);
  } catch (const UserError&) {
    k.fail("reference_paper", "must be A0, A1, A2, A3 or A4");
  }
  t.font = k.text("font");
  t.textExponent = k.number("text_exponent");
  t.scales = k.numbers("scales");
  t.page = {k.positive("page.margin_mm"), k.positive("page.gap_mm"), k.positive("page.neatline_pt"),
            k.text("page.text_colour"), k.text("page.rule_colour")};
  t.title = {k.text("title.text"), k.positive("title.size_pt"), k.positive("title.subtitle_size_pt"),
             k.positive("title.byline_size_pt")};
  t.map.maskColour = k.text("map.mask_colour");
  t.map.outlineColour = k.text("map.outline_colour");
  t.map.maskOpacity = k.number("map.mask_opacity");
  if (t.map.maskOpacity < 0 || t.map.maskOpacity > 1) k.fail("map.mask_opacity", "must be between 0 and 1");
  t.map.outlinePt = k.positive("map.outline_pt");
  t.map.framePt = k.positive("map.frame_pt");
  t.map.tickMm = k.positive("map.tick_mm");
  t.map.tickLabelSize = k.positive("map.tick_label_size_pt");
  t.map.margin = k.number("map.margin");
  t.map.minTicks = static_cast<int>(k.positive("map.min_ticks"));
  t.panel.landscape = k.placement("panel.landscape");
  t.panel.portrait = k.placement("panel.portrait");
  t.panel.blocks = k.texts("panel.blocks");
  for (const std::string& b : t.panel.blocks)
    if (b != "locator" && b != "legend" && b != "scale" && b != "statistics" && b != "sources")
      k.fail("panel.blocks", "names an unknown block '" + b + "' (locator, legend, scale, statistics, sources)");
  t.panel.headingSize = k.positive("panel.heading_size_pt");
  t.panel.textSize = k.positive("panel.text_size_pt");
  t.panel.minTextScale = k.positive("panel.min_text_scale");
  t.locator = {k.text("locator.heading"), k.text("locator.fill"), k.text("locator.outline"),
               k.text("locator.highlight"), k.positive("locator.max_aspect"), k.positive("locator.max_width_mm")};
  const std::vector<double> swatch = k.numbers("legend.swatch_mm");
  if (swatch.size() != 2) k.fail("legend.swatch_mm", "must be [width, height]");
  t.legend = {k.text("legend.heading"), swatch[0], swatch[1]};
  t.scale = {k.text("scale.heading"), k.text("scale.prefix")};
  t.statistics = {k.text("statistics.heading"), k.text("statistics.total"), k.texts("statistics.columns", 4)};
  t.sources.heading = k.text("sources.heading");
  t.sources.kind = k.text("sources.kind");
  t.sources.figure = k.text("sources.figure");
  t.sources.limit = static_cast<int>(k.positive("sources.limit"));
  t.sources.columns = k.texts("sources.columns", 4);
  const toml::table* names = k.at("sources.grade_names").as_table();
  if (!names) k.fail("sources.grade_names", "must be a table of grade -> name");
  for (const auto& [grade, n] : *names) {
    if (!n.is_string()) k.fail("sources.grade_names." + std::string(grade.str()), "must be a string");
    t.sources.gradeNames[std::string(grade.str())] = n.as_string()->get();
  }
  t.notes = {k.positive("notes.size_pt"), k.text("notes.crs"), k.text("notes.data_date"), k.text("notes.office"),
             k.text("notes.date"), k.text("notes.cmyk"), k.text("notes.incomplete")};
  return t;
}

}  // namespace riskmap
