// `riskmap poster` on the sample county: paper sizes in the PDF, the CJK
// font embedded, the words a reader looks for, a scale bar as long as its
// label says, a layout where nothing overlaps on any paper, and a banded
// PNG equal to one drawn whole.
#include <gtest/gtest.h>

#include <cairo.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <cstdio>
#include <algorithm>
#include <regex>

#include "TestSupport.hpp"
#include "riskmap/library/GeometryTables.hpp"
#include "riskmap/core/Error.hpp"
#include "riskmap/gdal/Gdal.hpp"
#include "riskmap/print/MapFrame.hpp"
#include "riskmap/print/Poster.hpp"
#include "riskmap/print/PrintScale.hpp"
#include "riskmap/print/ScaleBlock.hpp"
#include "riskmap/project/Project.hpp"

namespace riskmap {
namespace {

const std::filesystem::path kSource(RISKMAP_SOURCE_DIR);

std::string run(const std::string& command) { return test::runCommand(command).output; }

class PosterTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    GDALAllRegister();
    dir_ = new test::TempDir;
    project_ = new std::filesystem::path(test::assessedCounty(kSource / "data/sample_county/project.toml", *dir_));
    style_ = new Style(Style::load(kSource / "styles/default.json"));
    template_ = new PosterTemplate(PosterTemplate::load(kSource / "styles/poster.toml"));
  }
  static void TearDownTestSuite() {
    delete template_;
    delete style_;
    delete project_;
    delete dir_;
  }
  static Poster poster(const std::string& paper, Orientation o) {
    return Poster(Project::load(*project_), PosterOptions{paper, o, "", "", "", "2026-11-23", ""}, *template_, *style_);
  }

  static test::TempDir* dir_;
  static std::filesystem::path* project_;
  static Style* style_;
  static PosterTemplate* template_;
};

test::TempDir* PosterTest::dir_ = nullptr;
std::filesystem::path* PosterTest::project_ = nullptr;
Style* PosterTest::style_ = nullptr;
PosterTemplate* PosterTest::template_ = nullptr;

TEST_F(PosterTest, PdfPageIsThePaperInPoints) {
  // ISO 216 in millimetres; pdfinfo prints points.
  const std::map<std::string, std::pair<double, double>> mm{
      {"A0", {841, 1189}}, {"A1", {594, 841}}, {"A2", {420, 594}}, {"A3", {297, 420}}, {"A4", {210, 297}}};
  for (const auto& [paper, size] : mm) {
    for (const char* orientation : {"portrait", "landscape"}) {
      const auto pdf = dir_->path() / (paper + orientation + ".pdf");
      const test::CommandResult r = test::runRiskmap("poster -q " + project_->string() + " --paper " + paper +
                                                     " --orientation " + orientation + " -o " + pdf.string());
      ASSERT_EQ(r.exitCode, 0) << r.output;
      std::smatch m;
      const std::string info = run("pdfinfo " + pdf.string());
      ASSERT_TRUE(std::regex_search(info, m, std::regex(R"(Page size:\s+([0-9.]+) x ([0-9.]+) pts)"))) << info;
      const bool landscape = std::string(orientation) == "landscape";
      const double w = (landscape ? size.second : size.first) * 72 / 25.4;
      const double h = (landscape ? size.first : size.second) * 72 / 25.4;
      EXPECT_NEAR(std::stod(m[1]), w, 0.5) << paper << " " << orientation;
      EXPECT_NEAR(std::stod(m[2]), h, 0.5) << paper << " " << orientation;
      EXPECT_TRUE(std::regex_search(info, std::regex(R"(Pages:\s+1\n)"))) << info;
    }
  }
}

