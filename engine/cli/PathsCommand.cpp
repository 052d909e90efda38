#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <system_error>

#include "CliOptions.hpp"
#include "Commands.hpp"
#include "DataPaths.hpp"
#include "riskmap/core/Error.hpp"

namespace riskmap::cli {

Run addPathsCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("paths", "Print the data riskmap uses (rules, styles, poster template, viewer) and where each came from");
  auto json = std::make_shared<bool>(false);
  cmd->add_flag("--json", *json, "As JSON");
  cmd->footer(
      "Each directory: the command's option, else its variable (RISKMAP_RULES_DIR,\n"
      "RISKMAP_STYLES_DIR, RISKMAP_VIEWER_DIR), else the data directory's layers/,\n"
      "styles/ and viewer/; the data directory is ../share/riskmap beside the\n"
      "executable, else RISKMAP_DATA_DIR. Exit 1 if one of them is missing.");
  return [json] {
    namespace fs = std::filesystem;
    const DataPaths& d = dataPaths();
    struct Row {
      const char* name;
      DataPath p;
      const char* overrides;
    };
    auto file = [](const DataPath& dir, const char* name) {
      return dir.path.empty() ? DataPath{} : DataPath{dir.path / name, dir.from};
    };
    const DataPath style = file(d.styles, "default.json");
    const DataPath palette = style.path.empty() ? DataPath{} : DataPath{palettePath(style.path), d.styles.from};
    const Row rows[] = {
        {"executable", {d.executable, "/proc/self/exe"}, ""},
        {"data_dir", d.dataDir, "RISKMAP_DATA_DIR"},
        {"rules", d.rules, "--rules-dir, RISKMAP_RULES_DIR"},
        {"styles", d.styles, "--styles-dir (relocate), RISKMAP_STYLES_DIR"},
        {"style", style, "--style"},
        {"palette", palette, "the style's metadata \"riskmap:palette\""},
        {"poster_template", file(d.styles, "poster.toml"), "--template"},
        {"viewer", d.viewer, "--viewer-dir, RISKMAP_VIEWER_DIR"},
    };
    bool missing = false;
    nlohmann::json j;
    for (const Row& r : rows) {
      std::error_code ec;
      const bool exists = !r.p.path.empty() && fs::exists(r.p.path, ec);
      // The data directory is optional in the build tree; every other row is needed.
      if (!exists && std::string(r.name) != "data_dir") missing = true;
      if (*json) {
        j[r.name] = {{"path", r.p.path.string()}, {"from", r.p.from}, {"exists", exists}, {"override", r.overrides}};
      } else {
        std::printf("%-16s %s%s\n", r.name, r.p.path.empty() ? "(none)" : r.p.path.c_str(),
                    r.p.path.empty() || exists ? "" : "  (MISSING)");
        if (!r.p.from.empty() || *r.overrides)
          std::printf("%-16s   from: %s%s%s\n", "", r.p.from.empty() ? "-" : r.p.from.c_str(),
                      *r.overrides ? "; override: " : "", r.overrides);
      }
    }
    if (*json) std::printf("%s\n", j.dump(2).c_str());
    if (missing) throw UserError("some of riskmap's data are missing (above); set RISKMAP_DATA_DIR or the override named");
  };
}

}  // namespace riskmap::cli
