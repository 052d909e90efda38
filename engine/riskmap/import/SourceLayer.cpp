#include "riskmap/import/SourceLayer.hpp"

#include <cpl_string.h>
#include <cpl_vsi.h>

#include <optional>

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

bool isDriver(const GDALDataset& ds, const char* name) {
  const GDALDriver* drv = const_cast<GDALDataset&>(ds).GetDriver();
  return drv && EQUAL(drv->GetDescription(), name);
}

// Whether the first bytes of a text file are valid UTF-8 (a multi-byte
// sequence cut by the sample's end does not count against it); nullopt when
// the file cannot be read (a /vsi path GDAL reads but VSI cannot seek).
std::optional<bool> sampleIsUtf8(const std::string& path) {
  constexpr std::size_t kSample = 1 << 16;
  VSILFILE* f = VSIFOpenL(path.c_str(), "rb");
  if (!f) return std::nullopt;
  std::string buf(kSample, '\0');
  buf.resize(VSIFReadL(buf.data(), 1, kSample, f));
  VSIFCloseL(f);
  if (buf.size() == kSample) {
    // Drop a trailing sequence the sample may have cut: back to its lead byte.
    std::size_t cut = buf.size();
    for (int k = 0; k < 3 && cut > 0 && (static_cast<unsigned char>(buf[cut - 1]) & 0xC0) == 0x80; ++k) --cut;
    if (cut > 0 && static_cast<unsigned char>(buf[cut - 1]) >= 0xC0) --cut;
    buf.resize(cut);
  }
  return isValidUtf8(buf);
}

// The encoding a .cpg beside a file declares ("GBK", "UTF-8", or an ANSI
// code page number as ArcGIS writes it: 936 is GBK), or empty.
std::string cpgEncoding(const std::string& path) {
  const std::string cpg = CPLResetExtension(path.c_str(), "cpg");
  VSILFILE* f = VSIFOpenL(cpg.c_str(), "rb");
  if (!f) return {};
  std::string text(64, '\0');
  text.resize(VSIFReadL(text.data(), 1, text.size(), f));
  VSIFCloseL(f);
  const auto b = text.find_first_not_of(" \t\r\n"), e = text.find_last_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  text = text.substr(b, e - b + 1);
  if (text == "65001") return "UTF-8";
  if (!text.empty() && text.find_first_not_of("0123456789") == std::string::npos) return "CP" + text;
  return text;
}

}  // namespace

SourceLayer SourceLayer::open(const SourceRequest& req, bool requireSrs) {
  SourceLayer s;
  s.path_ = req.path;
  std::vector<std::string> oo = req.openOptions;
  s.dataset_ = openDataset(req.path, GDAL_OF_VECTOR | GDAL_OF_READONLY, oo);
  s.layer_ = pickLayer(*s.dataset_, req);

  if (isDriver(*s.dataset_, "ESRI Shapefile")) {
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
  } else if (isDriver(*s.dataset_, "CSV") && !cpgEncoding(req.path).empty()) {
    // GDAL's CSV driver ignores a .cpg; riskmap reads it as for a Shapefile.
    const std::string declared = cpgEncoding(req.path);
    s.decoder_ = TextDecoder::from(declared);
    s.encodingNote_ = declared + " (declared by the .cpg)";
  } else if (isDriver(*s.dataset_, "CSV") && sampleIsUtf8(req.path) == false) {
    // A CSV declares nothing; one saved by Excel on Chinese Windows is GBK.
    // Decide for the whole file (header included), as for a Shapefile
    // without .cpg, rather than string by string.
    s.decoder_ = TextDecoder::from("GB18030");
    s.encodingNote_ = "GB18030/GBK (detected: the file is not valid UTF-8)";
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
  // By decoded name: a GBK header's 厂号 is found as the project file spells it.
  const std::vector<std::string> names = fieldNames();
  for (int i = 0; i < static_cast<int>(names.size()); ++i)
    if (name == names[i]) return i;
  for (int i = 0; i < static_cast<int>(names.size()); ++i)
    if (EQUAL(name.c_str(), names[i].c_str())) return i;
  return -1;
}

bool SourceLayer::isShapefile() const { return dataset_ && isDriver(*dataset_, "ESRI Shapefile"); }

std::vector<std::string> SourceLayer::fieldNames() const {
  std::vector<std::string> out;
  const OGRFeatureDefn* defn = layer_->GetLayerDefn();
  for (int i = 0; i < defn->GetFieldCount(); ++i) out.push_back(decoder_.decode(defn->GetFieldDefn(i)->GetNameRef()));
  return out;
}

}  // namespace riskmap
