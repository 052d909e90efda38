#pragma once
// What part of the world a rendering shows, in which CRS, at what size.
#include <ogr_spatialref.h>

namespace riskmap {

struct MapView {
  OGRSpatialReference crs;                 // projected, metres (EPSG:3857 for tiles), or EPSG:4490 degrees
                                           // (the CGCS2000 tile pyramid); x east, y north
  double minX = 0, minY = 0, maxX = 0, maxY = 0;
  int width = 0, height = 0;               // output pixels (points for PDF/SVG)
  double scaleFactor = 1;                  // HiDPI: line widths, radii and text sizes multiply
  bool snapHairlines = true;               // raster output: 1-pixel lines on pixel centres
  double labelInset = 0;                   // no label within this many pixels of the edge (a metatile's buffer)

  double resolution() const { return (maxX - minX) / width; }  // metres per output unit
  // The Web Mercator zoom with the same ground resolution at the view's
  // latitude, so one style's minzoom/maxzoom serve tiles and posters alike.
  double zoom() const;
};

}  // namespace riskmap
