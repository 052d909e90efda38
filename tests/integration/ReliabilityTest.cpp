// riskmap as a hostile user and a failing machine see it (issue 23): a
// library path that would overwrite an input, two writers at once, a full
// disk, damaged sources, temporaries of killed runs, kill -9 at random
// moments, and mutated inputs. docs/reliability.md states the promises these
// tests hold riskmap to.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <map>
#include <random>
#include <thread>

#include "TestSupport.hpp"

namespace riskmap {
namespace {

namespace fs = std::filesystem;
using test::runCommand;
using test::runRiskmap;
using test::spawnRiskmap;
using test::waitExit;

int lines(const std::string& s) { return static_cast<int>(std::count(s.begin(), s.end(), '\n')); }

// Every table of a GeoPackage with its row count: what "the same library" means here.
// Opened read-write, as riskmap opens a library after a killed writer: SQLite
// then rolls the killed transaction's journal back (a read-only open refuses).
std::map<std::string, long long> tablesOf(const fs::path& gpkg) {
  std::map<std::string, long long> out;
  GDALDatasetUniquePtr ds(GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
  if (!ds) return {{"<does not open>", -1}};
  for (int i = 0; i < ds->GetLayerCount(); ++i) {
    OGRLayer* l = ds->GetLayer(i);
    out[l->GetName()] = l->GetFeatureCount(TRUE);
  }
  OGRLayer* contents = ds->ExecuteSQL("SELECT table_name FROM gpkg_contents WHERE data_type = '2d-gridded-coverage'", nullptr, nullptr);
  if (contents) {
    for (auto& f : *contents) out[std::string("raster:") + f->GetFieldAsString(0)] = 0;
    ds->ReleaseResultSet(contents);
  }
  return out;
}

// Leftovers of a run: temporaries, journals, partial outputs.
std::vector<std::string> leftovers(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string n = e.path().filename().string();
    if (n.find(".tmp-") != std::string::npos || n.find("-journal") != std::string::npos ||
        n.find(".partial") != std::string::npos || n.find("-wal") != std::string::npos)
      out.push_back(n);
  }
  return out;
}

// The pid of a process that has exited: a pid no temporary's owner has.
pid_t deadPid() {
  const pid_t pid = fork();
  if (pid == 0) _exit(0);
  waitpid(pid, nullptr, 0);
  return pid;
}


// Holds a writer lock the way riskmap does: flock(2) on "<file>.lock" with "pid command".
class HeldLock {
 public:
  HeldLock(const fs::path& lockFile, const std::string& holder) {
    fd_ = ::open(lockFile.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);  // not inherited by the riskmap we run
    EXPECT_EQ(::flock(fd_, LOCK_EX | LOCK_NB), 0);
    EXPECT_EQ(::ftruncate(fd_, 0), 0);
    EXPECT_EQ(::write(fd_, holder.data(), holder.size()), static_cast<ssize_t>(holder.size()));
  }
  ~HeldLock() { release(); }
  void release() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_ = -1;
};

// A small county that imports and assesses in well under a second: a
// population grid, plants, a park and a school.
class ReliabilityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    GDALAllRegister();
    test::writeRaster(dir_ / "pop.tif", 4549, 518000, 3332000, 100, 40, 40, std::vector<float>(1600, 1.0f));
    writePlants(2);
    test::writeVector(dir_ / "parks.gpkg", "GPKG", "parks", 4549, wkbPolygon, {{"park_id"}, {"name"}, {"score", OFTReal}},
                      {{{{"park_id", "P1"}, {"name", "化工园"}, {"score", "68.5"}},
                        "POLYGON ((518500 3328500,519500 3328500,519500 3329500,518500 3329500,518500 3328500))"}});
    test::writeVector(dir_ / "targets.gpkg", "GPKG", "targets", 4549, wkbPoint, {{"kind"}},
                      {{{{"kind", "school"}}, "POINT (520200 3330100)"}, {{{"kind", "hospital"}}, "POINT (520700 3330000)"}});
    test::writeVector(dir_ / "county.gpkg", "GPKG", "county", 4549, wkbPolygon, {{"name"}},
                      {{{{"name", "测试县"}},
                        "POLYGON ((518000 3328000,522000 3328000,522000 3332000,518000 3332000,518000 3328000))"}});
    project("library = \"one.gpkg\"\n");
  }

