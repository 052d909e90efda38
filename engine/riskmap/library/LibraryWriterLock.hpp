#pragma once
// Who may write the one library when, whichever machine they run on. Two
// locks, always taken in this order, so no two runs wait on each other in a
// cycle (they may still wait in turn):
//  - the compute lock: held shared by `assess --county` while it computes
//    (several counties at once), exclusive by every other writer;
//  - the writer lock: held exclusive by every writer and by a county
//    assess's write phase (its one short transaction), shared by county
//    imports into PostGIS (counties import at once).
// Stores:
// - a GeoPackage: flock(2) on "<library>.compute.lock" and "<library>.lock"
//   (WriterLock, one machine's processes). County imports take both
//   exclusive like any writer, so nothing changes a county compute's
//   inputs while it reads them. A county assess's write phase takes both
//   exclusive too, after letting its shared compute lock go: SQLite (a
//   rollback journal) cannot commit while another connection is reading,
//   and a province's exposure layers take longer to read than SQLite's
//   busy timeout, so counties compute at once and then write in turn.
// - PostGIS: session-level PostgreSQL advisory locks on a connection of
//   their own, held until this object goes (closing the connection releases
//   them; the server drops a dead client's). Keys (docs/postgis.md):
//   hashtext('riskmap compute: ' || current_schema()) and
//   hashtext('riskmap writer: ' || current_schema()), one pair per library
//   (a database schema). County imports may commit while a county computes:
//   the compute reads one REPEATABLE READ snapshot (ReadSnapshot.hpp), and
//   its write phase checks that the county's sources are still those it
//   read (Assessor.cpp), so the end state is that of some serial order.
// The holder names itself in its connection's application_name ("riskmap
// assess, pid N on HOST") or in the lock file, which a waiting run reports.
// A run waits up to WriterLock::waitSeconds() (`riskmap --wait SECONDS`),
// saying once for whom, then throws UserError naming the library and holder.
// A county assess's write phase waits at least kCountyWriteWaitSeconds: it
// has computed already, and the other counties' writes are short.
#include <optional>
#include <string>

#include <gdal_priv.h>

#include "riskmap/core/WriterLock.hpp"
#include "riskmap/library/Location.hpp"

namespace riskmap::library {

// The advisory locks' key expressions (SQL), evaluated on the library's connection.
inline constexpr const char* kWriterLockKey = "hashtext('riskmap writer: ' || current_schema())";
inline constexpr const char* kComputeLockKey = "hashtext('riskmap compute: ' || current_schema())";
// How long a county assess's write phase waits at least (riskmap's default; --wait longer raises it).
inline constexpr double kCountyWriteWaitSeconds = 600;

class LibraryWriterLock {
 public:
  enum class Mode {
    Exclusive,              // both locks exclusive: import, assess, assess --zones, relocate, plant-map
    SharedByCountyImports,  // PostGIS: the writer lock shared (a GeoPackage's county imports are Exclusive)
    CountyCompute,          // the compute lock shared: assess --county while it reads and computes
    CountyWrite,            // its write phase: PostGIS the writer lock exclusive (CountyCompute still held);
                            // a GeoPackage both exclusive (CountyCompute let go first)
  };
  // `what` names the writer in messages ("assess").
  LibraryWriterLock(const Location& library, const std::string& what, Mode mode = Mode::Exclusive);
  LibraryWriterLock(const LibraryWriterLock&) = delete;
  LibraryWriterLock& operator=(const LibraryWriterLock&) = delete;

 private:
  std::optional<WriterLock> computeFile_, writerFile_;  // a GeoPackage
  GDALDatasetUniquePtr session_;                         // PostGIS: the connection holding the advisory locks
};

}  // namespace riskmap::library
