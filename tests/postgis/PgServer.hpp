#pragma once
// The throw-away PostgreSQL of tests/postgis/pg-server.sh (ctest fixture
// `postgis`), as the tests reach it: its GDAL connection string, a libpq
// URI of it, and psql on it.
#include <fstream>
#include <regex>
#include <string>

#include "TestSupport.hpp"

namespace riskmap::test {

// A key of the fixture's state file ("dsn": "PG:host=<socket dir> dbname=riskmap user=postgres"; "dir").
inline std::string pgState(const std::string& key) {
  std::ifstream in(RISKMAP_PG_STATE);
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key + "=", 0) == 0) return line.substr(key.size() + 1);
  return "";
}

inline std::string serverDsn() { return pgState("dsn"); }

// The same DSN as a libpq URI: postgresql://postgres@%2Fsocket%2Fdir/riskmap.
inline std::string asUri(const std::string& dsn) {
  std::smatch m;
  if (!std::regex_search(dsn, m, std::regex("host=(\\S+)"))) return "";
  return "postgresql://postgres@" + std::regex_replace(m[1].str(), std::regex("/"), "%2F") + "/riskmap";
}

// Runs SQL with psql (unaligned, tuples only): its output; throws when psql fails.
inline std::string psql(const std::string& sql) {
  const TempDir dir;
  dir.write("q.sql", sql);
  const CommandResult r = runCommand("/usr/lib/postgresql/15/bin/psql -X -A -t -q -v ON_ERROR_STOP=1 -h '" + pgState("dir") +
                                     "' -U postgres -d riskmap -f '" + (dir / "q.sql").string() + "'");
  if (r.exitCode != 0) throw std::runtime_error("psql: " + sql + ":\n" + r.output);
  return r.output;
}

}  // namespace riskmap::test
