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

nlohmann::json Expression::evaluate(const FeatureProperties& f, const Palette& palette) const {
  struct Eval {
    const FeatureProperties& f;
    const Palette& palette;
    nlohmann::json operator()(const nlohmann::json& e) const {
      if (!e.is_array() || e.empty() || !e[0].is_string()) {
        if (e.is_string()) {  // "{name}" templates, as in MapLibre's text-field
          std::string s = e.get<std::string>(), out;
          for (std::size_t i = 0; i < s.size(); ++i) {
            const std::size_t close = s[i] == '{' ? s.find('}', i) : std::string::npos;
            if (close == std::string::npos) {
              out += s[i];
              continue;
            }
            const std::string key = s.substr(i + 1, close - i - 1);
            if (f.contains(key)) out += f[key].is_string() ? f[key].get<std::string>() : f[key].dump();
            i = close;
          }
          return out;
        }
        return e;
      }
      const std::string op = e[0];
      if (op == "get") return f.contains(e[1].get<std::string>()) ? f[e[1].get<std::string>()] : nlohmann::json();
      if (op == "match") {
        const nlohmann::json input = (*this)(e[1]);
        for (std::size_t i = 2; i + 1 < e.size(); i += 2) {
          const nlohmann::json& label = e[i];
          if (label == input || (label.is_array() && std::find(label.begin(), label.end(), input) != label.end()))
            return (*this)(e[i + 1]);
        }
        return (*this)(e.back());
      }
      if (op == "palette") {
        const auto g = parseRiskGrade((*this)(e[1]).get<std::string>());
        if (!g) return "#808080";
        const auto& c = palette[*g];
        return nlohmann::json::array({c.rgb[0], c.rgb[1], c.rgb[2]});
      }
      if (op == "concat") {
        std::string s;
        for (std::size_t i = 1; i < e.size(); ++i) {
          const nlohmann::json v = (*this)(e[i]);
          s += v.is_string() ? v.get<std::string>() : v.is_null() ? "" : v.dump();
        }
        return s;
      }
      return e;  // a literal array, e.g. line-dasharray
    }
  };
  return Eval{f, palette}(spec_);
}

const Expression* StyleLayer::property(const std::string& name) const {
  const auto it = properties.find(name);
  return it == properties.end() ? nullptr : &it->second;
}

bool Style::matches(const nlohmann::json& filter, const FeatureProperties& f) {
  if (filter.is_null()) return true;
  if (!filter.is_array() || filter.empty()) return true;
  const std::string op = filter[0];
  auto value = [&f](const nlohmann::json& key) { return f.contains(key.get<std::string>()) ? f[key.get<std::string>()] : nlohmann::json(); };
  if (op == "all") {
    for (std::size_t i = 1; i < filter.size(); ++i)
      if (!matches(filter[i], f)) return false;
    return true;
  }
  if (op == "any") {
    for (std::size_t i = 1; i < filter.size(); ++i)
      if (matches(filter[i], f)) return true;
    return false;
  }
  if (op == "has") return f.contains(filter[1].get<std::string>()) && !f[filter[1].get<std::string>()].is_null();
  if (op == "==") return value(filter[1]) == filter[2];
  if (op == "!=") return value(filter[1]) != filter[2];
  if (op == "in") {
    const nlohmann::json v = value(filter[1]);
    for (std::size_t i = 2; i < filter.size(); ++i)
      if (filter[i] == v) return true;
    return false;
  }
  return true;
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
  s.palette = Palette::load(file.parent_path() / j.value("palette", "palette.toml"));
  if (j.contains("icons")) s.icons = Icons::load(file.parent_path() / j["icons"].get<std::string>());
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
    layer.source = l.value("source", "");
    if (layer.source.empty()) throw UserError(at + ": no source table");
    layer.filter = l.value("filter", nlohmann::json());
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
          if (!known(k)) throw UserError(at + ": unknown property '" + k + "'");
          layer.properties[k] = Expression(v);
        }
    if (l.contains("metadata") && l["metadata"].contains("riskmap:legend"))
      readLegend(l["metadata"]["riskmap:legend"], layer, at);
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
