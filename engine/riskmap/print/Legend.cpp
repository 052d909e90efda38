#include "riskmap/print/Legend.hpp"
#include "riskmap/library/GeometryTables.hpp"

#include <ogrsf_frmts.h>

#include "riskmap/crs/Crs.hpp"

namespace riskmap {
namespace {

// Does the table hold a feature inside the view that the layer's filter and the row's properties select?
bool anyInView(GDALDataset& library, const StyleLayer& layer, const FeatureProperties& row, const MapView& view) {
  library::Table table = library::openTable(library, layer.source);
  if (!table || !table->GetSpatialRef()) return false;
  OGRSpatialReference to(*table->GetSpatialRef()), from(view.crs);
  to.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  from.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  // The view's outline, densified, in the table's CRS: the index's filter.
  OGRLinearRing ring;
  for (int i = 0; i <= 16; ++i) ring.addPoint(view.minX + (view.maxX - view.minX) * i / 16, view.minY);
  for (int i = 0; i <= 16; ++i) ring.addPoint(view.maxX, view.minY + (view.maxY - view.minY) * i / 16);
  for (int i = 0; i <= 16; ++i) ring.addPoint(view.maxX - (view.maxX - view.minX) * i / 16, view.maxY);
  for (int i = 0; i <= 16; ++i) ring.addPoint(view.minX, view.maxY - (view.maxY - view.minY) * i / 16);
  OGRPolygon box;
  box.addRing(&ring);
  if (!from.IsSame(&to) && box.transform(makeTransformation(from, to).get()) != OGRERR_NONE) return false;
  table->SetSpatialFilter(&box);
  bool found = false;
  for (auto& f : *table) {
    const FeatureProperties props = propertiesOf(*f);
    if (!Style::matches(layer.filter, props)) continue;
    bool same = true;
    for (const auto& [k, v] : row.items()) same = same && props.contains(k) && props[k] == v;
    if (same) {
      found = true;
      break;
    }
  }
  table->SetSpatialFilter(nullptr);
  table->ResetReading();
  return found;
}

}  // namespace

std::vector<LegendRow> legendRows(const Style& style, GDALDataset& library, const MapView& view) {
  const double zoom = view.zoom();
  auto visible = [zoom](const StyleLayer& l) { return zoom >= l.minzoom && zoom < l.maxzoom; };
  auto byId = [&style](const std::string& id) -> const StyleLayer* {
    for (const StyleLayer& l : style.layers)
      if (l.id == id) return &l;
    return nullptr;
  };
  std::vector<LegendRow> rows;
  for (const StyleLayer& layer : style.layers) {
    if (!visible(layer)) continue;
    if (layer.legendGrades) {
      for (RiskGrade g : {RiskGrade::Major, RiskGrade::High, RiskGrade::Moderate, RiskGrade::Low})
        rows.push_back({style.palette[g].name, {&layer}, {{"grade", riskGradeName(g)}}});
      continue;
    }
    for (const LegendItem& item : layer.legend) {
      if (!anyInView(library, layer, item.properties, view)) continue;
      LegendRow row{item.label, {}, item.properties};
      for (const std::string& id : item.with)
        if (const StyleLayer* w = byId(id); w && visible(*w)) row.layers.push_back(w);
      row.layers.push_back(&layer);
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

}  // namespace riskmap
