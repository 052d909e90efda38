#pragma once
// A seeded random source that gives the same numbers on every machine:
// std::mt19937_64 is specified exactly, the standard distributions are not,
// so the distributions are written here.
#include <cmath>
#include <cstdint>
#include <random>

namespace sample {

class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  int integer(int lo, int hi) { return lo + static_cast<int>(uniform() * (hi - lo + 1)) % (hi - lo + 1); }
  bool chance(double p) { return uniform() < p; }
  double normal(double mean = 0, double sd = 1) {  // Box-Muller
    const double u1 = std::max(uniform(), 1e-300), u2 = uniform();
    return mean + sd * std::sqrt(-2 * std::log(u1)) * std::cos(2 * M_PI * u2);
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace sample
