#include "riskmap/library/SqlScalar.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "riskmap/core/Error.hpp"
#include "riskmap/gdal/Gdal.hpp"

namespace riskmap::library {

std::string sqlScalar(GDALDataset& ds, const std::string& sql, const std::string& context) {
  GdalErrorCapture errors;
  CPLErrorReset();
  std::string out;
  if (OGRLayer* r = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr)) {
    if (OGRFeatureUniquePtr f{r->GetNextFeature()}; f && f->IsFieldSetAndNotNull(0)) out = f->GetFieldAsString(0);
    ds.ReleaseResultSet(r);
  }
  if (CPLGetLastErrorType() >= CE_Failure) throw UserError(context + ": " + errors.lastError());
  return out;
}

}  // namespace riskmap::library
