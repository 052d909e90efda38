#include "riskmap/serve/WorkQueue.hpp"

#include <algorithm>

namespace riskmap {

WorkQueue::WorkQueue(int threads, std::size_t capacity) : capacity_(capacity) {
  for (int i = 0; i < std::max(1, threads); ++i) threads_.emplace_back([this] { work(); });
}

WorkQueue::~WorkQueue() { stop(); }

bool WorkQueue::tryPost(std::function<void()> task) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || tasks_.size() >= capacity_) return false;
    tasks_.push_back(std::move(task));
  }
  ready_.notify_one();
  return true;
}

void WorkQueue::work() {
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
      if (stopping_) return;
      task = std::move(tasks_.front());
      tasks_.pop_front();
    }
    task();  // tasks catch their own exceptions (the server's answer a 500)
  }
}

void WorkQueue::stop() {
  std::deque<std::function<void()>> dropped;
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
    dropped.swap(tasks_);
  }
  ready_.notify_all();
  for (auto& t : threads_)
    if (t.joinable()) t.join();
  threads_.clear();
  dropped.clear();  // outside the lock: a task's captures may do anything when destroyed
}

std::size_t WorkQueue::queued() const {
  std::lock_guard lock(mutex_);
  return tasks_.size();
}

}  // namespace riskmap
