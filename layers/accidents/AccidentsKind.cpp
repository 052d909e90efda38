// Road traffic accidents, and the black spots and black segments found
// among them (rules: layers/accidents/accidents.toml).
#include <algorithm>
#include <cstdio>
#include <map>

#include "BlackSpotPresets.hpp"
#include "BlackSpots.hpp"
#include "BuiltinKinds.hpp"
#include "riskmap/assess/Rules.hpp"
#include "riskmap/layer/SchemaKind.hpp"

namespace riskmap {
namespace {

// The date `years` before an ISO date, as an ISO date (string order is date
// order). The period is (that date, latest]: the day years before the latest
// is out, so a period of N years holds each calendar day once (N x 365 or
// 366 days), and back-to-back periods never count the same day twice.
std::string yearsBefore(const std::string& iso, int years) {
  return std::to_string(std::stoi(iso.substr(0, 4)) - years) + iso.substr(4);
}

// A date as the library returns it (2025/06/01) in ISO form (2025-06-01).
std::string isoDate(std::string d) {
  std::replace(d.begin(), d.end(), '/', '-');
  return d;
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
    const BlackSpotPreset preset = chosenPreset(rules);
    const double tolerance = rules.number("snapping.tolerance_m");
    std::string latest;
    for (const auto& a : accidents) latest = std::max(latest, a.attributes.text("date").value_or(""));
    const std::string cutoff = latest.empty() ? "" : yearsBefore(latest, preset.periodYears);

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
    const BlackSegmentRules& segRules = preset.segments;
    const BlackSpotRules& spotRules = preset.spots;
    std::vector<SourceAssessment> found;
    // Roads by id, not by when an accident first named them: the segments'
    // order (their rank among equal EPDO) must not depend on the rows' order.
    std::vector<std::size_t> roadOrder;
    for (const auto& entry : byRoad) roadOrder.push_back(entry.first);
    std::stable_sort(roadOrder.begin(), roadOrder.end(),
                     [&](std::size_t a, std::size_t b) { return roadsSeen[a].kind < roadsSeen[b].kind; });
    for (const std::size_t road : roadOrder) {
      const std::vector<SnappedAccident>& list = byRoad.at(road);
      const OGRLineString* line = firstLine(*roadsSeen[road].geometry);
      int n = 0;
      for (const Stretch& s : blackSegments(list, line->get_Length(), segRules)) {
        SourceAssessment a = describe("black segment", roadsSeen[road].kind + "-S" + std::to_string(++n), list, s.members, w,
                                      preset, latest, cutoff);
        a.name = roadsSeen[road].name;
        a.geometry.reset(line->getSubLine(s.from, s.to, FALSE));
        a.grade.figures["road_id"] = roadsSeen[road].kind;
        a.grade.figures["from_m"] = s.from;
        a.grade.figures["to_m"] = s.to;
        char rule[120];
        std::snprintf(rule, sizeof rule, "%.0f m window every %.0f m: ", segRules.window, segRules.step);
        a.grade.rule = rule + segRules.criteria.text() + "; " + preset.label();
        std::snprintf(rule, sizeof rule, "%.0f m 窗口、每 %.0f m 滑动一次，", segRules.window, segRules.step);
        a.grade.ruleZh = rule + segRules.criteria.textZh() + "；" + preset.labelZh();
        a.footprints.push_back({"black_segment", 50, std::unique_ptr<OGRGeometry>(a.geometry->Buffer(50, 8))});
        found.push_back(std::move(a));
      }
    }
    int n = 0;
    for (const auto& members : blackSpots(all, spotRules)) {
      SourceAssessment a = describe("black spot", "SPOT-" + std::to_string(++n), all, members, w, preset, latest, cutoff);
      double x = 0, y = 0;
      for (std::size_t m : members) x += all[m].x, y += all[m].y;
      a.geometry = std::make_unique<OGRPoint>(x / members.size(), y / members.size());
      char rule[120];
      std::snprintf(rule, sizeof rule, "within %.0f m of one accident: ", spotRules.radius);
      a.grade.rule = rule + spotRules.criteria.text() + "; zone: the cluster's convex hull + " +
                     std::to_string(static_cast<int>(spotRules.radius)) + " m; " + preset.label();
      std::snprintf(rule, sizeof rule, "任一事故周边 %.0f m 内", spotRules.radius);
      a.grade.ruleZh = rule + spotRules.criteria.textZh() + "；范围为事故群凸包外扩 " +
                       std::to_string(static_cast<int>(spotRules.radius)) + " m；" + preset.labelZh();
      // The zone round the whole cluster, not the seed: every accident that made the spot black
      // lies inside with the same margin (docs/method.md).
      a.footprints.push_back({"black_spot", spotRules.radius, blackSpotZone(all, members, spotRules.radius)});
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
                                   const EpdoWeights& w, const BlackSpotPreset& preset, const std::string& latest,
                                   const std::string& cutoff) {
    SourceAssessment a;
    a.id = id;
    a.grade.grade = type;
    a.grade.standard = preset.standard;
    const BlackCriteria& criteria = type == "black spot" ? preset.spots.criteria : preset.segments.criteria;
    AccidentTally tally;
    long long injuries = 0;
    double epdo = 0;
    nlohmann::json ids = nlohmann::json::array();
    for (std::size_t m : members) {
      tally.add(list[m], criteria.severeDeaths);
      injuries += list[m].injuries;
      epdo += w.of(list[m]);
      ids.push_back(list[m].id);
    }
    a.grade.figures = {{"accidents", tally.accidents}, {"deaths", tally.deaths}, {"injuries", injuries},
                       {"fatal_accidents", tally.fatalAccidents}, {"injury_accidents", tally.injuryAccidents},
                       {"epdo", epdo}, {"accident_ids", ids}, {"preset", preset.name},
                       {"preset_is_riskmap_default", preset.riskmapDefault},
                       {"period", "after " + isoDate(cutoff) + " up to " + isoDate(latest) + " inclusive"}};
    if (criteria.minSevereAccidents > 0)
      a.grade.figures["severe_accidents"] = tally.severeAccidents;  // with >= severe_deaths deaths each
    return a;
  }
};

}  // namespace

std::unique_ptr<LayerKind> makeAccidentsKind() { return std::make_unique<AccidentsKind>(); }

}  // namespace riskmap
