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

// Opens a dataset read-only or throws UserError naming the path and GDAL's reason.
GDALDatasetUniquePtr openDataset(const std::string& path, unsigned flags,
                                 const std::vector<std::string>& openOptions = {});

}  // namespace riskmap
