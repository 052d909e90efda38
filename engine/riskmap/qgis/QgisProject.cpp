#include "riskmap/qgis/QgisProject.hpp"

#include <cpl_conv.h>
#include <cpl_vsi.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <ctime>
#include <optional>
#include <stdexcept>

#include "riskmap/library/GeometryTables.hpp"
#include "riskmap/qgis/LayerStyles.hpp"
#include "riskmap/qgis/PostgresStorage.hpp"
#include "riskmap/qgis/QgisStyle.hpp"

namespace riskmap::qgis {
namespace {

struct Entry {
  OGRLayer* layer;
  std::string table;
  OGRwkbGeometryType type;  // the one type the table holds
  GeometryFamily family;
  std::vector<const StyleLayer*> drawnBy;
  std::size_t position;  // of the first style layer drawing it; past the end when none
  bool visible;
};

// The logical table a physical one belongs to: itself, or the table it was split from.
std::vector<std::string> logicalNames(const std::string& table) {
  std::vector<std::string> names{table};
  for (const std::string& s : library::geometryPartSuffixes())
    if (table.size() > s.size() + 1 && table.compare(table.size() - s.size() - 1, std::string::npos, "_" + s) == 0)
      names.push_back(table.substr(0, table.size() - s.size() - 1));
  return names;
}

std::vector<Entry> entriesInMapOrder(GDALDataset& ds, const Style& style) {
  std::vector<Entry> out;
  for (int i = 0; i < ds.GetLayerCount(); ++i) {
    OGRLayer* l = ds.GetLayer(i);
    if (l->GetLayerDefn()->GetGeomFieldCount() == 0) continue;
    if (isPostgres(ds) && std::string(l->GetName()).find('.') != std::string::npos) continue;  // another schema's
    const OGRwkbGeometryType type = storedGeometryType(ds, *l);
    Entry e{l, l->GetName(), type, familyOf(type), {}, style.layers.size(), false};
    for (const std::string& name : logicalNames(e.table)) {
      e.drawnBy = layersDrawing(style, name, e.family);
      if (!e.drawnBy.empty()) break;
    }
    for (const StyleLayer* s : e.drawnBy) {
      const std::size_t at = static_cast<std::size_t>(s - style.layers.data());
      if (s->type != StyleLayerType::Symbol || e.position == style.layers.size()) e.position = std::min(e.position, at);
      e.visible = e.visible || s->visible;
    }
    out.push_back(std::move(e));
  }
  std::stable_sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) { return a.position > b.position; });
  // Unstyled tables (past the end) sort first: put them at the bottom of the tree instead.
  std::stable_partition(out.begin(), out.end(), [&](const Entry& e) { return e.position < style.layers.size(); });
  return out;
}

std::string srsXml(const OGRSpatialReference* srs) {
  if (!srs) return "<spatialrefsys/>";
  char* wkt = nullptr;
  const char* opts[] = {"FORMAT=WKT2_2019", nullptr};
  srs->exportToWkt(&wkt, opts);
  const std::string w = wkt ? wkt : "";
  CPLFree(wkt);
  const char* name = srs->GetAuthorityName(nullptr);
  const char* code = srs->GetAuthorityCode(nullptr);
  const std::string authid = name && code ? std::string(name) + ":" + code : "";
  return "<spatialrefsys><wkt>" + xmlEscape(w) + "</wkt><authid>" + authid + "</authid><description>" +
         xmlEscape(srs->GetName() ? srs->GetName() : "") + "</description></spatialrefsys>";
}

std::string wkbName(OGRwkbGeometryType t) {
  switch (wkbFlatten(t)) {
    case wkbPoint: return "Point";
    case wkbMultiPoint: return "MultiPoint";
    case wkbLineString: return "LineString";
    case wkbMultiLineString: return "MultiLineString";
    case wkbPolygon: return "Polygon";
    case wkbMultiPolygon: return "MultiPolygon";
    default: return "GeometryCollection";
  }
}

