#include "riskmap/core/Progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace riskmap {

Progress::Progress(std::string label, std::uint64_t total, bool quiet)
    : label_(std::move(label)),
      total_(total),
      quiet_(quiet),
      tty_(isatty(STDERR_FILENO) == 1),
      start_(std::chrono::steady_clock::now()),
      lastDraw_(start_) {}

Progress::~Progress() { finish(); }

void Progress::advance(std::uint64_t n) { set(done_ + n); }

void Progress::set(std::uint64_t done) {
  done_ = done;
  if (quiet_) return;
  const auto now = std::chrono::steady_clock::now();
  if (tty_) {
    if (now - lastDraw_ > std::chrono::milliseconds(100)) {
      lastDraw_ = now;
      draw(false);
    }
  } else if (total_ >= 1000) {  // short work gets only its final line in logs
    const int decile = static_cast<int>(10 * done_ / total_);
    if (decile > lastDecile_ && decile < 10) {
      lastDecile_ = decile;
      draw(false);
    }
  }
}

void Progress::finish() {
  if (finished_) return;
  finished_ = true;
  if (!quiet_) draw(true);
}

int Progress::gdalCallback(double complete, const char*, void* self) {
  auto* p = static_cast<Progress*>(self);
  if (p->total_ == 0) p->total_ = 1000;
  p->set(static_cast<std::uint64_t>(complete * static_cast<double>(p->total_)));
  return 1;
}

void Progress::draw(bool final) {
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = secs > 0 ? static_cast<double>(done_) / secs : 0.0;
  char line[256];
  if (total_ > 0) {
    const double frac = std::min(1.0, static_cast<double>(done_) / static_cast<double>(total_));
    const double eta = rate > 0 ? static_cast<double>(total_ - std::min(done_, total_)) / rate : 0.0;
    if (tty_) {
      char bar[31];
      const int filled = static_cast<int>(frac * 30);
      for (int i = 0; i < 30; ++i) bar[i] = i < filled ? '#' : '.';
      bar[30] = '\0';
      std::snprintf(line, sizeof line, "\r%s [%s] %3.0f%% %llu/%llu %.0f/s ETA %.0fs", label_.c_str(),
                    bar, frac * 100, static_cast<unsigned long long>(done_),
                    static_cast<unsigned long long>(total_), rate, eta);
    } else {
      std::snprintf(line, sizeof line, "%s: %3.0f%% (%llu/%llu)\n", label_.c_str(), frac * 100,
                    static_cast<unsigned long long>(done_), static_cast<unsigned long long>(total_));
    }
  } else {
    std::snprintf(line, sizeof line, tty_ ? "\r%s: %llu (%.0f/s)" : "%s: %llu (%.0f/s)\n",
                  label_.c_str(), static_cast<unsigned long long>(done_), rate);
  }
  std::fputs(line, stderr);
  if (final && tty_) std::fputs("\n", stderr);
}

}  // namespace riskmap
