// Tailings ponds (尾矿库): the class (等别) by capacity and dam height
// (GB 39496-2020 4.5), a four-colour grade by safety state and class, raised
// for a head-top pond (头顶库: people or important facilities within 1 km
// downstream along the flow path), and the zones: the pond, and the
// dam-break run-out corridor down the valley (steepest descent over the
// library's DEM, for a length from an empirical relation of released volume
// and dam height), its first km apart.
#include <algorithm>
#include <cstdio>

#include "BuiltinKinds.hpp"
#include "PondRules.hpp"
#include "riskmap/regional/RiskGrade.hpp"
#include "riskmap/layer/SchemaKind.hpp"

namespace riskmap {
namespace {

using namespace tailings;

class TailingsPondsKind : public SchemaKind {
 public:
  TailingsPondsKind()
      : SchemaKind("tailings_ponds", "tailings ponds (pond polygons, or dam crest lines or points)",
                   kPolygons | kLines | kPoints,
                   {
                       {"pond_id", FieldType::Text, false, "", "pond identifier"},
                       {"name", FieldType::Text, true, "", "pond name"},
                       {"capacity_1e4m3", FieldType::Real, true, "1e4 m3", "total (whole) storage capacity 全库容",
                        0.0, 1.0e6},
                       {"dam_height_m", FieldType::Real, true, "m", "dam height 坝高", 0.0, 400.0},
                       {"stored_1e4m3", FieldType::Real, false, "1e4 m3",
                        "tailings stored now (default: the total capacity)", 0.0, 1.0e6},
                       {"tailings_type", FieldType::Text, false, "", "what is stored (ore, wet or dry stacking)"},
                       {"state", FieldType::Text, true, "", "safety state by the latest assessment",
                        std::nullopt, std::nullopt, {"正常库", "病库", "险库", "危库"}},
                       {"online_monitoring", FieldType::Integer, false, "-", "1 if under online monitoring", 0.0, 1.0},
                       {"operator", FieldType::Text, false, "", "operating enterprise"},
                   }) {}

  std::optional<Rejection> checkRecord(AttributeRecord& rec) const override {
    if (*rec.number("capacity_1e4m3") <= 0) return Rejection{"capacity_1e4m3", "a pond's capacity must be above 0"};
    if (*rec.number("dam_height_m") <= 0) return Rejection{"dam_height_m", "a dam's height must be above 0"};
    if (const auto stored = rec.number("stored_1e4m3"); stored && *stored > *rec.number("capacity_1e4m3"))
      return Rejection{"stored_1e4m3", "more stored than the pond's total capacity"};
    return std::nullopt;
  }

  std::string idField() const override { return "pond_id"; }
  std::string rulesFile() const override { return "tailings_ponds/tailings_ponds.toml"; }
  bool isAssessed() const override { return true; }

  // A four-colour grade's Chinese name ("较大风险"); the key itself if it is none.
  static const char* riskGradeZh(const std::string& grade) {
    const auto g = parseRiskGrade(grade);
    return g ? riskGradeChinese(*g) : grade.c_str();
  }

  // Where the run-out ended, in Chinese.
  static std::string flowEndZh(const FlowPath& path) {
    char buf[96];
    switch (path.end) {
      case FlowEnd::Length: std::snprintf(buf, sizeof buf, "沿地形流经全程 %.0f m", path.tracedM); break;
      case FlowEnd::Sink: std::snprintf(buf, sizeof buf, "流经 %.0f m 后止于洼地", path.tracedM); break;
      case FlowEnd::LeftDem: std::snprintf(buf, sizeof buf, "流经 %.0f m 后到达高程数据边界", path.tracedM); break;
      case FlowEnd::NoData: std::snprintf(buf, sizeof buf, "流经 %.0f m 后遇高程数据空洞", path.tracedM); break;
      case FlowEnd::NoDem: return "无可用高程数据，未追踪流径";
    }
    return buf;
  }

