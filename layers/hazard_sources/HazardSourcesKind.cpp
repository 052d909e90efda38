// Chemical plants and major hazard sources (GB 18218-2018). The inventory
// is a JSON array, one object per substance or hazard category:
//   {"substance": "氯", "q_t": 12.5, "Q_t": 5}    q actual, Q critical quantity (t)
//   {"cas": "7664-41-7", "q_t": 30}                Q from Table 1, found by CAS number
//   {"category": "W5.1", "q_t": 300}               Q from the rules table
// It may arrive as a JSON field or be gathered from a related table.
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>

#include "BuiltinKinds.hpp"
#include "Gb18218.hpp"
#include "qra/Equipment.hpp"
#include "qra/ParkRisk.hpp"
#include "qra/PlantRisk.hpp"
#include "qra/PlantSocietalRisk.hpp"
#include "riskmap/assess/Rules.hpp"
#include "riskmap/layer/SchemaKind.hpp"

namespace riskmap {
namespace {

using nlohmann::json;

// A number, or a string holding one (CSV inventories arrive as text).
std::optional<double> asNumber(const json& v) {
  if (v.is_number()) return v.get<double>();
  if (v.is_string()) {
    try {
      std::size_t used = 0;
      const std::string s = v.get<std::string>();
      const double d = std::stod(s, &used);
      if (used == s.size() && std::isfinite(d)) return d;
    } catch (const std::exception&) {
    }
  }
  return std::nullopt;
}

// Plausible bounds on inventory figures (issue 23 section 5). No standard
// fixes them: riskmap's documented defaults (docs/layer-kinds.md). With
// them q/Q <= 1e7 / 1e-3 and R stays finite by construction.
constexpr double kMaxQuantityT = 1.0e7;   // q_t: the largest stores in China hold ~1e6 t
constexpr double kMinCriticalT = 1.0e-3;  // Q_t: Table 1 and 2 run from 0.3 t to 5000 t
constexpr double kMaxCriticalT = 1.0e5;

bool blank(const json& v) {
  return v.is_null() || (v.is_string() && v.get<std::string>().find_first_not_of(" \t\r\n") == std::string::npos);
}

std::string numberText(double d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", d);
  return buf;
}

std::optional<std::string> checkItem(json& item, std::size_t index) {
  const std::string at = "inventory item " + std::to_string(index + 1);
  if (!item.is_object()) return at + " is not an object";
  auto given = [&item](const char* key) { return item.contains(key) && item[key].is_string() && !blank(item[key]); };
  const bool named = given("substance"), categorised = given("category"), withCas = given("cas");
  const std::string label = named ? at + " (" + item["substance"].get<std::string>() + ")"
                            : withCas ? at + " (CAS " + item["cas"].get<std::string>() + ")"
                                      : at;
  if (!named && !categorised && !withCas) return at + " names neither a substance, a CAS number nor a hazard category";
  if (!item.contains("q_t") || blank(item["q_t"])) return label + ": quantity q_t is missing";
  const auto q = asNumber(item["q_t"]);
  if (!q) return label + ": quantity q_t is not a number";
  if (*q < 0) return label + ": negative quantity q_t " + item["q_t"].dump();
  if (*q > kMaxQuantityT)
    return label + ": quantity q_t " + numberText(*q) + " t is above the plausible maximum " + numberText(kMaxQuantityT) + " t";
  item["q_t"] = *q;
  // An empty Q cell means "not given": Q then comes from the standard's tables.
  if (item.contains("Q_t") && blank(item["Q_t"])) {
    item.erase("Q_t");
  } else if (item.contains("Q_t")) {
    const auto Q = asNumber(item["Q_t"]);
    if (!Q || *Q <= 0) return label + ": critical quantity Q_t must be a positive number";
    if (*Q < kMinCriticalT || *Q > kMaxCriticalT)
      return label + ": critical quantity Q_t " + numberText(*Q) + " t is outside the plausible range " +
             numberText(kMinCriticalT) + " .. " + numberText(kMaxCriticalT) + " t";
    item["Q_t"] = *Q;
  }
  return std::nullopt;
}

class HazardSourcesKind : public SchemaKind {
 public:
  HazardSourcesKind()
      : SchemaKind("hazard_sources", "chemical plants and major hazard sources (points or site boundaries)",
                   kPoints | kPolygons,
                   {
                       {"plant_id", FieldType::Text, true, "", "plant identifier (key of related inventory rows)"},
                       {"name", FieldType::Text, true, "", "enterprise name"},
                       {"inventory", FieldType::Json, true, "t",
                        "substances held: [{substance|cas|category, q_t, Q_t}]; q_t <= 1e7, 1e-3 <= Q_t <= 1e5"},
                       {"industry", FieldType::Text, false, "", "industry"},
                       {"in_park", FieldType::Integer, false, "", "1 if inside a chemical park", 0.0, 1.0},
                       {"park_id", FieldType::Text, false, "", "the park it is in"},
                       {"safety_distance_m", FieldType::Real, false, "m",
                        "external safety distance given by the plant's assessment", 0.0, 10000.0},
                       {"equipment", FieldType::Json, false, "",
                        "QRA inputs: [{equipment_id, type, substance, phase, volume_m3 | diameter_mm + length_m, "
                        "pressure_mpa, temperature_c, inventory_kg, installation}] (docs/user-guide.md)"},
                   }) {}

