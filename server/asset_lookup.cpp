#include "server/assets.h"

namespace sipur::server {

const Asset* find_asset(std::string_view name) {
  // Exact names only: "..", "%2e%2e" or a leading "/" never name an asset.
  for (const Asset& asset : embedded_assets()) {
    if (asset.name == name) return &asset;
  }
  return nullptr;
}

}  // namespace sipur::server
