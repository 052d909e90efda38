#pragma once
// Progress of long work on stderr: a redrawn bar with rate and ETA on a
// terminal, plain lines every 10% otherwise (logs and CI stay readable).
#include <chrono>
#include <cstdint>
#include <string>

namespace riskmap {

class Progress {
 public:
  // total 0 means unknown: only counts and rate are shown.
  Progress(std::string label, std::uint64_t total, bool quiet = false);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void advance(std::uint64_t n = 1);
  void set(std::uint64_t done);
  void finish();

  // Adapter for GDAL's GDALProgressFunc; pData is a Progress*.
  static int gdalCallback(double complete, const char* message, void* self);

 private:
  void draw(bool final);

  std::string label_;
  std::uint64_t total_;
  std::uint64_t done_ = 0;
  bool quiet_;
  bool tty_;
  bool finished_ = false;
  int lastDecile_ = -1;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point lastDraw_;
};

}  // namespace riskmap