  SourceAssessment assess(const SourceFeature& source, ExposureQueries& exposure, const Rules& rules) const override {
    SourceAssessment out;
    GradeResult& g = out.grade;
    g.standard = "GB 39496-2020 4.5 (class); riskmap defaults (grade, corridor)";
    const double capacity = *source.attributes.number("capacity_1e4m3");
    const double height = *source.attributes.number("dam_height_m");
    const double stored = source.attributes.number("stored_1e4m3").value_or(capacity);
    const std::string state = *source.attributes.text("state");

    const PondClass cls = pondClass(capacity, height, rules);
    const std::string base = stateGrade(state, cls.cls, rules);
    const Runout run = runout(stored > 0 ? stored : capacity, height, rules);

    // The run-out: the flow path and corridor over the library's DEM.
    FlowPathRequest req;
    req.lengthM = run.lengthKm * 1000.0;
    req.breachMaxRiseM = rules.number("corridor.sink_fill_m");
    req.flowDepthM = rules.number("corridor.flow_depth_m");
    req.minHalfWidthM = rules.number("corridor.min_half_width_m");
    req.maxHalfWidthM = rules.number("corridor.max_half_width_m");
    req.headLengthM = rules.number("headtop.distance_m");
    const bool polygon = (source.geometry->getDimension() == 2);
    req.exclude = polygon ? source.geometry : nullptr;
    const FlowPath path = exposure.downstream(*source.geometry, req);

    // Head-top: people, households or important facilities in the first km.
    double headPeople = 0;
    long long headHouseholds = 0;
    std::map<std::string, long long> headTargets;
    bool headtop = false;
    if (path.headCorridor) {
      headPeople = exposure.countPeople(*path.headCorridor).people;
      for (const NearbyFeature& b : exposure.buildingsIn(*path.headCorridor)) headHouseholds += b.households;
      const toml::array* kinds = rules.array("headtop.target_kinds");
      for (const NearbyFeature& t : exposure.targetListIn(*path.headCorridor)) {
        bool important = false;
        if (kinds)
          for (const toml::node& k : *kinds) important = important || k.value<std::string>() == t.kind;
        if (important) ++headTargets[t.kind];
      }
      headtop = headPeople >= rules.number("headtop.min_people") ||
                headHouseholds >= static_cast<long long>(rules.number("headtop.min_households")) || !headTargets.empty();
    }
    const int raiseBy = headtop ? static_cast<int>(rules.number("grade.headtop_raise")) : 0;
    g.grade = raiseGrade(base, raiseBy);

    const bool monitored = source.attributes.number("online_monitoring").value_or(0) >= 1;
    const bool monitoringMissing = cls.cls <= static_cast<int>(rules.number("monitoring.required_from_class")) && !monitored;

    char buf[640];
    std::snprintf(buf, sizeof buf, "%s (GB 39496-2020 4.5); %s %s -> %s%s; run-out %.2f km (%s), %s",
                  cls.rule.c_str(), className(cls.cls).c_str(), state.c_str(), base.c_str(),
                  headtop ? (", head-top pond (头顶库) -> " + g.grade).c_str() : "", run.lengthKm,
                  run.relation.c_str(), path.why.c_str());
    g.rule = buf;
    if (headtop) {
      std::snprintf(buf, sizeof buf, "; within %.0f m downstream: %.0f people, %lld households, %zu important facilities",
                    req.headLengthM, headPeople, headHouseholds, headTargets.size());
      g.rule += buf;
    }
    if (monitoringMissing) g.rule += "; class " + className(cls.cls) + " without online monitoring";
    std::snprintf(buf, sizeof buf, "%s（GB 39496-2020 第 4.5 条）；%s%s → %s%s；溃坝下泄距离 %.2f km（%s），%s",
                  cls.ruleZh.c_str(), className(cls.cls).c_str(), state.c_str(), riskGradeZh(base),
                  headtop ? ("，头顶库 → " + std::string(riskGradeZh(g.grade))).c_str() : "", run.lengthKm,
                  run.relation.c_str(), flowEndZh(path).c_str());
    g.ruleZh = buf;
    if (headtop) {
      std::snprintf(buf, sizeof buf, "；下游 %.0f m 内 %.0f 人、%lld 户、重要设施 %zu 处", req.headLengthM, headPeople,
                    headHouseholds, headTargets.size());
      g.ruleZh += buf;
    }
    if (monitoringMissing) g.ruleZh += "；" + className(cls.cls) + "库未设在线监测";

    g.figures = {{"class", cls.cls},
                 {"class_name", className(cls.cls)},
                 {"class_by_capacity", cls.byCapacity},
                 {"class_by_height", cls.byHeight},
                 {"capacity_1e4m3", capacity},
                 {"dam_height_m", height},
                 {"state", state},
                 {"state_grade", base},
                 {"headtop", headtopFigure(path, headtop, req.headLengthM)},
                 {"headtop_distance_m", req.headLengthM},
                 {"headtop_people", headPeople},
                 {"headtop_households", headHouseholds},
                 {"headtop_targets", headTargets},
                 {"online_monitoring", monitored},
                 {"monitoring_missing", monitoringMissing},
                 {"runout_relation", run.relation},
                 {"stored_mm3", run.storedMm3},
                 {"released_mm3", run.releasedMm3},
                 {"dam_factor", run.damFactor},
                 {"runout_km", run.lengthKm},
                 {"path_traced_m", path.tracedM},
                 {"path_end", flowEndName(path.end)},
                 {"path_why", path.why},
                 {"sinks_filled", path.sinksCrossed},
                 {"corridor_mean_half_width_m", path.meanHalfWidthM},
                 {"corridor_flow_depth_m", req.flowDepthM},
                 {"vertical_unit", path.verticalUnit},
                 {"defaults", "grade table, head-top reading, corridor depth and widths: riskmap defaults"}};
    if (const auto type = source.attributes.text("tailings_type")) g.figures["tailings_type"] = *type;
    if (const auto op = source.attributes.text("operator")) g.figures["operator"] = *op;

    // Zones: the pond (or a ring round its dam), the first km, the rest.
    std::unique_ptr<OGRGeometry> pond(polygon ? source.geometry->clone()
                                              : source.geometry->Buffer(rules.number("zones.dam_buffer_m"), 16));
    out.footprints.push_back({"pond", 0, std::move(pond)});
    if (path.headCorridor)
      out.footprints.push_back({"runout_head", std::min(req.headLengthM, path.tracedM),
                                std::unique_ptr<OGRGeometry>(path.headCorridor->clone())});
    if (path.corridor) {
      std::unique_ptr<OGRGeometry> rest(path.headCorridor ? path.corridor->Difference(path.headCorridor.get())
                                                          : path.corridor->clone());
      if (rest && !rest->IsEmpty()) out.footprints.push_back({"runout", path.tracedM, std::move(rest)});
    }
    if (path.line) {
      SourcePart part;
      part.geometry.reset(path.line->clone());
      part.attributes = {{"length_m", path.tracedM}, {"runout_km", run.lengthKm}, {"path_end", flowEndName(path.end)},
                         {"why", path.why}, {"start_height_m", path.startHeightM}, {"end_height_m", path.endHeightM}};
      out.parts.push_back(std::move(part));
    }
    return out;
  }

  std::string partsTable() const override { return "tailings_flow_paths"; }

 private:
  // Head-top as known: a "no" from a path the data cut short of the reach is not known.
  static nlohmann::json headtopFigure(const FlowPath& path, bool headtop, double reach) {
    if (!path.headCorridor) return "unknown (no flow path)";
    if (!headtop && !path.dataComplete() && path.tracedM < reach) return "unknown (the path ended before the reach: " + path.why + ")";
    return headtop;
  }
};

}  // namespace

std::unique_ptr<LayerKind> makeTailingsPondsKind() { return std::make_unique<TailingsPondsKind>(); }

}  // namespace riskmap
