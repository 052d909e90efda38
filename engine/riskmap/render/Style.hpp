#pragma once
// Map styles: a small declarative format whose property names follow the
// MapLibre style spec (fill-color, line-width, text-field, minzoom, ...),
// read from styles/*.json. docs/styles.md documents it.
#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "riskmap/regional/Palette.hpp"
#include "riskmap/render/Icons.hpp"

class OGRFeature;

namespace riskmap {

// One feature's attributes as the style's expressions see them.
using FeatureProperties = nlohmann::json;  // an object: field -> string or number

// Integers and reals as numbers, everything else as text; unset and null fields left out.
FeatureProperties propertiesOf(const OGRFeature& f);

struct Rgba {
  double r = 0, g = 0, b = 0, a = 1;
};

// Expressions: a literal, ["get", field], ["match", input, v1, out1, ..., default],
// ["palette", input] (the palette colour of a grade name), ["concat", ...];
// filters: ["==", field, v], ["!=", field, v], ["in", field, v...], ["all", ...], ["any", ...], ["has", field].
class Expression {
 public:
  explicit Expression(nlohmann::json spec = nullptr) : spec_(std::move(spec)) {}
  nlohmann::json evaluate(const FeatureProperties& f, const Palette& palette) const;
  bool isSet() const { return !spec_.is_null(); }
  const nlohmann::json& spec() const { return spec_; }

 private:
  nlohmann::json spec_;
};

enum class StyleLayerType { Fill, Line, Circle, Symbol };

// A legend row (the layer's metadata "riskmap:legend"): a feature with
// these properties drawn as a symbol, the `with` layers' symbols under it.
struct LegendItem {
  std::string label;
  FeatureProperties properties = nlohmann::json::object();
  std::vector<std::string> with;  // layer ids, e.g. a road's casing
};

struct StyleLayer {
  std::string id;
  StyleLayerType type;
  std::string source;  // table of the one library
  nlohmann::json filter;
  double minzoom = 0, maxzoom = 24;
  bool visible = true;  // layout "visibility": "none": not drawn by riskmap; in the QGIS project, unchecked
  // paint and layout properties by their MapLibre names
  std::map<std::string, Expression> properties;
  std::vector<LegendItem> legend;  // empty: not in legends
  bool legendGrades = false;       // "riskmap:legend": "grades": one row per palette grade, {grade: name}

  const Expression* property(const std::string& name) const;
};

struct Style {
  std::string name;
  std::vector<StyleLayer> layers;
  Palette palette;
  Icons icons;

  // Throws UserError naming the file, the layer and the property at fault.
  static Style load(const std::filesystem::path& file);

  // Draws table `to` wherever the style draws `from` (a scenario's
  // scenario_<name>_risk_zones in place of risk_zones).
  void renameSource(const std::string& from, const std::string& to);

  static bool matches(const nlohmann::json& filter, const FeatureProperties& f);
};

Rgba parseColour(const nlohmann::json& value);  // "#rrggbb", "#rrggbbaa", "rgb(r,g,b)", [r,g,b(,a)]

}  // namespace riskmap
