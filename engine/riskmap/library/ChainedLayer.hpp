#pragma once
// A read-only OGRLayer over the parts of a split table (GeometryTables.hpp):
// one schema (the first part's, with a generic geometry type and the
// logical name), the parts' features merged in id order (the order of the
// table before the split), filters and counts passed through. Hand-written because GDAL installs no header for its
// OGRUnionLayer, and a VRT would open the library a second time.
#include <ogrsf_frmts.h>

#include <string>
#include <vector>

namespace riskmap::library {

class ChainedLayer : public OGRLayer {
 public:
  ChainedLayer(const std::string& name, std::vector<OGRLayer*> parts);
  ~ChainedLayer() override;
  ChainedLayer(const ChainedLayer&) = delete;
  ChainedLayer& operator=(const ChainedLayer&) = delete;

  void ResetReading() override;
  OGRFeature* GetNextFeature() override;
  OGRFeature* GetFeature(GIntBig fid) override;
  OGRFeatureDefn* GetLayerDefn() override { return defn_; }
  int TestCapability(const char* capability) override;
  OGRErr SetAttributeFilter(const char* query) override;
  void SetSpatialFilter(OGRGeometry* filter) override;
  void SetSpatialFilter(int field, OGRGeometry* filter) override;
  void SetSpatialFilterRect(double minX, double minY, double maxX, double maxY) override;
  void SetSpatialFilterRect(int field, double minX, double minY, double maxX, double maxY) override;
  GIntBig GetFeatureCount(int force) override;
  OGRErr GetExtent(OGREnvelope* extent, int force) override;
  OGRErr GetExtent(int field, OGREnvelope* extent, int force) override;
  OGRSpatialReference* GetSpatialRef() override { return parts_.front()->GetSpatialRef(); }

 private:
  OGRFeature* adopt(OGRFeature* f);
  std::vector<OGRLayer*> parts_;
  OGRFeatureDefn* defn_;
  std::vector<OGRFeatureUniquePtr> next_;  // each part's next feature, once reading started
};

}  // namespace riskmap::library