  // n plants HZ1..HZn, 50 m apart.
  void writePlants(int n) {
    std::vector<test::FeatureSpec> plants;
    for (int i = 1; i <= n; ++i)
      plants.push_back({{{"plant_id", "HZ" + std::to_string(i)}, {"name", "厂" + std::to_string(i)},
                         {"inventory", R"([{"substance":"氯","q_t":12},{"substance":"氨","q_t":30}])"}},
                        "POINT (" + std::to_string(519000 + 50 * i) + " 3330000)"});
    fs::remove(dir_ / "plants.gpkg");
    test::writeVector(dir_ / "plants.gpkg", "GPKG", "plants", 4549, wkbPoint, {{"plant_id"}, {"name"}, {"inventory"}}, plants);
  }

  void project(const std::string& head, const std::string& extraLayers = "") {
    dir_.write("p.toml", "name = \"测试县\"\ncrs = \"EPSG:4549\"\nstudy_area = \"county\"\n" + head + R"(
[[layers]]
name = "county"
kind = "admin_units"
source = "county.gpkg"
[[layers]]
name = "population"
kind = "population"
source = "pop.tif"
[[layers]]
name = "hazard_sources"
kind = "hazard_sources"
source = "plants.gpkg"
[[layers]]
name = "chemical_parks"
kind = "chemical_parks"
source = "parks.gpkg"
[[layers]]
name = "protected_targets"
kind = "protected_targets"
source = "targets.gpkg"
)" + extraLayers);
  }
  std::string p() const { return (dir_ / "p.toml").string(); }
  fs::path lib() const { return dir_ / "one.gpkg"; }

  test::TempDir dir_;
};

// ---- 1. A library path that would overwrite an input is refused. ----

TEST_F(ReliabilityTest, LibraryThatIsASourceAFolderOrTheProjectIsRefused) {
  test::writeVector(dir_ / "roads.shp", "ESRI Shapefile", "roads", 4549, wkbLineString, {{"road_id"}, {"name"}},
                    {{{{"road_id", "S1"}, {"name", "大道"}}, "LINESTRING (518000 3331500,522000 3331500)"}});
  const std::string roads = "[[layers]]\nname = \"roads\"\nkind = \"roads\"\nsource = \"roads.shp\"\n";
  fs::create_directories(dir_ / "out");
  const std::map<std::string, std::string> sources{{"plants.gpkg", test::readFile(dir_ / "plants.gpkg")},
                                                   {"roads.dbf", test::readFile(dir_ / "roads.dbf")}};
  for (const std::string library : {"plants.gpkg", "./pop.tif", "roads.dbf", "p.toml", ".", "out", "out/"}) {
    project("library = \"" + library + "\"\n", roads);
    const std::string toml = test::readFile(p());
    for (const char* command : {"import -q ", "assess -q "}) {
      const auto r = runRiskmap(command + p());
      EXPECT_EQ(r.exitCode, 1) << library << ": " << r.output;
      EXPECT_EQ(lines(r.output), 1) << r.output;
      EXPECT_EQ(r.output.rfind("riskmap: error: " + p() + ": library = \"" + library + "\": ", 0), 0u) << r.output;
    }
    EXPECT_EQ(test::readFile(p()), toml);
    for (const auto& [file, bytes] : sources) EXPECT_EQ(test::readFile(dir_ / file), bytes) << library;
  }
}

// ---- 2. One writer at a time; readers never wait. ----

