#include "riskmap/library/Transaction.hpp"

#include <gdal_priv.h>

#include "riskmap/core/Error.hpp"
#include "riskmap/core/Files.hpp"
#include "riskmap/gdal/Gdal.hpp"

namespace riskmap::library {
namespace {

// PostgreSQL: a statement refused inside the transaction aborts it (GDAL
// sends rows by COPY and hears of a refused row only at the copy's end,
// without failing the write that caused it), and COMMIT then rolls back
// without an error. So the server is asked before committing.
void throwIfAborted(GDALDataset& ds, const std::string& library) {
  if (!ds.GetDriver() || !EQUAL(ds.GetDriver()->GetDescription(), "PostgreSQL")) return;
  GdalErrorCapture errors;
  CPLErrorReset();
  bool answered = false;
  if (OGRLayer* r = ds.ExecuteSQL("SELECT 1", nullptr, nullptr)) {
    answered = OGRFeatureUniquePtr(r->GetNextFeature()) != nullptr;
    ds.ReleaseResultSet(r);
  }
  if (!answered || CPLGetLastErrorType() >= CE_Failure)
    throw UserError(library + ": nothing written: an earlier statement failed and aborted the transaction (the " +
                    "server's log names it): " + errors.lastError());
}

}  // namespace

Transaction::Transaction(GDALDataset& ds, std::string library) : ds_(ds), library_(std::move(library)) {
  GdalErrorCapture errors;
  if (ds_.StartTransaction() != OGRERR_NONE)
    throw UserError(library_ + ": cannot start a transaction: " + errors.lastError());
}

Transaction::~Transaction() {
  if (!open_) return;
  GdalErrorCapture quiet;  // the error that brought us here is the one to report
  ds_.RollbackTransaction();
}

void Transaction::commit() {
  throwIfAborted(ds_, library_);  // rolled back by the destructor
  GdalErrorCapture errors;
  open_ = false;
  if (ds_.CommitTransaction() != OGRERR_NONE) {
    throwIfDiskFull(library_, errors.lastError());
    throw UserError(library_ + ": cannot commit the transaction: " + errors.lastError());
  }
}

}  // namespace riskmap::library
