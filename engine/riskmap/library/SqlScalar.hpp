#pragma once
// One value from the library's database: the first column of an SQL
// statement's first row, for the PostgreSQL statements riskmap runs itself
// (advisory locks, a read snapshot's checks).
#include <string>

class GDALDataset;

namespace riskmap::library {

// As text ("" when there is no row or the value is NULL); UserError
// "<context>: <GDAL's message>" when the statement fails.
std::string sqlScalar(GDALDataset& ds, const std::string& sql, const std::string& context);

}  // namespace riskmap::library