TEST_F(PosterTest, PdfHasTheWordsAndTheCjkFontEmbedded) {
  const auto pdf = dir_->path() / "words.pdf";
  const test::CommandResult r = test::runRiskmap("poster -q " + project_->string() + " --paper A2 --office 测试应急管理局 -o " + pdf.string());
  ASSERT_EQ(r.exitCode, 0) << r.output;
  const std::string fonts = run("pdffonts " + pdf.string());
  // name type encoding emb sub uni: the CJK font is embedded ("yes") and subset ("yes").
  EXPECT_TRUE(std::regex_search(fonts, std::regex(R"([A-Z]{6}\+NotoSansCJK\S*\s+CID\S*( Type 0C)?\s+\S+\s+yes\s+yes)"))) << fonts;
  EXPECT_EQ(fonts.find(" no  "), std::string::npos) << "a font is not embedded:\n" << fonts;
  const std::string text = run("pdftotext -layout " + pdf.string() + " -");
  for (const char* word : {"江澄县安全生产风险四色图", "重大风险", "较大风险", "一般风险", "低风险", "测试应急管理局",
                           "内部资料 注意保存", "2026年第三季度", "EPSG:4549", "图", "位置示意图"})
    EXPECT_NE(text.find(word), std::string::npos) << word << " not in\n" << text;
  // The scale as printed, e.g. 1:100 000 (pdftotext turns the thin space into a space or keeps it).
  const Poster p = poster("A2", Orientation::Auto);
  std::string printed = scaleText(p.scale());
  std::string plain = std::regex_replace(printed, std::regex("\u2009"), " ");
  EXPECT_TRUE(text.find(printed) != std::string::npos || text.find(plain) != std::string::npos) << plain << "\n" << text;
  // The statistics table shows each grade's area from risk_zones, read here independently.
  GDALDatasetUniquePtr ds(GDALDataset::Open((dir_->path() / "one.gpkg").c_str(), GDAL_OF_VECTOR));
  int grades = 0;
  for (auto& f : *ds->GetLayerByName("risk_zones")) {
    char area[32];
    std::snprintf(area, sizeof area, "%.2f", f->GetFieldAsDouble("area_km2"));
    EXPECT_NE(text.find(area), std::string::npos) << f->GetFieldAsString("grade") << " area " << area;
    ++grades;
  }
  EXPECT_EQ(grades, 4);
  // The footnote counts the sources assess marked incomplete (the county's
  // pipelines run past its buildings and targets layers), read here from source_grades.
  int incomplete = 0;
  library::Table gradeRows = library::openTable(*ds, "source_grades");
  for (auto& f : *gradeRows) incomplete += *f->GetFieldAsString("incomplete") != 0;
  ASSERT_GT(incomplete, 0);
  EXPECT_NE(text.find("共 " + std::to_string(incomplete) + " 个风险源"), std::string::npos) << text;
}

TEST_F(PosterTest, MapIsAtItsStatedScale) {
  for (const char* paper : {"A1", "A3"}) {
    const Poster p = poster(paper, Orientation::Auto);
    const MapView& v = p.context().view;
    const Rect& frame = p.layout().map;
    // Ground metres across the frame over paper metres across it.
    const double paperMetres = frame.w * 0.0254 / 72;
    EXPECT_NEAR((v.maxX - v.minX) / paperMetres, p.scale(), p.scale() * 1e-9) << paper;
    EXPECT_NEAR((v.maxY - v.minY) / (frame.h * 0.0254 / 72), p.scale(), p.scale() * 1e-9) << paper;
    // The whole county is inside the frame.
    OGREnvelope e;
    p.context().data.studyArea->getEnvelope(&e);
    EXPECT_LE(v.minX, e.MinX);
    EXPECT_GE(v.maxX, e.MaxX);
    EXPECT_LE(v.minY, e.MinY);
    EXPECT_GE(v.maxY, e.MaxY);
  }
}

TEST_F(PosterTest, ScaleBarLengthMatchesItsLabel) {
  Poster p = poster("A3", Orientation::Landscape);
  const auto png = dir_->path() / "bar.png";
  const double dpi = 400, k = dpi / 72;  // the bar's hairline outline is 2 px wide here
  p.write(png, dpi);
  CairoSurfacePtr image(cairo_image_surface_create_from_png(png.c_str()));
  ASSERT_EQ(cairo_surface_status(image.get()), CAIRO_STATUS_SUCCESS);
  Rect block;
  for (const auto& [name, r] : p.layout().blocks)
    if (name == "scale") block = r;
  ASSERT_GT(block.w, 0);
  const ScaleBlockGeometry g = scaleBlockGeometry(p.context(), block.w);
  // Scan the row through the bar's middle for its dark outline's ends.
  const int row = static_cast<int>((block.y + g.barTop + g.barHeight / 2) * k);
  const unsigned char* data = cairo_image_surface_get_data(image.get());
  const int stride = cairo_image_surface_get_stride(image.get());
  const auto* px = reinterpret_cast<const std::uint32_t*>(data + static_cast<std::ptrdiff_t>(row) * stride);
  // Dark runs along the row: black segments merged with the outline strokes
  // round them; white segments are the gaps. With n divisions the bar ends
  // with the (n+1)/2-th run (n odd: a black segment) or the (n/2+1)-th (n
  // even: the closing stroke of a white segment); the unit label and the
  // north arrow come after.
  std::vector<std::pair<int, int>> runs;
  for (int x = static_cast<int>(block.x * k); x < static_cast<int>(block.right() * k); ++x) {
    const int grey = ((px[x] >> 16) & 255) + ((px[x] >> 8) & 255) + (px[x] & 255);
    if (grey >= 3 * 160) continue;
    if (!runs.empty() && runs.back().second == x - 1) runs.back().second = x;
    else runs.push_back({x, x});
  }
  const int n = static_cast<int>(g.bar.labels.size()) - 1;
  const std::size_t endRun = n % 2 ? (n + 1) / 2 : n / 2 + 1;
  ASSERT_GE(runs.size(), endRun);
  const int first = runs.front().first, last = runs[endRun - 1].second;
  ASSERT_GE(first, 0);
  // The outline's stroke adds its width (0.6 pt x text scale) to the drawn length.
  const double drawnPoints = (last - first + 1) / k - 0.6 * p.layout().textScale;
  const double groundMetres = drawnPoints * 0.0254 / 72 * p.scale();
  // The label at the bar's end, in its unit.
  const double label = std::stod(g.bar.labels.back()) * (g.bar.unit == "千米" ? 1000 : 1);
  EXPECT_NEAR(groundMetres, label, label * 0.01) << "drawn " << drawnPoints << " pt at " << scaleText(p.scale());
}

