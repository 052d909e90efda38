// Hidden dangers (隐患排查治理): the register offices keep, one record per
// danger, on its enterprise (plant_id) or at its own coordinates, with its
// closed loop found -> rectifying -> rectified -> accepted and, for major
// ones listed for supervision (挂牌督办), the 五落实 (responsibility,
// measures, funds, deadline, plan). Not a source of risk itself: an open
// major danger raises its plant's zones (hidden_dangers.toml, riskmap's rule).
#include <algorithm>
#include <ctime>

#include "BuiltinKinds.hpp"
#include "hidden_dangers/DangerRegister.hpp"
#include "riskmap/assess/Rules.hpp"
#include "riskmap/layer/SchemaKind.hpp"

namespace riskmap {
namespace {

using dangers::Stage;

class HiddenDangersKind : public SchemaKind {
 public:
  HiddenDangersKind()
      : SchemaKind(
            "hidden_dangers", "hidden dangers (隐患) register: on an enterprise (plant_id) or at coordinates", kPoints,
            {
                {"danger_id", FieldType::Text, false, "", "danger identifier"},
                {"plant_id", FieldType::Text, false, "", "enterprise it was found at (a hazard source's plant_id); located there when the record has no coordinates",
                 std::nullopt, std::nullopt, {}, "plant_id"},
                {"level", FieldType::Text, true, "", "danger level", std::nullopt, std::nullopt, {"一般", "重大"}},
                {"category", FieldType::Text, false, "", "category (fire, electrical, process, ...)"},
                {"description", FieldType::Text, false, "", "what was found"},
                {"found_date", FieldType::Date, true, "", "date found"},
                {"deadline", FieldType::Date, false, "", "rectification deadline (五落实: 时限)"},
                {"status", FieldType::Text, true, "", "where it stands in the closed loop", std::nullopt, std::nullopt,
                 {"未整改", "整改中", "已整改", "已验收"}},
                {"rectify_start", FieldType::Date, false, "", "date rectification started"},
                {"rectified_date", FieldType::Date, false, "", "date rectified (required from 已整改 on)"},
                {"accepted_date", FieldType::Date, false, "", "date the rectification was accepted (required for 已验收)"},
                {"listed", FieldType::Integer, false, "", "1 if listed for supervision (挂牌督办)", 0.0, 1.0},
                {"listed_level", FieldType::Text, false, "", "who listed it", std::nullopt, std::nullopt,
                 {"省级", "市级", "县级"}},
                {"responsible", FieldType::Text, false, "", "五落实: who is responsible"},
                {"measures", FieldType::Text, false, "", "五落实: rectification measures"},
                {"funds_yuan", FieldType::Real, false, "yuan", "五落实: funds", 0.0, 1e10},
                {"plan", FieldType::Text, false, "", "五落实: emergency plan while open"},
            }) {}

  std::string idField() const override { return "danger_id"; }
  std::string rulesFile() const override { return "hidden_dangers/hidden_dangers.toml"; }
  bool locatedByReference() const override { return true; }
  // Not a source of risk: assess writes each danger's state (danger_status), for the map.
  bool isAssessed() const override { return true; }
  bool assessesWholeLayer() const override { return true; }
  std::vector<std::string> outputTables() const override { return {"danger_status"}; }

  LayerAssessment assessLayer(const std::vector<SourceFeature>& records, ExposureQueries&,
                              const Rules& rules) const override {
    LayerAssessment out;
    const std::string asOf = asOfDate(rules);
    for (const SourceFeature& r : records) {
      const dangers::Danger d = dangers::dangerFrom(r.attributes, r.fid);
      // Open as the register says; overdue once its deadline has passed the as-of day.
      const Stage stage = dangers::stageOfStatus(d.dates.status);
      const bool open = dangers::isOpen(stage), overdue = open && !d.dates.deadline.empty() && d.dates.deadline < asOf;
      SourcePart part{"danger_status", std::unique_ptr<OGRGeometry>(r.geometry->clone())};
      part.attributes = {{"danger_id", d.id}, {"plant_id", d.plantId}, {"level", d.level},
                         {"status", d.dates.status}, {"open", open ? 1 : 0}, {"overdue", overdue ? 1 : 0},
                         {"listed", d.listed ? 1 : 0}, {"deadline", d.dates.deadline}, {"as_of", asOf},
                         // what the map draws: overdue first, then listed, then open
                         {"mark", !open ? "closed" : overdue ? "overdue" : d.listed ? "listed" : "open"}};
      out.parts.push_back(std::move(part));
    }
    return out;
  }

