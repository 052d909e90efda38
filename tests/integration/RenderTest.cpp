// The renderer on the sample county: golden images, labels that never
// overlap, and vector PDF with the CJK font embedded.
// Regenerate the golden images (after a deliberate change, never silently):
//   bash tests/golden/regenerate.sh
#include <gtest/gtest.h>

#include <cairo.h>

#include <cstdlib>
#include <regex>

#include "Golden.hpp"
#include "TestSupport.hpp"
#include "riskmap/library/GeometryTables.hpp"
#include "riskmap/crs/Crs.hpp"
#include "riskmap/render/Renderer.hpp"

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