std::string geometryName(GeometryFamily f) {
  return f == GeometryFamily::Points ? "Point" : f == GeometryFamily::Lines ? "Line" : "Polygon";
}

std::string layerId(const std::string& table) { return "riskmap_" + table; }

// How the project names the library's tables: the GeoPackage beside the
// project file (OGR provider), or the database (QGIS's postgres provider).
struct Sources {
  std::string libraryFile;
  std::optional<PostgresLibrary> postgres;
  std::string provider() const { return postgres ? "postgres" : "ogr"; }
  std::string of(const Entry& e) const {
    return postgres ? postgresLayerSource(*postgres, *e.layer, e.type) : "./" + libraryFile + "|layername=" + e.table;
  }
};

std::string projectXml(const std::vector<Entry>& entries, const std::vector<TableStyle>& styles, const Sources& sources,
                       const std::string& title, const OGRSpatialReference* crs, const OGREnvelope& extent) {
  std::string tree, layers, order;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const Entry& e = entries[i];
    const std::string id = layerId(e.table), source = sources.of(e);
    tree += "<layer-tree-layer id=\"" + xmlEscape(id) + "\" name=\"" + xmlEscape(e.table) + "\" source=\"" +
            xmlEscape(source) + "\" providerKey=\"" + sources.provider() + "\" checked=\"" + (e.visible ? "Qt::Checked" : "Qt::Unchecked") +
            "\" expanded=\"0\"/>";
    layers += "<maplayer type=\"vector\" geometry=\"" + geometryName(e.family) + "\" wkbType=\"" +
              wkbName(e.type) + "\" labelsEnabled=\"" + (styles[i].labeling.empty() ? "0" : "1") +
              "\" hasScaleBasedVisibilityFlag=\"0\" styleCategories=\"AllStyleCategories\"><id>" + xmlEscape(id) +
              "</id><datasource>" + xmlEscape(source) + "</datasource><layername>" + xmlEscape(e.table) +
              "</layername><srs>" + srsXml(e.layer->GetSpatialRef()) + "</srs><provider encoding=\"UTF-8\">" +
              sources.provider() + "</provider>" +
              styles[i].renderer + styles[i].labeling + "<layerOpacity>1</layerOpacity></maplayer>";
    order += "<layer id=\"" + xmlEscape(id) + "\"/>";
  }
  auto coord = [](double v) { return std::to_string(v); };
  return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n<qgis projectname=\"" + xmlEscape(title) +
         "\" version=\"3.22.0\"><homePath path=\"\"/><title>" + xmlEscape(title) + "</title><projectCrs>" + srsXml(crs) +
         "</projectCrs><layer-tree-group>" + tree + "</layer-tree-group>"
         "<mapcanvas name=\"theMapCanvas\" annotationsVisible=\"1\"><units>meters</units><extent><xmin>" + coord(extent.MinX) +
         "</xmin><ymin>" + coord(extent.MinY) + "</ymin><xmax>" + coord(extent.MaxX) + "</xmax><ymax>" + coord(extent.MaxY) +
         "</ymax></extent><rotation>0</rotation><destinationsrs>" + srsXml(crs) + "</destinationsrs></mapcanvas>"
         "<projectlayers>" + layers + "</projectlayers><layerorder>" + order + "</layerorder>"
         "<ProjectViewSettings UseProjectScales=\"0\"><Scales/><DefaultViewExtent xmin=\"" + coord(extent.MinX) +
         "\" ymin=\"" + coord(extent.MinY) + "\" xmax=\"" + coord(extent.MaxX) + "\" ymax=\"" + coord(extent.MaxY) + "\">" +
         srsXml(crs) + "</DefaultViewExtent></ProjectViewSettings>"
         "<properties><Paths><Absolute type=\"bool\">false</Absolute></Paths>"
         "<SpatialRefSys><ProjectionsEnabled type=\"int\">1</ProjectionsEnabled></SpatialRefSys></properties></qgis>\n";
}