TEST_F(ReliabilityTest, SecondWriterFailsNamingTheHoldersPidAndCommand) {
  ASSERT_EQ(runRiskmap("import -q " + p()).exitCode, 0);
  ASSERT_EQ(runRiskmap("assess -q " + p()).exitCode, 0);
  const std::string before = test::readFile(lib());
  HeldLock held(dir_ / "one.gpkg.lock", "4242 riskmap assess county.toml\n");
  for (const char* command : {"import -q ", "assess -q ", "relocate -q --scenario s --move HZ1 --to P1 "}) {
    const auto r = runRiskmap(command + p());
    EXPECT_EQ(r.exitCode, 1) << command << r.output;
    EXPECT_EQ(lines(r.output), 1) << r.output;
    EXPECT_NE(r.output.find("pid 4242 (riskmap assess county.toml)"), std::string::npos) << r.output;
  }
  EXPECT_EQ(test::readFile(lib()), before);
  // Readers do not wait for writers.
  EXPECT_EQ(runRiskmap("info " + p()).exitCode, 0);
  EXPECT_TRUE(leftovers(dir_.path()).empty());
}

TEST_F(ReliabilityTest, TilesOnOneOutputTakeTurns) {
  ASSERT_EQ(runRiskmap("import -q " + p()).exitCode, 0);
  const fs::path out = dir_ / "t.mbtiles";
  HeldLock held(dir_ / "t.mbtiles.lock", "4343 riskmap tiles --force\n");
  const auto r = runRiskmap("tiles -q --force -z 8-9 " + p() + " -o " + out.string());
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_NE(r.output.find("pid 4343 (riskmap tiles --force)"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(out.string() + ".partial"));
  EXPECT_FALSE(fs::exists(out));
}

TEST_F(ReliabilityTest, WriterWaitsWithAMessageWhenAskedTo) {
  auto held = std::make_unique<HeldLock>(dir_ / "one.gpkg.lock", "4444 riskmap import other.toml\n");
  std::thread release([&held] {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    held->release();
  });
  const auto r = runRiskmap("import -q --wait 30 " + p());
  release.join();
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("is being written by pid 4444 (riskmap import other.toml); waiting"), std::string::npos)
      << r.output;
}

