#include "riskmap/library/ReadSnapshot.hpp"

#include <gdal_priv.h>

#include "riskmap/core/Error.hpp"
#include "riskmap/gdal/Gdal.hpp"
#include "riskmap/library/Location.hpp"
#include "riskmap/library/SqlScalar.hpp"

namespace riskmap::library {
namespace {

// The first column of a statement's first row ("" when none), or UserError.
std::string answer(GDALDataset& ds, const std::string& sql, const Location& library) {
  return sqlScalar(ds, sql, library.displayName() + ": cannot read one snapshot of the library");
}

}  // namespace

ReadSnapshot::ReadSnapshot(GDALDataset& ds, const Location& library) {
  if (!library.isPostgres()) return;
  answer(ds, "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ", library);
  {
    GdalErrorCapture errors;
    if (ds.StartTransaction(TRUE) != OGRERR_NONE)
      throw UserError(library.displayName() + ": cannot start a read transaction: " + errors.lastError());
  }
  ds_ = &ds;
  // The transaction's first statement takes its snapshot, and says it is the one asked for.
  const std::string level = answer(ds, "SELECT current_setting('transaction_isolation')", library);
  if (level != "repeatable read")
    throw UserError(library.displayName() + ": the read transaction is '" + level + "', not repeatable read");
}

void ReadSnapshot::confirm(const Location& library) const {
  if (ds_ && answer(*ds_, "SELECT 1", library) != "1")
    throw UserError(library.displayName() + ": the read transaction ended before the county's assessment was read whole");
}

ReadSnapshot::~ReadSnapshot() {
  if (!ds_) return;
  GdalErrorCapture quiet;
  ds_->RollbackTransaction();
}

}  // namespace riskmap::library
