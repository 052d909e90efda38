#include "riskmap/core/Files.hpp"

#include <signal.h>
#include <sys/resource.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
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
           (target_.stem().string() + ".tmp-" + std::to_string(getpid()) + target_.extension().string())) {
  removeStaleTemporaries(target_);
}

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
    errno = 0;
    std::ofstream out(pending.path(), std::ios::binary);
    out << text;
    out.close();
    if (!out) {
      const int err = errno;
      throwIfDiskFull(path, err ? std::strerror(err) : "");
      throw UserError(path.string() + ": cannot write" + (err ? std::string(": ") + std::strerror(err) : ""));
    }
  }
  pending.commit();
}

namespace {

// The pid in "<prefix><digits>...", or 0.
long pidAfter(const std::string& name, const std::string& prefix) {
  if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) return 0;
  long pid = 0;
  std::size_t i = prefix.size();
  for (; i < name.size() && name[i] >= '0' && name[i] <= '9' && pid < 100000000; ++i) pid = pid * 10 + (name[i] - '0');
  return i > prefix.size() ? pid : 0;
}

bool pidIsGone(long pid) { return pid > 0 && pid != getpid() && kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH; }

volatile std::sig_atomic_t g_fileSizeLimitHit = 0;
void onFileSizeLimit(int) { g_fileSizeLimitHit = 1; }

bool mentionsDiskFull(const std::string& text) {
  for (const char* words : {"disk is full", "No space left", "File too large", "Disk quota exceeded",
                            "SQLITE_FULL", "disk full", "no space left", "file-size limit"})
    if (text.find(words) != std::string::npos) return true;
  return false;
}

}  // namespace

int removeStaleTemporaries(const std::filesystem::path& target, bool withProducts) {
  namespace fs = std::filesystem;
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  fs::path name = target.filename();
  if (name.empty()) name = target.parent_path().filename();
  const std::string stem = target.stem().string(), byStem = stem + ".tmp-", byName = name.string() + ".tmp-";
  int removed = 0;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string file = it->path().filename().string();
    long pid = pidAfter(file, byName);
    if (!pid) pid = pidAfter(file, byStem);
    // The products written beside it, "<stem>_<product>.tmp-<pid>..." (a library's risk grid).
    const std::size_t tmp = file.find(".tmp-");
    if (!pid && withProducts && tmp != std::string::npos && file.rfind(stem + "_", 0) == 0)
      pid = pidAfter(file, file.substr(0, tmp + 5));
    if (!pid || !pidIsGone(pid)) continue;
    std::error_code rm;
    if (fs::is_regular_file(it->path(), rm) && fs::remove(it->path(), rm)) ++removed;
  }
  return removed;
}

void watchFileSizeLimit() {
  struct sigaction sa {};
  sa.sa_handler = onFileSizeLimit;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGXFSZ, &sa, nullptr);
}

bool isDiskFullErrno(int err) { return err == ENOSPC || err == EDQUOT || err == EFBIG; }

std::optional<std::string> diskFullReason(const std::filesystem::path& file, const std::string& detail) {
  if (g_fileSizeLimitHit) return "the file-size limit (ulimit -f) is reached";
  if (detail.find("File too large") != std::string::npos) return "the file-size limit (ulimit -f) is reached";
  if (mentionsDiskFull(detail)) return "no space left on the device";
  struct statvfs vfs {};
  const std::filesystem::path dir = file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
  if (statvfs(dir.c_str(), &vfs) == 0 && vfs.f_blocks > 0 &&
      static_cast<unsigned long long>(vfs.f_bavail) * vfs.f_frsize < (1ull << 20))
    return "no space left on the device";
  return std::nullopt;
}

void throwIfDiskFull(const std::filesystem::path& file, const std::string& detail) {
  if (const auto why = diskFullReason(file, detail))
    throw UserError(file.string() + ": disk full (" + *why + "); nothing was replaced, free some space and run again");
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