  std::optional<Rejection> checkRecord(AttributeRecord& rec) const override {
    const std::string found = rec.text("found_date").value_or("");
    const std::string status = rec.text("status").value_or("");
    const auto date = [&rec](const char* f) { return rec.text(f).value_or(""); };
    for (const char* f : {"deadline", "rectify_start", "rectified_date", "accepted_date"})
      if (!date(f).empty() && date(f) < found)
        return Rejection{f, std::string("field '") + f + "': " + date(f) + " is before the found date " + found};
    const Stage stage = dangers::stageOfStatus(status);
    if (dangers::isClosed(stage) && date("rectified_date").empty())
      return Rejection{"rectified_date", "status " + status + " (closed) needs rectified_date"};
    if (stage == Stage::Accepted && date("accepted_date").empty())
      return Rejection{"accepted_date", "status 已验收 (accepted) needs accepted_date"};
    if (!date("accepted_date").empty() && date("accepted_date") < date("rectified_date"))
      return Rejection{"accepted_date", "field 'accepted_date': " + date("accepted_date") +
                                            " is before the rectified date " + date("rectified_date")};
    if (dangers::isOpen(stage) && !date("rectified_date").empty())
      return Rejection{"status", "status " + status + " (open) but rectified_date " + date("rectified_date") + " given"};
    if (stage == Stage::Unrectified && !date("rectify_start").empty())
      return Rejection{"status", "status 未整改 but rectify_start " + date("rectify_start") + " given"};
    if (rec.has("listed_level") && rec.number("listed").value_or(0) != 1)
      return Rejection{"listed", "listed_level " + *rec.text("listed_level") + " given but listed is not 1"};
    return std::nullopt;
  }

  // A danger in Chinese, with the words of the rules' [zh.zone_raise]:
  // "D1（重大，未整改，发现于 2026-03-01，整改期限 2026-06-01）".
  template <typename Words>
  static std::string describeZh(const dangers::Danger& d, dangers::Stage stage, const Words& zh) {
    std::string s = d.id + "（" + d.level + "，" + dangers::stageChinese(stage) + "，" + zh("found") + " " + d.dates.found;
    if (!d.dates.deadline.empty()) s += "，" + zh("deadline") + " " + d.dates.deadline;
    if (d.listed) s += "，" + zh("listed") + (d.listedLevel.empty() ? std::string() : " " + d.listedLevel);
    if (!d.category.empty()) s += "，" + d.category;
    return s + "）";
  }

  // status.as_of from the rules, else today (UTC).
  static std::string asOfDate(const Rules& rules) {
    if (auto d = rules.text("status.as_of"); d && !d->empty()) return *d;
    const std::time_t now = std::time(nullptr);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", std::gmtime(&now));
    return buf;
  }

  std::map<std::string, ZoneRaise> zoneRaises(GDALDataset& ds, const std::string& table,
                                              const Rules& rules) const override {
    std::map<std::string, ZoneRaise> out;
    auto zh = [&rules](const std::string& key) { return rules.text("zh.zone_raise." + key).value_or(""); };
    if (rules.number("zone_raise.enabled") == 0) return out;
    std::vector<std::string> levels;
    if (const toml::array* a = rules.array("zone_raise.levels"))
      for (const auto& l : *a) levels.push_back(l.value_or(std::string()));
    for (const dangers::Danger& d : dangers::readDangers(ds, table)) {
      const Stage stage = dangers::stageAt(d.dates, "");
      if (d.plantId.empty() || !dangers::isOpen(stage)) continue;
      if (std::find(levels.begin(), levels.end(), d.level) == levels.end()) continue;
      ZoneRaise& why = out[d.plantId];
      why.why += (why.why.empty() ? "open hidden danger " : ", ") + dangers::describe(d, stage);
      why.whyZh += (why.whyZh.empty() ? zh("open") + " " : "，") + describeZh(d, stage, zh);
    }
    for (auto& [id, why] : out) {
      why.why += ": zones raised one step (riskmap rule hidden_dangers.zone_raise)";
      why.whyZh += "：" + zh("raised") + "（" + zh("rule") + " hidden_dangers.zone_raise）";
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<LayerKind> makeHiddenDangersKind() { return std::make_unique<HiddenDangersKind>(); }

}  // namespace riskmap