TEST_F(PosterTest, NothingOverlapsOnAnyPaper) {
  for (const char* paper : {"A0", "A1", "A2", "A3", "A4"}) {
    for (Orientation o : {Orientation::Portrait, Orientation::Landscape}) {
      const Poster p = poster(paper, o);
      const PosterLayout& l = p.layout();
      const std::string where = std::string(paper) + (o == Orientation::Portrait ? " portrait" : " landscape");
      const double band = tickBand(p.context());
      std::vector<std::pair<std::string, Rect>> parts{{"title", l.title},
                                                      {"map with its ticks", {l.map.x - band, l.map.y - band, l.map.w + 2 * band, l.map.h + 2 * band}},
                                                      {"notes", l.notes}};
      parts.insert(parts.end(), l.blocks.begin(), l.blocks.end());
      ASSERT_EQ(l.blocks.size(), template_->panel.blocks.size()) << where;
      const double margin = template_->page.marginMm * 72 / 25.4 * 0.9 * std::min(l.page.width, l.page.height) / (594 * 72 / 25.4);
      const Rect page{margin, margin, l.page.width - 2 * margin, l.page.height - 2 * margin};
      for (std::size_t i = 0; i < parts.size(); ++i) {
        EXPECT_TRUE(page.contains(parts[i].second)) << where << ": " << parts[i].first << " leaves the page";
        EXPECT_GT(parts[i].second.w, 0) << where << ": " << parts[i].first;
        EXPECT_GT(parts[i].second.h, 0) << where << ": " << parts[i].first;
        for (std::size_t j = i + 1; j < parts.size(); ++j)
          EXPECT_FALSE(parts[i].second.overlaps(parts[j].second)) << where << ": " << parts[i].first << " overlaps " << parts[j].first;
      }
      // Every block fits the rectangle it was given.
      // (heights are measured at the layout's text scale; drawing uses the same)
      EXPECT_GE(l.textScale, template_->panel.minTextScale * std::sqrt(std::min(l.page.width, l.page.height) / (594 * 72 / 25.4)) - 1e-9);
    }
  }
}

