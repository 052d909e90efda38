// riskmap_bench_ranking [COUNTIES] [WEEKS] [DANGERS_PER_COUNTY]: a province's
// period store (default 90 counties x 52 weekly snapshots, each snapshot
// holding every county's register of ~DANGERS dangers) written in
// /tmp, then `rank --by county` computed for every week (the CSV included,
// no PDF). Prints the store's size and min/median/max seconds per ranking.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "periods/PeriodStore.hpp"
#include "periods/Ranking.hpp"
#include "riskmap/assess/AssessTables.hpp"

using namespace riskmap;
namespace ch = std::chrono;

namespace {
// A benchmark whose rows silently failed to go in would time an empty store.
void put(OGRLayer& layer, OGRFeature& f) {
  if (layer.CreateFeature(&f) != OGRERR_NONE)
    throw std::runtime_error(std::string("cannot write a row into ") + layer.GetName());
}
}  // namespace

int main(int argc, char** argv) {
  const int counties = argc > 1 ? std::atoi(argv[1]) : 90, weeks = argc > 2 ? std::atoi(argv[2]) : 52,
            perCounty = argc > 3 ? std::atoi(argv[3]) : 60;
  GDALAllRegister();
  const std::filesystem::path path = "/tmp/riskmap_bench_ranking_periods.gpkg";
  std::filesystem::remove(path);
  std::mt19937_64 rng(19);
  std::uniform_int_distribution<int> day(0, 364), length(5, 60), coin(0, 99);
  // Each county's register for the year: found on a day, due some days later, closed (or not) some days after.
  struct D { int found, deadline, rectified; bool major, listed; };
  std::vector<std::vector<D>> registers(counties);
  for (auto& r : registers)
    for (int i = 0; i < perCounty * 2; ++i) {
      D d{day(rng), 0, -1, coin(rng) < 15, false};
      d.deadline = d.found + length(rng);
      d.listed = d.major && coin(rng) < 60;
      if (coin(rng) < 85) d.rectified = d.found + length(rng);
      r.push_back(d);
    }
  auto iso = [](int doy) {
    char buf[16];
    const auto d = ch::sys_days{ch::year{2026} / 1 / 1} + ch::days{doy};
    const ch::year_month_day ymd{d};
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
    return std::string(buf);
  };
  const auto t0 = ch::steady_clock::now();
  long long rows = 0;
  {
    GDALDatasetUniquePtr ds(GetGDALDriverManager()->GetDriverByName("GPKG")->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    ds->StartTransaction();
    auto periods = createTable(*ds, periods::kPeriods, nullptr, wkbNone, "", {{"period"}, {"start_date"}, {"end_date"}});
    auto units = createTable(*ds, periods::kUnits, nullptr, wkbNone, "",
                             {{"period"}, {"level"}, {"unit"}, {"people", OFTReal}, {"red_km2", OFTReal}, {"black_spots", OFTInteger64}});
    auto dangers = createTable(*ds, periods::kDangers, nullptr, wkbNone, "",
                               {{"period"}, {"level"}, {"listed", OFTInteger}, {"status"}, {"found_date"}, {"deadline"},
                                {"rectify_start"}, {"rectified_date"}, {"accepted_date"}, {"township"}, {"county"}});
    for (const char* t : {periods::kPeriods, periods::kUnits, periods::kDangers})
      ds->ExecuteSQL((std::string("CREATE INDEX \"") + t + "_period\" ON \"" + t + "\" (period)").c_str(), nullptr, nullptr);
    for (int w = 1; w <= weeks; ++w) {
      char id[32];
      std::snprintf(id, sizeof id, "2026-W%02d", w);
      const periods::PeriodId p = periods::parsePeriod(id);
      const int end = int((ch::sys_days{ch::year_month_day{ch::year{std::stoi(p.end.substr(0, 4))},
                                                          ch::month{unsigned(std::stoi(p.end.substr(5, 2)))},
                                                          ch::day{unsigned(std::stoi(p.end.substr(8, 2)))}}} -
                           ch::sys_days{ch::year{2026} / 1 / 1}).count());
      OGRFeature pf(periods->GetLayerDefn());
      pf.SetField("period", id), pf.SetField("start_date", p.start.c_str()), pf.SetField("end_date", p.end.c_str());
      put(*periods, pf);
      for (int c = 0; c < counties; ++c) {
        const std::string name = "县" + std::to_string(c + 1);
        OGRFeature u(units->GetLayerDefn());
        u.SetField("period", id), u.SetField("level", "county"), u.SetField("unit", name.c_str());
        u.SetField("people", 3e5 + 1e4 * c), u.SetField("red_km2", 0.1 * (c % 7)), u.SetField("black_spots", c % 5);
        put(*units, u);
        for (const D& d : registers[c]) {
          if (d.found > end) continue;  // the register as it stood: found by then
          OGRFeature f(dangers->GetLayerDefn());
          f.SetField("period", id), f.SetField("level", d.major ? "重大" : "一般"), f.SetField("listed", d.listed ? 1 : 0);
          const bool closed = d.rectified >= 0 && d.rectified <= end;
          f.SetField("status", closed ? "已整改" : "整改中");
          f.SetField("found_date", iso(d.found).c_str()), f.SetField("deadline", iso(d.deadline).c_str());
          if (closed) f.SetField("rectified_date", iso(d.rectified).c_str());
          f.SetField("county", name.c_str());
          put(*dangers, f);
          ++rows;
        }
      }
    }
    ds->CommitTransaction();
  }
  const double writeSeconds = ch::duration<double>(ch::steady_clock::now() - t0).count();
  const periods::IndexSpec spec = periods::IndexSpec::load(RISKMAP_LAYERS_DIR "/periods/ranking.toml");
  GDALDatasetUniquePtr store = periods::openStore(path);
  std::vector<double> seconds;
  for (int w = 1; w <= weeks; ++w) {
    char id[32];
    std::snprintf(id, sizeof id, "2026-W%02d", w);
    const auto s = ch::steady_clock::now();
    const periods::Ranking r = periods::rankPeriod(*store, spec, periods::parsePeriod(id), "county");
    const std::string csv = periods::rankingCsv(r);
    seconds.push_back(ch::duration<double>(ch::steady_clock::now() - s).count());
    if (r.units.size() != std::size_t(counties) || csv.empty()) return 1;
  }
  std::sort(seconds.begin(), seconds.end());
  double total = 0;
  for (double s : seconds) total += s;
  std::printf("%d counties x %d weekly periods: %lld danger rows (%.0f MB store, written in %.1f s)\n", counties, weeks,
              rows, std::filesystem::file_size(path) / 1e6, writeSeconds);
  std::printf("rank --by county per period: min %.3f s, median %.3f s, max %.3f s; all %d periods %.1f s\n", seconds.front(),
              seconds[seconds.size() / 2], seconds.back(), weeks, total);
  std::filesystem::remove(path);
  return 0;
}