// The race of the issue: an import started while an assess runs must not be
// undone by the assess renaming its copy over it. The barrier: the import
// starts only once the assess holds the library's lock.
TEST_F(ReliabilityTest, ImportDuringAssessIsNotUndone) {
  ASSERT_EQ(runRiskmap("import -q " + p()).exitCode, 0);
  writePlants(60);  // assess has more to do; the import brings 60 plants
  ASSERT_EQ(runRiskmap("import -q " + p()).exitCode, 0);
  writePlants(3);
  const pid_t assess = spawnRiskmap({"assess", "-q", p()});
  const fs::path lockFile = dir_ / "one.gpkg.lock";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  bool held = false;
  while (!held && std::chrono::steady_clock::now() < deadline) {
    held = fs::exists(lockFile) && test::readFile(lockFile).find(" assess ") != std::string::npos;
    if (!held) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ASSERT_TRUE(held) << "assess never took the library's lock";
  const auto import = runRiskmap("import -q --wait 60 " + p());
  EXPECT_EQ(waitExit(assess), 0);
  EXPECT_EQ(import.exitCode, 0) << import.output;
  EXPECT_EQ(tablesOf(lib())["hazard_sources"], 3) << "the import was undone";
}

// ---- 3. A full disk: exit 1 saying so, the old file kept, no temporaries. ----

// `ulimit -f` in 512-byte blocks (dash): writes past it fail with EFBIG.
test::CommandResult withFileLimit(int blocks, const std::string& args) {
  return runCommand("ulimit -f " + std::to_string(blocks) + "; exec " + std::string(test::riskmapBinary()) + " " + args);
}

TEST_F(ReliabilityTest, FullDiskDuringImportKeepsTheOldLibrary) {
  ASSERT_EQ(runRiskmap("import -q " + p()).exitCode, 0);
  const std::string before = test::readFile(lib());
  writePlants(3);
  const auto size = static_cast<int>(fs::file_size(lib()) / 512);
  for (int blocks : {20, size / 4, size / 2, size * 9 / 10}) {
    const auto r = withFileLimit(blocks, "import -q " + p());
    EXPECT_EQ(r.exitCode, 1) << blocks << ": " << r.output;
    EXPECT_NE(r.output.find("riskmap: error: " + lib().string() + ": disk full"), std::string::npos) << r.output;
    EXPECT_EQ(lines(r.output), 1) << r.output;
    EXPECT_EQ(test::readFile(lib()), before);
    EXPECT_EQ(leftovers(dir_.path()), std::vector<std::string>{}) << blocks;
  }
}

// assess writes in one transaction on the library itself (issue 18): a
// failed one is rolled back, so the tables and their rows are the old ones
// (GDAL's update open may touch bookkeeping bytes outside it, so not byte for byte).
TEST_F(ReliabilityTest, FullDiskDuringAssessKeepsTheLibrary) {
  ASSERT_EQ(runRiskmap("import -q " + p()).exitCode, 0);
  const auto before = tablesOf(lib());
  const auto size = static_cast<int>(fs::file_size(lib()) / 512);
  for (int blocks : {size / 2, size + 8, size + 64}) {
    const auto r = withFileLimit(blocks, "assess -q " + p());
    EXPECT_EQ(r.exitCode, 1) << blocks << ": " << r.output;
    EXPECT_NE(r.output.find("disk full"), std::string::npos) << r.output;
    EXPECT_EQ(lines(r.output), 1) << r.output;
    // A run stopped mid-write may leave SQLite's hot journal, as a kill does;
    // riskmap's next open (here a reader's) rolls it back.
    EXPECT_EQ(runRiskmap("info " + lib().string()).exitCode, 0);
    EXPECT_EQ(tablesOf(lib()), before);
    EXPECT_EQ(leftovers(dir_.path()), std::vector<std::string>{}) << blocks;
  }
}

TEST_F(ReliabilityTest, FullDiskDuringAPngPosterLeavesNoFile) {
  ASSERT_EQ(runRiskmap("import -q " + p()).exitCode, 0);
  const auto assessed = runRiskmap("assess -q " + p());
  ASSERT_EQ(assessed.exitCode, 0) << assessed.output;
  const fs::path png = dir_ / "poster.png";
  const auto r = withFileLimit(40, "poster -q " + p() + " --paper A4 --dpi 100 -o " + png.string());
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_NE(r.output.find("riskmap: error: " + png.string() + ": disk full"), std::string::npos) << r.output;
  EXPECT_EQ(lines(r.output), 1) << r.output;
  EXPECT_FALSE(fs::exists(png));
  EXPECT_EQ(leftovers(dir_.path()), std::vector<std::string>{});
}

TEST_F(ReliabilityTest, FullDiskDuringTilesKeepsNoHalfTileset) {
  ASSERT_EQ(runRiskmap("import -q " + p()).exitCode, 0);
  const fs::path out = dir_ / "t.mbtiles";
  const auto r = withFileLimit(60, "tiles -q -z 8-16 " + p() + " -o " + out.string());
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_NE(r.output.find("riskmap: error: " + out.string() + ": disk full"), std::string::npos) << r.output;
  EXPECT_EQ(lines(r.output), 1) << r.output;
  EXPECT_FALSE(fs::exists(out));
  // The .partial is what the next run resumes from; with room, it finishes.
  const auto again = runRiskmap("tiles -q -z 8-16 " + p() + " -o " + out.string());
  EXPECT_EQ(again.exitCode, 0) << again.output;
  EXPECT_TRUE(fs::exists(out));
  EXPECT_EQ(leftovers(dir_.path()), std::vector<std::string>{});
}

// A real full file system (ENOSPC) on a small tmpfs. CI and the project's
// machines run as root, where mounting one works: a refusal fails the test
// rather than skipping it, so the ENOSPC path can never go untested unseen.
TEST_F(ReliabilityTest, FullTmpfsDuringImportAndAssess) {
  ASSERT_EQ(runRiskmap("import -q " + p()).exitCode, 0);
  const std::uintmax_t size = fs::file_size(lib());
  const fs::path mnt = dir_ / "small";
  fs::create_directories(mnt);
  const std::string options = "size=" + std::to_string((2 * size + (512 << 10)) / 1024) + "k";
  ASSERT_EQ(mount("tmpfs", mnt.c_str(), "tmpfs", 0, options.c_str()), 0)
      << "cannot mount a tmpfs at " << mnt << " (" << std::strerror(errno) << "); this test needs root";
  struct Unmount {
    fs::path p;
    ~Unmount() { umount2(p.c_str(), MNT_DETACH); }
  } unmount{mnt};
  project("library = \"small/one.gpkg\"\n");
  ASSERT_EQ(runRiskmap("import -q " + p()).exitCode, 0);
  const std::string before = test::readFile(mnt / "one.gpkg");
  // Fill all but half a library, so the next one cannot be written beside it.
  {
    std::ofstream filler(mnt / "filler", std::ios::binary);
    const std::string block(4096, 'x');
    while (filler.write(block.data(), block.size())) {
    }
  }
  fs::resize_file(mnt / "filler", fs::file_size(mnt / "filler") - size / 2);
  for (const char* command : {"import -q ", "assess -q "}) {
    const auto r = runRiskmap(command + p());
    EXPECT_EQ(r.exitCode, 1) << command << r.output;
    EXPECT_NE(r.output.find("disk full"), std::string::npos) << r.output;
    EXPECT_EQ(lines(r.output), 1) << r.output;
    EXPECT_EQ(test::readFile(mnt / "one.gpkg"), before);
    EXPECT_EQ(leftovers(mnt), std::vector<std::string>{});
  }
}

// ---- 4. A damaged source fails its layer; the balance holds against the source's own count. ----

TEST_F(ReliabilityTest, TruncatedDbfFailsTheLayerNamingTheFile) {
  std::vector<test::FeatureSpec> targets;
  for (int i = 0; i < 161; ++i)
    targets.push_back({{{"kind", "school"}, {"name", "学校" + std::to_string(i)}},
                       "POINT (" + std::to_string(519000 + 10 * i) + " 3330000)"});
  test::writeVector(dir_ / "schools.shp", "ESRI Shapefile", "schools", 4549, wkbPoint, {{"kind"}, {"name"}}, targets);
  project("library = \"one.gpkg\"\n", "[[layers]]\nname = \"schools\"\nkind = \"protected_targets\"\nsource = \"schools.shp\"\n");
  ASSERT_EQ(runRiskmap("import -q " + p()).exitCode, 0);
  const std::string before = test::readFile(lib());
  fs::resize_file(dir_ / "schools.dbf", fs::file_size(dir_ / "schools.dbf") * 43 / 100);
  const auto r = runRiskmap("import -q " + p());
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_EQ(lines(r.output), 1) << r.output;
  EXPECT_NE(r.output.find((dir_ / "schools.shp").string() + ", layer 'schools': read"), std::string::npos) << r.output;
  EXPECT_EQ(test::readFile(lib()), before);
}

// Records a .dbf marks deleted are skipped by GDAL but counted in its
// feature count: they are not a short read.
TEST_F(ReliabilityTest, DeletedDbfRecordsAreNotAShortRead) {
  std::vector<test::FeatureSpec> targets;
  for (int i = 0; i < 10; ++i)
    targets.push_back({{{"kind", "school"}}, "POINT (" + std::to_string(519000 + 10 * i) + " 3330000)"});
  test::writeVector(dir_ / "schools.shp", "ESRI Shapefile", "schools", 4549, wkbPoint, {{"kind"}}, targets);
  std::string dbf = test::readFile(dir_ / "schools.dbf");
  const int headerLength = static_cast<unsigned char>(dbf[8]) | static_cast<unsigned char>(dbf[9]) << 8;
  const int recordLength = static_cast<unsigned char>(dbf[10]) | static_cast<unsigned char>(dbf[11]) << 8;
  dbf[headerLength + 3 * recordLength] = '*';
  std::ofstream(dir_ / "schools.dbf", std::ios::binary | std::ios::trunc) << dbf;
  project("library = \"one.gpkg\"\n", "[[layers]]\nname = \"schools\"\nkind = \"protected_targets\"\nsource = \"schools.shp\"\n");
  const auto r = runRiskmap("import -q " + p());
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("schools              protected_targets           9          9"), std::string::npos) << r.output;
}

