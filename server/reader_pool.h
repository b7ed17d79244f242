// Read-only store connections for the HTTP handlers: each request borrows
// one for its duration. SQLite in WAL mode lets them read a committed
// snapshot while the writer writes, so a reader never waits for a group
// commit; a connection is reused by later requests (its prepared
// statements with it).
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/error.h"
#include "store/store.h"

namespace sipur::server {

class ReaderPool {
 public:
  explicit ReaderPool(std::string db) : db_(std::move(db)) {}

  // A connection on loan; back to the pool when the lease ends.
  class Lease {
   public:
    Lease(ReaderPool& pool, std::unique_ptr<store::Store> store) : pool_(&pool), store_(std::move(store)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() {
      if (store_) pool_->give_back(std::move(store_));
    }
    store::Store& operator*() const { return *store_; }
    store::Store* operator->() const { return store_.get(); }

   private:
    ReaderPool* pool_;
    std::unique_ptr<store::Store> store_;
  };

  // An idle connection, or a new one (kStorage if the store cannot be opened).
  [[nodiscard]] Result<Lease> borrow();

 private:
  void give_back(std::unique_ptr<store::Store> store);

  std::string db_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<store::Store>> idle_;
};

}  // namespace sipur::server
