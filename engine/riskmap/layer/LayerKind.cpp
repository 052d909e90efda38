#include "riskmap/layer/LayerKind.hpp"

namespace riskmap {

const char* fieldTypeName(FieldType type) {
  switch (type) {
    case FieldType::Integer: return "integer";
    case FieldType::Real: return "real";
    case FieldType::Text: return "text";
    case FieldType::Date: return "date";
    case FieldType::Json: return "json";
  }
  return "?";
}

std::string geometryFamiliesText(unsigned families) {
  std::string out;
  auto add = [&out](const char* s) {
    if (!out.empty()) out += " or ";
    out += s;
  };
  if (families & kPoints) add("points");
  if (families & kLines) add("lines");
  if (families & kPolygons) add("polygons");
  if (families & kRaster) add("a raster");
  return out.empty() ? "no geometry" : out;
}

}  // namespace riskmap
