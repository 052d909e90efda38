#pragma once
// Thin RAII layer over GDAL/OGR handles. GDAL's own C++ types already own
// most handles (GDALDatasetUniquePtr, OGRFeatureUniquePtr, CPLStringList);
// this adds what they lack and one place where GDAL errors become messages.
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <memory>
#include <string>
#include <vector>

namespace riskmap {

// Registers GDAL's drivers once per process; cheap to call repeatedly.
void ensureGdalRegistered();

struct CoordinateTransformationDeleter {
  void operator()(OGRCoordinateTransformation* ct) const { OGRCoordinateTransformation::DestroyCT(ct); }
};
using CoordinateTransformationPtr =
    std::unique_ptr<OGRCoordinateTransformation, CoordinateTransformationDeleter>;

// Captures GDAL's error messages for the lifetime of the object instead of
// letting them print, so a failure can be reported as one line with context.
class GdalErrorCapture {
 public:
  GdalErrorCapture();
  ~GdalErrorCapture();
  GdalErrorCapture(const GdalErrorCapture&) = delete;
  GdalErrorCapture& operator=(const GdalErrorCapture&) = delete;

  const std::string& lastError() const { return last_; }

 private:
  static void CPL_STDCALL handler(CPLErr level, CPLErrorNum, const char* msg);
  std::string last_;
};

CPLStringList toStringList(const std::vector<std::string>& items);

// A writer killed inside its transaction leaves a hot rollback journal
// ("<file>-journal") beside a GeoPackage. SQLite rolls it back at the next
// read-write open but refuses a read-only one (SQLITE_READONLY_ROLLBACK), so
// the file is opened read-write once first; with a live writer the journal
// is not hot and SQLite leaves it alone. Call before replacing the file,
// too: a hot journal beside a new file would be rolled back into it.
void rollBackKilledWriter(const std::string& path);

// Opens a dataset or throws UserError naming the path and GDAL's reason.
// Read-only opens roll back a killed writer's journal first (rollBackKilledWriter).
GDALDatasetUniquePtr openDataset(const std::string& path, unsigned flags,
                                 const std::vector<std::string>& openOptions = {});

}  // namespace riskmap
