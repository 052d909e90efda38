#include "riskmap/exposure/ZonePopulation.hpp"

#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

#include "riskmap/exposure/PopulationGrid.hpp"

namespace riskmap {

std::vector<PeopleCount> peopleInZones(const std::string& path, const PopulationGridOptions& options,
                                       const std::vector<const OGRGeometry*>& zones, unsigned threads) {
  std::vector<PeopleCount> result(zones.size());
  if (zones.empty()) return result;
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = std::min<unsigned>(threads, static_cast<unsigned>(zones.size()));
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failureMutex;
  auto work = [&] {
    try {
      const PopulationGrid grid(path, options);
      for (std::size_t i = next++; i < zones.size(); i = next++) result[i] = grid.count(*zones[i]);
    } catch (...) {
      std::lock_guard<std::mutex> lock(failureMutex);
      if (!failure) failure = std::current_exception();
      next = zones.size();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
  return result;
}

}  // namespace riskmap
