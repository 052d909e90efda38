#include "riskmap/gdal/Gdal.hpp"

#include <cpl_error.h>

#include <filesystem>
#include <mutex>

#include "riskmap/core/Error.hpp"

namespace riskmap {

void ensureGdalRegistered() {
  static std::once_flag once;
  std::call_once(once, [] { GDALAllRegister(); });
}

GdalErrorCapture::GdalErrorCapture() { CPLPushErrorHandlerEx(&GdalErrorCapture::handler, this); }

GdalErrorCapture::~GdalErrorCapture() { CPLPopErrorHandler(); }

void CPL_STDCALL GdalErrorCapture::handler(CPLErr level, CPLErrorNum, const char* msg) {
  if (level < CE_Failure) return;
  auto* self = static_cast<GdalErrorCapture*>(CPLGetErrorHandlerUserData());
  if (self && msg) self->last_ = msg;
}

CPLStringList toStringList(const std::vector<std::string>& items) {
  CPLStringList list;
  for (const auto& s : items) list.AddString(s.c_str());
  return list;
}

void rollBackKilledWriter(const std::string& path) {
  std::error_code ec;
  const auto journal = std::filesystem::file_size(path + "-journal", ec);
  if (ec || journal == 0) return;
  ensureGdalRegistered();
  GdalErrorCapture quiet;  // a file we may not write: the read-only open below says why
  GDALDatasetUniquePtr rw(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_RASTER | GDAL_OF_UPDATE));
}

GDALDatasetUniquePtr openDataset(const std::string& path, unsigned flags,
                                 const std::vector<std::string>& openOptions) {
  ensureGdalRegistered();
  if (!(flags & GDAL_OF_UPDATE)) rollBackKilledWriter(path);
  GdalErrorCapture errors;
  const CPLStringList oo = toStringList(openOptions);
  GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), flags | GDAL_OF_VERBOSE_ERROR, nullptr,
                                            oo.List(), nullptr));
  if (!ds) {
    std::string why = errors.lastError();
    if (why.empty()) why = "GDAL cannot open it";
    throw UserError(path + ": cannot open: " + why);
  }
  return ds;
}

}  // namespace riskmap
