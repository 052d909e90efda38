#include <gtest/gtest.h>

#include "BuiltinKinds.hpp"
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
            "inventory item 2 names neither a substance nor a hazard category");
  EXPECT_EQ(check(R"([{"substance":"氨"}])")->reason, "inventory item 1 (氨): quantity q_t is missing");
  EXPECT_EQ(check(R"([{"substance":"氨","q_t":1,"Q_t":0}])")->reason,
            "inventory item 1 (氨): critical quantity Q_t must be a positive number");
  EXPECT_EQ(check(R"({"substance":"氨"})")->reason, "inventory must be a JSON array");
  EXPECT_EQ(check("[]")->reason, "inventory is empty");
  EXPECT_EQ(check(R"([{"substance":"氨","q_t":1}])"), std::nullopt);
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
                           "protected_targets", "buildings", "admin_units"}) {
    const LayerKind& k = registry.get(name);
    EXPECT_FALSE(k.fields().empty()) << name;
    EXPECT_NE(k.geometries(), 0u) << name;
  }
  EXPECT_THROW(registry.get("tailings_ponds"), UserError);
}

}  // namespace
}  // namespace riskmap
