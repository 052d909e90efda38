#include "riskmap/regional/Palette.hpp"

#include <toml++/toml.h>

#include "riskmap/core/Error.hpp"

namespace riskmap {

Palette Palette::load(const std::filesystem::path& file) {
  toml::table t;
  try {
    t = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    throw UserError(file.string() + ": " + std::string(e.description()));
  }
  Palette p;
  for (RiskGrade g : {RiskGrade::Major, RiskGrade::High, RiskGrade::Moderate, RiskGrade::Low}) {
    const std::string key = riskGradeName(g);
    const toml::table* c = t[key].as_table();
    const toml::array* rgb = c ? (*c)["rgb"].as_array() : nullptr;
    const toml::array* cmyk = c ? (*c)["cmyk"].as_array() : nullptr;
    if (!c || !rgb || rgb->size() != 3 || !cmyk || cmyk->size() != 4)
      throw UserError(file.string() + ": [" + key + "] needs name, rgb = [r, g, b] and cmyk = [c, m, y, k]");
    PaletteColour colour;
    colour.name = (*c)["name"].value_or(std::string(riskGradeChinese(g)));
    for (int i = 0; i < 3; ++i) colour.rgb[i] = (*rgb)[i].value_or(0);
    for (int i = 0; i < 4; ++i) colour.cmyk[i] = (*cmyk)[i].value_or(0);
    p.colours_[g] = colour;
  }
  return p;
}

std::string qgisGradeStyle(const Palette& palette) {
  std::string categories, symbols;
  int i = 0;
  for (RiskGrade g : {RiskGrade::Major, RiskGrade::High, RiskGrade::Moderate, RiskGrade::Low}) {
    const PaletteColour& c = palette[g];
    const std::string rgb = std::to_string(c.rgb[0]) + "," + std::to_string(c.rgb[1]) + "," + std::to_string(c.rgb[2]);
    categories += "<category render=\"true\" symbol=\"" + std::to_string(i) + "\" value=\"" + riskGradeName(g) +
                  "\" label=\"" + c.name + "\"/>";
    symbols += "<symbol type=\"fill\" name=\"" + std::to_string(i) + "\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">"
               "<layer class=\"SimpleFill\" enabled=\"1\" pass=\"0\" locked=\"0\">"
               "<prop k=\"color\" v=\"" + rgb + ",255\"/><prop k=\"style\" v=\"solid\"/>"
               "<prop k=\"outline_color\" v=\"255,255,255,255\"/><prop k=\"outline_style\" v=\"solid\"/>"
               "<prop k=\"outline_width\" v=\"0.2\"/><prop k=\"outline_width_unit\" v=\"MM\"/>"
               "</layer></symbol>";
    ++i;
  }
  return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>"
         "<qgis version=\"3.28.0\" styleCategories=\"Symbology\">"
         "<renderer-v2 type=\"categorizedSymbol\" attr=\"grade\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\">"
         "<categories>" + categories + "</categories><symbols>" + symbols + "</symbols></renderer-v2>"
         "<layerOpacity>0.85</layerOpacity></qgis>";
}

}  // namespace riskmap
