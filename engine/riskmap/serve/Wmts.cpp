#include "riskmap/serve/Wmts.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <map>

namespace riskmap {
namespace {

std::string num(double v) {
  char b[40];
  std::snprintf(b, sizeof b, "%.17g", v);
  return b;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

bool parseInt(std::string_view s, std::int64_t& v) {
  if (s.empty() || s.size() > 10 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
  return std::from_chars(s.data(), s.data() + s.size(), v).ec == std::errc{};
}

WmtsRequest error(std::string code, std::string locator, std::string text, int status = 400) {
  WmtsRequest r;
  r.kind = WmtsRequest::Kind::Error;
  r.code = std::move(code), r.locator = std::move(locator), r.text = std::move(text), r.status = status;
  return r;
}

// The tile a GetTile names, checked against the service (07-057r7 8.2.2 and Table 23).
bool isVectorLayer(const WmtsService& s, std::string_view layer) { return !s.vectorSets.empty() && layer == s.vectorLayer; }

// format: the media type asked (KVP FORMAT, or the REST path's extension's).
WmtsRequest tileRequest(const WmtsService& s, std::string_view layer, std::string_view style, std::string_view set,
                        std::string_view matrix, std::string_view row, std::string_view col, std::string_view format) {
  const bool vector = isVectorLayer(s, layer);
  if (layer != s.layer && !vector)
    return error("InvalidParameterValue", "layer", "no layer '" + std::string(layer) + "'; there is " + s.layer +
                                                       (s.vectorSets.empty() ? "" : " (and " + s.vectorLayer + ")"));
  if (format != (vector ? kMvtMediaType : "image/png"))
    return error("InvalidParameterValue", "format", "layer " + std::string(layer) + " is " + (vector ? kMvtMediaType : "image/png"));
  if (!style.empty() && style != "default" && style != "{Style}")
    return error("InvalidParameterValue", "style", "no style '" + std::string(style) + "'; there is default");
  const std::vector<WmtsMatrixSetLink>& sets = vector ? s.vectorSets : s.sets;
  const auto link = std::find_if(sets.begin(), sets.end(), [&](const WmtsMatrixSetLink& l) { return set == l.set.wmtsIdentifier(); });
  if (link == sets.end()) return error("InvalidParameterValue", "tilematrixset", "no tile matrix set '" + std::string(set) + "'");
  std::int64_t z = 0, y = 0, x = 0;
  if (!parseInt(matrix, z) || z > kMaxTileZoom) return error("InvalidParameterValue", "tilematrix", "no tile matrix '" + std::string(matrix) + "'");
  if (!parseInt(row, y)) return error("InvalidParameterValue", "tilerow", "tile row '" + std::string(row) + "' is not a row number");
  if (!parseInt(col, x)) return error("InvalidParameterValue", "tilecol", "tile column '" + std::string(col) + "' is not a column number");
  WmtsRequest r;
  r.kind = WmtsRequest::Kind::Tile;
  r.vector = vector;
  r.set = link->set;
  r.tile = {static_cast<int>(z), x, y};
  if (!link->set.contains(r.tile))
    return error("TileOutOfRange", y >= 0 && z >= link->set.minZoom() && y >= link->set.matrixHeight(static_cast<int>(z)) ? "tilerow" : "tilecol",
                 "tile " + std::string(matrix) + "/" + std::string(row) + "/" + std::string(col) + " is outside " +
                     link->set.wmtsIdentifier());
  return r;
}

}  // namespace

std::string percentDecode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      int v = 0;
      if (std::from_chars(s.data() + i + 1, s.data() + i + 3, v, 16).ptr == s.data() + i + 3) {
        out.push_back(static_cast<char>(v));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i] == '+' ? ' ' : s[i]);
  }
  return out;
}


std::string xmlEscape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

