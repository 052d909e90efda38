#pragma once
// The maps of the printed pages. The index as a choropleth on the ranking's
// page: each unit filled by its index class (five classes of 20 points, red
// worst to green best; riskmap's default, no standard), the units flagged
// for interview outlined heavy, each labelled with its name and rank, a key
// beside. The grade changes on the comparison's page: pieces gone up red,
// down blue, over the townships.
#include <cairo.h>

#include "PeriodCompare.hpp"
#include "Ranking.hpp"
#include "riskmap/print/PosterBlock.hpp"

namespace riskmap::periods {

void drawIndexMap(cairo_t* cr, const PosterContext& c, const Rect& frame, const Ranking& r);
void drawChangeMap(cairo_t* cr, const PosterContext& c, const Rect& frame, const Comparison& cmp);

}  // namespace riskmap::periods
