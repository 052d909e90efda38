#include "TestSupport.hpp"

#include <gtest/gtest.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <cstdlib>
#include <random>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace riskmap::test {

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "riskmap-test-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

void TempDir::write(const std::string& name, const std::string& text) const {
  std::filesystem::create_directories((path_ / name).parent_path());
  std::ofstream out(path_ / name, std::ios::binary);
  out << text;
}

void writeVector(const std::filesystem::path& path, const std::string& driver, const std::string& layer,
                 int epsg, OGRwkbGeometryType type, const std::vector<FieldDef>& fields,
                 const std::vector<FeatureSpec>& features, const std::vector<std::string>& layerOptions) {
  GDALAllRegister();
  GDALDriver* drv = GetGDALDriverManager()->GetDriverByName(driver.c_str());
  if (!drv) throw std::runtime_error("no driver " + driver);
  const bool append = driver == "GPKG" && std::filesystem::exists(path);
  GDALDatasetUniquePtr ds(append ? GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE)
                                 : drv->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!ds) throw std::runtime_error("cannot create " + path.string());
  OGRSpatialReference srs;
  OGRSpatialReference* srsPtr = nullptr;
  if (epsg > 0) {
    srs.importFromEPSG(epsg);
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    srsPtr = &srs;
  }
  CPLStringList lco;
  for (const auto& o : layerOptions) lco.AddString(o.c_str());
  OGRLayer* l = ds->CreateLayer(layer.c_str(), srsPtr, type, lco.List());
  if (!l) throw std::runtime_error("cannot create layer " + layer);
  for (const auto& f : fields) {
    OGRFieldDefn d(f.name.c_str(), f.type);
    if (l->CreateField(&d) != OGRERR_NONE) throw std::runtime_error("cannot create field " + f.name);
  }
  for (const auto& fs : features) {
    OGRFeature f(l->GetLayerDefn());
    for (const auto& [k, v] : fs.values) f.SetField(k.c_str(), v.c_str());
    if (!fs.wkt.empty()) {
      OGRGeometry* g = nullptr;
      if (OGRGeometryFactory::createFromWkt(fs.wkt.c_str(), srsPtr, &g) != OGRERR_NONE)
        throw std::runtime_error("bad WKT " + fs.wkt);
      f.SetGeometryDirectly(g);
    }
    if (l->CreateFeature(&f) != OGRERR_NONE) throw std::runtime_error("cannot write feature");
  }
}

void writeRaster(const std::filesystem::path& path, int epsg, double originX, double originY, double cell,
                 int width, int height, const std::vector<float>& values, double noData) {
  GDALAllRegister();
  GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GTiff");
  GDALDatasetUniquePtr ds(drv->Create(path.c_str(), width, height, 1, GDT_Float32, nullptr));
  double gt[6] = {originX, cell, 0, originY, 0, -cell};
  ds->SetGeoTransform(gt);
  OGRSpatialReference srs;
  srs.importFromEPSG(epsg);
  ds->SetSpatialRef(&srs);
  GDALRasterBand* b = ds->GetRasterBand(1);
  b->SetNoDataValue(noData);
  if (b->RasterIO(GF_Write, 0, 0, width, height, const_cast<float*>(values.data()), width, height, GDT_Float32, 0,
                  0) != CE_None)
    throw std::runtime_error("cannot write raster");
}

void runOrThrow(const std::string& command) {
  const CommandResult r = runCommand(command);
  if (r.exitCode != 0) throw std::runtime_error(command + ":\n" + r.output);
}

CommandResult runRiskmap(const std::string& args) { return runCommand(std::string(riskmapBinary()) + " " + args); }

CommandResult runCommand(const std::string& command) {
  const std::string cmd = command + " 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe) throw std::runtime_error("popen failed");
  std::string out;
  std::array<char, 4096> buf;
  while (std::size_t n = fread(buf.data(), 1, buf.size(), pipe)) out.append(buf.data(), n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

// $RISKMAP_TEST_BINARY runs the tests against another build (e.g. to show a
// new test fails on the old binary).
const char* riskmapBinary() {
  const char* other = std::getenv("RISKMAP_TEST_BINARY");
  return other && *other ? other : RISKMAP_BINARY;
}

std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

ProtobufFields decodeProtobuf(const std::string& m) {
  ProtobufFields f;
  std::size_t i = 0;
  auto varint = [&]() {
    std::uint64_t v = 0;
    for (int shift = 0; i < m.size() && shift < 64; shift += 7) {
      const auto b = static_cast<unsigned char>(m[i++]);
      v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) break;
    }
    return v;
  };
  while (i < m.size()) {
    const std::uint64_t key = varint();
    const int field = static_cast<int>(key >> 3), wire = static_cast<int>(key & 7);
    if (wire == 0) {
      f.numbers.emplace(field, varint());
    } else if (wire == 2) {
      const std::size_t n = varint();
      f.bytes.emplace(field, m.substr(i, n));
      i += n;
    } else if (wire == 5) {
      i += 4;
    } else if (wire == 1) {
      i += 8;
    } else {
      throw std::runtime_error("protobuf: wire type " + std::to_string(wire));
    }
  }
  return f;
}

std::vector<std::string> asciiWords(const std::string& text) {
  std::vector<std::string> out;
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  for (std::size_t i = 0; i < text.size();) {
    if (!letter(text[i])) {
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    while (j < text.size() && (letter(text[j]) || (text[j] >= '0' && text[j] <= '9') || text[j] == '_')) ++j;
    out.push_back(text.substr(i, j - i));
    i = j;
  }
  return out;
}

std::filesystem::path relocatedProject(const std::filesystem::path& project, const TempDir& dir) {
  std::string text = readFile(project);
  text = std::regex_replace(text, std::regex("library = \"[^\"]*\""), "library = \"" + (dir / "one.gpkg").string() + "\"");
  text = std::regex_replace(text, std::regex("(source|plants) = \""), "$1 = \"" + project.parent_path().string() + "/");
  dir.write("project.toml", text);
  return dir / "project.toml";
}

std::filesystem::path assessedCounty(const std::filesystem::path& project, const TempDir& dir) {
  const std::filesystem::path relocated = relocatedProject(project, dir);
  for (const char* step : {"import -q ", "assess -q "}) {
    const CommandResult r = runRiskmap(step + relocated.string());
    if (r.exitCode != 0) throw std::runtime_error(std::string("riskmap ") + step + "failed: " + r.output);
  }
  return relocated;
}

pid_t spawnRiskmap(const std::vector<std::string>& args) {
  const pid_t pid = fork();
  if (pid == 0) {
    const int devnull = ::open("/dev/null", O_WRONLY);
    dup2(devnull, 1);
    dup2(devnull, 2);
    std::vector<char*> argv{const_cast<char*>(riskmapBinary())};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

int waitExit(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace riskmap::test
