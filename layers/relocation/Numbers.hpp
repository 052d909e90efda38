#pragma once
// Figures as the review prints them: whole people grouped by thousands
// ("16,354"), fixed decimals, signed changes.
#include <cmath>
#include <cstdio>
#include <string>

namespace riskmap::relocation {

inline std::string thousands(double value) {
  const long long n = std::llround(value);
  std::string digits = std::to_string(n < 0 ? -n : n);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(digits.begin() + i, ',');
  std::string out = n < 0 ? "-" : "";
  out += digits;
  return out;
}

inline std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

inline std::string signedThousands(double v) { return (std::llround(v) > 0 ? "+" : "") + thousands(v); }
inline std::string signedFixed(double v, int d) { return (v >= 0.5 * std::pow(10, -d) ? "+" : "") + fixed(v, d); }

}  // namespace riskmap::relocation