// ---- 6. Exit 2 is for riskmap's bugs: damaged input is exit 1, one line naming the file. ----

TEST_F(ReliabilityTest, TruncatedGeoTiffIsExitOneNamingTheFile) {
  fs::resize_file(dir_ / "pop.tif", fs::file_size(dir_ / "pop.tif") / 2);
  const auto r = runRiskmap("import -q " + p());
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_EQ(lines(r.output), 1) << r.output;
  EXPECT_NE(r.output.find("riskmap: error: " + (dir_ / "pop.tif").string() + ": "), std::string::npos) << r.output;
  EXPECT_EQ(leftovers(dir_.path()), std::vector<std::string>{});
}

// ---- 7. Temporaries of killed runs are removed by the next run. ----

TEST_F(ReliabilityTest, NextRunRemovesStaleTemporariesOfDeadRuns) {
  const std::string dead = std::to_string(deadPid()), live = std::to_string(getpid());
  const std::vector<std::string> stale{"one.tmp-" + dead + ".gpkg", "one.tmp-" + dead + ".gpkg-journal",
                                       "one.tmp-" + dead + ".gpkg.raster-population.tif",
                                       "sources.tmp-" + dead + ".csv", "t.mbtiles.tmp-" + dead};
  for (const auto& f : stale) dir_.write(f, std::string(1000, 'x'));
  dir_.write("one.tmp-" + live + ".gpkg", "a live run's");
  ASSERT_EQ(runRiskmap("import -q " + p()).exitCode, 0);
  ASSERT_EQ(runRiskmap("assess -q " + p()).exitCode, 0);
  ASSERT_EQ(runRiskmap("tiles -q -z 8 " + p() + " -o " + (dir_ / "t.mbtiles").string()).exitCode, 0);
  EXPECT_EQ(leftovers(dir_.path()), std::vector<std::string>{"one.tmp-" + live + ".gpkg"});
}

