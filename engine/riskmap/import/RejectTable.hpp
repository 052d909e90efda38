#pragma once
// The rejects table: every feature import could not take, with the layer,
// source feature id, the field at fault, the reason, and the original
// attributes (JSON) and geometry (WKT, in the source CRS). Nothing is
// dropped silently.
#include <gdal_priv.h>

#include <string>

#include "riskmap/import/TextDecoder.hpp"

namespace riskmap {

struct RejectRecord {
  std::string layer;
  std::string source;
  long long sourceFid = -1;
  std::string field;
  std::string reason;
  std::string attributesJson;
  std::string geometryWkt;
  std::string sourceSrs;
};

class RejectTable {
 public:
  explicit RejectTable(GDALDataset& library);
  void add(const RejectRecord& record);

  // The feature's attributes as a JSON object, strings decoded.
  static std::string attributesAsJson(const OGRFeature& feature, const TextDecoder& decoder);
  static std::string geometryAsWkt(const OGRGeometry* geometry);

 private:
  OGRLayer* table_;
};

}  // namespace riskmap
