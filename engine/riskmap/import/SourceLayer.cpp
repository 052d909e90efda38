#include "riskmap/import/SourceLayer.hpp"

#include <cpl_string.h>

#include "riskmap/core/Error.hpp"
#include "riskmap/crs/Crs.hpp"

namespace riskmap {
namespace {

OGRLayer* pickLayer(GDALDataset& ds, const SourceRequest& req) {
  if (!req.layer.empty()) {
    OGRLayer* l = ds.GetLayerByName(req.layer.c_str());
    if (!l) {
      std::string names;
      for (int i = 0; i < ds.GetLayerCount(); ++i)
        names += (names.empty() ? "" : ", ") + std::string(ds.GetLayer(i)->GetName());
      throw UserError(req.path + ": no layer '" + req.layer + "' (layers: " + names + ")");
    }
    return l;
  }
  if (ds.GetLayerCount() == 0) throw UserError(req.path + ": holds no vector layer");
  return ds.GetLayer(0);
}

bool isShapefile(const GDALDataset& ds) {
  const GDALDriver* drv = const_cast<GDALDataset&>(ds).GetDriver();
  return drv && EQUAL(drv->GetDescription(), "ESRI Shapefile");
}

}  // namespace

SourceLayer SourceLayer::open(const SourceRequest& req, bool requireSrs) {
  SourceLayer s;
  s.path_ = req.path;
  std::vector<std::string> oo = req.openOptions;
  s.dataset_ = openDataset(req.path, GDAL_OF_VECTOR | GDAL_OF_READONLY, oo);
  s.layer_ = pickLayer(*s.dataset_, req);

  if (isShapefile(*s.dataset_)) {
    // The Shapefile driver recodes to UTF-8 itself when the .cpg or the DBF
    // header declares an encoding. Without either it would read bytes as
    // ISO-8859-1, which garbles GBK; so reopen raw and decode ourselves.
    const char* declared = s.layer_->GetMetadataItem("SOURCE_ENCODING", "SHAPEFILE");
    if (!req.encoding.empty()) {
      oo.push_back("ENCODING=" + req.encoding);
      s.encodingNote_ = req.encoding + " (project file)";
    } else if (declared && *declared) {
      s.encodingNote_ = std::string(declared) + " (declared by the Shapefile)";
    } else {
      oo.push_back("ENCODING=");
      s.encodingNote_ = "none declared: UTF-8 where valid, else GB18030/GBK";
    }
    if (oo.size() != req.openOptions.size()) {
      s.layer_ = nullptr;
      s.dataset_ = openDataset(req.path, GDAL_OF_VECTOR | GDAL_OF_READONLY, oo);
      s.layer_ = pickLayer(*s.dataset_, req);
    }
    s.decoder_ = TextDecoder::autoDetect();
  } else if (!req.encoding.empty()) {
    s.decoder_ = TextDecoder::from(req.encoding);
    s.encodingNote_ = req.encoding + " (project file)";
  } else {
    s.encodingNote_ = "UTF-8 where valid, else GB18030/GBK";
  }
  s.layerName_ = s.layer_->GetName();

  if (!req.srs.empty()) {
    s.srs_ = parseSrs(req.srs);
  } else if (const OGRSpatialReference* srs = s.layer_->GetSpatialRef()) {
    s.srs_ = *srs;
    s.srs_.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  } else if (requireSrs && s.layer_->GetGeomType() != wkbNone) {
    throw UserError(req.path + ", layer '" + s.layerName_ +
                    "': the source has no CRS; set srs = \"EPSG:4490\" (or the right one) for layer '" +
                    req.context + "'");
  }

  if (!req.where.empty()) {
    GdalErrorCapture errors;
    if (s.layer_->SetAttributeFilter(req.where.c_str()) != OGRERR_NONE)
      throw UserError(req.path + ", layer '" + s.layerName_ + "': bad where filter '" + req.where +
                      "': " + errors.lastError());
  }
  return s;
}

int SourceLayer::fieldIndex(const std::string& name) const {
  const OGRFeatureDefn* defn = layer_->GetLayerDefn();
  for (int i = 0; i < defn->GetFieldCount(); ++i)
    if (name == defn->GetFieldDefn(i)->GetNameRef()) return i;
  for (int i = 0; i < defn->GetFieldCount(); ++i)
    if (EQUAL(name.c_str(), defn->GetFieldDefn(i)->GetNameRef())) return i;
  return -1;
}

std::vector<std::string> SourceLayer::fieldNames() const {
  std::vector<std::string> out;
  const OGRFeatureDefn* defn = layer_->GetLayerDefn();
  for (int i = 0; i < defn->GetFieldCount(); ++i) out.emplace_back(defn->GetFieldDefn(i)->GetNameRef());
  return out;
}

}  // namespace riskmap
