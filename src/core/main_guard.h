// The last stand of a program's main. Expected failures come back as
// results, so an exception that gets this far is a bug (or memory ran
// out): it is reported as an internal error with the program's name and a
// failure status, instead of an unexplained abort.
#pragma once

#include <cstdio>
#include <exception>

namespace sipur {

template <class Run>
int guard_main(const char* program, int failure_status, Run&& run) noexcept {
  try {
    return run();
  } catch (const std::exception& e) {
    (void)std::fprintf(stderr, "%s: internal error: %s\n", program, e.what());
  } catch (...) {
    (void)std::fprintf(stderr, "%s: internal error\n", program);
  }
  return failure_status;
}

}  // namespace sipur
