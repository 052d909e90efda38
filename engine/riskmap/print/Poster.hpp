#pragma once
// The county's four-colour risk map as a poster: a template (styles/
// poster.toml) laid out on an ISO paper, the map at a round scale in the
// analysis CRS, written as vector PDF/SVG or a PNG rendered in bands.
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "riskmap/gdal/Gdal.hpp"
#include "riskmap/print/Paper.hpp"
#include "riskmap/print/PosterBlock.hpp"

namespace riskmap {

struct PosterOptions {
  std::string paper = "A1";
  Orientation orientation = Orientation::Auto;
  std::string title, subtitle, office, date;  // empty title: the template's; empty office: the project's
  std::string crs;                           // empty: the analysis CRS (risk_zones')
};

// Where everything is, in points from the page's top-left corner.
struct PosterLayout {
  Page page;
  double textScale = 1;
  Rect title, map, notes, panel;
  std::vector<std::pair<std::string, Rect>> blocks;  // the panel's, in template order
};

class Poster {
 public:
  Poster(const Project& project, const PosterOptions& options, const PosterTemplate& tpl, const Style& style);
  ~Poster();

  const PosterLayout& layout() const { return layout_; }
  const PosterContext& context() const { return *context_; }
  double scale() const { return context_->scale; }

  // The whole poster in points on any Cairo context.
  void draw(cairo_t* cr);
  // .pdf or .svg (vector, fonts embedded and subset) or .png at dpi, drawn
  // in bands of at most bandBytes of pixels; written atomically.
  void write(const std::filesystem::path& out, double dpi = 300, std::size_t bandBytes = std::size_t{64} << 20,
             bool quiet = true);

 private:
  // Fits the map and flows the panel's blocks; false when the blocks do not fit at this text scale.
  bool layOut(const Page& page, double textScale, PosterLayout& layout, std::unique_ptr<PosterContext>& context);
  void choose(const Page& page, PosterLayout& layout, std::unique_ptr<PosterContext>& context);

  const PosterTemplate& tpl_;
  const Style& style_;
  PosterData data_;
  PosterWords words_;
  GDALDatasetUniquePtr library_;  // legend queries, opened once for every layout tried
  std::unique_ptr<Renderer> renderer_;
  std::unique_ptr<PosterBlock> title_, notes_;
  std::vector<std::unique_ptr<PosterBlock>> blocks_;
  PosterLayout layout_;
  std::unique_ptr<PosterContext> context_;
};

}  // namespace riskmap
