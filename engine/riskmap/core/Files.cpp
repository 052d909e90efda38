#include "riskmap/core/Files.hpp"

#include <unistd.h>

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

PendingFile::PendingFile(std::filesystem::path target)
    : target_(std::move(target)),
      tmp_(target_.parent_path() /
           (target_.stem().string() + ".tmp-" + std::to_string(getpid()) + target_.extension().string())) {}

PendingFile::~PendingFile() {
  if (committed_) return;
  std::error_code ignored;
  std::filesystem::remove(tmp_, ignored);
}

void PendingFile::commit() {
  std::filesystem::rename(tmp_, target_);
  committed_ = true;
}

void writeFileAtomically(const std::filesystem::path& path, const std::string& text) {
  PendingFile pending(path);
  {
    std::ofstream out(pending.path(), std::ios::binary);
    out << text;
    out.close();
    if (!out) throw UserError(path.string() + ": cannot write");
  }
  pending.commit();
}

std::string csvLine(const std::vector<std::string>& fields) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) line += ',';
    const std::string& s = fields[i];
    if (s.find_first_of(",\"\n\r") == std::string::npos) {
      line += s;
      continue;
    }
    line += '"';
    for (char c : s) line += c == '"' ? std::string("\"\"") : std::string(1, c);
    line += '"';
  }
  return line + "\n";
}

}  // namespace riskmap
