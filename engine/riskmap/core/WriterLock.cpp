#include "riskmap/core/WriterLock.hpp"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "riskmap/core/Error.hpp"

namespace riskmap {
namespace fs = std::filesystem;
namespace {

double g_waitSeconds = -1;  // < 0: not set, read the environment

// Locks this process already holds: flock(2) locks belong to an open file
// description, so a second open in the same process would deadlock itself.
std::mutex g_heldMutex;
struct Held {
  int count = 0;
  bool shared = false;
};
std::map<std::string, Held> g_held;  // key -> how often, and how, this process holds it

std::string ownCommandLine() {
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  while (!raw.empty() && raw.back() == '\0') raw.pop_back();
  for (char& c : raw)
    if (c == '\0' || c == '\n') c = ' ';
  return raw;
}

std::string holderOf(int fd) {
  char buf[4096];
  const ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
  std::string text(buf, n > 0 ? static_cast<std::size_t>(n) : 0);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\0')) text.pop_back();
  std::istringstream in(text);
  std::string pid, command;
  in >> pid;
  std::getline(in, command);
  if (!command.empty() && command.front() == ' ') command.erase(0, 1);
  if (pid.empty()) return "another process (its pid not yet written)";
  return "pid " + pid + " (" + (command.empty() ? std::string("command unknown") : command) + ")";
}

}  // namespace

fs::path WriterLock::lockPath(const fs::path& target, const std::string& suffix) {
  fs::path t = target;
  if (!t.has_filename()) t = t.parent_path();  // "tiles/" -> "tiles"
  return t.parent_path() / (t.filename().string() + suffix);
}

void WriterLock::setWaitSeconds(double seconds) { g_waitSeconds = seconds; }

double WriterLock::waitSeconds() {
  if (g_waitSeconds >= 0) return g_waitSeconds;
  const char* env = std::getenv("RISKMAP_LOCK_WAIT");
  return env && *env ? std::max(0.0, std::atof(env)) : 0.0;
}

WriterLock::WriterLock(const fs::path& target, const std::string& what, Mode mode, const std::string& suffix,
                       double atLeastSeconds) {
  const fs::path path = lockPath(fs::absolute(target).lexically_normal(), suffix);
  key_ = path.string();
  shared_ = mode == Mode::Shared;
  {
    std::lock_guard<std::mutex> guard(g_heldMutex);
    auto it = g_held.find(key_);
    if (it != g_held.end()) {
      // Held shared, asked exclusive: an upgrade in place would wait on the
      // other shared holders, who may be waiting for the same upgrade.
      if (it->second.shared && !shared_)
        throw std::logic_error(key_ + ": asked for exclusively while this process holds it shared");
      ++it->second.count;
      shared_ = it->second.shared;
      return;
    }
  }
  if (path.has_parent_path()) {
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
  }
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw UserError(path.string() + ": cannot open the writer lock: " + std::strerror(errno));
  const double wait = std::max(waitSeconds(), atLeastSeconds);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(wait);
  bool told = false;
  while (::flock(fd_, (mode == Mode::Shared ? LOCK_SH : LOCK_EX) | LOCK_NB) != 0) {
    if (errno == EINTR) continue;
    if (errno != EWOULDBLOCK) {
      const std::string why = std::strerror(errno);
      ::close(fd_);
      throw UserError(path.string() + ": cannot take the writer lock: " + why);
    }
    const std::string holder = holderOf(fd_);
    if (std::chrono::steady_clock::now() >= deadline) {
      ::close(fd_);
      throw UserError(target.string() + ": " + what + " refused: another writer holds the lock, " + holder +
                      "; wait for it to finish (or run with --wait SECONDS)");
    }
    if (!told) {
      std::fprintf(stderr, "riskmap: %s is being written by %s; waiting up to %.0f s for its lock\n",
                   target.string().c_str(), holder.c_str(), wait);
      told = true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  const std::string me = std::to_string(getpid()) + " " + ownCommandLine() + "\n";
  // A shared holder names itself only when no other holder is named: the
  // one a waiter reads is then the first of the holders (or gone since).
  struct stat st {};
  if (shared_ && ::fstat(fd_, &st) == 0 && st.st_size > 0) {
  } else if (::ftruncate(fd_, 0) != 0 || ::pwrite(fd_, me.data(), me.size(), 0) != static_cast<ssize_t>(me.size())) {
    // The lock is held all the same; only the holder's description is missing.
  }
  std::lock_guard<std::mutex> guard(g_heldMutex);
  g_held[key_] = Held{1, shared_};
}

WriterLock::~WriterLock() {
  std::lock_guard<std::mutex> guard(g_heldMutex);
  auto it = g_held.find(key_);
  if (it == g_held.end()) return;
  if (--it->second.count > 0) return;
  g_held.erase(it);
  if (fd_ >= 0) {
    // Leave the file: unlinking it while another process waits on it would
    // let a third take a lock on a new inode at the same time. A shared
    // holder empties it only if it names this one (others may still hold it).
    const std::string mine = std::to_string(getpid()) + " ";
    if ((!shared_ || holderOf(fd_).rfind("pid " + mine, 0) == 0) && ::ftruncate(fd_, 0) != 0) {
    }
    ::close(fd_);
  }
}

}  // namespace riskmap
