// The renderer on the sample county: golden images, labels that never
// overlap, and vector PDF with the CJK font embedded.
// Regenerate the golden images (after a deliberate change, never silently):
//   bash tests/golden/regenerate.sh
#include <gtest/gtest.h>

#include <cairo.h>

#include <cmath>
#include <cstdlib>
#include <memory>
#include <regex>

#include "Golden.hpp"
#include "TestSupport.hpp"
#include "riskmap/library/GeometryTables.hpp"
#include "riskmap/crs/Crs.hpp"
#include "riskmap/render/Renderer.hpp"

#include <nlohmann/json.hpp>
#include <ogr_geometry.h>

namespace riskmap {
namespace {

const std::filesystem::path kSource(RISKMAP_SOURCE_DIR);

class RenderTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    GDALAllRegister();
    dir_ = new test::TempDir;
    test::assessedCounty(kSource / "data/sample_county/project.toml", *dir_);
    style_ = new Style(Style::load(kSource / "styles/default.json"));
  }
  static void TearDownTestSuite() {
    delete style_;
    delete dir_;
  }

  // A view of the given lon/lat box in the county's Gauss-Kruger CRS.
  static MapView view(double w, double s, double e, double n, int width) {
    MapView v;
    v.crs = srsFromEpsg(4549);
    double xs[4] = {w, e, w, e}, ys[4] = {s, s, n, n};
    makeTransformation(srsFromEpsg(4490), v.crs)->Transform(4, xs, ys);
    v.minX = std::min(xs[0], xs[2]), v.maxX = std::max(xs[1], xs[3]);
    v.minY = std::min(ys[0], ys[1]), v.maxY = std::max(ys[2], ys[3]);
    v.width = width;
    v.height = static_cast<int>(width * (v.maxY - v.minY) / (v.maxX - v.minX));
    return v;
  }

  static void expectMatchesGolden(const std::filesystem::path& rendered, const std::string& name) {
    test::expectMatchesGolden(rendered, kSource / "tests/golden" / name, "see the comment at the top of this file");
  }

  static test::TempDir* dir_;
  static Style* style_;
};
test::TempDir* RenderTest::dir_ = nullptr;
Style* RenderTest::style_ = nullptr;

TEST_F(RenderTest, WholeCountyMatchesItsGoldenImage) {
  Renderer r(*dir_ / "one.gpkg", *style_);
  const auto out = *dir_ / "county.png";
  r.renderToFile(out, view(120.40, 29.88, 120.90, 30.32, 512));
  expectMatchesGolden(out, "county-512.png");
}

TEST_F(RenderTest, TownAtLargeScaleMatchesItsGoldenImage) {
  Renderer r(*dir_ / "one.gpkg", *style_);
  const auto out = *dir_ / "town.png";
  const MapView v = view(120.575, 30.095, 120.645, 30.150, 512);
  EXPECT_GT(v.zoom(), 13);  // plant names show from zoom 13
  r.renderToFile(out, v);
  expectMatchesGolden(out, "town-512.png");
}

TEST_F(RenderTest, LabelsNeverOverlapOnADenseExtent) {
  Renderer r(*dir_ / "one.gpkg", *style_);
  const auto labels = r.renderToFile(*dir_ / "dense.png", view(120.590, 30.105, 120.640, 30.145, 400));
  ASSERT_GT(labels.size(), 3u);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    EXPECT_GE(labels[i].x0, 0);
    EXPECT_LE(labels[i].x1, 400);  // none cut at the edge
    EXPECT_GE(labels[i].y0, 0);
    for (std::size_t k = i + 1; k < labels.size(); ++k)
      EXPECT_FALSE(labels[i].overlaps(labels[k])) << labels[i].text << " / " << labels[k].text;
  }
}

TEST_F(RenderTest, HiDpiDoublesEverythingButTheExtent) {
  Renderer r(*dir_ / "one.gpkg", *style_);
  MapView one = view(120.590, 30.105, 120.640, 30.145, 400);
  MapView two = one;
  two.width *= 2, two.height *= 2, two.scaleFactor = 2;
  EXPECT_NEAR(two.zoom(), one.zoom(), 1e-9);  // the same map, at twice the pixels
  const auto a = r.renderToFile(*dir_ / "at1x.png", one);
  const auto b = r.renderToFile(*dir_ / "at2x.png", two);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].text, b[i].text);
    EXPECT_NEAR((b[i].x0 + b[i].x1) / 2, (a[i].x0 + a[i].x1), 2.0);  // centres at twice the coordinates
    EXPECT_NEAR(b[i].x1 - b[i].x0, 2 * (a[i].x1 - a[i].x0), 3.0);    // text twice as wide
  }
}

