#pragma once
// The offsets of Chinese web maps. Enterprise locations picked on Amap
// (高德) or Tencent maps are in GCJ-02 ("Mars coordinates"), on Baidu maps in
// BD-09: WGS 84 / CGCS2000 longitude and latitude moved by a published
// obfuscation formula, 300-600 m inside China, more than the 500 m ring
// that sets a major hazard source's alpha.
//
// Hand-written, and why: GCJ-02 and BD-09 are not geodetic datums but a
// deliberately non-linear perturbation; neither PROJ nor any library Debian
// packages implements them. The forward formulas below are the published
// ones (as in the open implementations eviltransform, coordtransform and
// gcoord); there is no published exact inverse, so the inverse is a
// fixed-point iteration to 1e-9 degrees (about 0.1 mm).
//
// GCJ-02 is defined on WGS 84; CGCS2000 and WGS 84 agree to a few
// centimetres, so the result is read as lon/lat in the source's own
// geographic CRS. Outside the published China box the GCJ-02 formula is
// the identity (as published); BD-09's own step applies everywhere (as
// published).
#include <optional>
#include <string>

class OGRGeometry;

namespace riskmap {

enum class WebMapCoordinates { None, Gcj02, Bd09 };

// "" (not declared) and "none" (declared free of offsets) -> None; "gcj02",
// "bd09"; nullopt for anything else.
std::optional<WebMapCoordinates> parseWebMapCoordinates(const std::string& text);
// "", "gcj02", "bd09".
std::string webMapCoordinatesName(WebMapCoordinates c);

struct LonLat {
  double lon = 0, lat = 0;
};

// The published box outside which GCJ-02 leaves coordinates alone.
bool insideGcj02Box(const LonLat& p);

LonLat wgs84ToGcj02(const LonLat& p);
LonLat gcj02ToBd09(const LonLat& p);
LonLat wgs84ToBd09(const LonLat& p);

// Inverses by fixed-point iteration until the step is below 1e-9 degrees.
LonLat gcj02ToWgs84(const LonLat& p);
LonLat bd09ToGcj02(const LonLat& p);
LonLat bd09ToWgs84(const LonLat& p);

// From the web map's coordinates to true lon/lat (WGS 84 / CGCS2000).
LonLat removeWebMapOffset(const LonLat& p, WebMapCoordinates from);

// Every vertex of a lon/lat geometry (x = lon, y = lat), in place.
void removeWebMapOffset(OGRGeometry& g, WebMapCoordinates from);

}  // namespace riskmap