  std::optional<Rejection> checkRecord(AttributeRecord& rec) const override {
    json inventory = json::parse(*rec.text("inventory"));
    if (!inventory.is_array()) return Rejection{"inventory", "inventory must be a JSON array"};
    if (inventory.empty()) return Rejection{"inventory", "inventory is empty"};
    for (std::size_t i = 0; i < inventory.size(); ++i)
      if (auto why = checkItem(inventory[i], i)) return Rejection{"inventory", *why};
    rec.set("inventory", inventory.dump());
    if (const auto text = rec.text("equipment")) {
      json equipment = json::parse(*text);
      if (auto why = qra::checkEquipment(equipment)) return Rejection{"equipment", *why};
      rec.set("equipment", equipment.dump());
    }
    return std::nullopt;
  }

  std::vector<std::string> outputTables() const override { return {qra::kContoursTable, qra::kTargetChecksTable, qra::kSocietalRiskTable}; }

  // A chemical park's plants with QRA inputs: their individual risk summed
  // and their outcomes' F-N together (qra/ParkRisk.hpp).
  std::vector<SourcePart> assessAcrossSources(AssessedSources& plants, ExposureQueries& exposure,
                                              const Rules& rules) const override {
    return qra::assessParks(plants, exposure, rules);
  }

  std::string idField() const override { return "plant_id"; }
  std::string rulesFile() const override { return "hazard_sources/gb18218.toml"; }
  bool isAssessed() const override { return true; }

  SourceAssessment assess(const SourceFeature& source, ExposureQueries& exposure, const Rules& rules) const override {
    const Gb18218 standard(rules);
    SourceAssessment out;
    // GB 18218 counts people outside the site boundary: the ring around a
    // site polygon excludes the site itself; around a point it is a disc.
    Footprint ring{"exposure_500m", standard.exposureRadius(), ringAround(*source.geometry, standard.exposureRadius())};
    const double people = exposure.peopleIn(*ring.geometry);
    const Gb18218Result r = standard.grade(Gb18218::parseInventory(*source.attributes.text("inventory")), people);
    out.grade = describe(r, standard);
    out.footprints.push_back(std::move(ring));
    // Individual risk where the plant gives its equipment (GB/T 37243-2019 6).
    std::optional<qra::PlantRisk> risk;
    if (const auto text = source.attributes.text("equipment")) {
      const json equipment = json::parse(*text);
      if (!equipment.empty()) {
        risk = qra::assessPlantRisk(source, equipment, rules, exposure);
        out.grade.figures["qra"] = risk->figures;
        out.grade.rule += "; " + risk->rule;
        if (!risk->ruleZh.empty()) out.grade.ruleZh += "；" + risk->ruleZh;
        // The plant's own rows, told from its park's summed ones (assessAcrossSources).
        const std::string park = source.attributes.text("park_id").value_or("");
        for (SourcePart& part : risk->parts) {
          part.attributes["scope"] = "plant";
          part.attributes["park_id"] = park;
          out.parts.push_back(std::move(part));
        }
        out.kindState = risk->model;
      }
    }
    const bool fromQra = risk && risk->figures.value("/grid/lethal_reach_m"_json_pointer, 0.0) > 0;
    if (r.level > 0) {
      // GB/T 37243-2019 sets the distance plant by plant: from the plant's
      // risk contours where its QRA inputs are given, else the plant's own
      // assessed figure; riskmap's default by level stands in without either.
      const auto given = source.attributes.number("safety_distance_m");
      const double d = fromQra ? risk->externalSafetyM
                       : given ? *given
                               : rules.number("external_safety.level" + std::to_string(r.level) + "_m");
      const char* basis = fromQra ? "qra" : given ? "typed" : "default table";
      out.grade.figures["external_safety_m"] = d;
      out.grade.figures["safety_distance_source"] = basis;
      char buf[256];
      if (fromQra)
        std::snprintf(buf, sizeof buf, "; external safety ring %.0f m (qra: the %s/y individual-risk contour, GB/T 37243-2019 6.8)",
                      d, risk->externalSafetyLevelText.c_str());
      else
        std::snprintf(buf, sizeof buf, "; external safety ring %.0f m (%s)", d,
                      given ? "typed: the plant's safety_distance_m, GB/T 37243-2019"
                            : ("default table: riskmap default for level " + std::to_string(r.level)).c_str());
      out.grade.rule += buf;
      // A contour that lies nowhere (the risk stays below the criterion even
      // beside the equipment) draws no ring; the separation distances of the
      // fire codes still bind the plant and riskmap does not compute them.
      const bool nowhere = fromQra && !(d > 0);
      if (nowhere)
        out.grade.rule += " (the contour lies nowhere: no external safety ring; the fire codes' separation "
                          "distances, e.g. GB 50160 and GB 50016, still apply and are not computed by riskmap)";
      if (fromQra)
        std::snprintf(buf, sizeof buf, "；外部安全防护距离 %.0f m（定量风险评价：个人风险 %s/年 等值线，GB/T 37243-2019 第 6.8 条）", d,
                      risk->externalSafetyLevelText.c_str());
      else
        std::snprintf(buf, sizeof buf, "；外部安全防护距离 %.0f m（%s）", d,
                      given ? "企业评估值 safety_distance_m，GB/T 37243-2019"
                            : ("riskmap " + std::string(levelZh(r.level)) + "级默认值").c_str());
      out.grade.ruleZh += buf;
      if (nowhere)
        out.grade.ruleZh += "（该等值线未超出设备：不画外部安全防护距离圈；GB 50160、GB 50016 等防火规范的间距仍须满足，riskmap 不计算）";
      if (d > 0) {
        std::unique_ptr<OGRGeometry> area = fromQra && risk->externalSafetyArea
                                                ? std::move(risk->externalSafetyArea)
                                                : std::unique_ptr<OGRGeometry>(source.geometry->Buffer(d, 16));
        Footprint ring{"external_safety", d, std::move(area)};
        ring.distanceSource = basis;
        out.footprints.push_back(std::move(ring));
      }
    }
    return out;
  }

