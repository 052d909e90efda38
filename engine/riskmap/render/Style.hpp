#pragma once
// Map styles: MapLibre style spec version 8 documents (styles/default.json
// passes the official validator), of which riskmap draws the layer types,
// properties and expressions docs/styles.md lists; each layer's
// `source-layer` names a table of the one library. The older riskmap form
// (no version, `source` naming the table) is still read.
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

// Expressions (MapLibre's): literal, get, has, zoom, match, case, coalesce,
// step, interpolate (linear, exponential), concat, to-string, to-number,
// number-format, downcase, upcase, ==, !=, <, <=, >, >=, !, all, any, in; and
// "{field}" tokens. ["zoom"] reads the feature's "$zoom" (the renderer
// sets it). riskmap's own ["palette", grade] is reached through a layer's
// "riskmap:palette" metadata. Filters: these expressions, or the legacy
// ["==", field, v], ["in", field, v...], ["has", field] forms.
class Expression {
 public:
  explicit Expression(nlohmann::json spec = nullptr) : spec_(std::move(spec)) {}
  nlohmann::json evaluate(const FeatureProperties& f, const Palette& palette) const;
  bool isSet() const { return !spec_.is_null(); }
  // UserError "<at>: expression operator 'x' is not supported" for anything evaluate() does not know.
  static void check(const nlohmann::json& spec, const std::string& at);
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
