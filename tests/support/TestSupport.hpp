#pragma once
// Helpers for tests that need real files: a temporary folder, small vector
// and raster datasets written with GDAL, and running the riskmap binary.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace riskmap::test {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }
  void write(const std::string& name, const std::string& text) const;

 private:
  std::filesystem::path path_;
};

// One feature to write: attributes as text (typed by the field list) and WKT.
struct FeatureSpec {
  std::map<std::string, std::string> values;
  std::string wkt;  // empty: no geometry
};

struct FieldDef {
  std::string name;
  OGRFieldType type = OFTString;
};

// Writes a one-layer vector dataset with any OGR driver.
void writeVector(const std::filesystem::path& path, const std::string& driver, const std::string& layer,
                 int epsg, OGRwkbGeometryType type, const std::vector<FieldDef>& fields,
                 const std::vector<FeatureSpec>& features, const std::vector<std::string>& layerOptions = {});

// Writes a single-band Float32 GeoTIFF; values row by row from the top.
void writeRaster(const std::filesystem::path& path, int epsg, double originX, double originY, double cell,
                 int width, int height, const std::vector<float>& values, double noData = -1);

struct CommandResult {
  int exitCode;
  std::string output;  // stdout and stderr together
};
CommandResult runCommand(const std::string& command);  // through the shell, stderr folded in
CommandResult runRiskmap(const std::string& args);
// Runs command; throws with its output when it fails (for a suite's set-up).
void runOrThrow(const std::string& command);
const char* riskmapBinary();
// Starts riskmap in the background (output to /dev/null); the caller waits or kills.
pid_t spawnRiskmap(const std::vector<std::string>& args);
// Waits for pid: its exit code, or 128 + the signal that ended it.
int waitExit(pid_t pid);

std::string readFile(const std::filesystem::path& path);

// A protobuf message's fields (wire format), decoded without a schema:
// field number -> varints as numbers, length-delimited fields as bytes.
struct ProtobufFields {
  std::multimap<int, std::uint64_t> numbers;
  std::multimap<int, std::string> bytes;
};
ProtobufFields decodeProtobuf(const std::string& message);

// The runs of ASCII letters (with digits and '_' after the first letter) in
// a text: what is left of English in a Chinese text (codes, units, names).
std::vector<std::string> asciiWords(const std::string& text);

// A copy of a project file in dir, with its library moved into dir
// ("one.gpkg") and its sources' relative paths made absolute, so tests never
// touch out/ and can run side by side.
std::filesystem::path relocatedProject(const std::filesystem::path& project, const TempDir& dir);

// The relocated project of a county (its project.toml), imported and
// assessed into dir/one.gpkg; throws with riskmap's output if either fails.
std::filesystem::path assessedCounty(const std::filesystem::path& project, const TempDir& dir);

}  // namespace riskmap::test
