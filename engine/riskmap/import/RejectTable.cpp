#include "riskmap/import/RejectTable.hpp"

#include <nlohmann/json.hpp>
#include <ogrsf_frmts.h>

#include <stdexcept>

#include "riskmap/library/Library.hpp"

namespace riskmap {

RejectTable::RejectTable(GDALDataset& library) {
  table_ = library.CreateLayer(library::kRejectsTable, nullptr, wkbNone, nullptr);
  if (!table_) throw std::runtime_error("cannot create the rejects table");
  auto addField = [this](const char* name, OGRFieldType type, OGRFieldSubType sub = OFSTNone) {
    OGRFieldDefn f(name, type);
    f.SetSubType(sub);
    table_->CreateField(&f);
  };
  addField("layer", OFTString);
  addField("source", OFTString);
  addField("source_fid", OFTInteger64);
  addField("field", OFTString);
  addField("reason", OFTString);
  addField("attributes", OFTString, OFSTJSON);
  addField("geometry_wkt", OFTString);
  addField("source_srs", OFTString);
}

void RejectTable::add(const RejectRecord& r) {
  OGRFeature f(table_->GetLayerDefn());
  f.SetField("layer", r.layer.c_str());
  f.SetField("source", r.source.c_str());
  if (r.sourceFid >= 0) f.SetField("source_fid", static_cast<GIntBig>(r.sourceFid));
  if (!r.field.empty()) f.SetField("field", r.field.c_str());
  f.SetField("reason", r.reason.c_str());
  f.SetField("attributes", r.attributesJson.c_str());
  if (!r.geometryWkt.empty()) f.SetField("geometry_wkt", r.geometryWkt.c_str());
  f.SetField("source_srs", r.sourceSrs.c_str());
  if (table_->CreateFeature(&f) != OGRERR_NONE) throw std::runtime_error("cannot write to the rejects table");
}

std::string RejectTable::attributesAsJson(const OGRFeature& feature, const TextDecoder& decoder) {
  nlohmann::json obj = nlohmann::json::object();
  auto& f = const_cast<OGRFeature&>(feature);
  for (int i = 0; i < f.GetFieldCount(); ++i) {
    const OGRFieldDefn* d = f.GetFieldDefnRef(i);
    const std::string name = decoder.decode(d->GetNameRef());
    if (!f.IsFieldSetAndNotNull(i)) {
      obj[name] = nullptr;
      continue;
    }
    switch (d->GetType()) {
      case OFTInteger:
      case OFTInteger64: obj[name] = f.GetFieldAsInteger64(i); break;
      case OFTReal: obj[name] = f.GetFieldAsDouble(i); break;
      case OFTString: obj[name] = decoder.decode(f.GetFieldAsString(i)); break;
      default: obj[name] = f.GetFieldAsString(i); break;
    }
  }
  return obj.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string RejectTable::geometryAsWkt(const OGRGeometry* g) {
  if (!g) return {};
  return g->exportToWkt();
}

}  // namespace riskmap
