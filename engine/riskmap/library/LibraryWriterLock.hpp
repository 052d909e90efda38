#pragma once
// One writer at a time on the one library (assess, relocate --scenario, a
// full import, plant-map --grades), whichever machine it runs on:
// - a GeoPackage: the file's WriterLock ("<library>.lock", flock(2), one
//   machine's processes);
// - PostGIS: a session-level PostgreSQL advisory lock, taken on a connection
//   of its own and held until this object goes (closing the connection
//   releases it; the server drops a dead client's), so writers on any
//   machine are serialised by the database. Key (docs/postgis.md):
//   pg_advisory_lock(hashtext('riskmap writer: ' || current_schema())), one
//   per library (a database schema). The holder names itself in its
//   connection's application_name ("riskmap assess, pid N on HOST"), which a
//   waiting writer reports.
// County imports into PostGIS (import --county) replace only their own
// county's rows, so they may run at once; they take the same key shared
// (pg_try_advisory_lock_shared): together, but never while an assess or
// another writer holds it, so an assess never reads half of a county's
// import. On a GeoPackage they take turns by the file lock like any writer.
// Either way a second writer waits up to WriterLock::waitSeconds() (`riskmap
// --wait SECONDS`), saying once for whom, then throws UserError naming the
// library and the holder.
#include <optional>
#include <string>

#include <gdal_priv.h>

#include "riskmap/core/WriterLock.hpp"
#include "riskmap/library/Location.hpp"

namespace riskmap::library {

// The advisory lock's key expression (SQL), evaluated on the library's connection.
inline constexpr const char* kWriterLockKey = "hashtext('riskmap writer: ' || current_schema())";

class LibraryWriterLock {
 public:
  enum class Mode { Exclusive, SharedByCountyImports };
  // `what` names the writer in messages ("assess").
  LibraryWriterLock(const Location& library, const std::string& what, Mode mode = Mode::Exclusive);
  LibraryWriterLock(const LibraryWriterLock&) = delete;
  LibraryWriterLock& operator=(const LibraryWriterLock&) = delete;

 private:
  std::optional<WriterLock> file_;  // a GeoPackage
  GDALDatasetUniquePtr session_;    // PostGIS: the connection holding the advisory lock
};

}  // namespace riskmap::library
