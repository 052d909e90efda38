#pragma once
// The four-colour palette from styles/palette.toml: one place for the
// colours every product uses.
#include <array>
#include <filesystem>
#include <map>
#include <string>

#include "riskmap/regional/RiskGrade.hpp"

namespace riskmap {

struct PaletteColour {
  std::string name;               // Chinese legend name
  std::array<int, 3> rgb{};
  std::array<int, 4> cmyk{};
};

class Palette {
 public:
  static Palette load(const std::filesystem::path& file);  // throws UserError naming the file and key
  const PaletteColour& operator[](RiskGrade g) const { return colours_.at(g); }

 private:
  std::map<RiskGrade, PaletteColour> colours_;
};

// A QGIS style (QML) drawing a polygon layer by its `grade` field in the palette's colours.
std::string qgisGradeStyle(const Palette& palette);

}  // namespace riskmap
