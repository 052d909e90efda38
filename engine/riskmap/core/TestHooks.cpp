#include "riskmap/core/TestHooks.hpp"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

namespace riskmap {

void holdForTests(const char* variable, const char* where) {
  const char* marker = std::getenv(variable);
  if (!marker || !*marker) return;
  std::ofstream(marker) << where << "\n";
  for (int i = 0; i < 600 && std::filesystem::exists(marker); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
}

}  // namespace riskmap
