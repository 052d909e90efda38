#pragma once
// A three-line table (三线表: a heavy rule above and below, a light one
// under the header), as Chinese statistical tables are printed; columns
// sized to their widest cell, one column may take the rest and ellipsize.
#include <string>
#include <vector>

#include "riskmap/print/PosterBlock.hpp"

namespace riskmap {

struct TableColumn {
  std::string header;
  Align align = Align::Left;
  bool flexible = false;  // takes the width left over; its cells are ellipsized
};

struct Table {
  std::vector<TableColumn> columns;
  std::vector<std::vector<std::string>> rows;
  std::vector<Rgba> swatches;  // per row, drawn before the first cell; empty: none
  bool lastRowIsTotal = false;
};

double tableHeight(const PosterContext& c, const Table& t, double width);
void drawTable(cairo_t* cr, const PosterContext& c, const Table& t, const Rect& r);

}  // namespace riskmap