// kill -9 at random moments of import, assess and relocate --scenario: the
// library is always the old one or the new one (same tables, same counts),
// and the next run leaves no temporaries behind. The moments are drawn over
// each command's own uninterrupted duration, so they fall inside the run on
// any machine.
TEST_F(ReliabilityTest, KillNineDuringImportAssessOrRelocateLeavesTheOldOrTheNewLibrary) {
  using Clock = std::chrono::steady_clock;
  auto timed = [](const std::vector<std::string>& args) {
    std::string line;
    for (const auto& a : args) line += a + " ";
    const auto t0 = Clock::now();
    EXPECT_EQ(runRiskmap(line).exitCode, 0) << line;
    return std::chrono::duration<double>(Clock::now() - t0).count();
  };
  const std::vector<std::string> import{"import", "-q", p()}, assess{"assess", "-q", p()},
      relocate{"relocate", "-q", "--scenario", "k", "--move", "HZ1", "--to", "P1", p()};
  writePlants(401);
  const double importSeconds = timed(import);
  const auto imported401 = tablesOf(lib());
  writePlants(400);
  timed(import);
  const auto imported400 = tablesOf(lib());
  const double assessSeconds = timed(assess);
  const auto assessed400 = tablesOf(lib());
  const double relocateSeconds = timed(relocate);
  const auto relocated400 = tablesOf(lib());
  timed(import);
  ASSERT_EQ(tablesOf(lib()), imported400);
  ASSERT_NE(imported400, imported401);
  ASSERT_NE(imported400, assessed400);
  ASSERT_NE(assessed400, relocated400);

  std::mt19937 random(23);
  int killed = 0;
  const int rounds = 9;
  for (int round = 0; round < rounds; ++round) {
    // From imported400: an import of 401 plants, or an assess; from assessed400: a relocation scenario.
    const int what = round % 3;
    if (what == 0) writePlants(401);
    if (what == 2) timed(assess);
    const auto old = tablesOf(lib());
    const double seconds = what == 0 ? importSeconds : what == 1 ? assessSeconds : relocateSeconds;
    const pid_t pid = spawnRiskmap(what == 0 ? import : what == 1 ? assess : relocate);
    std::this_thread::sleep_for(std::chrono::duration<double>(std::uniform_real_distribution<double>(0.05, 0.9)(random) * seconds));
    kill(pid, SIGKILL);
    killed += waitExit(pid) == 128 + SIGKILL;
    const auto now = tablesOf(lib());
    EXPECT_TRUE(now == old || now == (what == 0 ? imported401 : what == 1 ? assessed400 : relocated400))
        << "round " << round << ": a library that is neither the old nor the new";
    // Back to imported400; this run also sweeps the dead run's temporaries.
    writePlants(400);
    ASSERT_EQ(runRiskmap("import -q " + p()).exitCode, 0);
    EXPECT_EQ(leftovers(dir_.path()), std::vector<std::string>{}) << "round " << round;
  }
  EXPECT_GE(killed, rounds / 3) << "most runs finished before the kill: the test proved little";
}

