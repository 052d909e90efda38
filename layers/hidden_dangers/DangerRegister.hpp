#pragma once
// The hidden dangers of one library table, read once: what the rules,
// the period snapshots and the rankings work from.
#include <gdal_priv.h>

#include <string>
#include <vector>

#include "hidden_dangers/DangerState.hpp"
#include "riskmap/layer/Value.hpp"

namespace riskmap::dangers {

struct Danger {
  long long fid = -1;
  std::string id;        // danger_id, or "#<fid>" when the register gave none
  std::string plantId;   // the enterprise; empty for a danger located by coordinates
  std::string level;     // 一般 / 重大
  std::string category;
  bool listed = false;   // 挂牌督办
  std::string listedLevel;
  DangerDates dates;
  double x = 0, y = 0;   // in the library's analysis CRS
  bool major() const { return level == kMajor; }
};

std::vector<Danger> readDangers(GDALDataset& library, const std::string& table);

// A danger from a library row's values as assess hands them over (dates as
// GDAL prints them, 2026/09/03, made ISO).
Danger dangerFrom(const AttributeRecord& values, long long fid);

// A danger in a sentence: "HD-0012 (重大, 整改中, found 2026-09-03, deadline 2026-10-31, 挂牌督办 市级)".
std::string describe(const Danger& d, Stage stage);

}  // namespace riskmap::dangers
