#pragma once
// One consistent state of the one library for a run that reads it through
// one connection without holding the writer lock (`assess --county` while
// it computes, LibraryWriterLock.hpp).
// - PostGIS: the connection's reads run in one REPEATABLE READ transaction
//   (SET SESSION CHARACTERISTICS, then a hard GDAL transaction: GDAL's
//   driver runs its own cursors inside it as savepoint-free "soft"
//   transactions), its snapshot taken at once; a county import committing
//   meanwhile is not seen, wholly. Rolled back when this object goes.
// - GeoPackage: nothing to do: the compute lock keeps every writer of the
//   inputs out while it is held (county imports take it exclusive there).
#include <string>

class GDALDataset;

namespace riskmap::library {

class Location;

class ReadSnapshot {
 public:
  // UserError naming the library when the server refuses.
  ReadSnapshot(GDALDataset& ds, const Location& library);
  ~ReadSnapshot();
  ReadSnapshot(const ReadSnapshot&) = delete;
  // After the last read: UserError when the transaction was aborted on the
  // way (a failed statement, a timeout, the server ending the session),
  // since GDAL's readers then see no more rows instead of an error and the
  // results would be those of partial reads.
  void confirm(const Location& library) const;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  GDALDataset* ds_ = nullptr;  // PostGIS only
};

}  // namespace riskmap::library
