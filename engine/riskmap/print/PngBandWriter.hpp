#pragma once
// Writes a PNG a band of rows at a time (libpng), so an A0 poster at
// 300 dpi (9933 x 14043 px, 530 MiB as one ARGB image) never exists whole
// in memory. Cairo's own PNG writer needs the whole image surface.
#include <png.h>

#include <cstdio>
#include <filesystem>
#include <string>

namespace riskmap {

class PngBandWriter {
 public:
  // RGB, 8 bits, with the resolution recorded (pHYs) so a print shop reads the dpi.
  PngBandWriter(const std::filesystem::path& file, int width, int height, double dpi);
  ~PngBandWriter();
  PngBandWriter(const PngBandWriter&) = delete;
  PngBandWriter& operator=(const PngBandWriter&) = delete;

  // Rows of an opaque Cairo ARGB32 image (native-endian 0xAARRGGBB words).
  void writeRows(const unsigned char* data, int stride, int rows);
  void finish();  // after the last row; throws if rows are missing

 private:
  [[noreturn]] void fail() const;

  std::filesystem::path file_;
  std::string error_;
  std::FILE* fp_ = nullptr;
  png_structp png_ = nullptr;
  png_infop info_ = nullptr;
  int width_, height_, written_ = 0;
};

}  // namespace riskmap
