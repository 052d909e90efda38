#include <gtest/gtest.h>

#include "BuiltinKinds.hpp"
#include "riskmap/assess/Assessment.hpp"
#include "riskmap/assess/Rules.hpp"
#include "riskmap/core/Error.hpp"

namespace riskmap {
namespace {

std::optional<Rejection> check(const std::string& inventory, AttributeRecord* out = nullptr) {
  const auto kind = makeHazardSourcesKind();
  AttributeRecord rec;
  rec.set("inventory", inventory);
  auto r = kind->checkRecord(rec);
  if (out) *out = rec;
  return r;
}

TEST(HazardSourcesKind, AcceptsNamedAndCategorisedItems) {
  AttributeRecord rec;
  EXPECT_FALSE(check(R"([{"substance":"氯","q_t":12.5,"Q_t":5},{"category":"W5.1","q_t":"300"}])", &rec));
  // numeric text from a CSV inventory becomes a number
  EXPECT_EQ(*rec.text("inventory"), R"([{"Q_t":5.0,"q_t":12.5,"substance":"氯"},{"category":"W5.1","q_t":300.0}])");
}

TEST(HazardSourcesKind, RejectsWithTheItemAndReason) {
  EXPECT_EQ(check(R"([{"substance":"氨","q_t":-3}])")->reason, "inventory item 1 (氨): negative quantity q_t -3");
  EXPECT_EQ(check(R"([{"substance":"氨","q_t":1},{"q_t":2}])")->reason,
            "inventory item 2 names neither a substance, a CAS number nor a hazard category");
  EXPECT_EQ(check(R"([{"substance":"氨"}])")->reason, "inventory item 1 (氨): quantity q_t is missing");
  EXPECT_EQ(check(R"([{"substance":"氨","q_t":1,"Q_t":0}])")->reason,
            "inventory item 1 (氨): critical quantity Q_t must be a positive number");
  EXPECT_EQ(check(R"({"substance":"氨"})")->reason, "inventory must be a JSON array");
  EXPECT_EQ(check("[]")->reason, "inventory is empty");
  EXPECT_EQ(check(R"([{"substance":"氨","q_t":1}])"), std::nullopt);
}

TEST(HazardSourcesKind, AnEmptyCriticalQuantityCellFallsBackToTheTables) {
  AttributeRecord rec;
  // "" and "  " (blank cells of a CSV or a spreadsheet pasted as JSON) mean "not given".
  EXPECT_FALSE(check(R"([{"substance":"氯","q_t":"12","Q_t":""},{"cas":"7664-41-7","q_t":30,"Q_t":"  "}])", &rec));
  EXPECT_EQ(*rec.text("inventory"), R"([{"q_t":12.0,"substance":"氯"},{"cas":"7664-41-7","q_t":30.0}])");
  // Filled and invalid is still an error.
  EXPECT_EQ(check(R"([{"substance":"氯","q_t":12,"Q_t":"五"}])")->reason,
            "inventory item 1 (氯): critical quantity Q_t must be a positive number");
  EXPECT_EQ(check(R"([{"substance":"氯","q_t":""}])")->reason, "inventory item 1 (氯): quantity q_t is missing");
}

TEST(HazardSourcesKind, InventoryFiguresHavePlausibleBounds) {
  // issue 23: 1e308 t was accepted and graded with R = inf.
  EXPECT_EQ(check(R"([{"substance":"氯","q_t":1e308}])")->reason,
            "inventory item 1 (氯): quantity q_t 1e+308 t is above the plausible maximum 1e+07 t");
  EXPECT_FALSE(check(R"([{"substance":"氯","q_t":1e7}])"));  // the bound itself is allowed
  EXPECT_EQ(check(R"([{"cas":"7782-50-5","q_t":1,"Q_t":2e5}])")->reason,
            "inventory item 1 (CAS 7782-50-5): critical quantity Q_t 200000 t is outside the plausible range 0.001 .. "
            "100000 t");
  EXPECT_EQ(check(R"([{"substance":"氯","q_t":1,"Q_t":1e-4}])")->reason,
            "inventory item 1 (氯): critical quantity Q_t 0.0001 t is outside the plausible range 0.001 .. 100000 t");
}

// Exposure with a fixed head count: the grade depends on the rules and the inventory alone.
class FixedPeople : public ExposureQueries {
 public:
  explicit FixedPeople(double people) : people_(people) {}
  PeopleCount countPeople(const OGRGeometry&) override { return {people_, 1.0}; }
  std::map<std::string, long long> targetsIn(const OGRGeometry&) override { return {}; }
  std::vector<NearbyFeature> targetListIn(const OGRGeometry&) override { return {}; }
  std::vector<NearbyFeature> buildingsIn(const OGRGeometry&) override { return {}; }
  std::vector<NearbyFeature> roadsIn(const OGRGeometry&) override { return {}; }

