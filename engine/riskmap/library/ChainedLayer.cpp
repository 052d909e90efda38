#include "riskmap/library/ChainedLayer.hpp"

#include "riskmap/gdal/Gdal.hpp"

namespace riskmap::library {

ChainedLayer::ChainedLayer(const std::string& name, std::vector<OGRLayer*> parts)
    : parts_(std::move(parts)), defn_(parts_.front()->GetLayerDefn()->Clone()) {
  defn_->SetName(name.c_str());
  if (defn_->GetGeomFieldCount() > 0) defn_->GetGeomFieldDefn(0)->SetType(wkbUnknown);
  defn_->Reference();
  SetDescription(name.c_str());
}

ChainedLayer::~ChainedLayer() { defn_->Release(); }

void ChainedLayer::ResetReading() {
  for (OGRLayer* p : parts_) p->ResetReading();
  next_.clear();
}

OGRFeature* ChainedLayer::adopt(OGRFeature* f) {
  if (!f) return nullptr;
  auto* out = new OGRFeature(defn_);
  out->SetFrom(f, TRUE);
  out->SetFID(f->GetFID());
  delete f;
  return out;
}

// The parts' features merged by id: the order the unsplit table had (the split keeps ids).
OGRFeature* ChainedLayer::GetNextFeature() {
  if (next_.empty())
    for (OGRLayer* p : parts_) next_.emplace_back(p->GetNextFeature());
  std::size_t first = next_.size();
  for (std::size_t i = 0; i < next_.size(); ++i)
    if (next_[i] && (first == next_.size() || next_[i]->GetFID() < next_[first]->GetFID())) first = i;
  if (first == next_.size()) return nullptr;
  OGRFeature* f = next_[first].release();
  next_[first].reset(parts_[first]->GetNextFeature());
  return adopt(f);
}

OGRFeature* ChainedLayer::GetFeature(GIntBig fid) {
  for (OGRLayer* p : parts_) {
    GdalErrorCapture quiet;  // a part without the id says so; the next part may have it
    if (OGRFeature* f = p->GetFeature(fid)) return adopt(f);
  }
  return nullptr;
}

int ChainedLayer::TestCapability(const char* capability) {
  if (EQUAL(capability, OLCRandomRead) || EQUAL(capability, OLCFastFeatureCount) ||
      EQUAL(capability, OLCFastGetExtent) || EQUAL(capability, OLCStringsAsUTF8))
    return parts_.front()->TestCapability(capability);
  return FALSE;  // read only
}

OGRErr ChainedLayer::SetAttributeFilter(const char* query) {
  for (OGRLayer* p : parts_)
    if (OGRErr e = p->SetAttributeFilter(query); e != OGRERR_NONE) return e;
  ResetReading();
  return OGRERR_NONE;
}

void ChainedLayer::SetSpatialFilter(OGRGeometry* filter) { SetSpatialFilter(0, filter); }

void ChainedLayer::SetSpatialFilter(int field, OGRGeometry* filter) {
  for (OGRLayer* p : parts_) p->SetSpatialFilter(field, filter);
  ResetReading();
}

void ChainedLayer::SetSpatialFilterRect(double minX, double minY, double maxX, double maxY) {
  SetSpatialFilterRect(0, minX, minY, maxX, maxY);
}

void ChainedLayer::SetSpatialFilterRect(int field, double minX, double minY, double maxX, double maxY) {
  for (OGRLayer* p : parts_) p->SetSpatialFilterRect(field, minX, minY, maxX, maxY);
  ResetReading();
}

GIntBig ChainedLayer::GetFeatureCount(int force) {
  GIntBig n = 0;
  for (OGRLayer* p : parts_) {
    const GIntBig c = p->GetFeatureCount(force);
    if (c < 0) return -1;
    n += c;
  }
  return n;
}

OGRErr ChainedLayer::GetExtent(OGREnvelope* extent, int force) { return GetExtent(0, extent, force); }

OGRErr ChainedLayer::GetExtent(int field, OGREnvelope* extent, int force) {
  bool any = false;
  for (OGRLayer* p : parts_) {
    OGREnvelope e;
    if (p->GetExtent(field, &e, force) != OGRERR_NONE) continue;
    if (any) extent->Merge(e);
    else *extent = e;
    any = true;
  }
  return any ? OGRERR_NONE : OGRERR_FAILURE;
}

}  // namespace riskmap::library
