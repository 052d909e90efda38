#pragma once
// Dated snapshots of the one library (periods 2026-10, 2026-W44): its
// sources with their grades, the four-colour zones, the hidden dangers and
// per-unit figures (people, red area, black spots). Kept in
// <library>_periods.gpkg beside the library, because import rebuilds the
// library itself; each period's rows are replaced in one transaction, so a
// period taken twice replaces its own rows only.
#include <gdal_priv.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "PeriodId.hpp"
#include "periods/EvaluationIndex.hpp"
#include "riskmap/layer/LayerRegistry.hpp"
#include "riskmap/project/Project.hpp"

namespace riskmap::periods {

inline constexpr const char* kPeriods = "periods";
inline constexpr const char* kSources = "period_sources";
inline constexpr const char* kZones = "period_zones";
inline constexpr const char* kDangers = "period_dangers";
inline constexpr const char* kUnits = "period_units";

std::filesystem::path periodStorePath(const Project& project);

struct SnapshotReport {
  std::filesystem::path store;
  long long sources = 0, zones = 0, dangers = 0, units = 0;
  std::vector<std::string> notes;  // what the library did not hold (no zones yet: not assessed)
};

// Copies what the library holds now into the store as `period`.
SnapshotReport takeSnapshot(const Project& project, const LayerRegistry& kinds, const PeriodId& period);

// --- reading -------------------------------------------------------------
// The store's periods, sorted; UserError naming the store when it has none.
std::vector<std::string> storedPeriods(GDALDataset& store);
// The latest stored period before `period` of the same form (week or month); empty: none.
std::string previousPeriod(GDALDataset& store, const PeriodId& period);
// A period's units of one level ("township" or "county") and its dangers
// attributed to them; UserError when the period is not in the store.
std::vector<UnitFacts> unitFacts(GDALDataset& store, const std::string& period, const std::string& level);
std::vector<DangerFacts> dangerFacts(GDALDataset& store, const std::string& period, const std::string& level);

// A period's unit polygons of one level, by unit name.
std::map<std::string, std::shared_ptr<OGRGeometry>> unitShapes(GDALDataset& store, const std::string& period,
                                                               const std::string& level);

GDALDatasetUniquePtr openStore(const std::filesystem::path& store, bool update = false);

// A string literal for SQL and OGR attribute filters.
std::string quoted(const std::string& s);

}  // namespace riskmap::periods