// ---- Fuzz: mutated and truncated inputs never crash riskmap. ----

TEST_F(ReliabilityTest, MutatedInputsExitZeroOrOneNeverTwoOrASignal) {
  test::writeVector(dir_ / "roads.shp", "ESRI Shapefile", "roads", 4549, wkbLineString, {{"road_id"}, {"name"}},
                    {{{{"road_id", "S1"}, {"name", "大道"}}, "LINESTRING (518000 3331500,522000 3331500)"},
                     {{{"road_id", "S2"}, {"name", "小路"}}, "LINESTRING (518000 3330500,522000 3330700)"}});
  dir_.write("acc.geojson", R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"accident_id":"A1","date":"2025-06-01","deaths":1,"injuries":0},"geometry":{"type":"Point","coordinates":[520000,3331500]}},
{"type":"Feature","properties":{"accident_id":"A2","date":"2025-07-01","deaths":0,"injuries":2},"geometry":{"type":"Point","coordinates":[520100,3331500]}}]})");
  const std::string extra =
      "[[layers]]\nname = \"roads\"\nkind = \"roads\"\nsource = \"roads.shp\"\n"
      "[[layers]]\nname = \"accidents\"\nkind = \"accidents\"\nsource = \"acc.geojson\"\nsrs = \"EPSG:4549\"\n";
  project("library = \"one.gpkg\"\n", extra);
  ASSERT_EQ(runRiskmap("import -q " + p()).exitCode, 0);
  const std::vector<std::string> inputs{"pop.tif", "plants.gpkg", "roads.shp", "roads.dbf", "roads.shx",
                                        "acc.geojson", "p.toml"};
  std::map<std::string, std::string> originals;
  for (const auto& f : inputs) originals[f] = test::readFile(dir_ / f);

  std::mt19937 random(2023);
  const auto stop = std::chrono::steady_clock::now() + std::chrono::seconds(40);
  int runs = 0;
  for (; runs < 150 && std::chrono::steady_clock::now() < stop; ++runs) {
    const std::string& file = inputs[runs % inputs.size()];
    std::string bytes = originals[file];
    std::string how;
    if (random() % 2) {
      const std::size_t keep = std::uniform_int_distribution<std::size_t>(0, bytes.size())(random);
      bytes.resize(keep);
      how = "truncated to " + std::to_string(keep);
    } else {
      const int flips = std::uniform_int_distribution<int>(1, 16)(random);
      for (int i = 0; i < flips; ++i)
        bytes[std::uniform_int_distribution<std::size_t>(0, bytes.size() - 1)(random)] = static_cast<char>(random());
      how = std::to_string(flips) + " bytes changed";
    }
    std::ofstream(dir_ / file, std::ios::binary | std::ios::trunc) << bytes;
    // A hang is a failure too: killed after 20 s, it shows as a signal.
    const auto r = runCommand("timeout -s KILL 20 " + std::string(test::riskmapBinary()) + " import -q " + p());
    EXPECT_TRUE(r.exitCode == 0 || r.exitCode == 1) << file << " " << how << ": exit " << r.exitCode << "\n" << r.output;
    if (r.exitCode == 1) {
      const std::size_t last = r.output.rfind('\n', r.output.size() - 2);
      EXPECT_EQ(r.output.compare(last == std::string::npos ? 0 : last + 1, 16, "riskmap: error: "), 0)
          << file << " " << how << ":\n" << r.output;
    }
    std::ofstream(dir_ / file, std::ios::binary | std::ios::trunc) << originals[file];
  }
  EXPECT_GE(runs, 20);
}

