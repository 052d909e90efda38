#include "riskmap/project/Project.hpp"

#include <toml++/toml.h>

#include <regex>
#include <set>
#include <sstream>

#include "riskmap/core/Error.hpp"
#include "riskmap/core/Files.hpp"
#include "riskmap/crs/WebMapOffsets.hpp"

namespace riskmap {
namespace {

// Strict reading: unknown keys are errors, because a misspelt key that is
// silently ignored produces a wrong map without a word.
class TableReader {
 public:
  TableReader(const toml::table& table, std::string where, std::string file)
      : table_(table), where_(std::move(where)), file_(std::move(file)) {}

  std::string text(const std::string& key, bool required, const std::string& fallback = {}) {
    seen_.insert(key);
    const toml::node* node = table_.get(key);
    if (!node) {
      if (required) fail(key, "is required");
      return fallback;
    }
    if (!node->is_string()) fail(key, "must be a string");
    return node->as_string()->get();
  }

  double number(const std::string& key, double fallback) {
    seen_.insert(key);
    const toml::node* node = table_.get(key);
    if (!node) return fallback;
    if (!node->is_number()) fail(key, "must be a number");
    return node->value<double>().value_or(fallback);
  }

  // A string that must be one of choices.
  std::string choice(const std::string& key, const std::vector<std::string>& choices) {
    const std::string value = text(key, false, choices.front());
    for (const std::string& c : choices)
      if (value == c) return value;
    std::string list;
    for (const std::string& c : choices) list += (list.empty() ? "" : ", ") + ("\"" + c + "\"");
    fail(key, "must be one of " + list + ", got \"" + value + "\"");
  }

  std::vector<std::string> strings(const std::string& key) {
    seen_.insert(key);
    std::vector<std::string> out;
    const toml::node* node = table_.get(key);
    if (!node) return out;
    const toml::array* arr = node->as_array();
    if (!arr) fail(key, "must be an array of strings");
    for (const auto& item : *arr) {
      if (!item.is_string()) fail(key, "must be an array of strings");
      out.push_back(item.as_string()->get());
    }
    return out;
  }

  std::map<std::string, std::string> stringMap(const std::string& key) {
    seen_.insert(key);
    std::map<std::string, std::string> out;
    const toml::node* node = table_.get(key);
    if (!node) return out;
    const toml::table* t = node->as_table();
    if (!t) fail(key, "must be a table of strings");
    for (const auto& [k, v] : *t) {
      if (!v.is_string()) fail(key + "." + std::string(k.str()), "must be a string");
      out[std::string(k.str())] = v.as_string()->get();
    }
    return out;
  }

  const toml::node* node(const std::string& key) {
    seen_.insert(key);
    return table_.get(key);
  }

  void rejectUnknownKeys() {
    for (const auto& [k, v] : table_) {
      const std::string key(k.str());
      if (!seen_.count(key)) fail(key, "is not a known key");
    }
  }

  [[noreturn]] void fail(const std::string& key, const std::string& what) const {
    throw UserError(file_ + ": key '" + (where_.empty() ? "" : where_ + ".") + key + "' " + what);
  }

