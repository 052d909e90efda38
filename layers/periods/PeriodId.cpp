#include "PeriodId.hpp"

#include <chrono>
#include <cstdio>

#include "riskmap/core/Error.hpp"

namespace riskmap::periods {
namespace {
namespace ch = std::chrono;

std::string iso(ch::sys_days d) {
  const ch::year_month_day ymd{d};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

ch::sys_days parseIso(const std::string& s) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (std::sscanf(s.c_str(), "%d-%u-%u", &y, &m, &d) != 3) throw UserError("'" + s + "' is not a date (YYYY-MM-DD)");
  const ch::year_month_day ymd{ch::year{y}, ch::month{m}, ch::day{d}};
  if (!ymd.ok()) throw UserError("'" + s + "' is not a date (YYYY-MM-DD)");
  return ch::sys_days{ymd};
}

[[noreturn]] void bad(const std::string& text) {
  throw UserError("period '" + text + "': expected a month (2026-10) or an ISO week (2026-W44)");
}

}  // namespace

std::string addDays(const std::string& s, int days) { return iso(parseIso(s) + ch::days{days}); }

PeriodId parsePeriod(const std::string& text) {
  int y = 0;
  unsigned n = 0;
  char rest = 0;
  PeriodId p;
  p.id = text;
  if (std::sscanf(text.c_str(), "%4d-W%2u%c", &y, &n, &rest) == 2 && text.size() == 8) {
    // ISO 8601: week 1 holds 4 January; weeks start on Monday.
    const ch::sys_days jan4{ch::year{y} / ch::January / 4};
    const ch::sys_days week1 = jan4 - (ch::weekday{jan4} - ch::Monday);
    const ch::sys_days nextWeek1 = [&] {
      const ch::sys_days j4{ch::year{y + 1} / ch::January / 4};
      return j4 - (ch::weekday{j4} - ch::Monday);
    }();
    if (n < 1 || week1 + ch::weeks{n - 1} >= nextWeek1) bad(text);
    p.weekly = true;
    p.start = iso(week1 + ch::weeks{n - 1});
    p.end = iso(week1 + ch::weeks{n - 1} + ch::days{6});
    return p;
  }
  if (std::sscanf(text.c_str(), "%4d-%2u%c", &y, &n, &rest) == 2 && text.size() == 7 && n >= 1 && n <= 12) {
    const ch::year_month ym{ch::year{y}, ch::month{n}};
    p.start = iso(ch::sys_days{ym / 1});
    p.end = iso(ch::sys_days{ym / ch::last});
    return p;
  }
  bad(text);
}

}  // namespace riskmap::periods
