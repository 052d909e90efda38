#pragma once
// One writer at a time on a file (the one library, an MBTiles): an flock(2)
// on "<file>.lock" beside it, holding the holder's pid and command line. The
// kernel drops the lock when the holder exits or is killed, so a dead holder
// never blocks anyone; the .lock file itself stays (removing it would race).
// Readers (render, serve, poster, info) take no lock: writers replace their
// file by rename, so a reader sees the old file or the new one, whole.
// Shared: several holders at once (flock LOCK_SH), none while an exclusive
// one holds it (the county computes of LibraryWriterLock.hpp).
#include <filesystem>
#include <string>

namespace riskmap {

class WriterLock {
 public:
  // Takes the lock on "<target>.lock". If another process holds it: waits up
  // to waitSeconds() (printing one line saying for whom), then throws
  // UserError naming the file, the holder's pid and its command line.
  // `what` names the writer in the messages ("import", "tiles").
  enum class Mode { Exclusive, Shared };
  // suffix: the lock file's, after the target's name (a second lock on one target).
  // atLeastSeconds: wait at least this long, whatever waitSeconds() says (a
  // run that has already done its work should not be refused at once).
  WriterLock(const std::filesystem::path& target, const std::string& what, Mode mode = Mode::Exclusive,
             const std::string& suffix = ".lock", double atLeastSeconds = 0);
  ~WriterLock();
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;

  static std::filesystem::path lockPath(const std::filesystem::path& target, const std::string& suffix = ".lock");

  // How long a second writer waits for the first (seconds; 0: fail at once).
  // Set by `riskmap --wait SECONDS`; default from $RISKMAP_LOCK_WAIT, else 0.
  static void setWaitSeconds(double seconds);
  static double waitSeconds();

 private:
  int fd_ = -1;
  bool shared_ = false;
  std::string key_;
};

}  // namespace riskmap
