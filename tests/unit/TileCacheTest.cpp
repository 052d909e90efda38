// The server's tile cache: bounded in bytes, least recently used out.
#include <gtest/gtest.h>

#include <thread>

#include "riskmap/serve/TileCache.hpp"

namespace riskmap {
namespace {

std::shared_ptr<const EncodedTile> tileOf(std::int64_t x, std::size_t bytes) {
  return std::make_shared<const EncodedTile>(EncodedTile{{10, x, 0}, std::string(bytes, 'p'), "h"});
}

TEST(TileCacheTest, EvictsLeastRecentlyUsedByBytes) {
  TileCache cache(1000);
  cache.insert(tileOf(1, 400));
  cache.insert(tileOf(2, 400));
  ASSERT_TRUE(cache.find({10, 1, 0}));  // 1 is now the most recent
  cache.insert(tileOf(3, 400));          // 1200 bytes: the least recent (2) goes
  EXPECT_TRUE(cache.find({10, 1, 0}));
  EXPECT_FALSE(cache.find({10, 2, 0}));
  EXPECT_TRUE(cache.find({10, 3, 0}));
  EXPECT_EQ(cache.bytes(), 800u);
  cache.insert(tileOf(3, 100));  // replacing counts the new size only
  EXPECT_EQ(cache.bytes(), 500u);
  cache.insert(tileOf(4, 2000));  // larger than the whole cache: not kept
  EXPECT_FALSE(cache.find({10, 4, 0}));
  EXPECT_EQ(cache.size(), 2u);
}

TEST(TileCacheTest, StaysWithinItsBoundUnderConcurrentUse) {
  TileCache cache(50 * 100);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&cache, t] {
      for (int i = 0; i < 2000; ++i) {
        const std::int64_t x = (i * 7 + t) % 200;
        if (auto hit = cache.find({10, x, 0})) ASSERT_EQ(hit->id.x, x);
        else cache.insert(tileOf(x, 100));
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_LE(cache.bytes(), 5000u);
  EXPECT_EQ(cache.bytes(), cache.size() * 100);
}

}  // namespace
}  // namespace riskmap