namespace {

// One <Layer>: its title, bounds, identifier, style, format, the sets it is
// served in with the study area's TileMatrixSetLimits, and its RESTful URL.
std::string layerXml(const WmtsService& s, const std::string& id, const std::string& title, const char* format,
                     const char* extension, const std::vector<WmtsMatrixSetLink>& sets, const std::string& base) {
  std::string x = R"(    <Layer>
      <ows:Title>)" + xmlEscape(title) + R"(</ows:Title>
      <ows:WGS84BoundingBox crs="urn:ogc:def:crs:OGC:2:84">
        <ows:LowerCorner>)" + num(s.bounds.west) + " " + num(s.bounds.south) + R"(</ows:LowerCorner>
        <ows:UpperCorner>)" + num(s.bounds.east) + " " + num(s.bounds.north) + R"(</ows:UpperCorner>
      </ows:WGS84BoundingBox>
      <ows:Identifier>)" + xmlEscape(id) + R"(</ows:Identifier>
      <Style isDefault="true"><ows:Identifier>default</ows:Identifier></Style>
      <Format>)" + format + "</Format>\n";
  for (const WmtsMatrixSetLink& l : sets) {
    // WMTS 1.0.0's schema types the limits xs:positiveInteger, so a range
    // from row or column 0 (the first levels) cannot be written. Leaving
    // only those levels out would take them out of OpenLayers' grid (it
    // keeps only the levels with limits, and renumbers), so then the set
    // has no limits at all: every level whole, tiles off the area 204.
    std::string limits;
    bool writable = true;
    for (int z = std::max(l.minzoom, l.set.minZoom()); z <= l.maxzoom && writable; ++z) {
      const TileRange r = l.set.range(s.bounds, z);
      writable = r.minX > 0 && r.minY > 0;
      limits += "          <TileMatrixLimits><TileMatrix>" + std::to_string(z) + "</TileMatrix><MinTileRow>" +
           std::to_string(r.minY) + "</MinTileRow><MaxTileRow>" + std::to_string(r.maxY) + "</MaxTileRow><MinTileCol>" +
           std::to_string(r.minX) + "</MinTileCol><MaxTileCol>" + std::to_string(r.maxX) + "</MaxTileCol></TileMatrixLimits>\n";
    }
    x += std::string("      <TileMatrixSetLink>\n        <TileMatrixSet>") + l.set.wmtsIdentifier() + "</TileMatrixSet>\n";
    if (writable && !limits.empty()) x += "        <TileMatrixSetLimits>\n" + limits + "        </TileMatrixSetLimits>\n";
    x += "      </TileMatrixSetLink>\n";
  }
  x += std::string(R"(      <ResourceURL format=")") + format + R"(" resourceType="tile" template=")" + base + "/wmts/1.0.0/" +
       xmlEscape(id) + "/{Style}/{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}." + extension + "\"/>\n    </Layer>\n";
  return x;
}

}  // namespace

std::string wmtsCapabilities(const WmtsService& s, const std::string& baseUrl) {
  const std::string base = xmlEscape(baseUrl);
  std::string x;
  x.reserve(16384);
  x += R"(<?xml version="1.0" encoding="UTF-8"?>
<Capabilities xmlns="http://www.opengis.net/wmts/1.0" xmlns:ows="http://www.opengis.net/ows/1.1" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:gml="http://www.opengis.net/gml" xsi:schemaLocation="http://www.opengis.net/wmts/1.0 http://schemas.opengis.net/wmts/1.0/wmtsGetCapabilities_response.xsd" version="1.0.0">
  <ows:ServiceIdentification>
    <ows:Title>)" + xmlEscape(s.title) + R"(</ows:Title>
    <ows:Abstract>Safety-risk four-colour map (安全风险四色图) drawn by riskmap</ows:Abstract>
    <ows:ServiceType>OGC WMTS</ows:ServiceType>
    <ows:ServiceTypeVersion>1.0.0</ows:ServiceTypeVersion>
  </ows:ServiceIdentification>
  <ows:OperationsMetadata>
)";
  for (const char* op : {"GetCapabilities", "GetTile"})
    x += std::string("    <ows:Operation name=\"") + op + R"(">
      <ows:DCP><ows:HTTP><ows:Get xlink:href=")" + base + R"(/wmts?"><ows:Constraint name="GetEncoding"><ows:AllowedValues><ows:Value>KVP</ows:Value></ows:AllowedValues></ows:Constraint></ows:Get></ows:HTTP></ows:DCP>
    </ows:Operation>
)";
  x += "  </ows:OperationsMetadata>\n  <Contents>\n";
  x += layerXml(s, s.layer, s.title, "image/png", "png", s.sets, base);
  if (!s.vectorSets.empty())
    x += layerXml(s, s.vectorLayer, s.title + " (vector tiles, MVT)", kMvtMediaType, "pbf", s.vectorSets, base);
  // Each set once, with the matrices of the deepest level either layer serves.
  std::vector<WmtsMatrixSetLink> defined;
  for (const auto* links : {&s.sets, &s.vectorSets})
    for (const WmtsMatrixSetLink& l : *links) {
      auto it = std::find_if(defined.begin(), defined.end(), [&](const WmtsMatrixSetLink& d) { return d.set == l.set; });
      if (it == defined.end()) defined.push_back(l);
      else it->maxzoom = std::max(it->maxzoom, l.maxzoom);
    }
  for (const WmtsMatrixSetLink& l : defined) {
    const TileMatrixSet& m = l.set;
    const bool geodetic = m.kind() == TileMatrixSet::Kind::Cgcs2000;
    // In the CRS's axis order (07-057r7 6.1): EPSG:4490 is latitude first.
    const std::string corner = geodetic ? num(m.originY()) + " " + num(m.originX()) : num(m.originX()) + " " + num(m.originY());
    x += std::string("    <TileMatrixSet>\n      <ows:Identifier>") + m.wmtsIdentifier() + "</ows:Identifier>\n" +
         "      <ows:SupportedCRS>" + m.supportedCrsUrn() + "</ows:SupportedCRS>\n" + "      <WellKnownScaleSet>" +
         m.wellKnownScaleSet() + "</WellKnownScaleSet>\n";
    for (int z = m.minZoom(); z <= l.maxzoom; ++z)
      x += "      <TileMatrix><ows:Identifier>" + std::to_string(z) + "</ows:Identifier><ScaleDenominator>" +
           num(m.scaleDenominator(z)) + "</ScaleDenominator><TopLeftCorner>" + corner +
           "</TopLeftCorner><TileWidth>256</TileWidth><TileHeight>256</TileHeight><MatrixWidth>" +
           std::to_string(m.matrixWidth(z)) + "</MatrixWidth><MatrixHeight>" + std::to_string(m.matrixHeight(z)) +
           "</MatrixHeight></TileMatrix>\n";
    x += "    </TileMatrixSet>\n";
  }
  x += "  </Contents>\n  <ServiceMetadataURL xlink:href=\"" + base + "/wmts/1.0.0/WMTSCapabilities.xml\"/>\n</Capabilities>\n";
  return x;
}

