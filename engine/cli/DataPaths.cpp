#include "DataPaths.hpp"

#include <cstdlib>
#include <fstream>
#include <map>
#include <system_error>

#include "riskmap/core/Error.hpp"

namespace riskmap::cli {
namespace {

namespace fs = std::filesystem;

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v && *v ? v : "";
}

fs::path executablePath() {
  std::error_code ec;
  fs::path p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : p;
}

bool isDirectory(const fs::path& p) {
  std::error_code ec;
  return !p.empty() && fs::is_directory(p, ec);
}

// key=value lines written by CMake beside the binary in the build tree.
std::map<std::string, std::string> buildTreeConfig(const fs::path& exeDir) {
  std::map<std::string, std::string> c;
  std::ifstream in(exeDir / "riskmap-build-tree.txt");
  for (std::string line; std::getline(in, line);)
    if (const auto eq = line.find('='); eq != std::string::npos && line[0] != '#')
      c[line.substr(0, eq)] = line.substr(eq + 1);
  return c;
}

DataPaths resolve() {
  DataPaths d;
  d.executable = executablePath();
  const fs::path exeDir = d.executable.parent_path();
  if (const fs::path beside = exeDir.parent_path() / "share" / "riskmap"; !exeDir.empty() && isDirectory(beside))
    d.dataDir = {fs::weakly_canonical(beside), "beside the executable (../share/riskmap)"};
  else if (const std::string e = env("RISKMAP_DATA_DIR"); !e.empty())
    d.dataDir = {e, "RISKMAP_DATA_DIR"};
  const auto config = d.dataDir.path.empty() && !exeDir.empty() ? buildTreeConfig(exeDir)
                                                                : std::map<std::string, std::string>{};
  auto one = [&](const char* variable, const char* sub, const char* key) -> DataPath {
    if (const std::string e = env(variable); !e.empty()) return {e, variable};
    if (!d.dataDir.path.empty()) return {d.dataDir.path / sub, "data directory"};
    if (const auto it = config.find(key); it != config.end()) return {it->second, "build tree"};
    return {};
  };
  d.rules = one("RISKMAP_RULES_DIR", "layers", "rules");
  d.styles = one("RISKMAP_STYLES_DIR", "styles", "styles");
  d.viewer = one("RISKMAP_VIEWER_DIR", "viewer", "viewer");
  return d;
}

}  // namespace

const DataPaths& dataPaths() {
  static const DataPaths paths = resolve();
  return paths;
}

fs::path requirePath(const DataPath& p, const char* what, const char* option, const char* variable) {
  if (!p.path.empty()) return p.path;
  const DataPaths& d = dataPaths();
  throw UserError(std::string("no ") + what + " found: none in " +
                  (d.executable.empty() ? std::string("<executable>") : d.executable.parent_path().string()) +
                  "/../share/riskmap, RISKMAP_DATA_DIR unset; pass " + option + " or set " + variable +
                  " or RISKMAP_DATA_DIR (riskmap paths shows what riskmap uses)");
}

}  // namespace riskmap::cli
