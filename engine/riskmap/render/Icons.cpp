#include "riskmap/render/Icons.hpp"

#include <cmath>
#include <fstream>
#include <sstream>

#include "riskmap/core/Error.hpp"
#include "riskmap/render/Style.hpp"

namespace riskmap {

Icons Icons::load(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw UserError(file.string() + ": cannot read the icons");
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw UserError(file.string() + ": not valid JSON: " + e.what());
  }
  Icons icons;
  for (const auto& [name, spec] : j.items()) {
    if (name.rfind('_', 0) == 0) continue;  // comments
    for (const auto& p : spec.value("paths", nlohmann::json::array())) {
      std::istringstream d(p.value("d", ""));
      std::string op;
      double x, y;
      while (d >> op) {
        if (op != "M" && op != "L" && op != "Z")
          throw UserError(file.string() + ", icon '" + name + "': path command '" + op + "' (only M, L, Z)");
        if (op != "Z" && !(d >> x >> y))
          throw UserError(file.string() + ", icon '" + name + "': " + op + " needs x and y");
      }
    }
    icons.icons_[name] = spec;
  }
  return icons;
}

std::vector<std::string> Icons::names() const {
  std::vector<std::string> out;
  for (const auto& [name, spec] : icons_) out.push_back(name);
  return out;
}

void Icons::draw(cairo_t* cr, const std::string& name, double x, double y, double size) const {
  const auto it = icons_.find(name);
  if (it == icons_.end()) return;
  cairo_save(cr);
  cairo_translate(cr, x - size / 2, y - size / 2);
  cairo_scale(cr, size / 16, size / 16);
  for (const auto& c : it->second.value("circles", nlohmann::json::array())) {
    cairo_new_path(cr);
    cairo_arc(cr, c[0].get<double>(), c[1].get<double>(), c[2].get<double>(), 0, 2 * M_PI);
    const Rgba fill = parseColour(c.size() > 3 ? c[3] : nlohmann::json("#000000"));
    cairo_set_source_rgba(cr, fill.r, fill.g, fill.b, fill.a);
    cairo_fill(cr);
  }
  for (const auto& p : it->second.value("paths", nlohmann::json::array())) {
    cairo_new_path(cr);
    std::istringstream d(p.value("d", ""));
    std::string op;
    double px = 0, py = 0;
    while (d >> op) {
      if (op == "Z") cairo_close_path(cr);
      else if (d >> px >> py) op == "M" ? cairo_move_to(cr, px, py) : cairo_line_to(cr, px, py);
    }
    const Rgba fill = parseColour(p.value("fill", nlohmann::json("#000000")));
    cairo_set_source_rgba(cr, fill.r, fill.g, fill.b, fill.a);
    if (p.contains("stroke")) {
      cairo_fill_preserve(cr);
      const Rgba stroke = parseColour(p["stroke"]);
      cairo_set_source_rgba(cr, stroke.r, stroke.g, stroke.b, stroke.a);
      cairo_set_line_width(cr, p.value("stroke-width", 1.0));
      cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke(cr);
    } else {
      cairo_fill(cr);
    }
  }
  cairo_restore(cr);
}

}  // namespace riskmap