 private:
  static std::unique_ptr<OGRGeometry> ringAround(const OGRGeometry& site, double distance) {
    std::unique_ptr<OGRGeometry> disc(site.Buffer(distance, 16));
    if (OGR_GT_IsSurface(wkbFlatten(site.getGeometryType())) ||
        wkbFlatten(site.getGeometryType()) == wkbMultiPolygon)
      return std::unique_ptr<OGRGeometry>(disc->Difference(&site));
    return disc;
  }

  // GB 18218-2018 Table 6 names the levels 一级 (most dangerous) to 四级.
  static const char* levelZh(int level) {
    static const char* const kNames[] = {"", "一", "二", "三", "四"};
    return level >= 1 && level <= 4 ? kNames[level] : "?";
  }

  static GradeResult describe(const Gb18218Result& r, const Gb18218& standard) {
    GradeResult g;
    g.standard = "GB 18218-2018";
    char buf[512];
    if (!r.error.empty()) {
      g.grade = "ungraded";
      g.rule = r.error;
      g.ruleZh = "无法辨识：" + r.error;
      return g;
    }
    nlohmann::json items = nlohmann::json::array();
    for (const auto& i : r.items)
      items.push_back({{"substance", i.substance}, {"category", i.category}, {"cas", i.cas}, {"table1_no", i.table1},
                       {"matched_by", i.matchedBy}, {"q_t", i.q}, {"Q_t", i.Q}, {"Q_from", i.qSource},
                       {"beta", i.beta}, {"beta_from", i.betaSource}});
    g.figures = {{"S_sum_q_over_Q", r.sumQ}, {"sum_beta_q_over_Q", r.sumBetaQ}, {"people_within_radius", r.people},
                 {"exposure_radius_m", standard.exposureRadius()}, {"alpha", r.alpha}, {"R", r.R},
                 {"level", r.level}, {"items", items}};
    if (r.level == 0) {
      g.grade = "not major";
      std::snprintf(buf, sizeof buf, "4.2: S = sum(q/Q) = %.3f < %.0f: not a major hazard source", r.sumQ,
                    standard.minSum());
      g.rule = buf;
      std::snprintf(buf, sizeof buf, "第 4.2 条：S = Σ(q/Q) = %.3f < %.0f，不构成重大危险源", r.sumQ, standard.minSum());
    } else {
      g.grade = std::to_string(r.level);
      std::snprintf(buf, sizeof buf,
                    "4.3: R = alpha * sum(beta*q/Q) = %.1f * %.3f = %.2f -> level %d (Table 6); alpha %.1f for %.0f "
                    "people within %.0f m (Table 5); S = sum(q/Q) = %.3f >= %.0f (4.2)",
                    r.alpha, r.sumBetaQ, r.R, r.level, r.alpha, std::round(r.people), standard.exposureRadius(),
                    r.sumQ, standard.minSum());
      g.rule = buf;
      std::snprintf(buf, sizeof buf,
                    "第 4.3 条：R = α·Σ(β·q/Q) = %.1f × %.3f = %.2f，定为%s级（表 6）；厂界外 %.0f m 范围内 %.0f 人，"
                    "α 取 %.1f（表 5）；S = Σ(q/Q) = %.3f ≥ %.0f（第 4.2 条）",
                    r.alpha, r.sumBetaQ, r.R, levelZh(r.level), standard.exposureRadius(), std::round(r.people),
                    r.alpha, r.sumQ, standard.minSum());
    }
    g.ruleZh = buf;
    return g;
  }
};

}  // namespace

std::unique_ptr<LayerKind> makeHazardSourcesKind() { return std::make_unique<HazardSourcesKind>(); }

}  // namespace riskmap
