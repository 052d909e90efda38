#include "riskmap/core/Files.hpp"

#include <fstream>
#include <sstream>

#include "riskmap/core/Error.hpp"

namespace riskmap {

std::string readFile(const std::filesystem::path& file, const std::string& what) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw UserError(file.string() + ": cannot read the " + what);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace riskmap
