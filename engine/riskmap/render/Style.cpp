#include "riskmap/render/Style.hpp"

#include <ogr_feature.h>

#include <algorithm>
#include <cstdio>
#include <fstream>

#include "riskmap/core/Error.hpp"

namespace riskmap {
namespace {

const char* kKnown[] = {"fill-color", "fill-opacity", "fill-outline-color", "fill-pattern", "line-color", "line-width",
                        "line-opacity", "line-dasharray", "circle-radius", "circle-color", "circle-stroke-color",
                        "circle-stroke-width", "circle-opacity", "icon-image", "text-field", "text-size",
                        "text-color", "text-halo-color", "text-halo-width", "text-font", "symbol-sort-key",
                        "text-offset", "icon-size"};

bool known(const std::string& p) {
  for (const char* k : kKnown)
    if (p == k) return true;
  return false;
}

}  // namespace

Rgba parseColour(const nlohmann::json& v) {
  Rgba c;
  if (v.is_array() && v.size() >= 3) {
    c = {v[0].get<double>() / 255, v[1].get<double>() / 255, v[2].get<double>() / 255, v.size() > 3 ? v[3].get<double>() : 1};
    return c;
  }
  if (!v.is_string()) return c;
  const std::string s = v.get<std::string>();
  unsigned r = 0, g = 0, b = 0, a = 255;
  if (s.size() == 7 && std::sscanf(s.c_str(), "#%2x%2x%2x", &r, &g, &b) == 3) return {r / 255.0, g / 255.0, b / 255.0, 1};
  if (s.size() == 9 && std::sscanf(s.c_str(), "#%2x%2x%2x%2x", &r, &g, &b, &a) == 4)
    return {r / 255.0, g / 255.0, b / 255.0, a / 255.0};
  if (std::sscanf(s.c_str(), "rgb(%u,%u,%u)", &r, &g, &b) == 3) return {r / 255.0, g / 255.0, b / 255.0, 1};
  return c;
}

const Expression* StyleLayer::property(const std::string& name) const {
  const auto it = properties.find(name);
  return it == properties.end() ? nullptr : &it->second;
}

bool Style::matches(const nlohmann::json& filter, const FeatureProperties& f) {
  if (!filter.is_array() || filter.empty() || !filter[0].is_string()) return true;
  const std::string op = filter[0];
  if (op == "all" || op == "any") {  // legacy and expression forms alike: each part on its own
    for (std::size_t i = 1; i < filter.size(); ++i)
      if (matches(filter[i], f) != (op == "all")) return op != "all";
    return op == "all";
  }
  const bool legacy = filter.size() >= 2 && filter[1].is_string() &&
                      (op == "==" || op == "!=" || op == "in" || op == "!in" || op == "has" || op == "!has");
  if (!legacy) {  // an expression: matches when it evaluates to true
    static const Palette none;
    const nlohmann::json v = Expression(filter).evaluate(f, none);
    return v.is_boolean() && v.get<bool>();
  }
  const std::string key = filter[1].get<std::string>();
  const nlohmann::json value = f.contains(key) ? f[key] : nlohmann::json();
  if (op == "has" || op == "!has") return (f.contains(key) && !value.is_null()) == (op == "has");
  if (op == "==") return filter.size() > 2 && value == filter[2];
  if (op == "!=") return filter.size() <= 2 || value != filter[2];
  bool in = false;
  for (std::size_t i = 2; i < filter.size(); ++i) in = in || filter[i] == value;
  return in == (op == "in");
}

namespace {

// "label", {"label", "properties", "with"}, an array of those, or "grades".
void readLegend(const nlohmann::json& spec, StyleLayer& layer, const std::string& at) {
  if (spec == "grades") {
    layer.legendGrades = true;
    return;
  }
  const nlohmann::json items = spec.is_array() ? spec : nlohmann::json::array({spec});
  for (const auto& item : items) {
    LegendItem li;
    if (item.is_string()) {
      li.label = item.get<std::string>();
    } else if (item.is_object() && item.contains("label") && item["label"].is_string()) {
      li.label = item["label"].get<std::string>();
      if (item.contains("properties")) {
        if (!item["properties"].is_object()) throw UserError(at + ": legend properties must be an object");
        li.properties = item["properties"];
      }
      if (item.contains("with"))
        for (const auto& w : item["with"]) li.with.push_back(w.get<std::string>());
    } else {
      throw UserError(at + ": riskmap:legend entries are a label or {\"label\": ..., \"properties\": {...}}");
    }
    layer.legend.push_back(std::move(li));
  }
}

}  // namespace

FeatureProperties propertiesOf(const OGRFeature& f) {
  FeatureProperties props = nlohmann::json::object();
  for (int i = 0; i < f.GetFieldCount(); ++i) {
    if (!f.IsFieldSetAndNotNull(i)) continue;
    const OGRFieldDefn* d = f.GetFieldDefnRef(i);
    switch (d->GetType()) {
      case OFTInteger:
      case OFTInteger64: props[d->GetNameRef()] = f.GetFieldAsInteger64(i); break;
      case OFTReal: props[d->GetNameRef()] = f.GetFieldAsDouble(i); break;
      default: props[d->GetNameRef()] = f.GetFieldAsString(i); break;
    }
  }
  return props;
}

Style Style::load(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw UserError(file.string() + ": cannot read the style");
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw UserError(file.string() + ": not valid JSON: " + e.what());
  }
  Style s;
  s.name = j.value("name", file.stem().string());
  // MapLibre (version 8): riskmap's own keys live in "metadata"; the older form had them at the top.
  const bool maplibre = j.contains("version");
  if (maplibre && j["version"] != 8) throw UserError(file.string() + ": style version " + j["version"].dump() + ": expected 8");
  const nlohmann::json& own = maplibre ? j.value("metadata", nlohmann::json::object()) : j;
  const char* paletteKey = maplibre ? "riskmap:palette" : "palette";
  const char* iconsKey = maplibre ? "riskmap:icons" : "icons";
  if (!own.is_object()) throw UserError(file.string() + ": metadata must be an object");
  s.palette = Palette::load(file.parent_path() / own.value(paletteKey, "palette.toml"));
  if (own.contains(iconsKey)) s.icons = Icons::load(file.parent_path() / own[iconsKey].get<std::string>());
  if (!j.contains("layers") || !j["layers"].is_array()) throw UserError(file.string() + ": no layers array");
  for (const auto& l : j.at("layers")) {
    StyleLayer layer;
    layer.id = l.value("id", "");
    const std::string at = file.string() + ", layer '" + layer.id + "'";
    const std::string type = l.value("type", "");
    if (type == "fill") layer.type = StyleLayerType::Fill;
    else if (type == "line") layer.type = StyleLayerType::Line;
    else if (type == "circle") layer.type = StyleLayerType::Circle;
    else if (type == "symbol") layer.type = StyleLayerType::Symbol;
    else throw UserError(at + ": type '" + type + "' is not fill, line, circle or symbol");
    if (maplibre) {
      const std::string source = l.value("source", "");
      if (!j.contains("sources") || !j["sources"].is_object() || !j["sources"].contains(source))
        throw UserError(at + ": source '" + source + "' is not in the style's sources");
      layer.source = l.value("source-layer", "");
      if (layer.source.empty()) throw UserError(at + ": no source-layer (the library table it draws)");
    } else {
      layer.source = l.value("source", "");
      if (layer.source.empty()) throw UserError(at + ": no source table");
    }
    layer.filter = l.value("filter", nlohmann::json());
    Expression::check(layer.filter, at + ", filter");
    layer.minzoom = l.value("minzoom", 0.0);
    layer.maxzoom = l.value("maxzoom", 24.0);
    for (const char* group : {"paint", "layout"})
      if (l.contains(group))
        for (const auto& [k, v] : l[group].items()) {
          if (k == "visibility") {  // MapLibre's layout visibility: "none" is drawn only where asked (QGIS, unchecked)
            if (v != "visible" && v != "none") throw UserError(at + ": visibility must be \"visible\" or \"none\"");
            layer.visible = v == "visible";
            continue;
          }
          if (!known(k)) throw UserError(at + ": property '" + k + "' is not supported (docs/styles.md lists what is)");
          if (k != "text-font") Expression::check(v, at + ", property '" + k + "'");
          layer.properties[k] = Expression(v);
        }
    if (l.contains("metadata") && l["metadata"].contains("riskmap:legend"))
      readLegend(l["metadata"]["riskmap:legend"], layer, at);
    // "riskmap:palette": {"fill-color": "grade"}: that property is the palette colour of
    // the field's grade name (styles/palette.toml), whatever plain colours the web sees.
    if (l.contains("metadata") && l["metadata"].contains("riskmap:palette")) {
      const nlohmann::json& p = l["metadata"]["riskmap:palette"];
      if (!p.is_object()) throw UserError(at + ": riskmap:palette must be {\"<colour property>\": \"<grade field>\"}");
      for (const auto& [k, v] : p.items()) {
        if (!known(k) || !v.is_string()) throw UserError(at + ": riskmap:palette: '" + k + "' must be a colour property naming a grade field");
        layer.properties[k] = Expression(nlohmann::json::array({"palette", nlohmann::json::array({"get", v})}));
      }
    }
    s.layers.push_back(std::move(layer));
  }
  for (const StyleLayer& layer : s.layers)
    for (const LegendItem& item : layer.legend)
      for (const std::string& id : item.with)
        if (std::none_of(s.layers.begin(), s.layers.end(), [&](const StyleLayer& o) { return o.id == id; }))
          throw UserError(file.string() + ", layer '" + layer.id + "': legend 'with' names no layer '" + id + "'");
  return s;
}

void Style::renameSource(const std::string& from, const std::string& to) {
  for (StyleLayer& l : layers)
    if (l.source == from) l.source = to;
}

}  // namespace riskmap
