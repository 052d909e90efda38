// Road traffic accidents, and the black spots and black segments found
// among them (rules: layers/accidents/accidents.toml).
#include <cstdio>
#include <map>

#include "BlackSpots.hpp"
#include "BuiltinKinds.hpp"
#include "riskmap/assess/Rules.hpp"
#include "riskmap/layer/SchemaKind.hpp"

namespace riskmap {
namespace {

// The date `years` before an ISO date, as an ISO date (string order is date order).
std::string yearsBefore(const std::string& iso, int years) {
  return std::to_string(std::stoi(iso.substr(0, 4)) - years) + iso.substr(4);
}

class AccidentsKind : public SchemaKind {
 public:
  AccidentsKind()
      : SchemaKind("accidents", "road traffic accidents (points)", kPoints,
                   {
                       {"accident_id", FieldType::Text, false, "", "accident identifier"},
                       {"date", FieldType::Date, true, "", "date of the accident"},
                       {"deaths", FieldType::Integer, true, "people", "people killed", 0.0, 1000.0},
                       {"injuries", FieldType::Integer, true, "people", "people injured", 0.0, 10000.0},
                       {"road_id", FieldType::Text, false, "", "road the accident was recorded on"},
                   }) {}

  std::string idField() const override { return "accident_id"; }
  std::string rulesFile() const override { return "accidents/accidents.toml"; }
  bool isAssessed() const override { return true; }
  bool assessesWholeLayer() const override { return true; }
  std::string partsTable() const override { return "black_spots"; }
  std::vector<std::string> outputTables() const override { return {"black_spots", "accident_snaps"}; }

