// Style expressions and filters, and errors that name the layer and property.
#include <gtest/gtest.h>

#include <fstream>

#include "TestSupport.hpp"
#include "riskmap/core/Error.hpp"
#include "riskmap/render/Style.hpp"

namespace riskmap {
namespace {

TEST(StyleExpression, GetMatchConcatAndTemplates) {
  const Palette palette = Palette::load(std::string(RISKMAP_SOURCE_DIR) + "/styles/palette.toml");
  const FeatureProperties f = {{"grade", "2"}, {"name", "甲厂"}, {"medium", "gas"}};
  EXPECT_EQ(Expression(nlohmann::json::parse(R"(["get", "name"])")).evaluate(f, palette), "甲厂");
  EXPECT_EQ(Expression(nlohmann::json::parse(R"(["match", ["get", "grade"], "1", 6.5, "2", 5.5, 2])")).evaluate(f, palette), 5.5);
  EXPECT_EQ(Expression(nlohmann::json::parse(R"(["match", ["get", "grade"], ["3", "4"], 1, 9])")).evaluate(f, palette), 9);
  EXPECT_EQ(Expression("{name}（{grade}级）").evaluate(f, palette), "甲厂（2级）");
  EXPECT_EQ(Expression(nlohmann::json::parse(R"(["palette", "major"])")).evaluate(f, palette), nlohmann::json({230, 0, 18}));
}

TEST(StyleFilter, ComparisonsAndCombinations) {
  const FeatureProperties f = {{"kind", "hazard_sources"}, {"grade", "1"}};
  EXPECT_TRUE(Style::matches(nlohmann::json::parse(R"(["==", "kind", "hazard_sources"])"), f));
  EXPECT_FALSE(Style::matches(nlohmann::json::parse(R"(["!=", "kind", "hazard_sources"])"), f));
  EXPECT_TRUE(Style::matches(nlohmann::json::parse(R"(["in", "grade", "1", "2"])"), f));
  EXPECT_FALSE(Style::matches(nlohmann::json::parse(R"(["all", ["has", "grade"], ["==", "grade", "3"]])"), f));
  EXPECT_TRUE(Style::matches(nlohmann::json::parse(R"(["any", ["has", "nothing"], ["==", "grade", "1"]])"), f));
}

TEST(StyleColour, Forms) {
  const Rgba a = parseColour("#e60012");
  EXPECT_NEAR(a.r, 230 / 255.0, 1e-12);
  EXPECT_NEAR(parseColour("#ff000080").a, 128 / 255.0, 1e-12);
  EXPECT_NEAR(parseColour("rgb(0,104,183)").b, 183 / 255.0, 1e-12);
  EXPECT_NEAR(parseColour(nlohmann::json({243, 152, 0})).g, 152 / 255.0, 1e-12);
}

TEST(StyleLoad, ErrorsNameTheLayerAndProperty) {
  test::TempDir dir;
  std::filesystem::copy_file(std::string(RISKMAP_SOURCE_DIR) + "/styles/palette.toml", dir / "palette.toml");
  dir.write("bad.json", R"({"layers": [{"id": "roads", "type": "line", "source": "roads", "paint": {"line-colour": "#000"}}]})");
  try {
    Style::load(dir / "bad.json");
    FAIL();
  } catch (const UserError& e) {
    EXPECT_EQ(std::string(e.what()), (dir / "bad.json").string() + ", layer 'roads': unknown property 'line-colour'");
  }
  dir.write("icons.json", R"({"bad": {"paths": [{"d": "M 0 0 Q 1 1 2 2"}]}})");
  dir.write("withicons.json", R"({"icons": "icons.json", "layers": []})");
  try {
    Style::load(dir / "withicons.json");
    FAIL();
  } catch (const UserError& e) {
    EXPECT_EQ(std::string(e.what()), (dir / "icons.json").string() + ", icon 'bad': path command 'Q' (only M, L, Z)");
  }
  EXPECT_NO_THROW(Style::load(std::string(RISKMAP_SOURCE_DIR) + "/styles/default.json"));
}

}  // namespace
}  // namespace riskmap
