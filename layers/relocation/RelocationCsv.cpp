#include "RelocationCsv.hpp"

#include "Numbers.hpp"

#include <cmath>
#include <cstdio>
#include <set>

#include "riskmap/core/Files.hpp"

namespace riskmap::relocation {
namespace {

class FigureRows {
 public:
  explicit FigureRows(std::string scenario) : scenario_(std::move(scenario)) {
    text_ = csvLine({"scenario", "section", "subject", "figure", "unit", "before", "after", "change"});
  }
  void number(const std::string& section, const std::string& subject, const std::string& figure, const std::string& unit,
              double before, double after, int decimals) {
    text_ += csvLine({scenario_, section, subject, figure, unit, fixed(before, decimals), fixed(after, decimals),
                      fixed(after - before, decimals)});
  }
  void words(const std::string& section, const std::string& subject, const std::string& figure, const std::string& before,
             const std::string& after) {
    text_ += csvLine({scenario_, section, subject, figure, "", before, after, before == after ? "" : "changed"});
  }
  const std::string& text() const { return text_; }

 private:
  std::string scenario_, text_;
};

void ringFigures(FigureRows& rows, const std::string& subject, const PlantFigures& before, const PlantFigures& after) {
  std::set<std::string> rings;
  for (const Ring& r : before.rings) rings.insert(r.ring);
  for (const Ring& r : after.rings) rings.insert(r.ring);
  for (const std::string& name : rings) {
    const Ring empty;
    const Ring& b = before.ring(name) ? *before.ring(name) : empty;
    const Ring& a = after.ring(name) ? *after.ring(name) : empty;
    rows.number("ring", subject, name + " distance", "m", b.distanceM, a.distanceM, 0);
    rows.number("ring", subject, name + " people", "people", b.people, a.people, 1);
    rows.number("ring", subject, name + " households", "households", static_cast<double>(b.households),
                static_cast<double>(a.households), 0);
    rows.number("ring", subject, name + " buildings", "buildings", static_cast<double>(b.buildings),
                static_cast<double>(a.buildings), 0);
    rows.words("ring", subject, name + " zone grade", b.zoneGrade, a.zoneGrade);
    std::set<std::string> kinds;
    for (const auto& [k, n] : b.targets) kinds.insert(k);
    for (const auto& [k, n] : a.targets) kinds.insert(k);
    for (const std::string& k : kinds) {
      const auto bn = b.targets.count(k) ? b.targets.at(k) : 0, an = a.targets.count(k) ? a.targets.at(k) : 0;
      rows.number("ring", subject, name + " targets " + k, "targets", static_cast<double>(bn), static_cast<double>(an), 0);
    }
  }
}

}  // namespace

std::string rankingCsv(const Ranking& ranking) {
  std::string out = csvLine({"rank", "plant_id", "name", "layer", "grade", "R", "alpha", "people_500m",
                             "people_external_safety", "external_safety_m", "safety_distance_source",
                             "sensitive_targets", "in_park", "park",
                             "dense_by", "density_per_km2", "lon", "lat", "ahead_of_next_by", "incomplete"});
  for (const RankedPlant& r : ranking.rows) {
    const PlantFigures& b = r.plant->baseline;
    const Ring* ring = b.ring("external_safety");
    out += csvLine({std::to_string(r.rank), r.plant->id, r.plant->name, r.plant->layer, b.grade, fixed(b.R, 3),
                    fixed(b.alpha, 1), std::to_string(r.people500), std::to_string(r.peopleExternalSafety),
                    ring ? fixed(ring->distanceM, 0) : "", b.figures.value("safety_distance_source", std::string()),
                    std::to_string(r.sensitiveTargets), r.inPark ? "1" : "0",
                    r.park, r.denseBy, fixed(r.densityPerKm2, 0), fixed(r.lon, 6), fixed(r.lat, 6), r.aheadOfNextBy,
                    b.figures.value("incomplete", std::string())});
  }
  return out;
}

std::string scenarioCsv(const ScenarioResult& s) {
  FigureRows rows(s.spec.name);
  for (const MovedPlant& m : s.moves) {
    const std::string subject = m.plant->id + " " + m.plant->name;
    const PlantFigures& b = m.plant->baseline;
    const PlantFigures& a = m.after;
    rows.words("move", subject, "destination", "", m.move.to.text());
    rows.words("move", subject, "park", "", m.park ? m.park->id + " " + m.park->name : "");
    rows.words("move", subject, "park grade", "", m.park ? m.park->grade : "");
    rows.number("move", subject, "distance moved", "m", 0, m.distanceM, 0);
    if (!m.siting.empty()) rows.words("move", subject, "site in the park", "", m.siting);
    rows.words("plant", subject, "grade", b.grade, a.grade);
    rows.number("plant", subject, "level", "", b.level, a.level, 0);
    rows.number("plant", subject, "S = sum q/Q", "", b.S, a.S, 3);
    rows.number("plant", subject, "alpha", "", b.alpha, a.alpha, 1);
    rows.number("plant", subject, "R", "", b.R, a.R, 3);
    rows.number("plant", subject, "people within 500 m (alpha)", "people", b.people500, a.people500, 1);
    ringFigures(rows, subject, b, a);
    rows.number("plant", subject, "protected targets inside its rings", "targets",
                static_cast<double>(m.targetsBefore.size()), static_cast<double>(m.targetsAfter.size()), 0);
    for (const Flag& f : m.flags) rows.words("flag", subject, f.rule, "", f.text);
  }
  for (const AreaChange& g : s.grades) {
    rows.number("study area", riskGradeName(g.grade), "area", "km2", g.areaBefore, g.areaAfter, 6);
    rows.number("study area", riskGradeName(g.grade), "people", "people", g.peopleBefore, g.peopleAfter, 1);
  }
  for (const AreaChange& t : s.townships) {
    const std::string subject = t.area + " " + riskGradeName(t.grade);
    rows.number("township", subject, "area", "km2", t.areaBefore, t.areaAfter, 6);
    rows.number("township", subject, "people", "people", t.peopleBefore, t.peopleAfter, 1);
  }
  return rows.text();
}

}  // namespace riskmap::relocation
