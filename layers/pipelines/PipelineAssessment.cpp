#include "PipelineAssessment.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <set>

#include "LocationClass.hpp"
#include "riskmap/assess/Rules.hpp"

namespace riskmap {
namespace {

const char* kHcaNames[] = {"", "I", "II", "III"};

// A stretch of the line with an HCA grade (1..3 for I..III) and why.
struct HcaInterval {
  double from, to;
  int grade;
  std::string reason;
};

struct Chained {
  double chainage;
  double distance;  // from the line, m
  const NearbyFeature* feature;
};

std::vector<Chained> chain(const OGRLineString& line, const std::vector<NearbyFeature>& features) {
  std::vector<Chained> out;
  for (const NearbyFeature& f : features) {
    OGRPoint p;
    if (f.geometry->Centroid(&p) != OGRERR_NONE) continue;
    out.push_back({line.Project(&p), line.Distance(f.geometry), &f});
  }
  return out;
}

// The stretch of the line within `reach` of a feature at `distance` from it.
void addTargetInterval(std::vector<HcaInterval>& out, const Chained& c, double reach, int grade, const std::string& rule) {
  if (c.distance > reach) return;
  const double half = std::sqrt(reach * reach - c.distance * c.distance);
  char buf[256];
  std::snprintf(buf, sizeof buf, "%s: %s %s at %.0f m", rule.c_str(), c.feature->kind.c_str(), c.feature->name.c_str(),
                c.distance);
  out.push_back({c.chainage - half, c.chainage + half, grade, buf});
}

void addClassHca(std::vector<HcaInterval>& out, const std::vector<ClassInterval>& classes, int cls, int grade,
                 const std::string& rule) {
  for (const auto& c : classes)
    if (c.locationClass == cls) out.push_back({c.from, c.to, grade, rule});
}

struct Segment {
  double from, to;
  int locationClass = 1;
  long long households = 0;
  int hca = 0;
  std::string reason;
};

std::vector<Segment> segment(double length, const std::vector<ClassInterval>& classes,
                             const std::vector<HcaInterval>& hcas) {
  std::set<double> cuts{0, length};
  for (const auto& c : classes) cuts.insert(std::clamp(c.from, 0.0, length)), cuts.insert(std::clamp(c.to, 0.0, length));
  for (const auto& h : hcas) cuts.insert(std::clamp(h.from, 0.0, length)), cuts.insert(std::clamp(h.to, 0.0, length));
  std::vector<Segment> out;
  for (auto it = cuts.begin(); std::next(it) != cuts.end(); ++it) {
    Segment s{*it, *std::next(it)};
    if (s.to - s.from < 1e-6) continue;
    const double mid = (s.from + s.to) / 2;
    for (const auto& c : classes)
      if (c.from <= mid && mid <= c.to && (c.locationClass > s.locationClass ||
                                           (c.locationClass == s.locationClass && c.households > s.households)))
        s.locationClass = c.locationClass, s.households = c.households;
    std::set<std::string> reasons;
    for (const auto& h : hcas)
      if (h.from <= mid && mid <= h.to) {
        if (h.grade > s.hca) s.hca = h.grade, reasons.clear();
        if (h.grade == s.hca) reasons.insert(h.reason);
      }
    for (const auto& r : reasons) s.reason += (s.reason.empty() ? "" : "; ") + r;
    if (!out.empty() && out.back().locationClass == s.locationClass && out.back().hca == s.hca &&
        out.back().reason == s.reason && out.back().households == s.households)
      out.back().to = s.to;
    else
      out.push_back(s);
  }
  return out;
}

bool isTargetKind(const std::string& kind, std::initializer_list<const char*> kinds) {
  for (const char* k : kinds)
    if (kind == k) return true;
  return false;
}

}  // namespace

double potentialImpactRadius(double d, double p, double coefficient) { return coefficient * std::sqrt(d * d * p); }

SourceAssessment assessPipeline(const SourceFeature& pipe, ExposureQueries& exposure, const Rules& rules) {
  SourceAssessment out;
  const bool gas = pipe.attributes.text("medium").value_or("") == "gas";
  const double d = *pipe.attributes.number("diameter_mm"), p = *pipe.attributes.number("pressure_mpa");
  const double band = rules.number("location_class.band_m");
  const double pir = gas ? potentialImpactRadius(d, p, rules.number("impact_radius.coefficient")) : 0;
  const LocationClassRules classRules = LocationClassRules::from(rules);

  std::vector<const OGRLineString*> lines;
  if (wkbFlatten(pipe.geometry->getGeometryType()) == wkbLineString) lines.push_back(pipe.geometry->toLineString());
  else
    for (const OGRGeometry* g : *pipe.geometry->toGeometryCollection()) lines.push_back(g->toLineString());

  std::map<std::string, double> lengthByHca, lengthByClass;
  int worst = 0;
  for (std::size_t part = 0; part < lines.size(); ++part) {
    const OGRLineString& line = *lines[part];
    const std::unique_ptr<OGRGeometry> bandZone(line.Buffer(band, 16));
    const std::vector<NearbyFeature> buildings = exposure.buildingsIn(*bandZone);
    std::vector<ChainedBuilding> chained;
    for (const Chained& c : chain(line, buildings))
      chained.push_back({c.chainage, c.feature->households, c.feature->storeys});
    const std::vector<ClassInterval> classes = locationClassIntervals(chained, classRules);

    const std::unique_ptr<OGRGeometry> reachZone(line.Buffer(std::max(pir, band), 16));
    const std::vector<NearbyFeature> targetList = exposure.targetListIn(*reachZone);
    const std::vector<Chained> targets = chain(line, targetList);
    std::vector<HcaInterval> hcas;
    if (gas) {
      addClassHca(hcas, classes, 4, 3, "location class 4 -> III");
      addClassHca(hcas, classes, 3, 2, "location class 3 -> II");
      const bool large = d > rules.number("hca.gas.large_diameter_mm") && p > rules.number("hca.gas.large_pressure_mpa");
      const bool small = d < rules.number("hca.gas.small_diameter_mm") && p < rules.number("hca.gas.small_pressure_mpa");
      for (const Chained& t : targets) {
        if (isTargetKind(t.feature->kind, {"filling_station"})) {
          addTargetInterval(hcas, t, rules.number("hca.gas.flammable_site_band_m"), 2, "flammable site within 200 m -> II");
        } else if (large || small) {
          char rule[96];
          std::snprintf(rule, sizeof rule, "protected target inside r = %.0f m -> I", pir);
          addTargetInterval(hcas, t, pir, 1, rule);
        } else {
          addTargetInterval(hcas, t, rules.number("hca.gas.target_band_m"), 1, "protected target within 200 m -> I");
        }
      }
    } else {
      addClassHca(hcas, classes, 4, 3, "4+ storey buildings prevail within 200 m -> III");
      addClassHca(hcas, classes, 3, 2, ">= 100 households within 200 m per 2 km -> II");
      LocationClassRules village = classRules;
      village.class2 = static_cast<long long>(rules.number("hca.oil.village_min_households"));
      village.class3 = std::numeric_limits<long long>::max();
      addClassHca(hcas, locationClassIntervals(chained, village), 2, 2, "village of >= 50 households within 200 m -> II");
      for (const Chained& t : targets) {
        if (isTargetKind(t.feature->kind, {"water_source"}))
          addTargetInterval(hcas, t, rules.number("hca.oil.band_m"), 3, "water source within 200 m -> III");
        else if (isTargetKind(t.feature->kind, {"nature_reserve"}))
          addTargetInterval(hcas, t, rules.number("hca.oil.band_m"), 2, "nature reserve within 200 m -> II");
        else if (isTargetKind(t.feature->kind, {"filling_station"}))
          addTargetInterval(hcas, t, rules.number("hca.oil.flammable_site_band_m"), 1, "flammable site within 50 m -> I");
      }
    }

    for (const Segment& s : segment(line.get_Length(), classes, hcas)) {
      SourcePart part_{"", std::unique_ptr<OGRGeometry>(line.getSubLine(s.from, s.to, FALSE))};
      if (s.hca) {  // the corridor of an HCA segment: r for gas, the 200 m band for oil
        const double reach = gas ? pir : band;
        out.footprints.push_back({"hca_corridor", reach, std::unique_ptr<OGRGeometry>(part_.geometry->Buffer(reach, 16)),
                                  std::string("HCA ") + kHcaNames[s.hca]});
      }
      part_.attributes = {{"part", static_cast<long long>(part)}, {"from_m", s.from}, {"to_m", s.to},
                          {"length_m", s.to - s.from}, {"location_class", static_cast<long long>(s.locationClass)},
                          {"households_2km", s.households}, {"hca", kHcaNames[s.hca]}, {"reason", s.reason}};
      lengthByHca[s.hca ? kHcaNames[s.hca] : "none"] += s.to - s.from;
      lengthByClass[std::to_string(s.locationClass)] += s.to - s.from;
      worst = std::max(worst, s.hca);
      out.parts.push_back(std::move(part_));
    }
  }

  GradeResult& g = out.grade;
  g.standard = "GB 32167-2015 / GB 50251-2015";
  g.grade = worst ? std::string("HCA ") + kHcaNames[worst] : "no HCA";
  char buf[384];
  if (gas)
    std::snprintf(buf, sizeof buf, "gas, d %.0f mm, p %.2f MPa: r = 0.099 * sqrt(d^2 p) = %.1f m; worst segment %s", d, p,
                  pir, g.grade.c_str());
  else
    std::snprintf(buf, sizeof buf, "oil, d %.0f mm, p %.2f MPa: HCA by distance rules; worst segment %s", d, p,
                  g.grade.c_str());
  g.rule = buf;
  const std::string worstZh = worst ? std::string(kHcaNames[worst]) + " 级高后果区" : "无高后果区";
  if (gas)
    std::snprintf(buf, sizeof buf, "输气管道，外径 %.0f mm，压力 %.2f MPa：潜在影响半径 r = 0.099·√(d²p) = %.1f m"
                  "（GB 32167-2015）；最高管段为%s", d, p, pir, worstZh.c_str());
  else
    std::snprintf(buf, sizeof buf, "输油管道，外径 %.0f mm，压力 %.2f MPa：按距离规则识别高后果区（GB 32167-2015）；"
                  "最高管段为%s", d, p, worstZh.c_str());
  g.ruleZh = buf;
  g.figures = {{"medium", gas ? "gas" : "oil"}, {"diameter_mm", d}, {"pressure_mpa", p},
               {"length_m_by_location_class", lengthByClass}, {"length_m_by_hca", lengthByHca}};
  if (gas) g.figures["impact_radius_m"] = pir;

  if (gas) out.footprints.push_back({"impact_radius", pir, std::unique_ptr<OGRGeometry>(pipe.geometry->Buffer(pir, 16))});
  out.footprints.push_back({"band_200m", band, std::unique_ptr<OGRGeometry>(pipe.geometry->Buffer(band, 16))});
  const double narrow = rules.number("bands.narrow_m");
  out.footprints.push_back({"band_50m", narrow, std::unique_ptr<OGRGeometry>(pipe.geometry->Buffer(narrow, 16))});
  return out;
}

}  // namespace riskmap
