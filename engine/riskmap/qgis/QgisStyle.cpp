#include "riskmap/qgis/QgisStyle.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

#include "riskmap/regional/RiskGrade.hpp"

namespace riskmap::qgis {
namespace {

using json = nlohmann::json;

// Scale denominator of web-map zoom z (256-pixel tiles, 0.28 mm pixels: the OGC/Google convention).
constexpr double kZoom0Denominator = 559082264.028717;
double denominatorAt(double zoom) { return kZoom0Denominator / std::pow(2.0, zoom); }

const char* kFont = "Noto Sans CJK SC";  // the font riskmap's own renderer shapes Chinese with (fonts-noto-cjk)

std::string number(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%g", v);
  return b;
}

// A rule of the table's style: one style layer for one value of its data-driven field.
struct Variant {
  const StyleLayer* layer;
  json filter;                     // the layer's filter and the value's condition
  FeatureProperties properties;    // what the layer's expressions see
  std::string label;
};

// The field a layer's colours or sizes depend on, and its values.
struct DataDriven {
  std::string field;
  std::vector<json> values;
  bool palette = false;
};

void findDataDriven(const json& e, DataDriven& d) {
  if (!e.is_array() || e.empty()) return;
  const bool isGet = e.size() >= 2 && e[1].is_array() && e[1].size() == 2 && e[1][0] == "get" && e[1][1].is_string();
  if (e[0] == "match" && isGet && (d.field.empty() || d.field == e[1][1])) {
    d.field = e[1][1].get<std::string>();
    for (std::size_t i = 2; i + 1 < e.size(); i += 2) {
      const auto& labels = e[i].is_array() ? e[i] : json::array({e[i]});
      for (const auto& v : labels)
        if (std::find(d.values.begin(), d.values.end(), v) == d.values.end()) d.values.push_back(v);
    }
  } else if (e[0] == "palette" && isGet) {
    d.field = e[1][1].get<std::string>();
    d.palette = true;
  }
  for (const auto& sub : e) findDataDriven(sub, d);
}

// A MapLibre expression filter in the shapes styles/default.json uses
// (["==", ["get", f], v], ["in", ["get", f], ["literal", [...]]],
// ["!", ...] of those, all/any, has), turned into the field-first form the
// QGIS and OGC translations below read. Other expressions are left as they
// are, and translate to no condition.
json fieldFirst(const json& f) {
  if (!f.is_array() || f.empty() || !f[0].is_string()) return f;
  const std::string op = f[0];
  auto field = [](const json& e) -> std::optional<json> {
    if (e.is_array() && e.size() == 2 && e[0] == "get" && e[1].is_string()) return e[1];
    return std::nullopt;
  };
  if (op == "all" || op == "any") {
    json out = json::array({op});
    for (std::size_t i = 1; i < f.size(); ++i) out.push_back(fieldFirst(f[i]));
    return out;
  }
  if ((op == "==" || op == "!=") && f.size() == 3)
    if (auto k = field(f[1])) return json::array({op, *k, f[2]});
  if (op == "in" && f.size() == 3)
    if (auto k = field(f[1]); k && f[2].is_array() && f[2].size() == 2 && f[2][0] == "literal" && f[2][1].is_array()) {
      json out = json::array({"in", *k});
      for (const json& v : f[2][1]) out.push_back(v);
      return out;
    }
  if (op == "!" && f.size() == 2) {
    json inner = fieldFirst(f[1]);
    if (inner.is_array() && !inner.empty() && inner[0] == "in") {
      inner[0] = "!in";
      return inner;
    }
    if (inner.is_array() && inner.size() == 3 && inner[0] == "==") return json::array({"!=", inner[1], inner[2]});
  }
  return f;
}

json both(const json& a, const json& b) {
  if (a.is_null()) return b;
  return json::array({"all", a, b});
}

std::string text(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

std::vector<Variant> variantsOf(const StyleLayer& layer, const Palette& palette) {
  const json filter = fieldFirst(layer.filter);
  DataDriven d;
  for (const auto& [name, e] : layer.properties)
    if (name != "symbol-sort-key" && name != "text-field") findDataDriven(e.spec(), d);
  std::vector<Variant> out;
  if (d.field.empty()) {
    out.push_back({&layer, filter, json::object(), layer.legend.size() == 1 ? layer.legend[0].label : layer.id});
    return out;
  }
  if (d.palette) {
    for (RiskGrade g : {RiskGrade::Major, RiskGrade::High, RiskGrade::Moderate, RiskGrade::Low}) {
      const json v = riskGradeName(g);
      out.push_back({&layer, both(filter, json::array({"==", d.field, v})), json{{d.field, v}}, palette[g].name});
    }
    return out;
  }
  for (const json& v : d.values) {
    std::string label = layer.id + ": " + text(v);
    for (const LegendItem& item : layer.legend)
      if (item.properties.contains(d.field) && item.properties[d.field] == v) label = item.label;
    out.push_back({&layer, both(filter, json::array({"==", d.field, v})), json{{d.field, v}}, label});
  }
  json others = json::array({"!in", d.field});
  for (const json& v : d.values) others.push_back(v);
  out.push_back({&layer, both(filter, others), json::object(), layer.id});
  return out;
}

// --- filters as QGIS expressions and OGC filters ---

std::string qgisLiteral(const json& v) {
  if (v.is_number()) return v.dump();
  std::string s = text(v), out = "'";
  for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

std::string qgisField(const json& f) { return "\"" + text(f) + "\""; }

std::string qgisExpression(const json& f) {
  if (!f.is_array() || f.empty()) return "";
  const std::string op = f[0].get<std::string>();
  if (op == "all" || op == "any") {
    std::string out;
    for (std::size_t i = 1; i < f.size(); ++i) {
      const std::string part = qgisExpression(f[i]);
      if (part.empty()) continue;
      out += (out.empty() ? "" : op == "all" ? " AND " : " OR ") + ("(" + part + ")");
    }
    return out;
  }
  if (op == "has") return qgisField(f[1]) + " IS NOT NULL";
  if (op == "==") return qgisField(f[1]) + " = " + qgisLiteral(f[2]);
  if (op == "!=") return qgisField(f[1]) + " IS NULL OR " + qgisField(f[1]) + " <> " + qgisLiteral(f[2]);
  std::string list;
  for (std::size_t i = 2; i < f.size(); ++i) list += (i > 2 ? ", " : "") + qgisLiteral(f[i]);
  if (op == "in") return qgisField(f[1]) + " IN (" + list + ")";
  if (op == "!in") return qgisField(f[1]) + " IS NULL OR " + qgisField(f[1]) + " NOT IN (" + list + ")";
  return "";
}

std::string ogcEqual(const json& field, const json& v) {
  return "<ogc:PropertyIsEqualTo><ogc:PropertyName>" + xmlEscape(text(field)) + "</ogc:PropertyName><ogc:Literal>" +
         xmlEscape(text(v)) + "</ogc:Literal></ogc:PropertyIsEqualTo>";
}

std::string ogcFilter(const json& f) {
  if (!f.is_array() || f.empty()) return "";
  const std::string op = f[0].get<std::string>();
  auto group = [](const std::string& tag, const std::vector<std::string>& parts) {
    if (parts.size() == 1) return parts[0];
    std::string out = "<ogc:" + tag + ">";
    for (const auto& p : parts) out += p;
    return out + "</ogc:" + tag + ">";
  };
  if (op == "all" || op == "any") {
    std::vector<std::string> parts;
    for (std::size_t i = 1; i < f.size(); ++i)
      if (std::string p = ogcFilter(f[i]); !p.empty()) parts.push_back(p);
    return group(op == "all" ? "And" : "Or", parts);
  }
  if (op == "has")
    return "<ogc:Not><ogc:PropertyIsNull><ogc:PropertyName>" + xmlEscape(text(f[1])) +
           "</ogc:PropertyName></ogc:PropertyIsNull></ogc:Not>";
  if (op == "==") return ogcEqual(f[1], f[2]);
  if (op == "!=") return "<ogc:Not>" + ogcEqual(f[1], f[2]) + "</ogc:Not>";
  std::vector<std::string> equals;
  for (std::size_t i = 2; i < f.size(); ++i) equals.push_back(ogcEqual(f[1], f[i]));
  if (op == "in") return group("Or", equals);
  if (op == "!in") return "<ogc:Not>" + group("Or", equals) + "</ogc:Not>";
  return "";
}

// --- the look of one variant ---

struct Look {
  const Variant& v;
  const Palette& palette;
  json get(const char* name) const {
    const Expression* e = v.layer->property(name);
    return e ? e->evaluate(v.properties, palette) : json();
  }
  double num(const char* name, double fallback) const {
    const json j = get(name);
    return j.is_number() ? j.get<double>() : fallback;
  }
  bool has(const char* name) const {
    const json j = get(name);
    return !j.is_null() && !(j.is_string() && j.get<std::string>().empty());
  }
  Rgba colour(const char* name, const char* opacity = nullptr) const {
    Rgba c = parseColour(get(name));
    if (opacity) c.a *= num(opacity, 1);
    return c;
  }
};

std::string qgisColour(const Rgba& c) {
  auto b = [](double x) { return std::to_string(static_cast<int>(std::lround(std::clamp(x, 0.0, 1.0) * 255))); };
  return b(c.r) + "," + b(c.g) + "," + b(c.b) + "," + b(c.a);
}

std::string hex(const Rgba& c) {
  char b[8];
  auto v = [](double x) { return static_cast<int>(std::lround(std::clamp(x, 0.0, 1.0) * 255)); };
  std::snprintf(b, sizeof b, "#%02x%02x%02x", v(c.r), v(c.g), v(c.b));
  return b;
}

std::string prop(const std::string& k, const std::string& v) { return "<prop k=\"" + k + "\" v=\"" + xmlEscape(v) + "\"/>"; }

// QGIS's SimpleFill brush for riskmap's hatch patterns (docs/styles.md), and GeoServer's shape:// mark for SLD.
std::string qgisBrush(const std::string& pattern) {
  if (pattern == "crosshatch") return "diagonal_x";
  if (pattern == "hatch-dense") return "dense4";
  return "b_diagonal";
}
std::string sldMark(const std::string& pattern) { return pattern == "crosshatch" ? "shape://times" : "shape://slash"; }

std::string qgisSymbol(const Look& l, GeometryFamily family, int index) {
  const std::string head = "<layer enabled=\"1\" locked=\"0\" pass=\"" + std::to_string(index) + "\" class=\"";
  const StyleLayerType type = l.v.layer->type;
  std::string kind, body;
  if (type == StyleLayerType::Fill) {
    kind = "fill";
    const std::string pattern = l.has("fill-pattern") ? text(l.get("fill-pattern")) : "";
    const bool solid = l.has("fill-color");
    const Rgba outline = l.has("fill-outline-color") ? l.colour("fill-outline-color") : Rgba{0, 0, 0, 0};
    body = head + "SimpleFill\">" +
           prop("color", qgisColour(solid ? l.colour("fill-color", "fill-opacity") : outline)) +
           prop("style", solid ? "solid" : pattern.empty() ? "no" : qgisBrush(pattern)) +
           prop("outline_color", qgisColour(outline)) +
           prop("outline_style", l.has("fill-outline-color") ? "solid" : "no") + prop("outline_width", "1") +
           prop("outline_width_unit", "Pixel") + "</layer>";
  } else if (type == StyleLayerType::Line) {
    kind = family == GeometryFamily::Polygons ? "fill" : "line";
    const double width = l.num("line-width", 1);
    std::string dash;
    if (const json d = l.get("line-dasharray"); d.is_array() && d.size() >= 2 && !(d.size() == 2 && d[1] == 0))
      for (const auto& x : d) dash += (dash.empty() ? "" : ";") + number(x.get<double>() * width);
    body = head + "SimpleLine\">" + prop("line_color", qgisColour(l.colour("line-color", "line-opacity"))) +
           prop("line_width", number(width)) + prop("line_width_unit", "Pixel") + prop("line_style", "solid") +
           prop("capstyle", "round") + prop("joinstyle", "round") + prop("use_custom_dash", dash.empty() ? "0" : "1") +
           prop("customdash", dash.empty() ? "5;2" : dash) + prop("customdash_unit", "Pixel") + "</layer>";
  } else {
    kind = "marker";
    const bool stroke = l.num("circle-stroke-width", 0) > 0;
    body = "<layer enabled=\"1\" locked=\"0\" pass=\"" + std::to_string(index) + "\" class=\"SimpleMarker\">" + prop("name", "circle") +
           prop("color", qgisColour(l.colour("circle-color", "circle-opacity"))) +
           prop("outline_color", qgisColour(stroke ? l.colour("circle-stroke-color", "circle-opacity") : Rgba{0, 0, 0, 1})) +
           prop("outline_style", stroke ? "solid" : "no") + prop("outline_width", number(l.num("circle-stroke-width", 0))) +
           prop("outline_width_unit", "Pixel") + prop("size", number(2 * l.num("circle-radius", 5))) +
           prop("size_unit", "Pixel") + "</layer>";
    // riskmap draws a circle at a polygon's centroid and a line's midpoint: so does QGIS.
    if (family != GeometryFamily::Points) {
      const std::string marker = "<symbol type=\"marker\" name=\"@" + std::to_string(index) +
                                 "@0\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">" + body + "</symbol>";
      kind = family == GeometryFamily::Polygons ? "fill" : "line";
      body = head + (family == GeometryFamily::Polygons
                         ? "CentroidFill\">" + prop("point_on_surface", "0") + prop("point_on_all_parts", "0")
                         : "MarkerLine\">" + prop("placement", "centralpoint")) +
             marker + "</layer>";
    }
  }
  return "<symbol type=\"" + kind + "\" name=\"" + std::to_string(index) +
         "\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">" + body + "</symbol>";
}

std::string sldStroke(const Rgba& c, double width, const std::string& dash = "") {
  return "<se:Stroke><se:SvgParameter name=\"stroke\">" + hex(c) + "</se:SvgParameter>"
         "<se:SvgParameter name=\"stroke-opacity\">" + number(c.a) + "</se:SvgParameter>"
         "<se:SvgParameter name=\"stroke-width\">" + number(width) + "</se:SvgParameter>" +
         (dash.empty() ? "" : "<se:SvgParameter name=\"stroke-dasharray\">" + dash + "</se:SvgParameter>") + "</se:Stroke>";
}

std::string sldFill(const Rgba& c) {
  return "<se:Fill><se:SvgParameter name=\"fill\">" + hex(c) + "</se:SvgParameter><se:SvgParameter name=\"fill-opacity\">" +
         number(c.a) + "</se:SvgParameter></se:Fill>";
}

std::string sldSymbolizer(const Look& l) {
  switch (l.v.layer->type) {
    case StyleLayerType::Fill: {
      const std::string pattern = l.has("fill-pattern") ? text(l.get("fill-pattern")) : "";
      const Rgba outline = l.colour("fill-outline-color");
      std::string fill;
      if (l.has("fill-color")) fill = sldFill(l.colour("fill-color", "fill-opacity"));
      else if (!pattern.empty())
        fill = "<se:Fill><se:GraphicFill><se:Graphic><se:Mark><se:WellKnownName>" + sldMark(pattern) +
               "</se:WellKnownName>" + sldStroke(outline, 1) + "</se:Mark><se:Size>8</se:Size></se:Graphic></se:GraphicFill></se:Fill>";
      return "<se:PolygonSymbolizer>" + fill + (l.has("fill-outline-color") ? sldStroke(outline, 1) : "") +
             "</se:PolygonSymbolizer>";
    }
    case StyleLayerType::Line: {
      const double width = l.num("line-width", 1);
      std::string dash;
      if (const json d = l.get("line-dasharray"); d.is_array() && d.size() >= 2 && !(d.size() == 2 && d[1] == 0))
        for (const auto& x : d) dash += (dash.empty() ? "" : " ") + number(x.get<double>() * width);
      return "<se:LineSymbolizer>" + sldStroke(l.colour("line-color", "line-opacity"), width, dash) + "</se:LineSymbolizer>";
    }
    case StyleLayerType::Circle: {
      const double stroke = l.num("circle-stroke-width", 0);
      return "<se:PointSymbolizer><se:Graphic><se:Mark><se:WellKnownName>circle</se:WellKnownName>" +
             sldFill(l.colour("circle-color", "circle-opacity")) +
             (stroke > 0 ? sldStroke(l.colour("circle-stroke-color"), stroke) : "") + "</se:Mark><se:Size>" +
             number(2 * l.num("circle-radius", 5)) + "</se:Size></se:Graphic></se:PointSymbolizer>";
    }
    case StyleLayerType::Symbol: {
      std::string field = l.v.layer->property("text-field") ? text(l.v.layer->property("text-field")->spec()) : "";
      if (field.size() > 2 && field.front() == '{' && field.back() == '}') field = field.substr(1, field.size() - 2);
      return "<se:TextSymbolizer><se:Label><ogc:PropertyName>" + xmlEscape(field) + "</ogc:PropertyName></se:Label>"
             "<se:Font><se:SvgParameter name=\"font-family\">" + std::string(kFont) + "</se:SvgParameter>"
             "<se:SvgParameter name=\"font-size\">" + number(l.num("text-size", 12)) + "</se:SvgParameter></se:Font>" +
             (l.has("text-halo-color")
                  ? "<se:Halo><se:Radius>" + number(l.num("text-halo-width", 1)) + "</se:Radius>" +
                        sldFill(l.colour("text-halo-color")) + "</se:Halo>"
                  : "") +
             sldFill(l.colour("text-color")) + "</se:TextSymbolizer>";
    }
  }
  return "";
}

// "{name}" -> name; a longer template -> a QGIS concat() expression.
std::pair<std::string, bool> labelField(const std::string& templ) {
  if (templ.size() > 2 && templ.front() == '{' && templ.back() == '}' && templ.find('{', 1) == std::string::npos)
    return {templ.substr(1, templ.size() - 2), false};
  std::string expr = "concat(";
  bool first = true;
  for (std::size_t i = 0; i < templ.size();) {
    const std::size_t open = templ.find('{', i);
    const std::string literal = templ.substr(i, open == std::string::npos ? std::string::npos : open - i);
    if (!literal.empty()) expr += (first ? "" : ", ") + qgisLiteral(literal), first = false;
    if (open == std::string::npos) break;
    const std::size_t close = templ.find('}', open);
    expr += (first ? "" : ", ") + qgisField(templ.substr(open + 1, close - open - 1));
    first = false;
    i = close + 1;
  }
  return {expr + ")", true};
}

std::string qgisLabelRule(const Look& l, int index) {
  const auto [field, isExpression] = labelField(text(l.v.layer->property("text-field")->spec()));
  const std::string halo = l.has("text-halo-color")
                               ? "<text-buffer bufferDraw=\"1\" bufferSize=\"" + number(l.num("text-halo-width", 1)) +
                                     "\" bufferSizeUnits=\"Pixel\" bufferColor=\"" + qgisColour(l.colour("text-halo-color")) +
                                     "\" bufferOpacity=\"1\" bufferNoFill=\"1\" bufferJoinStyle=\"128\" bufferBlendMode=\"0\"/>"
                               : "";
  const double offset = [&] {
    const json o = l.get("text-offset");
    return o.is_array() && o.size() == 2 ? o[1].get<double>() * l.num("text-size", 12) : 0.0;
  }();
  return "<rule key=\"{label-" + std::to_string(index) + "}\" description=\"" + xmlEscape(l.v.layer->id) + "\"" +
         (l.v.filter.is_null() ? "" : " filter=\"" + xmlEscape(qgisExpression(l.v.filter)) + "\"") +
         (l.v.layer->minzoom > 0 ? " scalemaxdenom=\"" + number(denominatorAt(l.v.layer->minzoom)) + "\"" : "") +
         (l.v.layer->maxzoom < 24 ? " scalemindenom=\"" + number(denominatorAt(l.v.layer->maxzoom)) + "\"" : "") +
         "><settings calloutType=\"simple\"><text-style fieldName=\"" + xmlEscape(field) + "\" isExpression=\"" +
         (isExpression ? "1" : "0") + "\" fontFamily=\"" + kFont + "\" fontSize=\"" + number(l.num("text-size", 12)) +
         "\" fontSizeUnit=\"Pixel\" textColor=\"" + qgisColour(l.colour("text-color")) +
         "\" textOpacity=\"1\" fontWeight=\"50\" namedStyle=\"Regular\" multilineHeight=\"1\" allowHtml=\"0\">" + halo +
         "</text-style><placement placement=\"" + (offset != 0 ? "1" : "0") + "\" dist=\"" + number(offset / 2) +
         "\" distUnits=\"Pixel\" offsetType=\"0\" quadOffset=\"4\"/>"
         "<rendering obstacle=\"1\" drawLabels=\"1\" displayAll=\"0\" upsidedownLabels=\"0\" labelPerPart=\"0\"/>"
         "</settings></rule>";
}

}  // namespace

std::string xmlEscape(const std::string& s) {
  std::string out;
  for (char c : s) switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  return out;
}

GeometryFamily familyOf(OGRwkbGeometryType type) {
  const OGRwkbGeometryType flat = wkbFlatten(type);
  if (flat == wkbPoint || flat == wkbMultiPoint) return GeometryFamily::Points;
  if (flat == wkbLineString || flat == wkbMultiLineString) return GeometryFamily::Lines;
  return GeometryFamily::Polygons;
}

std::vector<const StyleLayer*> layersDrawing(const Style& style, const std::string& table, GeometryFamily family) {
  std::vector<const StyleLayer*> out;
  for (const StyleLayer& l : style.layers) {
    if (l.source != table) continue;
    const bool fits = l.type == StyleLayerType::Symbol ? l.property("text-field") != nullptr
                      : l.type == StyleLayerType::Fill  ? family == GeometryFamily::Polygons
                      : l.type == StyleLayerType::Line  ? family != GeometryFamily::Points
                                                        : true;  // circles: at a polygon's centroid, a line's midpoint
    if (fits) out.push_back(&l);
  }
  return out;
}

TableStyle tableStyle(const Style& style, const std::vector<const StyleLayer*>& layers, GeometryFamily family,
                      const std::string& name) {
  std::string rules, symbols, labels, sldRules;
  int index = 0, labelIndex = 0;
  for (const StyleLayer* layer : layers)
    for (const Variant& v : variantsOf(*layer, style.palette)) {
      const Look look{v, style.palette};
      const std::string scales =
          (layer->minzoom > 0 ? " scalemaxdenom=\"" + number(denominatorAt(layer->minzoom)) + "\"" : "") +
          (layer->maxzoom < 24 ? " scalemindenom=\"" + number(denominatorAt(layer->maxzoom)) + "\"" : "");
      const std::string sldScales =
          (layer->maxzoom < 24 ? "<se:MinScaleDenominator>" + number(denominatorAt(layer->maxzoom)) + "</se:MinScaleDenominator>" : "") +
          (layer->minzoom > 0 ? "<se:MaxScaleDenominator>" + number(denominatorAt(layer->minzoom)) + "</se:MaxScaleDenominator>" : "");
      const std::string filter = ogcFilter(v.filter);
      sldRules += "<se:Rule><se:Name>" + xmlEscape(v.label) + "</se:Name><se:Description><se:Title>" + xmlEscape(v.label) +
                  "</se:Title></se:Description>" + (filter.empty() ? "" : "<ogc:Filter>" + filter + "</ogc:Filter>") +
                  sldScales + sldSymbolizer(look) + "</se:Rule>";
      if (layer->type == StyleLayerType::Symbol) {
        labels += qgisLabelRule(look, labelIndex++);
        continue;
      }
      rules += "<rule key=\"{rule-" + std::to_string(index) + "}\" symbol=\"" + std::to_string(index) + "\" label=\"" +
               xmlEscape(v.label) + "\"" +
               (v.filter.is_null() ? "" : " filter=\"" + xmlEscape(qgisExpression(v.filter)) + "\"") + scales + "/>";
      symbols += qgisSymbol(look, family, index);
      ++index;
    }
  TableStyle out;
  out.renderer = index == 0 ? "<renderer-v2 type=\"nullSymbol\"/>"
                            : "<renderer-v2 type=\"RuleRenderer\" symbollevels=\"1\" enableorderby=\"0\" forceraster=\"0\">"
                              "<rules key=\"{root}\">" + rules + "</rules><symbols>" + symbols + "</symbols></renderer-v2>";
  if (!labels.empty()) out.labeling = "<labeling type=\"rule-based\"><rules key=\"{labels}\">" + labels + "</rules></labeling>";
  out.qml = "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n<qgis version=\"3.22.0\" styleCategories=\"Symbology|Labeling\" labelsEnabled=\"" +
            std::string(labels.empty() ? "0" : "1") + "\">" + out.renderer + out.labeling + "</qgis>\n";
  out.sld = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<StyledLayerDescriptor version=\"1.1.0\" "
            "xmlns=\"http://www.opengis.net/sld\" xmlns:se=\"http://www.opengis.net/se\" xmlns:ogc=\"http://www.opengis.net/ogc\" "
            "xmlns:xlink=\"http://www.w3.org/1999/xlink\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
            "xsi:schemaLocation=\"http://www.opengis.net/sld http://schemas.opengis.net/sld/1.1.0/StyledLayerDescriptor.xsd\">"
            "<NamedLayer><se:Name>" + xmlEscape(name) + "</se:Name><UserStyle><se:Name>" + xmlEscape(name) +
            "</se:Name><se:FeatureTypeStyle>" + sldRules + "</se:FeatureTypeStyle></UserStyle></NamedLayer></StyledLayerDescriptor>\n";
  return out;
}

}  // namespace riskmap::qgis
