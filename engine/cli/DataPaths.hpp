#pragma once
// Where riskmap finds its own data (rules files, styles, poster template,
// viewer) at run time; nothing from the source tree is compiled in.
//
// Each directory, in this order:
//   1. the command's option (--rules-dir, --style/--styles-dir/--template, --viewer-dir);
//   2. its variable: RISKMAP_RULES_DIR, RISKMAP_STYLES_DIR, RISKMAP_VIEWER_DIR;
//   3. the data directory's layers/, styles/, viewer/, the data directory being
//      <executable>/../share/riskmap (an installed riskmap), else $RISKMAP_DATA_DIR;
//   4. in the build tree only: riskmap-build-tree.txt beside the executable,
//      written by CMake (the source tree's layers/ and styles/, the built viewer).
// `riskmap paths` prints what was found and where it came from.
#include <filesystem>
#include <string>

namespace riskmap::cli {

struct DataPath {
  std::filesystem::path path;  // empty when nothing was found
  std::string from;            // where it came from: "RISKMAP_RULES_DIR", "data directory", ...
};

struct DataPaths {
  std::filesystem::path executable;
  DataPath dataDir;  // the data directory, if any (an installed riskmap or $RISKMAP_DATA_DIR)
  DataPath rules, styles, viewer;
};

// Resolved once per run from the executable's place and the environment.
const DataPaths& dataPaths();

// A resolved directory, or a UserError saying what was tried and how to point at it.
std::filesystem::path requirePath(const DataPath& p, const char* what, const char* option, const char* variable);

}  // namespace riskmap::cli
