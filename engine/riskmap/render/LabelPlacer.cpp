#include "riskmap/render/LabelPlacer.hpp"

namespace riskmap {

bool LabelPlacer::place(LabelBox b) {
  if (b.x0 < inset_ || b.y0 < inset_ || b.x1 > w_ - inset_ || b.y1 > h_ - inset_) return false;  // no label cut at the edge
  const LabelBox padded{b.x0 - pad_, b.y0 - pad_, b.x1 + pad_, b.y1 + pad_, b.text};
  for (const LabelBox& p : placed_)
    if (padded.overlaps(p)) return false;
  placed_.push_back(b);
  return true;
}

}  // namespace riskmap
