#pragma once
// `riskmap compare`: what changed between two stored periods. The places
// whose four-colour grade went up or down (exact overlay of the two
// periods' zones, cut by township), the sources added, removed, regraded
// or moved, and per unit the hidden dangers opened, closed and overdue.
#include <gdal_priv.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "PeriodId.hpp"
#include "riskmap/project/Project.hpp"

namespace riskmap::periods {

struct ZoneChange {
  std::string from, to;  // grades (major, high, moderate, low)
  bool up = false;       // to is the more severe grade
  std::string township;  // "" outside every township
  double areaKm2 = 0;
  std::shared_ptr<OGRGeometry> geometry;
};

struct SourceChange {
  std::string change;  // added, removed, regraded, moved (moved and regraded: "moved, regraded")
  std::string layer, kind, id, name, fromGrade, toGrade, township;
  double movedM = 0;
};

struct DangerChange {
  std::string unit;
  long long opened = 0, closed = 0, overdueBefore = 0, overdueAfter = 0, openAfter = 0;
};

struct Comparison {
  PeriodId from, to;
  std::string level;
  std::vector<ZoneChange> zones;
  std::vector<SourceChange> sources;
  std::vector<DangerChange> dangers;
  std::map<std::string, std::shared_ptr<OGRGeometry>> shapes;  // the later period's townships (else counties), for the map
};

// Pieces of changed grade smaller than minAreaM2 (slivers of the overlay) are left out.
Comparison comparePeriods(GDALDataset& store, const PeriodId& from, const PeriodId& to, const std::string& level,
                          double minAreaM2 = 1.0);

// The zones as the table `grade_changes` in the store (its rows for this
// pair of periods replaced), for QGIS and the map.
void writeGradeChanges(GDALDataset& store, const Comparison& c);

// One A3 landscape page (more if the tables need them): the grade changes
// over the townships, the source changes, the dangers per unit.
void writeComparisonPdf(const std::filesystem::path& out, const Project& project, const Comparison& c,
                        const std::filesystem::path& stylesDir);

std::string zoneChangesCsv(const Comparison& c);
std::string sourceChangesCsv(const Comparison& c);
std::string dangerChangesCsv(const Comparison& c);

}  // namespace riskmap::periods