WmtsRequest parseWmtsKvp(std::string_view query, const WmtsService& s) {
  std::map<std::string, std::string> kv;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const auto eq = pair.find('=');
    if (!pair.empty()) kv[lower(percentDecode(pair.substr(0, eq)))] = eq == std::string_view::npos ? "" : percentDecode(pair.substr(eq + 1));
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  const auto get = [&kv](const char* k) { auto it = kv.find(k); return it == kv.end() ? std::optional<std::string>() : it->second; };
  const auto service = get("service");
  if (!service) return error("MissingParameterValue", "service", "SERVICE=WMTS is missing");
  if (lower(*service) != "wmts") return error("InvalidParameterValue", "service", "SERVICE must be WMTS");
  const auto request = get("request");
  if (!request) return error("MissingParameterValue", "request", "REQUEST is missing");
  if (*request == "GetCapabilities") {
    WmtsRequest r;
    r.kind = WmtsRequest::Kind::Capabilities;
    return r;
  }
  if (*request != "GetTile") return error("OperationNotSupported", "request", "REQUEST=" + *request + ": GetCapabilities or GetTile");
  if (const auto v = get("version"); v && *v != "1.0.0") return error("InvalidParameterValue", "version", "VERSION must be 1.0.0");
  for (const char* k : {"layer", "style", "format", "tilematrixset", "tilematrix", "tilerow", "tilecol"})
    if (!get(k)) return error("MissingParameterValue", k, std::string("GetTile needs ") + k);
  return tileRequest(s, *get("layer"), *get("style"), *get("tilematrixset"), *get("tilematrix"), *get("tilerow"), *get("tilecol"),
                     *get("format"));
}

WmtsRequest parseWmtsRest(std::string_view path, const WmtsService& s) {
  if (path == "WMTSCapabilities.xml") {
    WmtsRequest r;
    r.kind = WmtsRequest::Kind::Capabilities;
    return r;
  }
  std::vector<std::string_view> parts;
  while (true) {
    const auto slash = path.find('/');
    parts.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  if (parts.size() != 6 || !(parts[5].ends_with(".png") || parts[5].ends_with(".pbf")))
    return error("InvalidParameterValue", "path",
                 "expected /wmts/1.0.0/WMTSCapabilities.xml or /wmts/1.0.0/{layer}/{style}/{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}.png (.pbf)", 404);
  const std::string_view format = parts[5].ends_with(".pbf") ? kMvtMediaType : "image/png";
  parts[5].remove_suffix(4);
  return tileRequest(s, parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], format);
}

std::string owsExceptionReport(const WmtsRequest& e) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<ows:ExceptionReport xmlns:ows="http://www.opengis.net/ows/1.1" version="1.1.0" xml:lang="en">
  <ows:Exception exceptionCode=")" + xmlEscape(e.code) + "\" locator=\"" + xmlEscape(e.locator) + "\">\n    <ows:ExceptionText>" +
         xmlEscape(e.text) + "</ows:ExceptionText>\n  </ows:Exception>\n</ows:ExceptionReport>\n";
}

}  // namespace riskmap