 private:
  const toml::table& table_;
  std::string where_;
  std::string file_;
  std::set<std::string> seen_;
};

// GDAL connection strings ("PG:dbname=x", "/vsizip/...", "GPKG:a.gpkg:t",
// "https://...") stay as written; plain paths are relative to the project file.
std::string resolveSource(const std::string& source, const std::filesystem::path& baseDir) {
  static const std::regex prefixed(R"(^[A-Za-z][A-Za-z0-9_]+:.*)");
  if (source.empty() || source.rfind("/vsi", 0) == 0 || std::regex_match(source, prefixed))
    return source;
  const std::filesystem::path p(source);
  return p.is_absolute() ? source : (baseDir / p).lexically_normal().string();
}

RelatedTableSpec readRelated(const toml::table& t, const std::string& where, const std::string& file,
                             const std::filesystem::path& baseDir) {
  TableReader r(t, where, file);
  RelatedTableSpec spec;
  spec.intoField = r.text("into", true);
  spec.source = resolveSource(r.text("source", true), baseDir);
  spec.sourceLayer = r.text("source_layer", false);
  spec.key = r.text("key", true);
  spec.parentKey = r.text("parent_key", true);
  spec.encoding = r.text("encoding", false);
  spec.openOptions = r.strings("open_options");
  spec.fields = r.stringMap("fields");
  r.rejectUnknownKeys();
  return spec;
}

LayerSpec readLayer(const toml::table& t, std::size_t index, const std::string& file,
                    const std::filesystem::path& baseDir) {
  const std::string where = "layers[" + std::to_string(index) + "]";
  TableReader r(t, where, file);
  LayerSpec spec;
  spec.name = r.text("name", true);
  static const std::regex tableName(R"(^[a-z][a-z0-9_]{0,62}$)");
  if (!std::regex_match(spec.name, tableName))
    r.fail("name", "must be a lower-case table name (a-z, 0-9, _), got '" + spec.name + "'");
  spec.kind = r.text("kind", true);
  spec.source = resolveSource(r.text("source", true), baseDir);
  spec.sourceLayer = r.text("source_layer", false);
  spec.srs = r.text("srs", false);
  spec.encoding = r.text("encoding", false);
  spec.where = r.text("where", false);
  spec.openOptions = r.strings("open_options");
  spec.fields = r.stringMap("fields");
  spec.coordinates = r.text("coordinates", false);
  if (!parseWebMapCoordinates(spec.coordinates))
    r.fail("coordinates", "must be \"gcj02\" (Amap, Tencent), \"bd09\" (Baidu) or \"none\", got '" +
                              spec.coordinates + "' (layer '" + spec.name + "')");
  if (const toml::node* rel = r.node("related")) {
    const toml::array* arr = rel->as_array();
    if (!arr) r.fail("related", "must be an array of tables ([[layers.related]])");
    for (std::size_t i = 0; i < arr->size(); ++i) {
      const toml::table* rt = (*arr)[i].as_table();
      if (!rt) r.fail("related", "must be an array of tables ([[layers.related]])");
      spec.related.push_back(
          readRelated(*rt, where + ".related[" + std::to_string(i) + "]", file, baseDir));
    }
  }
  r.rejectUnknownKeys();
  return spec;
}

// The same file, whether or not it exists yet.
bool sameFile(const std::filesystem::path& a, const std::filesystem::path& b) {
  std::error_code ec;
  if (std::filesystem::exists(a, ec) && std::filesystem::exists(b, ec)) return std::filesystem::equivalent(a, b, ec);
  return std::filesystem::absolute(a, ec).lexically_normal() == std::filesystem::absolute(b, ec).lexically_normal();
}

// The library is written over: it must not be a source, the project file or a folder.
void checkLibraryPath(const Project& p, const std::string& given) {
  const std::string at = p.file.string() + ": library = \"" + given + "\": ";
  std::error_code ec;
  if (p.library.isPostgres()) return;  // a database: no file to overwrite
  const std::filesystem::path& file = p.library.sidePath();
  const std::string name = file.filename().string();
  if (name.empty() || name == "." || name == ".." || std::filesystem::is_directory(file, ec))
    throw UserError(at + "is a folder; name the GeoPackage file to write, e.g. \"out/county.gpkg\"");
  if (sameFile(file, p.file)) throw UserError(at + "is the project file itself; it would be overwritten");
  auto refuse = [&](const std::string& source, const std::string& layer) {
    throw UserError(at + "is the source of layer '" + layer + "' (" + source + "); it would be overwritten");
  };
  for (const LayerSpec& l : p.layers) {
    std::vector<std::filesystem::path> sources{l.source};
    for (const RelatedTableSpec& r : l.related) sources.emplace_back(r.source);
    for (const std::filesystem::path& s : sources) {
      if (s.empty()) continue;
      if (sameFile(file, s)) refuse(s.string(), l.name);
      // A Shapefile is several files: the library must not be one of its parts either.
      std::string ext = s.extension().string();
      for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (ext == ".shp")
        for (const char* part : {".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx"})
          if (sameFile(file, std::filesystem::path(s).replace_extension(part))) refuse(s.string(), l.name);
    }
  }
}

}  // namespace

Project Project::parse(const std::string& text, const std::filesystem::path& file) {
  const std::string fileName = file.string();
  toml::table root;
  try {
    root = toml::parse(text, fileName);
  } catch (const toml::parse_error& e) {
    const auto& where = e.source().begin;
    throw UserError(fileName + ":" + std::to_string(where.line) + ":" + std::to_string(where.column) +
                    ": " + std::string(e.description()));
  }
  const std::filesystem::path baseDir = file.parent_path();
  TableReader r(root, "", fileName);
  Project p;
  p.file = file;
  p.name = r.text("name", true);
  p.crs = r.text("crs", false, "auto");
  const std::string library = r.text("library", true);
  p.library = library::Location::parse(library, baseDir);
  const toml::node* layers = r.node("layers");
  if (!layers || !layers->is_array_of_tables())
    r.fail("layers", "must list the layers as [[layers]] tables");
  std::set<std::string> names;
  const toml::array& arr = *layers->as_array();
  for (std::size_t i = 0; i < arr.size(); ++i) {
    LayerSpec spec = readLayer(*arr[i].as_table(), i, fileName, baseDir);
    if (!names.insert(spec.name).second)
      throw UserError(fileName + ": two layers are named '" + spec.name + "'");
    p.layers.push_back(std::move(spec));
  }
  checkLibraryPath(p, library);
  // Later stages read their own sections; they are allowed here and
  // checked by the stage that owns them.
  if (const toml::node* rules = r.node("rules")) {
    if (!rules->is_table()) r.fail("rules", "must be a table of [rules.<kind>] tables");
    for (const auto& [kind, table] : *rules->as_table()) {
      if (!table.is_table()) r.fail("rules." + std::string(kind.str()), "must be a table");
      std::ostringstream text;
      text << *table.as_table();
      p.ruleOverrides[std::string(kind.str())] = text.str();
    }
  }
  p.studyArea = r.text("study_area", false);
  p.townships = r.text("townships", false);
  if (const toml::node* poster = r.node("poster")) {
    if (!poster->is_table()) r.fail("poster", "must be a table ([poster])");
    TableReader pr(*poster->as_table(), "poster", fileName);
    p.poster = {pr.text("office", false), pr.text("note", false), pr.text("data_date", false),
                pr.text("locator", false)};
    pr.rejectUnknownKeys();
  }
  if (const toml::node* assess = r.node("assess")) {
    if (!assess->is_table()) r.fail("assess", "must be a table ([assess])");
    TableReader ar(*assess->as_table(), "assess", fileName);
    p.assess.minCoverageGiven = assess->as_table()->contains("min_coverage");
    p.assess.minCoverage = ar.number("min_coverage", p.assess.minCoverage);
    if (!(p.assess.minCoverage >= 0 && p.assess.minCoverage <= 1))
      ar.fail("min_coverage", "must be a share between 0 and 1, got " + std::to_string(p.assess.minCoverage));
    p.assess.incompleteIsError = ar.choice("on_incomplete", {"flag", "error"}) == "error";
    p.assess.populationNoData = ar.choice("population_nodata", {"unknown", "nobody", "water"});
    p.assess.waterMask = ar.text("water_mask", false);
    p.assess.terrainHeights = ar.choice("terrain_heights", {"m_if_projected", "m", "declared_only"});
    if (p.assess.populationNoData == "water" && p.assess.waterMask.empty())
      ar.fail("water_mask", "is required with population_nodata = \"water\" (a library table of water polygons)");
    if (p.assess.populationNoData != "water" && !p.assess.waterMask.empty())
      ar.fail("water_mask", "is used only with population_nodata = \"water\"");
    ar.rejectUnknownKeys();
  }
  if (const toml::node* web = r.node("web")) {
    if (!web->is_table()) r.fail("web", "must be a table ([web])");
    TableReader wr(*web->as_table(), "web", fileName);
    p.web.basemap = wr.text("basemap", false);
    p.web.basemapAttribution = wr.text("basemap_attribution", false);
    const std::string& b = p.web.basemap;
    if (!b.empty() && (!(b.starts_with("http://") || b.starts_with("https://")) || b.find("{z}") == std::string::npos ||
                       b.find("{x}") == std::string::npos || b.find("{y}") == std::string::npos))
      wr.fail("basemap", "must be an http(s) URL template with {z}, {x} and {y}, got '" + b + "'");
    wr.rejectUnknownKeys();
  }
  if (const toml::node* relocation = r.node("relocation")) {
    if (!relocation->is_table()) r.fail("relocation", "must be a table ([relocation])");
    TableReader rr(*relocation->as_table(), "relocation", fileName);
    p.relocation.urbanAreas = rr.text("urban_areas", false);
    rr.rejectUnknownKeys();
  }
  if (const toml::node* enterprise = r.node("enterprise")) {
    if (!enterprise->is_table()) r.fail("enterprise", "must be a table ([enterprise])");
    TableReader er(*enterprise->as_table(), "enterprise", fileName);
    p.enterprise.plants = resolveSource(er.text("plants", true), baseDir);
    er.rejectUnknownKeys();
  }
  r.rejectUnknownKeys();
  return p;
}

Project Project::load(const std::filesystem::path& file) {
  return parse(readFile(file, "project file"), file);
}

const LayerSpec* Project::findLayer(const std::string& name) const {
  for (const auto& l : layers)
    if (l.name == name) return &l;
  return nullptr;
}

}  // namespace riskmap
