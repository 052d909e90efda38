// Style expressions and filters, and errors that name the layer and property.
#include <gtest/gtest.h>

#include <fstream>

#include <nlohmann/json.hpp>

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

TEST(StyleExpression, MapLibreOperatorsWorkedByHand) {
  const Palette palette = Palette::load(std::string(RISKMAP_SOURCE_DIR) + "/styles/palette.toml");
  FeatureProperties f = {{"grade", "2"}, {"people", 1234.5678}, {"name", nullptr}, {"alias", "乙厂"}, {"$zoom", 11.0}};
  auto eval = [&](const char* json) { return Expression(nlohmann::json::parse(json)).evaluate(f, palette); };
  // Linear at zoom 11 between (10, 1) and (12, 3): halfway, 2.
  EXPECT_DOUBLE_EQ(eval(R"(["interpolate", ["linear"], ["zoom"], 10, 1, 12, 3])").get<double>(), 2.0);
  // Exponential base 2: t = (2^1 - 1) / (2^2 - 1) = 1/3, so 1 + 2/3.
  EXPECT_DOUBLE_EQ(eval(R"(["interpolate", ["exponential", 2], ["zoom"], 10, 1, 12, 3])").get<double>(), 1 + 2.0 / 3);
  EXPECT_DOUBLE_EQ(eval(R"(["interpolate", ["linear"], ["zoom"], 12, 1, 14, 3])").get<double>(), 1.0);  // below the first stop
  // Colours blend channel by channel: #000000 to #ff0000 halfway is red 127.5.
  EXPECT_DOUBLE_EQ(eval(R"(["interpolate", ["linear"], ["zoom"], 10, "#000000", 12, "#ff0000"])")[0].get<double>(), 127.5);
  EXPECT_EQ(eval(R"(["step", ["zoom"], 0, 10, 1, 12, 2])"), 1);
  EXPECT_EQ(eval(R"(["case", ["==", ["get", "grade"], "1"], "a", [">=", ["to-number", ["get", "grade"]], 2], "b", "c"])"), "b");
  EXPECT_EQ(eval(R"(["coalesce", ["get", "name"], ["get", "alias"], "?"])"), "乙厂");
  EXPECT_EQ(eval(R"(["to-string", 3])"), "3");
  EXPECT_EQ(eval(R"(["number-format", ["get", "people"], {"max-fraction-digits": 1}])"), "1234.6");
  EXPECT_EQ(eval(R"(["concat", ["get", "alias"], " ", ["to-string", ["get", "grade"]], "级"])"), "乙厂 2级");
  EXPECT_EQ(eval(R"(["match", ["get", "grade"], "2", ["literal", [4, 1.5]], ["literal", [1, 0]]])"), nlohmann::json({4, 1.5}));
  EXPECT_EQ(eval(R"(["in", ["get", "grade"], ["literal", ["1", "2"]]])"), true);
  EXPECT_TRUE(eval(R"(["get", 7])").is_null());  // a wrong type gives null, never an exception
}

TEST(StyleFilter, ExpressionFilters) {
  const FeatureProperties f = {{"kind", "hazard_sources"}, {"grade", "1"}, {"people", 120}};
  EXPECT_TRUE(Style::matches(nlohmann::json::parse(R"(["==", ["get", "kind"], "hazard_sources"])"), f));
  EXPECT_TRUE(Style::matches(nlohmann::json::parse(R"(["in", ["get", "grade"], ["literal", ["1", "2"]]])"), f));
  EXPECT_FALSE(Style::matches(nlohmann::json::parse(R"(["all", ["==", ["get", "kind"], "hazard_sources"], ["<", ["get", "people"], 100]])"), f));
  EXPECT_TRUE(Style::matches(nlohmann::json::parse(R"(["!", ["has", "nothing"]])"), f));
  EXPECT_FALSE(Style::matches(nlohmann::json::parse(R"(["match", ["get", "grade"], ["3", "4"], true, false])"), f));
}

TEST(StyleLoad, UnsupportedExpressionIsAUserErrorNamingLayerAndProperty) {
  test::TempDir dir;
  std::filesystem::copy_file(std::string(RISKMAP_SOURCE_DIR) + "/styles/palette.toml", dir / "palette.toml");
  dir.write("s.json", R"({"version": 8, "sources": {"m": {"type": "vector", "url": "x"}}, "layers": [
    {"id": "zones", "type": "fill", "source": "m", "source-layer": "risk_zones",
     "paint": {"fill-color": ["interpolate", ["linear"], ["zoom"], 5, ["rgb", 1, 2, 3], 10, "#fff"]}}]})");
  try {
    Style::load(dir / "s.json");
    FAIL();
  } catch (const UserError& e) {
    EXPECT_EQ(std::string(e.what()), (dir / "s.json").string() +
                                         ", layer 'zones', property 'fill-color': expression operator 'rgb' is not supported "
                                         "(docs/styles.md lists what is)");
  }
  dir.write("f.json", R"({"version": 8, "sources": {"m": {"type": "vector", "url": "x"}}, "layers": [
    {"id": "z", "type": "fill", "source": "m", "source-layer": "risk_zones", "filter": ["within", {}]}]})");
  EXPECT_THROW(Style::load(dir / "f.json"), UserError);
  dir.write("g.json", R"({"version": 8, "sources": {}, "layers": [{"id": "z", "type": "fill", "source": "m", "source-layer": "t"}]})");
  EXPECT_THROW(Style::load(dir / "g.json"), UserError);  // a source the style does not declare
}

// The web sees plain colours for the zones; riskmap takes them from the
// palette ("riskmap:palette" metadata). Both must be the same four colours.
TEST(StyleLoad, DefaultStyleZoneColoursAreThePalettes) {
  const std::filesystem::path file = std::string(RISKMAP_SOURCE_DIR) + "/styles/default.json";
  const Style style = Style::load(file);
  std::ifstream in(file);
  const nlohmann::json j = nlohmann::json::parse(in);
  EXPECT_EQ(j.at("version"), 8);
  // The zones' layer, wherever hidden QGIS-only layers put it in the list.
  std::size_t at = 0;
  while (at < j.at("layers").size() && j.at("layers")[at].at("id") != "risk-zones") ++at;
  ASSERT_LT(at, j.at("layers").size());
  const nlohmann::json& zones = j.at("layers")[at];
  const nlohmann::json& web = zones.at("paint").at("fill-color");
  const StyleLayer& layer = style.layers[at];
  EXPECT_EQ(layer.source, "risk_zones");
  for (const char* grade : {"major", "high", "moderate", "low"}) {
    const FeatureProperties f = {{"grade", grade}};
    const Rgba fromPalette = parseColour(layer.property("fill-color")->evaluate(f, style.palette));
    const Rgba fromWeb = parseColour(Expression(web).evaluate(f, style.palette));
    EXPECT_NEAR(fromPalette.r, fromWeb.r, 1e-9) << grade;
    EXPECT_NEAR(fromPalette.g, fromWeb.g, 1e-9) << grade;
    EXPECT_NEAR(fromPalette.b, fromWeb.b, 1e-9) << grade;
  }
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
    EXPECT_EQ(std::string(e.what()), (dir / "bad.json").string() + ", layer 'roads': property 'line-colour' is not supported (docs/styles.md lists what is)");
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
