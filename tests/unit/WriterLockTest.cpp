// WriterLock within one process: flock(2) locks belong to an open file
// description, so the process counts its own holds instead of locking again.
#include <gtest/gtest.h>

#include <stdexcept>

#include "TestSupport.hpp"
#include "riskmap/core/WriterLock.hpp"

namespace riskmap {
namespace {

// Whether another process could take the lock file now (flock(1), without waiting).
bool freeFor(const std::filesystem::path& lockFile, bool shared) {
  return test::runCommand(std::string("flock -n ") + (shared ? "-s " : "") + "'" + lockFile.string() + "' true").exitCode == 0;
}

TEST(WriterLock, AProcessHoldingALockSharedCannotTakeItExclusive) {
  test::TempDir dir;
  const auto target = dir / "library.gpkg";
  const WriterLock shared(target, "assess --county", WriterLock::Mode::Shared, ".compute.lock");
  // Taking it again shared is counted; asking for it exclusive would be an
  // upgrade that deadlocks with other shared holders: a riskmap bug.
  { const WriterLock again(target, "assess --county", WriterLock::Mode::Shared, ".compute.lock"); }
  EXPECT_THROW(WriterLock(target, "assess", WriterLock::Mode::Exclusive, ".compute.lock"), std::logic_error);
  const auto file = WriterLock::lockPath(std::filesystem::absolute(target), ".compute.lock");
  EXPECT_TRUE(freeFor(file, true)) << "another process's county compute could not share it";
  EXPECT_FALSE(freeFor(file, false)) << "another process could take it exclusive while it is held shared";
}

TEST(WriterLock, AProcessHoldingALockExclusiveMayTakeItAgainEitherWay) {
  test::TempDir dir;
  const auto target = dir / "library.gpkg";
  const auto file = WriterLock::lockPath(std::filesystem::absolute(target));
  {
    const WriterLock exclusive(target, "import");
    { const WriterLock nested(target, "assess"); }
    { const WriterLock nested(target, "assess --county", WriterLock::Mode::Shared); }
    EXPECT_FALSE(freeFor(file, true)) << "a nested hold's end let the outer lock go";
  }
  EXPECT_TRUE(freeFor(file, false)) << "the last hold's end did not let the lock go";
}

}  // namespace
}  // namespace riskmap
