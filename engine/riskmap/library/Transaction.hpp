#pragma once
// One dataset transaction on the one library (GeoPackage: one SQLite
// transaction; PostGIS: one PostgreSQL transaction; both take DDL inside
// it). A writer puts everything it writes inside one, so a failed or killed
// run leaves the library's old tables or its new ones, never a mix, and
// no command copies the library to write atomically (docs/reliability.md).
#include <string>

class GDALDataset;

namespace riskmap::library {

class Transaction {
 public:
  // Starts the transaction; UserError naming `library` if the dataset cannot.
  Transaction(GDALDataset& ds, std::string library);
  // Rolls back unless committed.
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  // Commits; UserError (a full disk said as such) if the commit fails.
  void commit();

 private:
  GDALDataset& ds_;
  std::string library_;
  bool open_ = true;
};

}  // namespace riskmap::library
