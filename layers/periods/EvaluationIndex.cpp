#include "EvaluationIndex.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "riskmap/core/Error.hpp"

namespace riskmap::periods {

const std::vector<std::string>& knownMeasures() {
  static const std::vector<std::string> m{"rectification_rate", "overdue_major",   "listed_closed_on_time",
                                          "red_km2_per_10k_people", "black_spots", "open_dangers",
                                          "overdue_dangers"};
  return m;
}

IndexSpec IndexSpec::load(const std::filesystem::path& file) {
  toml::table t;
  try {
    t = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    throw UserError(file.string() + ": " + std::string(e.description()));
  } 
  IndexSpec s;
  s.source = file.string();
  s.standard = t["standard"].value_or(std::string("riskmap default evaluation index"));
  const toml::array* list = t["indicator"].as_array();
  if (!list || list->empty()) throw UserError(file.string() + ": no [[indicator]]");
  for (std::size_t i = 0; i < list->size(); ++i) {
    const toml::table* it = list->get(i)->as_table();
    const std::string at = file.string() + ": indicator " + std::to_string(i + 1);
    if (!it) throw UserError(at + ": not a table");
    Indicator ind;
    ind.measure = (*it)["measure"].value_or(std::string());
    const auto& known = knownMeasures();
    if (std::find(known.begin(), known.end(), ind.measure) == known.end()) {
      std::string names;
      for (const auto& k : known) names += (names.empty() ? "" : ", ") + k;
      throw UserError(at + ": measure '" + ind.measure + "' is not one of: " + names);
    }
    ind.label = (*it)["label"].value_or(ind.measure);
    ind.weight = (*it)["weight"].value_or(1.0);
    if (!(ind.weight >= 0) || !std::isfinite(ind.weight)) throw UserError(at + ": weight must be a number >= 0");
    const std::string dir = (*it)["direction"].value_or(std::string("higher"));
    if (dir != "higher" && dir != "lower") throw UserError(at + ": direction '" + dir + "' is not higher or lower");
    ind.higherIsBetter = dir == "higher";
    if (auto e = (*it)["empty"].value<double>()) ind.empty = *e;
    s.indicators.push_back(ind);
  }
  s.normalisation = t["normalisation"]["method"].value_or(std::string("minmax"));
  if (s.normalisation != "minmax" && s.normalisation != "zscore")
    throw UserError(file.string() + ": normalisation.method '" + s.normalisation + "' is not minmax or zscore");
  if (const toml::table* iv = t["interview"].as_table())
    for (const auto& [k, v] : *iv) s.interview[std::string(k.str())] = static_cast<int>(v.value_or(0));
  return s;
}

std::vector<UnitMeasures> measureUnits(const std::vector<UnitFacts>& units, const std::vector<DangerFacts>& found,
                                       const std::string& end) {
  struct Tally {
    long long found = 0, closed = 0, open = 0, overdue = 0, overdueMajor = 0, listedDue = 0, listedOnTime = 0;
  };
  std::map<std::string, Tally> by;
  for (const DangerFacts& d : found) {
    const dangers::Stage stage = dangers::stageAt(d.dates, end);
    if (stage == dangers::Stage::NotYetFound) continue;
    Tally& t = by[d.unit];
    ++t.found;
    t.closed += dangers::isClosed(stage);
    t.open += dangers::isOpen(stage);
    const bool overdue = dangers::overdueAt(d.dates, end);
    t.overdue += overdue;
    t.overdueMajor += overdue && d.major;
    // A listed danger is judged once its deadline has come (deadline <= end).
    if (d.listed && !d.dates.deadline.empty() && d.dates.deadline <= end) {
      ++t.listedDue;
      t.listedOnTime += dangers::isClosed(stage) && dangers::closedOnTime(d.dates);
    }
  }
  std::vector<UnitMeasures> out;
  for (const UnitFacts& u : units) {
    const Tally t = by.count(u.unit) ? by.at(u.unit) : Tally{};
    UnitMeasures m{u.unit, {}};
    m.values["rectification_rate"] = t.found ? std::optional<double>(double(t.closed) / t.found) : std::nullopt;
    m.values["overdue_major"] = double(t.overdueMajor);
    m.values["listed_closed_on_time"] =
        t.listedDue ? std::optional<double>(double(t.listedOnTime) / t.listedDue) : std::nullopt;
    m.values["red_km2_per_10k_people"] = u.people > 0 ? u.redKm2 / u.people * 1e4 : 0.0;
    m.values["black_spots"] = double(u.blackSpots);
    m.values["open_dangers"] = double(t.open);
    m.values["overdue_dangers"] = double(t.overdue);
    out.push_back(std::move(m));
  }
  return out;
}

namespace {

// Competition ranking ("1224"): better values first, equal values share the better rank.
std::vector<int> competitionRanks(const std::vector<double>& v, bool higherIsBetter) {
  std::vector<int> r(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) {
    int better = 0;
    for (std::size_t j = 0; j < v.size(); ++j) better += higherIsBetter ? v[j] > v[i] : v[j] < v[i];
    r[i] = better + 1;
  }
  return r;
}

std::vector<double> scores(const std::vector<double>& v, bool higherIsBetter, const std::string& method) {
  std::vector<double> s(v.size(), 1.0);
  if (v.empty()) return s;
  const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
  if (*hi == *lo) return s;  // nobody is better: every unit keeps full marks
  if (method == "minmax") {
    for (std::size_t i = 0; i < v.size(); ++i)
      s[i] = higherIsBetter ? (v[i] - *lo) / (*hi - *lo) : (*hi - v[i]) / (*hi - *lo);
    return s;
  }
  const double mean = std::accumulate(v.begin(), v.end(), 0.0) / v.size();
  double var = 0;
  for (double x : v) var += (x - mean) * (x - mean);
  const double sd = std::sqrt(var / v.size());
  for (std::size_t i = 0; i < v.size(); ++i) s[i] = (higherIsBetter ? 1 : -1) * (v[i] - mean) / sd;
  const double worst = *std::min_element(s.begin(), s.end());
  for (double& x : s) x -= worst;
  return s;
}

std::vector<RankedUnit> rankOnce(const IndexSpec& spec, const std::vector<UnitMeasures>& units) {
  std::vector<RankedUnit> out(units.size());
  for (std::size_t i = 0; i < units.size(); ++i) out[i].unit = units[i].unit;
  double weights = 0;
  for (const Indicator& ind : spec.indicators) weights += ind.weight;
  for (const Indicator& ind : spec.indicators) {
    std::vector<double> v(units.size());
    std::vector<bool> filled(units.size(), false);
    // A unit without a denominator takes `empty`, or else the worst value seen.
    std::optional<double> worst;
    for (const UnitMeasures& u : units)
      if (const auto& x = u.values.at(ind.measure))
        worst = !worst ? *x : ind.higherIsBetter ? std::min(*worst, *x) : std::max(*worst, *x);
    for (std::size_t i = 0; i < units.size(); ++i) {
      const auto& x = units[i].values.at(ind.measure);
      filled[i] = !x;
      v[i] = x ? *x : ind.empty.value_or(worst.value_or(0.0));
    }
    const std::vector<double> s = scores(v, ind.higherIsBetter, spec.normalisation);
    const std::vector<int> r = competitionRanks(v, ind.higherIsBetter);
    for (std::size_t i = 0; i < units.size(); ++i) {
      out[i].indicators.push_back({v[i], filled[i], s[i], r[i]});
      if (weights > 0) out[i].index += 100.0 * ind.weight * s[i] / weights;
    }
  }
  std::vector<double> index(out.size());
  for (std::size_t i = 0; i < out.size(); ++i) index[i] = out[i].index;
  const std::vector<int> r = competitionRanks(index, true);
  for (std::size_t i = 0; i < out.size(); ++i) out[i].rank = r[i];
  std::stable_sort(out.begin(), out.end(), [](const RankedUnit& a, const RankedUnit& b) { return a.rank < b.rank; });
  return out;
}

}  // namespace

std::vector<RankedUnit> rankUnits(const IndexSpec& spec, const std::vector<UnitMeasures>& now,
                                  const std::vector<UnitMeasures>* previous, int interviewLast) {
  std::vector<RankedUnit> out = rankOnce(spec, now);
  if (previous) {
    std::map<std::string, int> before;
    for (const RankedUnit& u : rankOnce(spec, *previous)) before[u.unit] = u.rank;
    for (RankedUnit& u : out)
      if (before.count(u.unit)) u.previousRank = before.at(u.unit);
  }
  const int n = static_cast<int>(out.size());
  for (RankedUnit& u : out) u.interview = interviewLast > 0 && u.rank > n - interviewLast;
  return out;
}

std::string rankChange(const RankedUnit& u) {
  if (!u.previousRank) return "新";
  const int d = *u.previousRank - u.rank;
  return d > 0 ? "↑" + std::to_string(d) : d < 0 ? "↓" + std::to_string(-d) : "→";
}

}  // namespace riskmap::periods
