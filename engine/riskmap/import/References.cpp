#include "riskmap/import/References.hpp"

#include <ogrsf_frmts.h>

#include <map>
#include <memory>
#include <optional>

#include "riskmap/core/Error.hpp"
#include "riskmap/gdal/Gdal.hpp"

namespace riskmap {
namespace {

// The features a reference may name: id -> a point on the feature (a
// polygon site's point on surface), from every layer whose kind's id
// field is the one referenced.
struct Targets {
  std::map<std::string, std::unique_ptr<OGRGeometry>> location;
  std::string layers;  // "hazard_sources, plant_sites", for the reason
};

Targets targetsFor(GDALDataset& ds, const Project& project, const LayerRegistry& kinds, const std::string& idField) {
  Targets t;
  for (const LayerSpec& l : project.layers) {
    if (kinds.get(l.kind).idField() != idField) continue;
    OGRLayer* table = ds.GetLayerByName(l.name.c_str());
    if (!table) continue;
    t.layers += (t.layers.empty() ? "" : ", ") + l.name;
    table->ResetReading();
    for (auto& f : *table) {
      const std::string id = f->GetFieldAsString(idField.c_str());
      const OGRGeometry* g = f->GetGeometryRef();
      if (id.empty() || t.location.count(id)) continue;
      std::unique_ptr<OGRGeometry> at;
      if (g && !g->IsEmpty())
        at.reset(wkbFlatten(g->getGeometryType()) == wkbPoint
                     ? g->clone()
                     : OGRGeometry::FromHandle(OGR_G_PointOnSurface(OGRGeometry::ToHandle(const_cast<OGRGeometry*>(g)))));
      t.location.emplace(id, std::move(at));
    }
  }
  return t;
}

}  // namespace

void resolveReferences(GDALDataset& ds, const Project& project, const LayerRegistry& kinds, RejectTable& rejects,
                       std::vector<library::LayerEntry>& entries) {
  for (std::size_t i = 0; i < project.layers.size(); ++i) {
    const LayerSpec& spec = project.layers[i];
    const LayerKind& kind = kinds.get(spec.kind);
    std::vector<const FieldSpec*> refs;
    for (const FieldSpec& f : kind.fields())
      if (!f.references.empty()) refs.push_back(&f);
    OGRLayer* table = ds.GetLayerByName(spec.name.c_str());
    if ((refs.empty() && !kind.locatedByReference()) || !table) continue;
    std::map<std::string, Targets> targets;
    for (const FieldSpec* f : refs)
      if (!targets.count(f->references)) targets.emplace(f->references, targetsFor(ds, project, kinds, f->references));

    GdalErrorCapture gdalErrors;
    if (ds.StartTransaction() != OGRERR_NONE)
      throw UserError(std::string(ds.GetDescription()) + ": cannot start writing: " + gdalErrors.lastError());
    std::vector<std::pair<OGRFeatureUniquePtr, Rejection>> rejected;
    std::vector<OGRFeatureUniquePtr> located;
    table->ResetReading();
    for (auto& f : *table) {
      std::optional<Rejection> why;
      std::unique_ptr<OGRGeometry> at;
      for (const FieldSpec* r : refs) {
        const std::string value = f->GetFieldAsString(r->name.c_str());
        if (value.empty()) continue;
        const Targets& t = targets.at(r->references);
        const auto hit = t.location.find(value);
        if (hit == t.location.end()) {
          why = Rejection{r->name, "field '" + r->name + "': '" + value + "' matches no feature's " + r->references +
                                       (t.layers.empty() ? " (no layer of the project has " + r->references + ")"
                                                         : " (layers " + t.layers + ")")};
          break;
        }
        if (!at && hit->second) at.reset(hit->second->clone());
      }
      const OGRGeometry* g = f->GetGeometryRef();
      if (!why && (!g || g->IsEmpty())) {
        if (at) {
          f->SetGeometryDirectly(at.release());
          located.emplace_back(f.release());
          continue;
        }
        why = Rejection{"", "no location: neither coordinates nor a reference to a located feature"};
      }
      if (why) rejected.emplace_back(OGRFeatureUniquePtr(f.release()), *why);
    }
    for (auto& f : located)
      if (table->SetFeature(f.get()) != OGRERR_NONE)
        throw UserError(std::string(ds.GetDescription()) + ": cannot locate feature " + std::to_string(f->GetFID()) +
                        " of '" + spec.name + "': " + gdalErrors.lastError());
    const TextDecoder utf8 = TextDecoder::autoDetect();  // the library holds UTF-8
    for (auto& [f, why] : rejected) {
      rejects.add({spec.name, entries[i].source, f->GetFieldAsInteger64("source_fid"), why.field, why.reason,
                   RejectTable::attributesAsJson(*f, utf8), "", entries[i].sourceSrs});
      if (table->DeleteFeature(f->GetFID()) != OGRERR_NONE)
        throw UserError(std::string(ds.GetDescription()) + ": cannot remove rejected feature from '" + spec.name +
                        "': " + gdalErrors.lastError());
      --entries[i].accepted;
      ++entries[i].rejected;
    }
    if (ds.CommitTransaction() != OGRERR_NONE)
      throw UserError(std::string(ds.GetDescription()) + ": cannot write layer '" + spec.name +
                      "': " + gdalErrors.lastError());
  }
}

}  // namespace riskmap
