#pragma once
// Labels never overlap: each label's box (with padding) is placed only if
// it is disjoint from every box already placed; callers offer labels in
// priority order.
#include <string>
#include <vector>

namespace riskmap {

struct LabelBox {
  double x0, y0, x1, y1;
  std::string text;
  bool overlaps(const LabelBox& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
};

class LabelPlacer {
 public:
  // inset: a margin of the view no label may enter (a metatile's buffer).
  explicit LabelPlacer(double width, double height, double padding = 2, double inset = 0)
      : w_(width), h_(height), pad_(padding), inset_(inset) {}
  // True and remembered when the box fits inside the view (less the inset) and overlaps nothing placed.
  bool place(LabelBox box);
  const std::vector<LabelBox>& placed() const { return placed_; }

 private:
  double w_, h_, pad_, inset_;
  std::vector<LabelBox> placed_;
};

}  // namespace riskmap
