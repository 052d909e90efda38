#include "riskmap/assess/AssessScope.hpp"

#include <ogrsf_frmts.h>

#include <memory>

#include "riskmap/assess/AssessTables.hpp"
#include "riskmap/core/Error.hpp"
#include "riskmap/library/GeometryTables.hpp"

namespace riskmap {

bool AssessScope::assessesLayer(const LayerKind& kind) const {
  switch (part) {
    case Part::County: return !kind.assessesWholeLayer();
    case Part::Province: return kind.assessesWholeLayer();
    case Part::Everything: break;
  }
  return true;
}

bool AssessScope::includes(OGRFeature& feature) const {
  if (part != Part::County) return true;
  const int i = feature.GetFieldIndex(countyField.c_str());
  return i >= 0 && feature.IsFieldSetAndNotNull(i) && county == feature.GetFieldAsString(i);
}

std::string AssessScope::describe() const {
  switch (part) {
    case Part::County: return "county " + county + " (field '" + countyField + "')";
    case Part::Province: return "the province step (--zones)";
    case Part::Everything: break;
  }
  return "everything";
}

bool ScopeRows::matches(const std::string& layer, const std::string& sourceId) const {
  if (wholeLayers.count(layer)) return true;
  const auto s = sources.find(layer);
  return s != sources.end() && s->second.count(sourceId);
}

ScopeRows scopeRows(GDALDataset& ds, const std::string& libraryName,
                    const std::vector<std::pair<std::string, const LayerKind*>>& layers, const AssessScope& scope) {
  ScopeRows rows;
  long long found = 0;
  for (const auto& [table, kind] : layers) {
    if (!scope.assessesLayer(*kind)) continue;
    if (scope.part == AssessScope::Part::Province) {
      rows.wholeLayers.insert(table);
      continue;
    }
    library::Table t = library::openTable(ds, table);
    if (t->GetLayerDefn()->GetFieldIndex(scope.countyField.c_str()) < 0)
      throw UserError(libraryName + ", layer '" + table + "': no county field '" + scope.countyField +
                      "'; assess --county needs it on every assessed layer (--county-field names another)");
    std::set<std::string>& ids = rows.sources[table];
    t->ResetReading();
    for (auto& f : *t)
      if (scope.includes(*f)) {
        ids.insert(sourceFeature(*f, table, *kind).id);
        ++found;
      }
  }
  if (scope.part == AssessScope::Part::County && found == 0)
    throw UserError(libraryName + ": no assessed source has " + scope.countyField + " = '" +
                    scope.county + "'");
  return rows;
}

ScopeRows withSourcesGone(GDALDataset& ds, const std::vector<std::pair<std::string, const LayerKind*>>& layers,
                          const AssessScope& scope, ScopeRows rows) {
  if (scope.part != AssessScope::Part::County) return rows;
  library::Table grades = library::openTable(ds, kGradesTable);
  if (!grades) return rows;  // nothing assessed yet
  for (const auto& [table, kind] : layers) {
    if (!scope.assessesLayer(*kind)) continue;
    std::set<std::string> present;
    library::Table t = library::openTable(ds, table);
    t->ResetReading();
    for (auto& f : *t) present.insert(sourceFeature(*f, table, *kind).id);
    grades->ResetReading();
    for (auto& g : *grades)
      if (table == g->GetFieldAsString("layer") && !present.count(g->GetFieldAsString("source_id")))
        rows.sources[table].insert(g->GetFieldAsString("source_id"));
  }
  return rows;
}

void keepOtherRows(GDALDataset& ds, const std::string& name, const ScopeRows& rows) {
  library::Table table = library::openTable(ds, name);
  if (!table) return;
  // Copies against a definition of our own: the table's goes with the table.
  OGRFeatureDefn* defn = table->GetLayerDefn()->Clone();
  defn->Reference();
  std::unique_ptr<OGRFeatureDefn, void (*)(OGRFeatureDefn*)> owned(defn, [](OGRFeatureDefn* d) { d->Release(); });
  std::unique_ptr<OGRSpatialReference> srs(table->GetSpatialRef() ? table->GetSpatialRef()->Clone() : nullptr);
  const char* about = table->GetMetadataItem("DESCRIPTION");
  const std::string description = about ? about : "";
  const int layerField = defn->GetFieldIndex("layer"), idField = defn->GetFieldIndex("source_id");
  std::vector<std::unique_ptr<OGRFeature>> kept;
  table->ResetReading();
  for (auto& f : *table) {
    const std::string layer = layerField >= 0 ? f->GetFieldAsString(layerField) : "";
    const std::string id = idField >= 0 ? f->GetFieldAsString(idField) : "";
    if (rows.matches(layer, id)) continue;
    auto copy = std::make_unique<OGRFeature>(defn);
    copy->SetFrom(f.get(), TRUE);
    kept.push_back(std::move(copy));
  }
  table = library::Table();
  library::dropTableAndParts(ds, name);
  OGRLayer* out = createTable(ds, name, srs.get(), wkbUnknown, description, {});
  for (int i = 0; i < defn->GetFieldCount(); ++i)
    if (out->CreateField(defn->GetFieldDefn(i)) != OGRERR_NONE)
      throw std::runtime_error(name + ": cannot recreate field " + defn->GetFieldDefn(i)->GetNameRef());
  for (const auto& f : kept) {
    OGRFeature row(out->GetLayerDefn());
    row.SetFrom(f.get(), TRUE);
    if (out->CreateFeature(&row) != OGRERR_NONE) throw std::runtime_error("cannot rewrite " + name);
  }
}

}  // namespace riskmap
