#pragma once
// Whole small files (project, rules, style, viewer pages) into memory, and
// outputs written atomically: to a temporary file beside the target, renamed
// over it only when complete.
#include <filesystem>
#include <string>
#include <vector>

namespace riskmap {

// The file's bytes; UserError "<file>: cannot read the <what>" if it cannot be opened.
std::string readFile(const std::filesystem::path& file, const std::string& what = "file");

// A temporary path beside target ("<stem>.tmp-<pid><ext>"), removed on
// destruction unless commit() renamed it over target.
class PendingFile {
 public:
  explicit PendingFile(std::filesystem::path target);
  ~PendingFile();
  PendingFile(const PendingFile&) = delete;
  PendingFile& operator=(const PendingFile&) = delete;
  const std::filesystem::path& path() const { return tmp_; }
  const std::filesystem::path& target() const { return target_; }
  void commit();

 private:
  std::filesystem::path target_, tmp_;
  bool committed_ = false;
};

void writeFileAtomically(const std::filesystem::path& path, const std::string& text);

// One CSV line (RFC 4180 quoting), ending in "\n".
std::string csvLine(const std::vector<std::string>& fields);

}  // namespace riskmap