  LayerAssessment assessLayer(const std::vector<SourceFeature>& accidents, ExposureQueries& exposure,
                              const Rules& rules) const override {
    LayerAssessment out;
    const double tolerance = rules.number("snapping.tolerance_m");
    std::string latest;
    for (const auto& a : accidents) latest = std::max(latest, a.attributes.text("date").value_or(""));
    const std::string cutoff = latest.empty() ? "" : yearsBefore(latest, static_cast<int>(rules.number("period.years")));

    // Snap each accident to its nearest road; every accident gets a row saying what happened to it.
    std::map<std::size_t, std::vector<SnappedAccident>> byRoad;  // road index -> accidents
    std::vector<NearbyFeature> roadsSeen;
    std::map<const OGRGeometry*, std::size_t> roadIndex;
    std::vector<SnappedAccident> all;
    for (const SourceFeature& a : accidents) {
      const std::string date = a.attributes.text("date").value_or("");
      SourcePart snap{"accident_snaps", std::unique_ptr<OGRGeometry>(a.geometry->clone())};
      snap.attributes = {{"accident_id", a.id}, {"date", date}};
      if (date <= cutoff) {
        snap.attributes["status"] = "outside the period";
        out.parts.push_back(std::move(snap));
        continue;
      }
      std::unique_ptr<OGRGeometry> reach(a.geometry->Buffer(tolerance, 8));
      const NearbyFeature* best = nullptr;
      double bestDistance = tolerance;
      const std::vector<NearbyFeature> roads = exposure.roadsIn(*reach);
      for (const NearbyFeature& r : roads) {
        const double d = r.geometry->Distance(a.geometry);
        if (d <= bestDistance) best = &r, bestDistance = d;
      }
      if (!best) {
        snap.attributes["status"] = "unsnapped: no road within " + std::to_string(static_cast<int>(tolerance)) + " m";
        out.parts.push_back(std::move(snap));
        continue;
      }
      if (!roadIndex.count(best->geometry)) {
        roadIndex[best->geometry] = roadsSeen.size();
        roadsSeen.push_back(*best);
      }
      const std::size_t road = roadIndex[best->geometry];
      const OGRLineString* line = firstLine(*best->geometry);
      const OGRPoint* p = a.geometry->toPoint();
      SnappedAccident s{a.id, p->getX(), p->getY(), line->Project(p),
                        static_cast<long long>(*a.attributes.number("deaths")),
                        static_cast<long long>(*a.attributes.number("injuries"))};
      OGRPoint on;
      line->Value(s.chainage, &on);
      s.x = on.getX(), s.y = on.getY();
      snap.attributes["status"] = "snapped";
      snap.attributes["road_id"] = best->kind;
      snap.attributes["distance_m"] = bestDistance;
      snap.attributes["chainage_m"] = s.chainage;
      out.parts.push_back(std::move(snap));
      byRoad[road].push_back(s);
      all.push_back(s);
    }

    const EpdoWeights w{rules.number("epdo.fatal"), rules.number("epdo.injury"), rules.number("epdo.property_only")};
    const BlackSegmentRules segRules{rules.number("black_segment.window_m"), rules.number("black_segment.step_m"),
                                     static_cast<long long>(rules.number("black_segment.min_deaths")),
                                     static_cast<long long>(rules.number("black_segment.min_injury_accidents"))};
    const BlackSpotRules spotRules{rules.number("black_spot.radius_m"),
                                   static_cast<long long>(rules.number("black_spot.min_accidents"))};
    std::vector<SourceAssessment> found;
    for (const auto& [road, list] : byRoad) {
      const OGRLineString* line = firstLine(*roadsSeen[road].geometry);
      int n = 0;
      for (const Stretch& s : blackSegments(list, line->get_Length(), segRules)) {
        SourceAssessment a = describe("black segment", roadsSeen[road].kind + "-S" + std::to_string(++n), list, s.members, w);
        a.name = roadsSeen[road].name;
        a.geometry.reset(line->getSubLine(s.from, s.to, FALSE));
        a.grade.figures["road_id"] = roadsSeen[road].kind;
        a.grade.figures["from_m"] = s.from;
        a.grade.figures["to_m"] = s.to;
        char rule[200];
        std::snprintf(rule, sizeof rule, "%.0f m window every %.0f m: >= %lld deaths or >= %lld injury accidents",
                      segRules.window, segRules.step, segRules.minDeaths, segRules.minInjuryAccidents);
        a.grade.rule = rule;
        a.footprints.push_back({"black_segment", 50, std::unique_ptr<OGRGeometry>(a.geometry->Buffer(50, 8))});
        found.push_back(std::move(a));
      }
    }
    int n = 0;
    for (const auto& members : blackSpots(all, spotRules)) {
      SourceAssessment a = describe("black spot", "SPOT-" + std::to_string(++n), all, members, w);
      double x = 0, y = 0;
      for (std::size_t m : members) x += all[m].x, y += all[m].y;
      a.geometry = std::make_unique<OGRPoint>(x / members.size(), y / members.size());
      char rule[160];
      std::snprintf(rule, sizeof rule, ">= %lld accidents within %.0f m of one", spotRules.minAccidents, spotRules.radius);
      a.grade.rule = rule;
      a.footprints.push_back({"black_spot", spotRules.radius, std::unique_ptr<OGRGeometry>(a.geometry->Buffer(spotRules.radius, 8))});
      found.push_back(std::move(a));
    }
    // Rank by EPDO, worst first, and record the rank everywhere it is shown.
    std::stable_sort(found.begin(), found.end(), [](const SourceAssessment& a, const SourceAssessment& b) {
      return a.grade.figures["epdo"].get<double>() > b.grade.figures["epdo"].get<double>();
    });
    for (std::size_t i = 0; i < found.size(); ++i) {
      SourceAssessment& a = found[i];
      a.grade.figures["rank"] = static_cast<long long>(i + 1);
      SourcePart part{"black_spots", std::unique_ptr<OGRGeometry>(a.geometry->clone())};
      part.attributes = {{"type", a.grade.grade}, {"rank", static_cast<long long>(i + 1)}, {"spot_id", a.id},
                         {"road", a.name}, {"accidents", a.grade.figures["accidents"]},
                         {"deaths", a.grade.figures["deaths"]}, {"injuries", a.grade.figures["injuries"]},
                         {"injury_accidents", a.grade.figures["injury_accidents"]}, {"epdo", a.grade.figures["epdo"]}};
      a.parts.push_back(std::move(part));
    }
    out.sources = std::move(found);
    return out;
  }

 private:
  static const OGRLineString* firstLine(const OGRGeometry& g) {
    if (wkbFlatten(g.getGeometryType()) == wkbLineString) return g.toLineString();
    return g.toGeometryCollection()->getGeometryRef(0)->toLineString();
  }

  static SourceAssessment describe(const std::string& type, const std::string& id,
                                   const std::vector<SnappedAccident>& list, const std::vector<std::size_t>& members,
                                   const EpdoWeights& w) {
    SourceAssessment a;
    a.id = id;
    a.grade.grade = type;
    a.grade.standard = "riskmap defaults (configurable)";
    long long deaths = 0, injuries = 0, injuryAccidents = 0;
    double epdo = 0;
    nlohmann::json ids = nlohmann::json::array();
    for (std::size_t m : members) {
      deaths += list[m].deaths;
      injuries += list[m].injuries;
      injuryAccidents += list[m].injuries > 0;
      epdo += w.of(list[m]);
      ids.push_back(list[m].id);
    }
    a.grade.figures = {{"accidents", static_cast<long long>(members.size())}, {"deaths", deaths},
                       {"injuries", injuries}, {"injury_accidents", injuryAccidents}, {"epdo", epdo},
                       {"accident_ids", ids}};
    return a;
  }
};

}  // namespace

std::unique_ptr<LayerKind> makeAccidentsKind() { return std::make_unique<AccidentsKind>(); }

}  // namespace riskmap