TEST_F(RenderTest, IconsDrawByKindAtTheirFeature) {
  // A style with only the icons, on a 64 px view centred on a school.
  for (const char* f : {"palette.toml", "icons.json"})
    std::filesystem::copy_file(kSource / "styles" / f, *dir_ / f, std::filesystem::copy_options::overwrite_existing);
  dir_->write("icons-only.json", R"({"icons": "icons.json", "layers": [
    {"id": "t", "type": "symbol", "source": "protected_targets", "layout": {"icon-image": ["get", "kind"]}}]})");
  const Style style = Style::load(*dir_ / "icons-only.json");
  GDALDatasetUniquePtr ds(GDALDataset::Open((*dir_ / "one.gpkg").c_str(), GDAL_OF_VECTOR));
  library::Table targets = library::openTable(*ds, "protected_targets");
  targets->SetAttributeFilter("kind = 'school'");
  OGRFeatureUniquePtr school(targets->GetNextFeature());
  ASSERT_TRUE(school);
  const OGRPoint* at = school->GetGeometryRef()->toPoint();
  MapView v;
  v.crs = srsFromEpsg(4549);
  v.minX = at->getX() - 32, v.maxX = at->getX() + 32, v.minY = at->getY() - 32, v.maxY = at->getY() + 32;
  v.width = v.height = 64;
  Renderer r(*dir_ / "one.gpkg", style);
  r.renderToFile(*dir_ / "icon.png", v);
  cairo_surface_t* img = cairo_image_surface_create_from_png((*dir_ / "icon.png").c_str());
  const unsigned char* px = cairo_image_surface_get_data(img) + 32 * cairo_image_surface_get_stride(img) + 32 * 4;
  // The school icon's body is #1565c0 (ARGB32 stores B, G, R, A).
  EXPECT_NEAR(px[2], 0x15, 8);
  EXPECT_NEAR(px[1], 0x65, 8);
  EXPECT_NEAR(px[0], 0xc0, 8);
  const unsigned char* corner = cairo_image_surface_get_data(img);  // far from the icon: the white background
  EXPECT_EQ(corner[0], 255);
  cairo_surface_destroy(img);
}

// The fraction of probes along `ring`'s boundary, one every 1.5 px, whose
// pixel in `img` (rendered over `v`) is `colour` (within 40 a channel),
// leaving out probes within 5 px of any boundary in `others`; `probes`
// counts those kept.
double fractionDrawn(cairo_surface_t* img, const MapView& v, const OGRGeometry& ring,
                     const std::vector<std::unique_ptr<OGRGeometry>>& others, Rgba colour, int& probes) {
  const double res = v.resolution();
  std::unique_ptr<OGRGeometry> line(ring.Boundary());
  std::unique_ptr<OGRGeometry> lines(OGRGeometryFactory::forceToMultiLineString(line.release()));
  const unsigned char* data = cairo_image_surface_get_data(img);
  const int stride = cairo_image_surface_get_stride(img);
  int on = 0;
  probes = 0;
  for (const OGRLineString* l : *lines->toMultiLineString()) {
    const double length = l->get_Length();
    for (double d = 0; d < length; d += 1.5 * res) {
      OGRPoint p;
      l->Value(d, &p);
      bool clear = true;
      for (const auto& o : others) clear = clear && o->Distance(&p) > 5 * res;
      const int x = static_cast<int>(std::floor((p.getX() - v.minX) / res));
      const int y = static_cast<int>(std::floor((v.maxY - p.getY()) / res));
      if (!clear || x < 2 || y < 2 || x >= v.width - 2 || y >= v.height - 2) continue;
      ++probes;
      const unsigned char* px = data + y * stride + x * 4;  // ARGB32: B, G, R, A
      on += std::abs(px[2] - colour.r * 255) <= 40 && std::abs(px[1] - colour.g * 255) <= 40 &&
            std::abs(px[0] - colour.b * 255) <= 40;
    }
  }
  return probes ? static_cast<double>(on) / probes : 0;
}

