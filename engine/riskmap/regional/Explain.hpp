#pragma once
// "Why is this red?": for a location, its regional grade, the zones and
// sources that gave it, each with its rule and the population figures used.
// A library call (`riskmap explain`) and, for the server, an index of the
// same tables built once and queried from any number of threads.
#include <nlohmann/json.hpp>

#include <filesystem>
#include <memory>

namespace riskmap {

// x, y in the library's analysis CRS.
nlohmann::json explainAt(const std::filesystem::path& library, double x, double y);

// lon, lat in CGCS2000 (EPSG:4490), as users and web maps give them.
nlohmann::json explainAtLonLat(const std::filesystem::path& library, double lon, double lat);

// risk_zones, the graded footprints and source_grades read once into memory
// behind an R-tree: a query is a lookup (no dataset opened, no SQL), and
// answers exactly what explainAtLonLat answers for the same library. The
// index is what the library held when it was built: rebuild it (restart
// `riskmap serve`) after a new assessment. Thread-safe.
class ExplainIndex {
 public:
  explicit ExplainIndex(const std::filesystem::path& library);  // UserError as explainAt's
  ~ExplainIndex();
  ExplainIndex(const ExplainIndex&) = delete;
  ExplainIndex& operator=(const ExplainIndex&) = delete;

  nlohmann::json atLonLat(double lon, double lat) const;
  nlohmann::json at(double x, double y) const;
  std::size_t zones() const;
  std::size_t footprints() const;

 private:
  struct Data;
  std::unique_ptr<Data> d_;
};

}  // namespace riskmap
