#pragma once
// `riskmap rank`: a period's units (townships or counties) ranked by the
// evaluation index, against the previous period of the same form (weekly
// or monthly), with the last N flagged for interview (约谈); written as a
// CSV and a printed A3 page in the form offices publish.
#include <gdal_priv.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "PeriodId.hpp"
#include "periods/EvaluationIndex.hpp"
#include "riskmap/project/Project.hpp"

namespace riskmap::periods {

struct Ranking {
  PeriodId period;
  std::string previous;  // the period compared with; empty: none stored
  std::string level;     // "township" or "county"
  IndexSpec spec;
  int interviewLast = 0;
  std::vector<RankedUnit> units;               // best first
  std::map<std::string, UnitMeasures> measures;  // unit -> every measure (open and overdue counts too)
  std::map<std::string, std::shared_ptr<OGRGeometry>> shapes;  // unit -> its polygon in the period (the choropleth)
};

// interviewLast < 0: the index's [interview] count for the level.
Ranking rankPeriod(GDALDataset& store, const IndexSpec& spec, const PeriodId& period, const std::string& level,
                   int interviewLast = -1);

std::string rankingCsv(const Ranking& r);

// One A3 landscape page (more when the table needs them): the ranking table
// with each indicator's value and rank, the change, the interview flags.
void writeRankingPdf(const std::filesystem::path& out, const Project& project, const Ranking& r,
                     const std::filesystem::path& stylesDir);

}  // namespace riskmap::periods
