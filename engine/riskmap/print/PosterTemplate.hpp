#pragma once
// The poster's layout template, styles/poster.toml: a declarative file a
// county copies and edits (docs/poster.md). Every key is required, so an
// edit that drops one fails with the file and key instead of a wrong poster.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace riskmap {

struct PanelPlacement {
  std::string side;  // "right" or "bottom"
  double size = 0;   // fraction of the body's width (right) or height (bottom)
  int columns = 1;
};

struct PosterTemplate {
  std::filesystem::path file;
  std::string referencePaper, font;
  double textExponent = 0.5;
  std::vector<double> scales;

  struct {
    double marginMm, gapMm, neatlinePt;
    std::string textColour, ruleColour;
  } page;
  struct {
    std::string text;
    double size, subtitleSize, bylineSize;
  } title;
  struct {
    std::string maskColour, outlineColour;
    double maskOpacity, outlinePt, framePt, tickMm, tickLabelSize, margin;
    int minTicks;
  } map;
  struct {
    PanelPlacement landscape, portrait;
    std::vector<std::string> blocks;
    double headingSize, textSize, minTextScale;
  } panel;
  struct {
    std::string heading, fill, outline, highlight;
    double maxAspect, maxWidthMm;
  } locator;
  struct {
    std::string heading;
    double swatchWidthMm, swatchHeightMm;
  } legend;
  struct {
    std::string heading, prefix;
  } scale;
  struct {
    std::string heading, total;
    std::vector<std::string> columns;  // grade, area, people, sources
  } statistics;
  struct {
    std::string heading, kind, figure;
    int limit;
    std::map<std::string, std::string> gradeNames;
    std::vector<std::string> columns;  // rank, name, grade, figure
  } sources;
  struct {
    double size;
    std::string crs, dataDate, office, date, cmyk;
    std::string incomplete;  // footnote for sources graded on incomplete exposure data ({n}: how many)
  } notes;

  // Throws UserError naming the file and the key at fault.
  static PosterTemplate load(const std::filesystem::path& file);
};

}  // namespace riskmap
