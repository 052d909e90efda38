#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>

#include "Commands.hpp"
#include "riskmap/gdal/Gdal.hpp"
#include "riskmap/library/Library.hpp"
#include "riskmap/project/Project.hpp"

namespace riskmap::cli {
namespace {

library::Location libraryPath(const std::string& arg) {
  const std::filesystem::path p(arg);
  if (p.extension() == ".toml") return Project::load(p).library;
  return p;
}

nlohmann::json toJson(const library::Summary& s) {
  nlohmann::json j;
  j["library"] = s.path;
  j["project"] = s.projectName;
  j["crs"] = s.crs;
  j["rejects"] = s.rejects;
  for (const auto& l : s.layers) {
    nlohmann::json o{{"name", l.entry.name}, {"kind", l.entry.kind}, {"storage", l.entry.storage},
                     {"crs", l.crs}, {"geometry", l.geometryType}, {"count", l.count},
                     {"source", l.entry.source}, {"source_srs", l.entry.sourceSrs},
                     {"encoding", l.entry.encoding}, {"read", l.entry.read}, {"accepted", l.entry.accepted},
                     {"rejected", l.entry.rejected}, {"repaired", l.entry.repaired}};
    if (l.extent) o["extent"] = *l.extent;
    if (l.lonLatExtent) o["extent_lonlat"] = *l.lonLatExtent;
    if (l.rasterSum) o["sum"] = *l.rasterSum;
    j["layers"].push_back(o);
  }
  return j;
}

void printRejects(const library::Location& library) {
  GDALDatasetUniquePtr ds = library.open(GDAL_OF_VECTOR | GDAL_OF_READONLY);
  OGRLayer* rejects = ds->GetLayerByName(library::kRejectsTable);
  if (!rejects) return;
  // One line per reject: layer, source, feature, field, reason (tab-separated).
  for (auto& f : *rejects) {
    auto text = [&f](const char* name) {
      const int i = f->GetFieldIndex(name);
      return f->IsFieldSetAndNotNull(i) ? std::string(f->GetFieldAsString(i)) : std::string("-");
    };
    std::printf("%s\t%s\tfeature %s\tfield %s\t%s\n", text("layer").c_str(), text("source").c_str(),
                text("source_fid").c_str(), text("field").c_str(), text("reason").c_str());
  }
}

}  // namespace

Run addInfoCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("info", "What the one library holds: layers, counts, CRS, extent, rejects");
  auto target = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  auto rejects = std::make_shared<bool>(false);
  cmd->add_option("PROJECT_OR_LIBRARY", *target, "Project file (.toml) or one library (.gpkg)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_flag("--json", *json, "Print JSON");
  cmd->add_flag("--rejects", *rejects, "List every rejected record with its reason");
  return [target, json, rejects] {
    const library::Location path = libraryPath(*target);
    const library::Summary s = library::summarize(path);
    if (*json) {
      std::printf("%s\n", toJson(s).dump(2).c_str());
      return;
    }
    if (*rejects) {
      printRejects(path);
      return;
    }
    std::printf("one library: %s\nproject: %s\nanalysis CRS: %s\n\n", s.path.c_str(),
                s.projectName.c_str(), s.crs.c_str());
    for (const auto& l : s.layers) {
      std::printf("%s (%s, %s)\n", l.entry.name.c_str(), l.entry.kind.c_str(), l.geometryType.c_str());
      std::printf("  %lld %s; read %lld, accepted %lld, rejected %lld, repaired %lld\n", l.count,
                  l.entry.storage == "raster" ? "cells with data" : "features", l.entry.read, l.entry.accepted,
                  l.entry.rejected, l.entry.repaired);
      if (l.rasterSum) std::printf("  sum of cells: %.0f\n", *l.rasterSum);
      if (l.lonLatExtent) {
        const auto& e = *l.lonLatExtent;
        std::printf("  CRS %s; extent %.4f,%.4f - %.4f,%.4f (lon/lat)\n", l.crs.c_str(), e[0], e[1], e[2], e[3]);
      }
      std::printf("  from %s%s%s (%s; text %s)\n", l.entry.source.c_str(), l.entry.sourceLayer.empty() ? "" : ", layer ",
                  l.entry.sourceLayer.c_str(), l.entry.sourceSrs.c_str(), l.entry.encoding.c_str());
    }
    std::printf("\nrejects: %lld%s\n", s.rejects, s.rejects ? " (riskmap info --rejects lists them)" : "");
  };
}

}  // namespace riskmap::cli
