#include "riskmap/library/Transaction.hpp"

#include <gdal_priv.h>

#include "riskmap/core/Error.hpp"
#include "riskmap/core/Files.hpp"
#include "riskmap/gdal/Gdal.hpp"

namespace riskmap::library {

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
  GdalErrorCapture errors;
  open_ = false;
  if (ds_.CommitTransaction() != OGRERR_NONE) {
    throwIfDiskFull(library_, errors.lastError());
    throw UserError(library_ + ": cannot commit the transaction: " + errors.lastError());
  }
}

}  // namespace riskmap::library
