// `assess` and `relocate --scenario` write in one transaction on the library
// itself (issue 18): kill -9 at several moments leaves the library's old
// results or its new ones, never a mix, and no copy of the library ever
// appears beside it (same inode, no temporary GeoPackage, the journal far
// smaller than the library).
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <map>
#include <set>
#include <thread>

#include "TestSupport.hpp"

namespace riskmap {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using test::spawnRiskmap;
using test::waitExit;
const fs::path kSample = fs::path(RISKMAP_SOURCE_DIR) / "data/sample_county";

// What "the same library" means here: every table with its row count, and
// the grades (layer, source, grade) of every assessed source and scenario.
struct LibraryState {
  std::map<std::string, long long> tables;
  std::multiset<std::string> grades;
  bool operator==(const LibraryState& o) const { return tables == o.tables && grades == o.grades; }
};

LibraryState stateOf(const fs::path& gpkg) {
  LibraryState s;
  GDALDatasetUniquePtr ds(GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));  // rolls a hot journal back
  if (!ds) return {{{"<does not open>", -1}}, {}};
  for (int i = 0; i < ds->GetLayerCount(); ++i) {
    OGRLayer* l = ds->GetLayer(i);
    const std::string name = l->GetName();
    s.tables[name] = l->GetFeatureCount(TRUE);
    if (name.find("source_grades") == std::string::npos) continue;
    for (auto& f : *l)
      s.grades.insert(name + "|" + f->GetFieldAsString("layer") + "|" + f->GetFieldAsString("source_id") + "|" +
                      f->GetFieldAsString("grade"));
  }
  return s;
}

ino_t inodeOf(const fs::path& p) {
  struct stat st {};
  return ::stat(p.c_str(), &st) == 0 ? st.st_ino : 0;
}

// Watches the library's folder while a run goes on: the largest file other
// than the library, and any temporary GeoPackage (a copy being written).
class FolderWatch {
 public:
  FolderWatch(fs::path dir, fs::path library) : dir_(std::move(dir)), library_(std::move(library)) {
    thread_ = std::thread([this] {
      while (!stop_) {
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(dir_, ec)) {
          if (e.path() == library_) continue;
          const std::string n = e.path().filename().string();
          const auto size = e.file_size(ec);
          if (!ec && size > largest_) largest_ = size, largestName_ = n;
          if (n.find(".tmp-") != std::string::npos && n.find(".gpkg") != std::string::npos) copies_.insert(n);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
      }
    });
  }
  ~FolderWatch() { stop(); }
  void stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  std::uintmax_t largest() const { return largest_; }
  const std::string& largestName() const { return largestName_; }
  const std::set<std::string>& copies() const { return copies_; }

 private:
  fs::path dir_, library_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::uintmax_t largest_ = 0;
  std::string largestName_;
  std::set<std::string> copies_;
};

class InPlaceWriteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    GDALAllRegister();
    ASSERT_TRUE(fs::exists(kSample / "summary.json")) << "build the sample_county target first";
    project_ = test::assessedCounty(kSample / "project.toml", dir_).string();
    library_ = dir_ / "one.gpkg";
  }

  // Takes one plant out of the library's hazard sources, so the next assess
  // has results of its own that differ from the ones in the library.
  void dropOnePlant() {
    GDALDatasetUniquePtr ds(GDALDataset::Open(library_.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
    ASSERT_TRUE(ds);
    OGRLayer* l = ds->GetLayerByName("hazard_sources_points");  // import split the plants by geometry type
    ASSERT_TRUE(l);
    l->ResetReading();
    OGRFeatureUniquePtr f(l->GetNextFeature());
    ASSERT_TRUE(f);
    ASSERT_EQ(l->DeleteFeature(f->GetFID()), OGRERR_NONE);
  }

  // Runs `args` uninterrupted from `before` (restored by `reset`) to learn
  // its duration and the state it leaves, then kills it with SIGKILL at
  // fractions of that duration: each time the library is `before` or
  // `after`, keeps its inode, and no copy of it appeared.
  void killAtSeveralMoments(const std::vector<std::string>& args, const std::function<void()>& reset) {
    reset();
    const LibraryState before = stateOf(library_);
    const ino_t inode = inodeOf(library_);
    const auto libSize = fs::file_size(library_);
    double seconds = 0;
    {
      FolderWatch watch(dir_.path(), library_);
      const auto t0 = Clock::now();
      ASSERT_EQ(waitExit(spawnRiskmap(args)), 0) << args[0];
      seconds = std::chrono::duration<double>(Clock::now() - t0).count();
      std::printf("%s: %.2f s uninterrupted\n", args[0].c_str(), seconds);
      watch.stop();
      EXPECT_EQ(watch.copies(), std::set<std::string>{}) << args[0] << " wrote a copy of the library";
      EXPECT_LT(watch.largest(), libSize / 2) << args[0] << ": " << watch.largestName() << " is as big as a copy";
    }
    EXPECT_EQ(inodeOf(library_), inode) << args[0] << " replaced the library file";
    const LibraryState after = stateOf(library_);
    ASSERT_FALSE(after == before) << args[0] << " changed nothing: the test would prove nothing";

    int killed = 0, sawOld = 0;
    for (const double share : {0.1, 0.3, 0.5, 0.7, 0.85, 0.95}) {
      reset();
      ASSERT_TRUE(stateOf(library_) == before);
      FolderWatch watch(dir_.path(), library_);
      const pid_t pid = spawnRiskmap(args);
      std::this_thread::sleep_for(std::chrono::duration<double>(share * seconds));
      kill(pid, SIGKILL);
      killed += waitExit(pid) == 128 + SIGKILL;
      watch.stop();
      const LibraryState now = stateOf(library_);
      EXPECT_TRUE(now == before || now == after) << args[0] << " killed at " << share << " of its run: a mix";
      sawOld += now == before;
      EXPECT_EQ(inodeOf(library_), inode);
      EXPECT_EQ(watch.copies(), std::set<std::string>{});
      // A reader first: it opens the library read-only, rolling the killed run's journal back.
      const auto info = test::runRiskmap("info " + library_.string());
      EXPECT_EQ(info.exitCode, 0) << info.output;
    }
    EXPECT_GE(killed, 4) << args[0] << " mostly finished before the kill";
    EXPECT_GE(sawOld, 3) << args[0] << ": the kills mostly left the new state; they came too late";
  }

  test::TempDir dir_, savedDir_;  // the library's folder; the test's own reset copies, elsewhere
  std::string project_;
  fs::path library_;
};

TEST_F(InPlaceWriteTest, KilledAssessLeavesTheOldResultsOrTheNewOnesAndNeverCopiesTheLibrary) {
  // Old results: the assess of every plant; new ones: the assess without one plant.
  const fs::path saved = savedDir_ / "assessed.gpkg";
  dropOnePlant();
  fs::copy_file(library_, saved);  // the test's own reset point, not riskmap's
  killAtSeveralMoments({"assess", "-q", project_}, [&] {
    // Restored in place (same inode), as the run under test must leave it.
    std::error_code ec;
    fs::remove(library_.string() + "-journal", ec);
    fs::copy_file(saved, library_, fs::copy_options::overwrite_existing);
  });
}

TEST_F(InPlaceWriteTest, KilledScenarioLeavesNoScenarioOrAllOfItAndNeverCopiesTheLibrary) {
  const fs::path saved = savedDir_ / "assessed.gpkg";
  fs::copy_file(library_, saved);
  killAtSeveralMoments({"relocate", "-q", project_, "--scenario", "kill", "--move", "HZ036", "--to", "P01"}, [&] {
    std::error_code ec;
    fs::remove(library_.string() + "-journal", ec);
    fs::copy_file(saved, library_, fs::copy_options::overwrite_existing);
  });
}

}  // namespace
}  // namespace riskmap