// A chemical park's summed contours (risk_contours with scope = park) take
// the default style's park layer, a solid line, where a plant's contours
// stay dashed: the default style's two contour layers drawn alone, probed
// along each contour's geometry.
TEST_F(RenderTest, ParkContoursAreSolidPlantContoursDashed) {
  nlohmann::json style = nlohmann::json::parse(test::readFile(kSource / "styles/default.json"));
  nlohmann::json kept = nlohmann::json::array();
  for (const auto& l : style["layers"])
    if (l.value("source-layer", "") == "risk_contours") kept.push_back(l);
  ASSERT_EQ(kept.size(), 2u);  // risk-contours and risk-contours-park
  style["layers"] = kept;
  for (const char* f : {"palette.toml", "icons.json"})
    std::filesystem::copy_file(kSource / "styles" / f, *dir_ / f, std::filesystem::copy_options::overwrite_existing);
  dir_->write("contours-only.json", style.dump());
  const Style contoursOnly = Style::load(*dir_ / "contours-only.json");
  // The same with the plant contours' dashes taken out: how much of that
  // line the probes find when it is solid (a 1 px line lies between pixels).
  style["layers"][0]["paint"].erase("line-dasharray");
  dir_->write("contours-undashed.json", style.dump());
  const Style undashed = Style::load(*dir_ / "contours-undashed.json");

  GDALDatasetUniquePtr ds(GDALDataset::Open((*dir_ / "one.gpkg").c_str(), GDAL_OF_VECTOR));
  library::Table contours = library::openTable(*ds, "risk_contours");
  // The lowest level of a park (P01, the sample's park of HZ001, HZ003 and
  // HZ005) and of a plant outside any park (HZ036), and every boundary.
  std::unique_ptr<OGRGeometry> park, plant;
  std::vector<std::pair<std::string, std::unique_ptr<OGRGeometry>>> all;
  for (auto& c : *contours) {
    std::unique_ptr<OGRGeometry> g(c->GetGeometryRef()->clone());
    const std::string id = c->GetFieldAsString("source_id"), level = c->GetFieldAsString("level_text");
    if (level == "3e-7" && std::string(c->GetFieldAsString("scope")) == "park") park.reset(g->clone());
    if (level == "3e-7" && id == "HZ036") plant.reset(g->clone());
    all.emplace_back(id + " " + level, std::unique_ptr<OGRGeometry>(g->Boundary()));
  }
  ASSERT_TRUE(park && plant);
  const Rgba purple = parseColour("#7b1fa2");  // the 3e-7 level's colour in both layers
  auto check = [&](const Style& st, const OGRGeometry& ring, const std::string& key, double& fraction, int& probes) {
    OGREnvelope e;
    ring.getEnvelope(&e);
    MapView v;
    v.crs = srsFromEpsg(4549);
    const double pad = 0.1 * std::max(e.MaxX - e.MinX, e.MaxY - e.MinY);
    v.minX = e.MinX - pad, v.maxX = e.MaxX + pad, v.minY = e.MinY - pad, v.maxY = e.MaxY + pad;
    v.width = 600;
    v.height = static_cast<int>(600 * (v.maxY - v.minY) / (v.maxX - v.minX));
    const auto png = *dir_ / (key + ".png");
    Renderer(*dir_ / "one.gpkg", st).renderToFile(png, v);
    std::vector<std::unique_ptr<OGRGeometry>> others;
    for (const auto& [name, b] : all)
      if (name != key) others.emplace_back(b->clone());
    cairo_surface_t* img = cairo_image_surface_create_from_png(png.c_str());
    fraction = fractionDrawn(img, v, ring, others, purple, probes);
    cairo_surface_destroy(img);
  };
  double parkDrawn = 0, plantDrawn = 0, plantSolid = 0;
  int parkProbes = 0, plantProbes = 0, solidProbes = 0;
  check(contoursOnly, *park, "P01 3e-7", parkDrawn, parkProbes);
  check(contoursOnly, *plant, "HZ036 3e-7", plantDrawn, plantProbes);
  check(undashed, *plant, "HZ036 3e-7", plantSolid, solidProbes);
  ASSERT_GT(parkProbes, 100);
  ASSERT_GT(plantProbes, 100);
  // The park's line is solid and wide: every probe on it.
  EXPECT_GT(parkDrawn, 0.95) << parkProbes << " probes";
  // The plant's is dashed [4, 2]: about 4 probes in 6 of what the same line
  // drawn solid shows.
  EXPECT_GT(plantSolid, 0.2) << solidProbes << " probes";
  EXPECT_LT(plantDrawn, 0.8 * plantSolid) << plantDrawn << " dashed vs " << plantSolid << " solid";
  EXPECT_GT(plantDrawn, 0.5 * plantSolid) << plantDrawn << " dashed vs " << plantSolid << " solid";
}

TEST_F(RenderTest, PdfIsVectorWithTheCjkFontEmbedded) {
  Renderer r(*dir_ / "one.gpkg", *style_);
  const auto pdf = *dir_ / "county.pdf";
  r.renderToFile(pdf, view(120.40, 29.88, 120.90, 30.32, 800));
  const std::string fonts = *dir_ / "fonts.txt", images = *dir_ / "images.txt";
  ASSERT_EQ(std::system(("pdffonts " + pdf.string() + " > " + fonts).c_str()), 0);
  ASSERT_EQ(std::system(("pdfimages -list " + pdf.string() + " > " + images).c_str()), 0);
  const std::string f = test::readFile(fonts);
  EXPECT_TRUE(std::regex_search(f, std::regex("NotoSansCJK\\S*\\s+CID Type 0C\\s+Identity-H\\s+yes\\s+yes"))) << f;
  // pdfimages lists a two-line header and nothing else: no raster anywhere.
  const std::string im = test::readFile(images);
  EXPECT_EQ(std::count(im.begin(), im.end(), '\n'), 2) << im;
  ASSERT_EQ(std::system(("pdftotext " + pdf.string() + " " + (*dir_ / "text.txt").string()).c_str()), 0);
  EXPECT_NE(test::readFile(*dir_ / "text.txt").find("城关街道"), std::string::npos);
}

}  // namespace
}  // namespace riskmap
