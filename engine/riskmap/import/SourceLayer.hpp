#pragma once
// One layer of a source dataset, opened for import: the dataset, the OGR
// layer, the CRS it is in, and how its text is to be decoded.
#include <string>
#include <vector>

#include "riskmap/gdal/Gdal.hpp"
#include "riskmap/import/TextDecoder.hpp"

namespace riskmap {

struct SourceRequest {
  std::string path;         // GDAL path or connection string
  std::string layer;        // empty: the dataset's only (or first) layer
  std::string srs;          // override; required when the source has none
  std::string encoding;     // override; empty: declared by the source, else auto
  std::string where;        // attribute filter
  std::vector<std::string> openOptions;
  std::string context;      // the project layer's name, for messages
};

class SourceLayer {
 public:
  // Throws UserError naming the file and layer when it cannot be opened.
  // requireSrs: vector layers need a CRS; related tables do not.
  static SourceLayer open(const SourceRequest& request, bool requireSrs = true);

  OGRLayer& layer() const { return *layer_; }
  const std::string& path() const { return path_; }
  const std::string& layerName() const { return layerName_; }
  const OGRSpatialReference& srs() const { return srs_; }
  const TextDecoder& decoder() const { return decoder_; }
  const std::string& encodingNote() const { return encodingNote_; }

  // Index of a source field by its decoded (UTF-8) name, exactly, else
  // case-insensitively; -1 if none.
  int fieldIndex(const std::string& name) const;
  // The source's field names, decoded to UTF-8 as its values are.
  std::vector<std::string> fieldNames() const;
  bool isShapefile() const;

 private:
  SourceLayer() = default;
  GDALDatasetUniquePtr dataset_;
  OGRLayer* layer_ = nullptr;
  std::string path_;
  std::string layerName_;
  OGRSpatialReference srs_;
  TextDecoder decoder_ = TextDecoder::autoDetect();
  std::string encodingNote_;  // how the encoding was decided, for the import log
};

}  // namespace riskmap
