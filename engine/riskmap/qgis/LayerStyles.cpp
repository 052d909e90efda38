#include "riskmap/qgis/LayerStyles.hpp"

#include "riskmap/qgis/PostgresStorage.hpp"

#include <ogrsf_frmts.h>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace riskmap::qgis {
namespace {

// The columns QGIS creates (QgsOgrProviderUtils / saveStyle): it reads a table made by anyone with them.
OGRLayer* layerStylesTable(GDALDataset& ds) {
  if (OGRLayer* styles = ds.GetLayerByName("layer_styles")) return styles;
  CPLStringList opts;
  opts.AddString("FID=id");
  OGRLayer* styles = ds.CreateLayer("layer_styles", nullptr, wkbNone, opts.List());
  if (!styles) throw std::runtime_error("cannot create layer_styles");
  const std::vector<std::pair<const char*, OGRFieldType>> fields{
      {"f_table_catalog", OFTString}, {"f_table_schema", OFTString}, {"f_table_name", OFTString},
      {"f_geometry_column", OFTString}, {"styleName", OFTString},    {"styleQML", OFTString},
      {"styleSLD", OFTString},        {"useAsDefault", OFTInteger},  {"description", OFTString},
      {"owner", OFTString},           {"ui", OFTString},             {"update_time", OFTDateTime}};
  for (const auto& [name, type] : fields) {
    OGRFieldDefn f(name, type);
    if (std::string(name) == "useAsDefault") f.SetSubType(OFSTBoolean);
    if (styles->CreateField(&f) != OGRERR_NONE) throw std::runtime_error(std::string("cannot create layer_styles.") + name);
  }
  return styles;
}

}  // namespace

void writeLayerStyle(GDALDataset& ds, const LayerStyle& style) {
  if (isPostgres(ds)) return writePostgresLayerStyle(ds, style);
  OGRLayer* styles = layerStylesTable(ds);
  std::string quoted;
  for (char c : style.table) quoted += c == '\'' ? std::string("''") : std::string(1, c);
  styles->SetAttributeFilter(("f_table_name = '" + quoted + "'").c_str());
  std::vector<GIntBig> old;
  for (auto& f : *styles) old.push_back(f->GetFID());
  for (GIntBig fid : old) styles->DeleteFeature(fid);
  styles->SetAttributeFilter(nullptr);
  OGRFeature f(styles->GetLayerDefn());
  f.SetField("f_table_catalog", "");
  f.SetField("f_table_schema", "");
  f.SetField("f_table_name", style.table.c_str());
  f.SetField("f_geometry_column", style.geometryColumn.c_str());
  f.SetField("styleName", style.name.c_str());
  f.SetField("styleQML", style.qml.c_str());
  f.SetField("styleSLD", style.sld.c_str());
  f.SetField("useAsDefault", 1);
  f.SetField("description", style.description.c_str());
  f.SetField("owner", "");
  f.SetField("ui", "");
  if (styles->CreateFeature(&f) != OGRERR_NONE) throw std::runtime_error("cannot write layer_styles for " + style.table);
}

}  // namespace riskmap::qgis
