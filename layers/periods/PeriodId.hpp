#pragma once
// A reporting period as offices name them: a month (2026-10) or an ISO
// week (2026-W44), with the calendar days it covers. Snapshots are taken
// as of the end of the period's last day.
#include <string>

namespace riskmap::periods {

struct PeriodId {
  std::string id;     // "2026-10", "2026-W44"
  bool weekly = false;
  std::string start;  // first day, ISO (2026-10-01; the Monday of an ISO week)
  std::string end;    // last day, ISO (2026-10-31; the Sunday)
};

// UserError naming the text when it is neither YYYY-MM nor YYYY-Www.
PeriodId parsePeriod(const std::string& text);

// The ISO date `days` after an ISO date (negative: before).
std::string addDays(const std::string& iso, int days);

}  // namespace riskmap::periods
