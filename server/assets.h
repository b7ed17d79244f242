// The web UI's files, embedded in the binary at build time from web/
// (server/embed_assets.cmake): served from memory, by exact name, so that no
// request path can reach the filesystem.
#pragma once

#include <string_view>
#include <vector>

namespace sipur::server {

struct Asset {
  std::string_view name;  // relative to web/, '/' between directories
  std::string_view content_type;
  std::string_view bytes;
};

// Sorted by name.
[[nodiscard]] const std::vector<Asset>& embedded_assets();

// The asset of exactly this name, or nullptr.
[[nodiscard]] const Asset* find_asset(std::string_view name);

}  // namespace sipur::server
