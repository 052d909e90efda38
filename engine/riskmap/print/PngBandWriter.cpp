#include "riskmap/print/PngBandWriter.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <stdexcept>
#include <vector>

namespace riskmap {
namespace {

// libpng reports errors by longjmp; the message is kept for the exception
// thrown after setjmp returns (a C++ exception must not cross libpng's C frames).
void pngError(png_structp png, png_const_charp message) {
  auto* text = static_cast<std::string*>(png_get_error_ptr(png));
  *text = message;
  png_longjmp(png, 1);
}

}  // namespace

PngBandWriter::PngBandWriter(const std::filesystem::path& file, int width, int height, double dpi)
    : file_(file), width_(width), height_(height) {
  fp_ = std::fopen(file.c_str(), "wb");
  if (!fp_) throw std::runtime_error("cannot write " + file.string() + ": " + std::strerror(errno));
  png_ = png_create_write_struct(PNG_LIBPNG_VER_STRING, &error_, pngError, nullptr);
  info_ = png_ ? png_create_info_struct(png_) : nullptr;
  if (!info_) throw std::runtime_error("libpng: out of memory");
  if (setjmp(png_jmpbuf(png_))) fail();
  png_init_io(png_, fp_);
  png_set_IHDR(png_, info_, width, height, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  const auto perMetre = static_cast<png_uint_32>(std::lround(dpi / 0.0254));
  png_set_pHYs(png_, info_, perMetre, perMetre, PNG_RESOLUTION_METER);
  png_set_compression_level(png_, 6);
  png_write_info(png_, info_);
}

void PngBandWriter::fail() const { throw std::runtime_error(file_.string() + ": libpng: " + error_); }

PngBandWriter::~PngBandWriter() {
  if (png_) png_destroy_write_struct(&png_, &info_);
  if (fp_) std::fclose(fp_);
}

void PngBandWriter::writeRows(const unsigned char* data, int stride, int rows) {
  if (written_ + rows > height_) throw std::logic_error("PngBandWriter: more rows than the image has");
  std::vector<png_byte> rgb(static_cast<std::size_t>(width_) * 3);
  if (setjmp(png_jmpbuf(png_))) fail();
  for (int r = 0; r < rows; ++r) {
    const auto* px = reinterpret_cast<const std::uint32_t*>(data + static_cast<std::ptrdiff_t>(r) * stride);
    for (int x = 0; x < width_; ++x) {
      rgb[3 * x] = static_cast<png_byte>(px[x] >> 16);
      rgb[3 * x + 1] = static_cast<png_byte>(px[x] >> 8);
      rgb[3 * x + 2] = static_cast<png_byte>(px[x]);
    }
    png_write_row(png_, rgb.data());
  }
  written_ += rows;
}

void PngBandWriter::finish() {
  if (written_ != height_)
    throw std::logic_error("PngBandWriter: " + std::to_string(written_) + " of " + std::to_string(height_) + " rows");
  if (setjmp(png_jmpbuf(png_))) fail();
  png_write_end(png_, nullptr);
  png_destroy_write_struct(&png_, &info_);
  png_ = nullptr;
  if (std::fclose(fp_) != 0) {
    fp_ = nullptr;
    throw std::runtime_error("cannot write " + file_.string());
  }
  fp_ = nullptr;
}

}  // namespace riskmap
