#include "riskmap/library/LibraryWriterLock.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

#include "riskmap/core/Error.hpp"
#include "riskmap/gdal/Gdal.hpp"
#include "riskmap/library/SqlScalar.hpp"

namespace riskmap::library {
namespace {

// The first column of the first row of a query, as text ("" when no row); UserError when it fails.
std::string scalar(GDALDataset& ds, const std::string& sql, const Location& library) {
  return sqlScalar(ds, sql, library.displayName() + ": the writer's advisory lock");
}

std::string sqlText(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

// Who holds the lock: its connection's application_name and client, from pg_locks (a
// bigint key shows as classid = high half, objid = low half, objsubid = 1).
std::string holderOf(GDALDataset& ds, const std::string& key, const Location& library) {
  const std::string holder = scalar(
      ds,
      "WITH k AS (SELECT CAST(" + key + " AS bigint) AS key) "
      "SELECT coalesce(nullif(a.application_name, ''), 'a client without a name') || ' (server pid ' || a.pid || "
      "coalesce(', from ' || host(a.client_addr), '') || ')' FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid, k "
      "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 AND l.database = "
      "(SELECT oid FROM pg_database WHERE datname = current_database()) AND "
      "l.classid = CAST((k.key >> 32) & 4294967295 AS oid) AND l.objid = CAST(k.key & 4294967295 AS oid) LIMIT 1",
      library);
  return holder.empty() ? "another writer (gone since)" : holder;
}

}  // namespace

LibraryWriterLock::LibraryWriterLock(const Location& library, const std::string& what, Mode mode) {
  const double atLeast = mode == Mode::CountyWrite ? kCountyWriteWaitSeconds : 0;
  if (!library.isPostgres()) {
    computeFile_.emplace(library.sidePath(), what,
                         mode == Mode::CountyCompute ? WriterLock::Mode::Shared : WriterLock::Mode::Exclusive,
                         ".compute.lock", atLeast);
    if (mode != Mode::CountyCompute) writerFile_.emplace(library.sidePath(), what, WriterLock::Mode::Exclusive, ".lock", atLeast);
    return;
  }
  struct Take {
    const char* key;
    bool shared;
  };
  std::vector<Take> takes;
  switch (mode) {
    case Mode::Exclusive: takes = {{kComputeLockKey, false}, {kWriterLockKey, false}}; break;
    case Mode::SharedByCountyImports: takes = {{kWriterLockKey, true}}; break;
    case Mode::CountyCompute: takes = {{kComputeLockKey, true}}; break;
    case Mode::CountyWrite: takes = {{kWriterLockKey, false}}; break;
  }
  session_ = library.open(GDAL_OF_VECTOR);
  const double wait = std::max(WriterLock::waitSeconds(), atLeast);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(wait);
  bool told = false;
  for (const Take& t : takes) {
    const std::string take = t.shared ? "pg_try_advisory_lock_shared(" : "pg_try_advisory_lock(";
    while (scalar(*session_, "SELECT CAST(" + take + t.key + ") AS int)", library) != "1") {
      const std::string holder = holderOf(*session_, t.key, library);
      if (std::chrono::steady_clock::now() >= deadline)
        throw UserError(library.displayName() + ": " + what + " refused: another writer holds the library's lock, " +
                        holder + "; wait for it to finish (or run with --wait SECONDS)");
      if (!told) {
        std::fprintf(stderr, "riskmap: %s is being written by %s; waiting up to %.0f s for its lock\n",
                     library.displayName().c_str(), holder.c_str(), wait);
        told = true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
  }
  char host[256] = "";
  gethostname(host, sizeof host - 1);
  const std::string me = "riskmap " + what + ", pid " + std::to_string(getpid()) + " on " + host;
  scalar(*session_, "SELECT set_config('application_name', " + sqlText(me.substr(0, 63)) + ", false)", library);
}

}  // namespace riskmap::library