TEST_F(PosterTest, LegendShowsTheGradesAndOnlyWhatTheMapShows) {
  const Poster p = poster("A1", Orientation::Auto);
  const auto& rows = p.context().legend;
  ASSERT_GE(rows.size(), 4u);
  EXPECT_EQ(rows[0].label, "重大风险");
  EXPECT_EQ(rows[3].label, "低风险");
  std::set<std::string> labels;
  for (const LegendRow& r : rows) labels.insert(r.label);
  // The sample county has gas and oil pipelines, parks and black spots, so those rows are there;
  // its two parks are graded A and B (assess's source_grades), so there is no C row.
  for (const char* expected : {"化工园区", "天然气管道", "输油管道", "县界", "乡镇(街道)界", "道路事故黑点",
                               "园区安全风险A类(高)", "园区安全风险B类(较高)"})
    EXPECT_TRUE(labels.count(expected)) << expected;
  EXPECT_FALSE(labels.count("园区安全风险C类(一般)"));
  // HZ001 and HZ036 give QRA inputs (qra_equipment.csv): their individual-risk
  // contours are on the map, so in the legend.
  for (const char* expected : {"个人风险等值线 3×10⁻⁷/年", "个人风险等值线 3×10⁻⁶/年", "个人风险等值线 1×10⁻⁵/年"})
    EXPECT_TRUE(labels.count(expected)) << expected;
  // The park P01 (HZ001, HZ003, HZ005) has summed contours (risk_contours
  // with scope = park): a row of their own, drawn by their own layer.
  GDALDatasetUniquePtr ds(GDALDataset::Open((dir_->path() / "one.gpkg").c_str(), GDAL_OF_VECTOR));
  ASSERT_TRUE(ds);
  library::Table contours = library::openTable(*ds, "risk_contours");
  contours->SetAttributeFilter("scope = 'park'");
  ASSERT_GT(contours->GetFeatureCount(), 0);
  auto park = std::find_if(rows.begin(), rows.end(), [](const LegendRow& r) { return r.label == "园区叠加个人风险等值线"; });
  ASSERT_NE(park, rows.end());
  ASSERT_FALSE(park->layers.empty());
  EXPECT_EQ(park->layers.back()->id, "risk-contours-park");
  EXPECT_EQ(park->properties["scope"], "park");
}

TEST_F(PosterTest, BandedPngEqualsOneDrawnWhole) {
  Poster p = poster("A4", Orientation::Portrait);
  const auto banded = dir_->path() / "banded.png", whole = dir_->path() / "whole.png";
  p.write(banded, 60, 4 * 496 * 37);  // 37-row bands
  p.write(whole, 60);
  CairoSurfacePtr a(cairo_image_surface_create_from_png(banded.c_str())), b(cairo_image_surface_create_from_png(whole.c_str()));
  ASSERT_EQ(cairo_image_surface_get_width(a.get()), static_cast<int>(std::ceil(210 / 25.4 * 60)));
  ASSERT_EQ(cairo_image_surface_get_height(a.get()), static_cast<int>(std::ceil(297 / 25.4 * 60)));
  ASSERT_EQ(cairo_image_surface_get_height(a.get()), cairo_image_surface_get_height(b.get()));
  const int w = cairo_image_surface_get_width(a.get()), h = cairo_image_surface_get_height(a.get());
  const int sa = cairo_image_surface_get_stride(a.get()), sb = cairo_image_surface_get_stride(b.get());
  long differing = 0;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const auto pa = reinterpret_cast<const std::uint32_t*>(cairo_image_surface_get_data(a.get()) + y * sa)[x];
      const auto pb = reinterpret_cast<const std::uint32_t*>(cairo_image_surface_get_data(b.get()) + y * sb)[x];
      for (int shift : {0, 8, 16})
        if (std::abs(static_cast<int>((pa >> shift) & 255) - static_cast<int>((pb >> shift) & 255)) > 2) {
          ++differing;
          break;
        }
    }
  EXPECT_LT(differing, static_cast<long>(w) * h / 1000) << differing << " pixels differ";
}

TEST_F(PosterTest, ClearErrors) {
  test::TempDir d;
  const auto bare = test::relocatedProject(kSource / "data/sample_county/project.toml", d);
  test::CommandResult r = test::runRiskmap("poster " + bare.string() + " -o " + (d.path() / "x.pdf").string());
  EXPECT_EQ(r.exitCode, 1);
  r = test::runRiskmap("poster " + project_->string() + " --paper B1 -o " + (d.path() / "x.pdf").string());
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.output.find("'B1' is not one of A0, A1, A2, A3, A4"), std::string::npos) << r.output;
  r = test::runRiskmap("poster " + project_->string() + " -o " + (d.path() / "x.tiff").string());
  EXPECT_NE(r.output.find("must end in .pdf, .svg or .png"), std::string::npos) << r.output;
  EXPECT_FALSE(std::filesystem::exists(d.path() / "x.tiff"));
  // A template that lost a key names the file and the key.
  std::string text = test::readFile(kSource / "styles/poster.toml");
  text = std::regex_replace(text, std::regex("mask_opacity = 0.7"), "");
  d.write("poster.toml", text);
  EXPECT_THROW(
      {
        try {
          PosterTemplate::load(d.path() / "poster.toml");
        } catch (const UserError& e) {
          EXPECT_NE(std::string(e.what()).find("key 'map.mask_opacity' is missing"), std::string::npos) << e.what();
          throw;
        }
      },
      UserError);
}

}  // namespace
}  // namespace riskmap
