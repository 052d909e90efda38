#pragma once
// Map icons from styles/icons.json: small vector shapes (M/L/Z paths and
// circles in a 16 x 16 box), drawn with Cairo at any scale, vectors in PDF.
#include <cairo.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace riskmap {

class Icons {
 public:
  Icons() = default;
  // Throws UserError naming the file and icon when a shape cannot be read.
  static Icons load(const std::filesystem::path& file);

  bool has(const std::string& name) const { return icons_.count(name) > 0; }
  std::vector<std::string> names() const;
  // Draws the icon centred on (x, y), size pixels wide.
  void draw(cairo_t* cr, const std::string& name, double x, double y, double size) const;

 private:
  std::map<std::string, nlohmann::json> icons_;
};

}  // namespace riskmap