// ---- 9. Messages. ----

TEST_F(ReliabilityTest, BadEpsgIsOneLineWithoutProjsOwn) {
  project("library = \"one.gpkg\"\n",
          "[[layers]]\nname = \"roads\"\nkind = \"roads\"\nsource = \"plants.gpkg\"\nsrs = \"EPSG:999999\"\n");
  const auto r = runRiskmap("import -q " + p());
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_EQ(lines(r.output), 1) << r.output;
  EXPECT_EQ(r.output.find("ERROR 1"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("EPSG:999999"), std::string::npos) << r.output;
}

TEST_F(ReliabilityTest, EmptyGeoJsonSaysItHoldsNoFeatures) {
  dir_.write("none.geojson", R"({"type":"FeatureCollection","features":[]})");
  project("library = \"one.gpkg\"\n",
          "[[layers]]\nname = \"accidents\"\nkind = \"accidents\"\nsource = \"none.geojson\"\nsrs = \"EPSG:4549\"\n");
  const auto r = runRiskmap("import -q " + p());
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_EQ(lines(r.output), 1) << r.output;
  EXPECT_NE(r.output.find("holds no features"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("required field"), std::string::npos) << r.output;
}

TEST_F(ReliabilityTest, EmptyLayerAndAllNoDataPopulationWarn) {
  fs::remove(dir_ / "plants.gpkg");
  test::writeVector(dir_ / "plants.gpkg", "GPKG", "plants", 4549, wkbPoint, {{"plant_id"}, {"name"}, {"inventory"}}, {});
  test::writeRaster(dir_ / "pop.tif", 4549, 518000, 3332000, 100, 40, 40, std::vector<float>(1600, -1.0f));
  const auto r = runRiskmap("import -q " + p());
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("warning: " + (dir_ / "plants.gpkg").string() + ", layer 'plants': no features"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("warning: " + (dir_ / "pop.tif").string() + ": layer 'population' has no cell"),
            std::string::npos)
      << r.output;
}

TEST_F(ReliabilityTest, PopulationOutsideTheStudyAreaWarns) {
  test::writeRaster(dir_ / "pop.tif", 4549, 618000, 3332000, 100, 40, 40, std::vector<float>(1600, 1.0f));  // 100 km east
  const auto r = runRiskmap("import -q " + p());
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("warning: " + (dir_ / "pop.tif").string() +
                          ": layer 'population' does not overlap the study area 'county'"),
            std::string::npos)
      << r.output;
  // Inside it: no word.
  test::writeRaster(dir_ / "pop.tif", 4549, 518000, 3332000, 100, 40, 40, std::vector<float>(1600, 1.0f));
  EXPECT_EQ(runRiskmap("import -q " + p()).output.find("warning"), std::string::npos);
}

TEST_F(ReliabilityTest, DuplicateIdsAreRejected) {
  fs::remove(dir_ / "plants.gpkg");
  test::writeVector(dir_ / "plants.gpkg", "GPKG", "plants", 4549, wkbPoint, {{"plant_id"}, {"name"}, {"inventory"}},
                    {{{{"plant_id", "HZ1"}, {"name", "甲"}, {"inventory", R"([{"substance":"氯","q_t":12}])"}}, "POINT (520000 3330000)"},
                     {{{"plant_id", "HZ1"}, {"name", "乙"}, {"inventory", R"([{"substance":"氯","q_t":12}])"}}, "POINT (520100 3330000)"}});
  const auto r = runRiskmap("import -q " + p());
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("hazard_sources       hazard_sources              2          1          1"), std::string::npos)
      << r.output;
  const auto rejects = runRiskmap("info --rejects " + p());
  EXPECT_NE(rejects.output.find("duplicate id 'HZ1' (feature 1 has it too and was kept)"), std::string::npos)
      << rejects.output;
}

}  // namespace
}  // namespace riskmap
