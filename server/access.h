// Who may do what: the bearer token read from --token-file, compared in
// constant time, and which addresses count as loopback (the only ones a
// server may listen on without a token).
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace sipur::server {

// The token: the file's first line, surrounding whitespace removed.
// kIo if unreadable; kUsage if empty or shorter than 16 characters (a
// guessable token protects nothing).
[[nodiscard]] Result<std::string> read_token_file(const std::string& path);

// 127.0.0.0/8, ::1, localhost.
[[nodiscard]] bool is_loopback_host(std::string_view host);

// Whether an Authorization header value is "Bearer <token>" with this token.
[[nodiscard]] bool bearer_matches(std::string_view authorization, std::string_view token);

}  // namespace sipur::server
