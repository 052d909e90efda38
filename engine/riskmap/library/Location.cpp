#include "riskmap/library/Location.hpp"

#include <regex>

#include "riskmap/core/Error.hpp"
#include "riskmap/gdal/Gdal.hpp"
#include "riskmap/library/Library.hpp"

namespace riskmap::library {
namespace {

bool startsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// The database's name in a connection string, for naming side files.
std::string databaseName(const std::string& dsn) {
  std::smatch m;
  static const std::regex uri(R"(^postgres(?:ql)?://[^/?]*/([^?]+))");
  static const std::regex keyword(R"((?:^|\s)dbname\s*=\s*'?([^'\s]+))");
  if (std::regex_search(dsn, m, uri) || std::regex_search(dsn, m, keyword)) return m[1];
  return "library";
}

// A GDAL configuration option set for this thread while in scope.
class ThreadConfig {
 public:
  ThreadConfig(const char* key, const char* value) : key_(key) { CPLSetThreadLocalConfigOption(key, value); }
  ~ThreadConfig() { CPLSetThreadLocalConfigOption(key_, nullptr); }
  ThreadConfig(const ThreadConfig&) = delete;
  ThreadConfig& operator=(const ThreadConfig&) = delete;

 private:
  const char* key_;
};

}  // namespace

Location::Location(std::filesystem::path gpkg) : gdal_(gpkg.string()), side_(std::move(gpkg)) {}

Location Location::parse(const std::string& text, const std::filesystem::path& baseDir) {
  Location l;
  if (startsWith(text, "PG:") || startsWith(text, "postgresql://") || startsWith(text, "postgres://")) {
    l.postgres_ = true;
    // GDAL's PG driver hands what follows "PG:" to libpq, which takes keywords or a URI.
    l.gdal_ = startsWith(text, "PG:") ? text : "PG:" + text;
    l.side_ = (baseDir / databaseName(l.gdal_.substr(3))).lexically_normal();
    return l;
  }
  const std::filesystem::path p(text);
  return Location(p.is_absolute() ? p : (baseDir / p).lexically_normal());
}

std::string Location::displayName() const {
  if (!postgres_) return gdal_;
  static const std::regex uriPassword(R"((://[^:/@]*):[^@]*@)"), keywordPassword(R"(password\s*=\s*('[^']*'|\S+))");
  return std::regex_replace(std::regex_replace(gdal_, uriPassword, "$1:***@"), keywordPassword, "password=***");
}

bool Location::exists() const {
  if (!postgres_) return std::filesystem::exists(side_);
  ensureGdalRegistered();
  GdalErrorCapture quiet;
  GDALDatasetUniquePtr ds(GDALDataset::Open(gdal_.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  return ds && ds->GetLayerByName(kLayersTable);
}

GDALDatasetUniquePtr Location::open(unsigned flags) const {
  if (!postgres_ && (flags & GDAL_OF_UPDATE)) {
    // A writer keeps its transaction in its page cache until the commit.
    // Spilling it earlier needs SQLite's exclusive lock, which the same
    // run's readers (the exposure's population and terrain grids, on
    // connections of their own) hold off: each spill then waits out the
    // busy timeout (3 s of assess became 33 s on the sample county). The
    // cost is memory: the pages the transaction changes.
    const ThreadConfig noSpill("OGR_SQLITE_PRAGMA", "cache_spill=OFF");
    return openDataset(gdal_, flags);
  }
  if (!postgres_) return openDataset(gdal_, flags);
  flags &= ~GDAL_OF_RASTER;  // else GDAL's PostGISRaster driver takes the "PG:" name
  ensureGdalRegistered();  // not openDataset: its message would carry the password
  GdalErrorCapture errors;
  // Every table listed, those without geometry too (riskmap_layers, rejects), as a GeoPackage lists them.
  const char* const options[] = {"LIST_ALL_TABLES=YES", nullptr};
  GDALDatasetUniquePtr ds(GDALDataset::Open(gdal_.c_str(), flags | GDAL_OF_VERBOSE_ERROR, nullptr, options));
  if (!ds) throw UserError(displayName() + ": cannot open: " + (errors.lastError().empty() ? "GDAL cannot open it" : errors.lastError()));
  return ds;
}

std::string Location::changeStamp() const {
  if (!postgres_)
    return std::to_string(std::filesystem::file_size(side_)) + "|" +
           std::to_string(std::filesystem::last_write_time(side_).time_since_epoch().count());
  GDALDatasetUniquePtr ds = open(GDAL_OF_VECTOR | GDAL_OF_READONLY);
  OGRLayer* r = ds->ExecuteSQL("SELECT CAST(coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) AS text) "
                               "FROM pg_stat_user_tables", nullptr, nullptr);
  std::string stamp = "0";
  if (r) {
    if (OGRFeatureUniquePtr f(r->GetNextFeature()); f) stamp = f->GetFieldAsString(0);
    ds->ReleaseResultSet(r);
  }
  return stamp;
}

std::filesystem::path Location::rasterFile(const std::string& table) const {
  return side_.parent_path() / (side_.filename().string() + "_" + table + ".tif");
}

GDALDatasetUniquePtr Location::openRaster(const std::string& table) const {
  if (postgres_) return openDataset(rasterFile(table).string(), GDAL_OF_RASTER | GDAL_OF_READONLY);
  return openDataset(gdal_, GDAL_OF_RASTER | GDAL_OF_READONLY, {"TABLE=" + table});
}

}  // namespace riskmap::library
