#include <ogrsf_frmts.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "riskmap/core/Error.hpp"
#include "riskmap/core/Progress.hpp"
#include "riskmap/crs/Crs.hpp"
#include "riskmap/import/GeometryPreparer.hpp"
#include "riskmap/import/LayerImport.hpp"
#include "riskmap/import/RelatedRows.hpp"
#include "riskmap/import/SourceLayer.hpp"
#include "riskmap/import/ValueParser.hpp"

namespace riskmap {
namespace {

struct BoundField {
  const FieldSpec* spec;
  int sourceIndex = -1;       // -1: not in the source (optional field, or fed by a related table)
  std::string sourceName;
  RelatedRows* related = nullptr;
};

struct ExtraField {
  int sourceIndex;
  std::string outputName;
};

const char* kReserved[] = {"fid", "geom", "source_fid", "repair"};

std::vector<BoundField> bindSchema(const LayerSpec& spec, const LayerKind& kind, const SourceLayer& src,
                                   std::vector<RelatedRows>& related) {
  const Location at{src.path(), src.layerName(), -1, ""};
  for (const auto& [field, sourceName] : spec.fields) {
    bool known = false;
    for (const auto& fs : kind.fields()) known = known || fs.name == field;
    if (!known) {
      std::string names;
      for (const auto& fs : kind.fields()) names += (names.empty() ? "" : ", ") + fs.name;
      throwUserError(at, "fields: '" + field + "' is not a field of kind '" + kind.name() + "' (" + names + ")");
    }
  }
  std::vector<BoundField> out;
  for (const auto& fs : kind.fields()) {
    BoundField b{&fs, -1, {}, nullptr};
    for (auto& r : related)
      if (r.spec().intoField == fs.name) b.related = &r;
    const auto mapped = spec.fields.find(fs.name);
    if (mapped != spec.fields.end()) {
      b.sourceName = mapped->second;
      b.sourceIndex = src.fieldIndex(mapped->second);
      if (b.sourceIndex < 0) {
        std::string names;
        for (const auto& n : src.fieldNames()) names += (names.empty() ? "" : ", ") + n;
        throwUserError({src.path(), src.layerName(), -1, mapped->second},
                       "no such field (mapped to '" + fs.name + "'; the source has: " + names + ")");
      }
    } else if (!b.related) {
      b.sourceIndex = src.fieldIndex(fs.name);
      b.sourceName = fs.name;
    }
    if (fs.required && b.sourceIndex < 0 && !b.related && src.fieldNames().empty() &&
        src.layer().GetFeatureCount(TRUE) == 0)
      throwUserError({src.path(), src.layerName(), -1, ""},
                     "holds no features (and so no fields); give layer '" + spec.name +
                         "' data or remove it from the project file");
    if (fs.required && b.sourceIndex < 0 && !b.related)
      throwUserError({src.path(), src.layerName(), -1, fs.name},
                     "required field of kind '" + kind.name() + "' is not in the source; map it in the project file: [layers.fields] " +
                         fs.name + " = \"SOURCE_FIELD\"");
    out.push_back(b);
  }
  return out;
}

std::vector<ExtraField> bindExtras(const std::vector<BoundField>& schema, const SourceLayer& src) {
  std::set<int> used;
  std::set<std::string> taken;
  for (const auto& b : schema) {
    if (b.sourceIndex >= 0) used.insert(b.sourceIndex);
    taken.insert(CPLString(b.spec->name).tolower());
  }
  for (const char* r : kReserved) taken.insert(r);
  std::vector<ExtraField> out;
  const auto names = src.fieldNames();
  for (int i = 0; i < static_cast<int>(names.size()); ++i) {
    if (used.count(i)) continue;
    std::string name = names[i];  // already decoded
    while (taken.count(CPLString(name).tolower())) name = "src_" + name;
    taken.insert(CPLString(name).tolower());
    out.push_back({i, name});
  }
  return out;
}

OGRFieldType ogrType(FieldType t) {
  switch (t) {
    case FieldType::Integer: return OFTInteger64;
    case FieldType::Real: return OFTReal;
    case FieldType::Date: return OFTDate;
    case FieldType::Text:
    case FieldType::Json: return OFTString;
  }
  return OFTString;
}

OGRLayer* createTable(GDALDataset& library, const LayerSpec& spec, const LayerKind& kind,
                      const std::vector<ExtraField>& extras, const SourceLayer& src,
                      const OGRSpatialReference& target) {
  CPLStringList options;
  options.AddString("FID=fid");
  options.AddString("GEOMETRY_NAME=geom");
  options.AddString(("DESCRIPTION=" + kind.description()).c_str());
  OGRSpatialReference srs(target);
  OGRLayer* out = library.CreateLayer(spec.name.c_str(), &srs, GeometryPreparer::tableType(kind.geometries()),
                                      options.List());
  if (!out) throw std::runtime_error("cannot create table '" + spec.name + "' in the one library");
  for (const auto& fs : kind.fields()) {
    OGRFieldDefn f(fs.name.c_str(), ogrType(fs.type));
    if (fs.type == FieldType::Json) f.SetSubType(OFSTJSON);
    out->CreateField(&f);
  }
  OGRFieldDefn fid("source_fid", OFTInteger64);
  out->CreateField(&fid);
  OGRFieldDefn repair("repair", OFTString);
  out->CreateField(&repair);
  const OGRFeatureDefn* srcDefn = src.layer().GetLayerDefn();
  for (const auto& e : extras) {
    OGRFieldDefn f(srcDefn->GetFieldDefn(e.sourceIndex));
    f.SetName(e.outputName.c_str());
    out->CreateField(&f);
  }
  return out;
}

void setValue(OGRFeature& f, const std::string& name, const Value& v) {
  if (const auto* i = std::get_if<long long>(&v)) f.SetField(name.c_str(), static_cast<GIntBig>(*i));
  else if (const auto* d = std::get_if<double>(&v)) f.SetField(name.c_str(), *d);
  else if (const auto* s = std::get_if<std::string>(&v)) f.SetField(name.c_str(), s->c_str());
}

void copyExtra(OGRFeature& out, int outIndex, OGRFeature& in, int inIndex, const TextDecoder& decoder) {
  if (!in.IsFieldSetAndNotNull(inIndex)) return;
  if (in.GetFieldDefnRef(inIndex)->GetType() == OFTString)
    out.SetField(outIndex, decoder.decode(in.GetFieldAsString(inIndex)).c_str());
  else
    out.SetField(outIndex, in.GetRawFieldRef(inIndex));
}

// The values of one feature's schema fields, or the first reason it fails.
std::optional<Rejection> readRecord(OGRFeature& feature, std::vector<BoundField>& schema, const LayerKind& kind,
                                    const SourceLayer& src, AttributeRecord& rec) {
  std::optional<Rejection> rejection;
  auto reject = [&rejection](const BoundField& b, std::string why) {
    if (rejection) return;
    const std::string label = b.sourceName.empty() || b.sourceName == b.spec->name
                                  ? "'" + b.spec->name + "'"
                                  : "'" + b.sourceName + "' (" + b.spec->name + ")";
    rejection = Rejection{b.spec->name, "field " + label + ": " + why};
  };
  for (auto& b : schema) {
    if (b.related) continue;
    ParsedValue pv = parseField(feature, b.sourceIndex, *b.spec, src.decoder());
    if (pv.error) reject(b, *pv.error);
    else if (isNull(pv.value) && b.spec->required) reject(b, "missing required value");
    else if (auto why = checkValue(pv.value, *b.spec)) reject(b, *why);
    rec.set(b.spec->name, pv.value);
  }
  for (auto& b : schema) {
    if (!b.related) continue;
    const std::string parent = valueToString(rec.get(b.related->spec().parentKey));
    ParsedValue pv = parseText(b.related->take(parent), *b.spec);
    if (pv.error) reject(b, *pv.error);
    rec.set(b.spec->name, pv.value);
  }
  if (!rejection) rejection = kind.checkRecord(rec);
  return rejection;
}

// Records a Shapefile's .dbf marks deleted ('*'): GDAL skips them but counts
// them in the layer's feature count. -1 if the .dbf cannot be read.
long long deletedShapefileRecords(const std::string& shp) {
  std::filesystem::path dbf(shp);
  for (const char* ext : {".dbf", ".DBF"}) {
    dbf.replace_extension(ext);
    if (std::filesystem::exists(dbf)) break;
  }
  std::ifstream in(dbf, std::ios::binary);
  unsigned char header[12];
  if (!in.read(reinterpret_cast<char*>(header), sizeof header)) return -1;
  const long long records = header[4] | header[5] << 8 | header[6] << 16 | static_cast<long long>(header[7]) << 24;
  const int headerLength = header[8] | header[9] << 8, recordLength = header[10] | header[11] << 8;
  if (recordLength <= 0) return -1;
  long long deleted = 0;
  for (long long i = 0; i < records; ++i) {
    in.seekg(headerLength + i * recordLength);
    char flag = 0;
    if (!in.get(flag)) return -1;
    deleted += flag == '*';
  }
  return deleted;
}

}  // namespace

WebMapCoordinates webMapCoordinatesFor(const LayerSpec& spec, const SourceLayer& src) {
  const WebMapCoordinates c = parseWebMapCoordinates(spec.coordinates).value_or(WebMapCoordinates::None);
  if (c != WebMapCoordinates::None && !src.srs().IsGeographic())
    throwUserError({src.path(), src.layerName(), -1, "coordinates"},
                   "layer '" + spec.name + "': coordinates = \"" + spec.coordinates +
                       "\" applies to longitude/latitude sources, but the source CRS is " + srsLabel(src.srs()) +
                       " (projected); web maps give lon/lat: check the srs key or drop coordinates");
  return c;
}

library::LayerEntry importVectorLayer(const LayerSpec& spec, const LayerKind& kind, SourceLayer& src,
                                      GDALDataset& library, const ImportContext& ctx) {
  std::vector<RelatedRows> related;
  related.reserve(spec.related.size());
  for (const auto& r : spec.related) related.push_back(RelatedRows::load(r, spec.name));
  std::vector<BoundField> schema = bindSchema(spec, kind, src, related);
  const std::vector<ExtraField> extras = bindExtras(schema, src);

  library::LayerEntry entry;
  entry.name = spec.name;
  entry.kind = kind.name();
  entry.storage = "vector";
  entry.source = src.path();
  entry.sourceLayer = src.layerName();
  entry.sourceSrs = srsLabel(src.srs());
  entry.encoding = src.encodingNote();
  for (const auto& r : related) entry.encoding += "; related " + r.spec().source + ": " + r.encodingNote();
  entry.coordinates = spec.coordinates;

  // A source without geometry (a CSV register of hidden dangers keyed by
  // plant) has no CRS either: its features are located by reference later.
  std::optional<GeometryPreparer> preparer;
  if (!src.srs().IsEmpty() || !kind.locatedByReference())
    preparer.emplace(kind.geometries(), src.srs(), ctx.target, webMapCoordinatesFor(spec, src));
  OGRLayer* out = createTable(library, spec, kind, extras, src, ctx.target);
  const int firstExtra = out->GetLayerDefn()->GetFieldCount() - static_cast<int>(extras.size());

  Progress progress("import " + spec.name, static_cast<std::uint64_t>(std::max<GIntBig>(0, src.layer().GetFeatureCount(FALSE))),
                    ctx.quiet);
  // GDAL's own messages (PROJ failures on bad coordinates) become the
  // reasons in the rejects table instead of noise on the terminal.
  GdalErrorCapture gdalErrors;
  if (library.StartTransaction() != OGRERR_NONE)
    throw UserError(std::string(library.GetDescription()) + ": cannot start writing: " + gdalErrors.lastError());
  // Duplicate ids: the second and later features with an id already seen are rejected.
  const std::string idField = kind.idField();
  std::map<std::string, GIntBig> firstWithId;
  OGRLayer& in = src.layer();
  in.ResetReading();
  for (;;) {
    // A read error (a truncated .dbf, a broken GeoJSON) ends GDAL's
    // iteration as if the layer were over: tell it from the real end.
    CPLErrorReset();
    OGRFeatureUniquePtr feature(in.GetNextFeature());
    if (!feature) {
      if (CPLGetLastErrorType() >= CE_Failure)
        throwUserError({src.path(), src.layerName(), -1, ""},
                       "read error after " + std::to_string(entry.read) + " features: " + gdalErrors.lastError() +
                           " (the source is damaged or truncated; nothing was imported)");
      break;
    }
    ++entry.read;
    progress.advance();
    AttributeRecord rec;
    std::optional<Rejection> rejection = readRecord(*feature, schema, kind, src, rec);
    if (!rejection && !idField.empty()) {
      const std::string id = valueToString(rec.get(idField));
      if (!id.empty()) {
        const auto [at, first] = firstWithId.emplace(id, feature->GetFID());
        if (!first)
          rejection = Rejection{idField, "field '" + idField + "': duplicate id '" + id + "' (feature " +
                                             std::to_string(at->second) + " has it too and was kept)"};
      }
    }
    PreparedGeometry geom;
    if (!rejection) {
      const OGRGeometry* g = feature->GetGeometryRef();
      if (kind.locatedByReference() && (!g || g->IsEmpty())) {
        // kept without geometry; resolveReferences locates it or rejects it
      } else {
        geom = preparer->prepare(g);
      }
      if (geom.rejection) rejection = Rejection{"", *geom.rejection};
    }
    if (rejection) {
      ++entry.rejected;
      ctx.rejects->add({spec.name, src.path(), feature->GetFID(), rejection->field, rejection->reason,
                        RejectTable::attributesAsJson(*feature, src.decoder()),
                        RejectTable::geometryAsWkt(feature->GetGeometryRef()), srsLabel(src.srs())});
      continue;
    }
    OGRFeature f(out->GetLayerDefn());
    for (const auto& [name, value] : rec.values()) setValue(f, name, value);
    f.SetField("source_fid", static_cast<GIntBig>(feature->GetFID()));
    if (!geom.repair.empty()) {
      f.SetField("repair", geom.repair.c_str());
      ++entry.repaired;
    }
    for (std::size_t i = 0; i < extras.size(); ++i)
      copyExtra(f, firstExtra + static_cast<int>(i), *feature, extras[i].sourceIndex, src.decoder());
    f.SetGeometryDirectly(geom.geometry.release());
    if (out->CreateFeature(&f) != OGRERR_NONE)
      throw UserError(std::string(library.GetDescription()) + ": cannot write feature " +
                      std::to_string(feature->GetFID()) + " to '" + spec.name + "': " + gdalErrors.lastError());
    ++entry.accepted;
  }
  // The balance against the source's own count: a reader that stopped early
  // without an error must not pass as a short layer.
  GIntBig declared = spec.where.empty() ? in.GetFeatureCount(FALSE) : -1;
  if (declared > entry.read && src.isShapefile()) {
    const long long deleted = deletedShapefileRecords(src.path());
    declared = deleted < 0 ? -1 : declared - deleted;
  }
  if (declared >= 0 && declared != entry.read)
    throwUserError({src.path(), src.layerName(), -1, ""},
                   "read " + std::to_string(entry.read) + " features but the source declares " +
                       std::to_string(declared) + " (the source is damaged or truncated; nothing was imported)");
  if (entry.read == 0)
    std::fprintf(stderr, "riskmap: warning: %s, layer '%s': no features; layer '%s' is imported empty\n",
                 src.path().c_str(), src.layerName().c_str(), spec.name.c_str());
  else if (entry.accepted == 0)
    std::fprintf(stderr, "riskmap: warning: layer '%s': all %lld features rejected; see `riskmap info --rejects`\n",
                 spec.name.c_str(), entry.read);
  if (ctx.relatedOut) {
    for (auto& r : related) ctx.relatedOut->push_back(std::move(r));
  } else {
    for (const auto& r : related)
      for (auto& orphan : r.orphans()) {
        ctx.rejects->add(orphan);
        ++entry.rejected;
        ++entry.read;
      }
  }
  if (library.CommitTransaction() != OGRERR_NONE)
    throw UserError(std::string(library.GetDescription()) + ": cannot write layer '" + spec.name +
                    "': " + gdalErrors.lastError());
  progress.finish();
  return entry;
}

}  // namespace riskmap