 private:
  double people_;
};

TEST(HazardSourcesKind, AssessedSafetyDistanceWinsOverTheDefault) {
  const auto kind = makeHazardSourcesKind();
  const Rules rules = Rules::load(std::string(RISKMAP_LAYERS_DIR) + "/hazard_sources/gb18218.toml");
  OGRPoint site(520000, 3330000);
  FixedPeople people(150);  // alpha 2
  // 65 t chlorine: sum beta q/Q = 4 * 65 / 5 = 52; R = 2 * 52 = 104 -> level 1, default ring 1000 m.
  SourceFeature plant;
  plant.layer = "hazard_sources";
  plant.id = "HZ1";
  plant.geometry = &site;
  plant.attributes.set("inventory", R"([{"substance":"液氯","q_t":65}])");
  SourceAssessment byDefault = kind->assess(plant, people, rules);
  EXPECT_EQ(byDefault.grade.grade, "1");
  ASSERT_EQ(byDefault.footprints.size(), 2u);
  EXPECT_EQ(byDefault.footprints[1].ring, "external_safety");
  EXPECT_EQ(byDefault.footprints[1].distanceM, 1000);
  EXPECT_EQ(byDefault.grade.figures["safety_distance_source"], "default table");
  EXPECT_NE(byDefault.grade.rule.find("external safety ring 1000 m (default table: riskmap default for level 1)"), std::string::npos)
      << byDefault.grade.rule;
  // The plant's own assessment says 400 m (GB/T 37243-2019): that ring is drawn instead.
  plant.attributes.set("safety_distance_m", 400.0);
  SourceAssessment assessed = kind->assess(plant, people, rules);
  EXPECT_EQ(assessed.footprints[1].distanceM, 400);
  EXPECT_EQ(assessed.grade.figures["external_safety_m"], 400.0);
  EXPECT_EQ(assessed.grade.figures["safety_distance_source"], "typed");
  EXPECT_NE(assessed.grade.rule.find("external safety ring 400 m (typed"), std::string::npos) << assessed.grade.rule;
}

TEST(ChemicalParksKind, NeedsGradeOrScore) {
  const auto kind = makeChemicalParksKind();
  AttributeRecord rec;
  EXPECT_EQ(kind->checkRecord(rec)->field, "score");
  rec.set("score", 68.5);
  EXPECT_FALSE(kind->checkRecord(rec));
}

TEST(BuiltinKinds, EveryKindRegistersOnceWithASchema) {
  LayerRegistry registry;
  registerBuiltinKinds(registry);
  for (const char* name : {"hazard_sources", "chemical_parks", "pipelines", "accidents", "roads", "population",
                           "protected_targets", "buildings", "admin_units", "elevation", "tailings_ponds"}) {
    const LayerKind& k = registry.get(name);
    EXPECT_FALSE(k.fields().empty()) << name;
    EXPECT_NE(k.geometries(), 0u) << name;
  }
  EXPECT_THROW(registry.get("fireworks_shops"), UserError);
}

}  // namespace
}  // namespace riskmap
