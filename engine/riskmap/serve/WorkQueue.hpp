#pragma once
// A fixed set of worker threads behind a bounded queue: work that may block
// or take CPU for long (drawing a metatile, reading a file) runs here, off
// the server's I/O threads. A full queue refuses new work at once
// (tryPost() false), which the server answers 503 with Retry-After, so a
// burst never grows memory or latency without bound.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace riskmap {

class WorkQueue {
 public:
  WorkQueue(int threads, std::size_t capacity);
  ~WorkQueue();
  WorkQueue(const WorkQueue&) = delete;
  WorkQueue& operator=(const WorkQueue&) = delete;

  // false: the queue holds `capacity` tasks already (or it is stopping).
  bool tryPost(std::function<void()> task);
  // Finishes the tasks running, drops those waiting, joins. Idempotent.
  void stop();

  std::size_t queued() const;
  std::size_t capacity() const { return capacity_; }
  int threads() const { return static_cast<int>(threads_.size()); }

 private:
  void work();

  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> tasks_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace riskmap
