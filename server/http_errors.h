// Where sipur's error kinds (core/error.h) become HTTP: the status code of
// each kind, and the JSON body every error answer carries,
// {"error":{"kind","message"}} (with "line" and "byte" when the error has a
// place in the request body). The only place that maps kinds to statuses.
#pragma once

#include <string>

#include "core/error.h"

namespace sipur::server {

[[nodiscard]] int http_status(ErrorKind kind);

// The error's message, with its place ("line 3, byte 17: ") when it has one.
[[nodiscard]] std::string error_message(const Error& error);

[[nodiscard]] std::string error_body(const Error& error);

}  // namespace sipur::server
