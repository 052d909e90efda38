#pragma once
// The index as a choropleth on the ranking's printed page: each unit filled
// by its index class (five classes of 20 points, red worst to green best;
// riskmap's default, no standard), the units flagged for interview outlined
// heavy, each labelled with its name and rank, a key beside.
#include <cairo.h>

#include "Ranking.hpp"
#include "riskmap/print/PosterBlock.hpp"

namespace riskmap::periods {

void drawIndexMap(cairo_t* cr, const PosterContext& c, const Rect& frame, const Ranking& r);

}  // namespace riskmap::periods