// The .qgz: a zip holding the .qgs, written with GDAL's zip writer in memory.
std::string zipped(const std::string& qgsName, const std::string& xml) {
  const std::string path = "/vsimem/riskmap-" + std::to_string(reinterpret_cast<std::uintptr_t>(&xml)) + ".qgz";
  struct Unlink {
    std::string p;
    ~Unlink() { VSIUnlink(p.c_str()); }
  } unlink{path};
  void* zip = CPLCreateZip(path.c_str(), nullptr);
  if (!zip) throw std::runtime_error("cannot create the QGIS project archive");
  const bool ok = CPLCreateFileInZip(zip, qgsName.c_str(), nullptr) == CE_None &&
                  CPLWriteFileInZip(zip, xml.data(), static_cast<int>(xml.size())) == CE_None &&
                  CPLCloseFileInZip(zip) == CE_None;
  if (CPLCloseZip(zip) != CE_None || !ok) throw std::runtime_error("cannot write the QGIS project archive");
  vsi_l_offset size = 0;
  const GByte* bytes = VSIGetMemFileBuffer(path.c_str(), &size, FALSE);
  return std::string(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(size));
}

std::string hexOf(const std::string& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

std::string sqlText(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

void storeProject(GDALDataset& ds, const std::string& name, const std::string& qgz) {
  if (isPostgres(ds)) return storePostgresProject(ds, name, hexOf(qgz));
  const std::time_t now = std::time(nullptr);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", std::gmtime(&now));
  const std::string metadata = std::string("{\"last_modified_time\": \"") + stamp + "\", \"last_modified_user\": \"riskmap\" }";
  CPLErrorReset();
  ds.ExecuteSQL("CREATE TABLE IF NOT EXISTS qgis_projects(name TEXT PRIMARY KEY, metadata BLOB, content BLOB)", nullptr, nullptr);
  ds.ExecuteSQL(("INSERT OR REPLACE INTO qgis_projects VALUES (" + sqlText(name) + ", " + sqlText(metadata) + ", " +
                 sqlText(hexOf(qgz)) + ")").c_str(),
                nullptr, nullptr);
  if (CPLGetLastErrorType() >= CE_Failure)
    throw std::runtime_error(std::string("cannot store the QGIS project: ") + CPLGetLastErrorMsg());
}

}  // namespace

Publication publishToQgis(GDALDataset& ds, const Style& style, const std::string& libraryFile,
                          const std::string& projectName, const std::string& title) {
  const std::vector<Entry> entries = entriesInMapOrder(ds, style);
  std::vector<TableStyle> styles;
  OGREnvelope extent;
  const OGRSpatialReference* crs = nullptr;
  Publication out{projectName, {}};
  for (const Entry& e : entries) {
    styles.push_back(tableStyle(style, e.drawnBy, e.family, e.table));
    writeLayerStyle(ds, {e.table, e.layer->GetGeometryColumn(), style.name,
                         "riskmap's map style (styles/), as QGIS, GeoServer and riskmap draw it", styles.back().qml,
                         styles.back().sld, geometryName(e.family)});
    OGREnvelope env;
    if (e.visible && e.layer->GetExtent(&env, TRUE) == OGRERR_NONE) extent.Merge(env);
    if (!crs) crs = e.layer->GetSpatialRef();
    out.layers.push_back({e.table, e.visible});
  }
  const std::string stem = libraryFile.substr(0, libraryFile.rfind('.'));
  Sources sources{libraryFile, std::nullopt};
  if (isPostgres(ds)) sources.postgres = postgresLibrary(ds);
  storeProject(ds, projectName, zipped(stem + ".qgs", projectXml(entries, styles, sources, title, crs, extent)));
  return out;
}

}  // namespace riskmap::qgis
