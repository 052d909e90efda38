#include <cstdio>

#include "Commands.hpp"

namespace riskmap::cli {

Run addKindsCommand(CLI::App& app, const LayerRegistry& kinds) {
  auto* cmd = app.add_subcommand("kinds", "List the layer kinds and their schemas (fields, units, checks)");
  (void)cmd;
  return [&kinds] {
    for (const LayerKind* k : kinds.all()) {
      std::printf("%s: %s\n  geometry: %s\n", k->name().c_str(), k->description().c_str(),
                  geometryFamiliesText(k->geometries()).c_str());
      for (const auto& f : k->fields()) {
        std::string checks;
        char bound[64];
        if (f.minimum) std::snprintf(bound, sizeof bound, " >= %g", *f.minimum), checks += bound;
        if (f.maximum) std::snprintf(bound, sizeof bound, " <= %g", *f.maximum), checks += bound;
        if (!f.allowed.empty()) {
          checks += " one of:";
          for (const auto& a : f.allowed) checks += " " + a;
        }
        std::printf("  %-18s %-8s %-9s %-7s %s%s\n", f.name.c_str(), fieldTypeName(f.type),
                    f.required ? "required" : "optional", f.unit.empty() ? "-" : f.unit.c_str(),
                    f.description.c_str(), checks.empty() ? "" : (" [" + checks.substr(1) + "]").c_str());
      }
    }
  };
}

}  // namespace riskmap::cli
