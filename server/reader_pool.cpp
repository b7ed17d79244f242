#include "server/reader_pool.h"

namespace sipur::server {

Result<ReaderPool::Lease> ReaderPool::borrow() {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (!idle_.empty()) {
      std::unique_ptr<store::Store> store = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(store));
    }
  }
  Result<std::unique_ptr<store::Store>> opened = store::Store::open_read_only(db_);
  if (!opened) return opened.error();
  return Lease(*this, std::move(opened).value());
}

void ReaderPool::give_back(std::unique_ptr<store::Store> store) {
  const std::lock_guard<std::mutex> lock(mutex_);
  idle_.push_back(std::move(store));
}

}  // namespace sipur::server
