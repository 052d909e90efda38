#pragma once
// What the PostGIS tests share: the sample county's project with its
// library moved into the fixture's database, and the comparisons of a
// PostGIS run's outputs with the GeoPackage run's (JSON figures, pixels).
#include <gtest/gtest.h>

#include <gdal_priv.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "PgServer.hpp"
#include "TestSupport.hpp"

namespace riskmap::test {

// The project at `project` relocated into dir, its library the fixture's
// database (a libpq URI): imported and assessed there, as assessedCounty
// does for a GeoPackage; throws with riskmap's output if a step fails.
inline std::filesystem::path assessedPostgisCounty(const std::filesystem::path& project, const TempDir& dir) {
  const std::filesystem::path relocated = relocatedProject(project, dir);
  const std::string text = std::regex_replace(readFile(relocated), std::regex("library = \"[^\"]*\""),
                                              "library = \"" + asUri(serverDsn()) + "\"");
  dir.write(relocated.filename().string(), text);
  for (const char* step : {"import -q ", "assess -q "}) {
    const CommandResult r = runRiskmap(step + relocated.string());
    if (r.exitCode != 0) throw std::runtime_error(std::string("riskmap ") + step + "(PostGIS) failed: " + r.output);
  }
  return relocated;
}

// Numbers equal to 1e-9 relative (PostgreSQL hands GDAL doubles as 15-digit
// text), everything else exactly; the library's name and paths left out.
inline void expectSameJson(const nlohmann::json& a, const nlohmann::json& b, const std::string& at) {
  if (a.is_number() && b.is_number()) {
    const double x = a.get<double>(), y = b.get<double>();
    EXPECT_LE(std::abs(x - y), 1e-9 * std::max({1.0, std::abs(x), std::abs(y)})) << at << ": " << x << " vs " << y;
    return;
  }
  ASSERT_EQ(a.type(), b.type()) << at;
  if (a.is_object()) {
    for (auto it = a.begin(); it != a.end(); ++it) {
      if (it.key() == "library" || it.key() == "path") continue;
      ASSERT_TRUE(b.contains(it.key())) << at << "." << it.key();
      expectSameJson(it.value(), b[it.key()], at + "." + it.key());
    }
    EXPECT_EQ(a.size(), b.size()) << at;
  } else if (a.is_array()) {
    ASSERT_EQ(a.size(), b.size()) << at;
    for (std::size_t i = 0; i < a.size(); ++i) expectSameJson(a[i], b[i], at + "[" + std::to_string(i) + "]");
  } else {
    EXPECT_EQ(a, b) << at;
  }
}

// An image's bytes, band-interleaved (any GDAL raster: a PNG file, or
// /vsimem/ bytes); width and height set; empty when it does not open.
inline std::vector<unsigned char> pixels(const std::filesystem::path& image, int& width, int& height) {
  GDALDatasetUniquePtr ds(GDALDataset::Open(image.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
  if (!ds) return {};
  width = ds->GetRasterXSize();
  height = ds->GetRasterYSize();
  const int bands = ds->GetRasterCount();
  std::vector<unsigned char> out(static_cast<std::size_t>(width) * height * bands);
  if (ds->RasterIO(GF_Read, 0, 0, width, height, out.data(), width, height, GDT_Byte, bands, nullptr, bands,
                   static_cast<GSpacing>(bands) * width, 1, nullptr) != CE_None)
    return {};
  return out;
}

// How many channel values of two images of one size differ by more than
// `by` (-1 when they do not open or differ in size).
inline long differingChannels(const std::filesystem::path& a, const std::filesystem::path& b, int by) {
  int w1 = 0, h1 = 0, w2 = 0, h2 = 0;
  const auto x = pixels(a, w1, h1), y = pixels(b, w2, h2);
  if (x.empty() || x.size() != y.size() || w1 != w2 || h1 != h2) return -1;
  long n = 0;
  for (std::size_t i = 0; i < x.size(); ++i) n += std::abs(int(x[i]) - int(y[i])) > by;
  return n;
}

}  // namespace riskmap::test
