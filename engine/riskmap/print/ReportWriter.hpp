#pragma once
// A printed report of several pages (a relocation review, a ranking): one
// paper size, each page with a running head and a page number, its body
// filled top to bottom with headings, text, three-line tables (split over
// pages, the header repeated) and boxes the caller draws into (maps, in
// the poster's map frame). Vector PDF, fonts embedded; written atomically.
#include <cairo.h>

#include <filesystem>
#include <memory>
#include <string>

#include "riskmap/core/Files.hpp"
#include "riskmap/print/Paper.hpp"
#include "riskmap/print/TableBlock.hpp"
#include "riskmap/print/PosterBlock.hpp"
#include "riskmap/render/Cairo.hpp"

namespace riskmap {

struct ReportOptions {
  std::string title;        // the running head and the PDF's title
  double bodyPt = 8.5;      // body text on the page, points
};

class ReportWriter {
 public:
  // The poster template gives the fonts, colours and map-frame look; data
  // and renderer are what a map frame needs.
  ReportWriter(const std::filesystem::path& out, const Page& page, const PosterTemplate& tpl, const PosterData& data,
               const Style& style, const Renderer& renderer, const ReportOptions& options);
  ~ReportWriter();

  const PosterContext& context() const { return *context_; }
  cairo_t* cairo() const { return cr_.get(); }
  const Rect& body() const { return body_; }
  double remaining() const { return body_.bottom() - y_; }
  double gap() const;

  void heading(const std::string& text);  // a bold line, kept with what follows
  void paragraph(const std::string& text, bool small = false);
  void table(const Table& t);
  // A rectangle of the body's width and this height, on a new page when
  // the rest of this one is too short.
  Rect box(double height);
  void newPage();
  // Finishes the PDF and renames it over the target.
  void finish();

  // A context for drawing a map frame in this report: the report's text, the view given.
  std::unique_ptr<PosterContext> mapContext(const MapView& view, double scale) const;

 private:
  void startPage();
  void need(double height);

  PendingFile file_;
  Page page_;
  const PosterTemplate& tpl_;
  const PosterData& data_;
  const Style& style_;
  const Renderer& renderer_;
  ReportOptions options_;
  PosterWords words_;
  std::unique_ptr<PosterContext> context_;
  CairoSurfacePtr surface_;
  CairoPtr cr_;
  Rect body_;
  double y_ = 0;
  int pageNumber_ = 0;
  bool pageOpen_ = false;
};

}  // namespace riskmap
