#pragma once
// Whole small files (project, rules, style, viewer pages) into memory, and
// outputs written atomically: to a temporary file beside the target, renamed
// over it only when complete.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace riskmap {

// The file's bytes; UserError "<file>: cannot read the <what>" if it cannot be opened.
std::string readFile(const std::filesystem::path& file, const std::string& what = "file");

// A temporary path beside target ("<stem>.tmp-<pid><ext>"), removed on
// destruction unless commit() renamed it over target. Creating one removes
// the target's stale temporaries (see removeStaleTemporaries).
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

// Temporaries a killed run left beside target: "<stem>.tmp-<pid><anything>"
// and "<name>.tmp-<pid><anything>" (with SQLite's -journal, -wal, -shm) whose
// pid is no longer alive; withProducts, also "<stem>_<product>.tmp-<pid>..."
// (what a killed run was writing beside target, such as a library's risk
// grid). Returns how many files were removed.
int removeStaleTemporaries(const std::filesystem::path& target, bool withProducts = false);

// Full disk. riskmap treats ENOSPC, EDQUOT and EFBIG (the file-size limit,
// `ulimit -f`) alike: the machine, not the input or riskmap, is at fault, so
// the error is a UserError (exit 1) saying the disk is full.
//
// Installs a SIGXFSZ handler that records the limit was hit (so write()
// fails with EFBIG instead of the process being killed). Call once in main.
void watchFileSizeLimit();
// Why writing `file` failed for lack of room, if it did: the file-size limit
// was hit, the error text says so (ENOSPC, SQLite's "database or disk is
// full"), or less than 1 MiB is left on file's file system.
std::optional<std::string> diskFullReason(const std::filesystem::path& file, const std::string& detail = {});
bool isDiskFullErrno(int err);
// Throws UserError "<file>: disk full (<reason>)..." if diskFullReason says so; else returns.
void throwIfDiskFull(const std::filesystem::path& file, const std::string& detail = {});

// One CSV line (RFC 4180 quoting), ending in "\n".
std::string csvLine(const std::vector<std::string>& fields);

}  // namespace riskmap
