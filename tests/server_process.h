// A running `sipur serve` for tests that speak to the real binary over
// HTTP (tests/server_test.cpp, tests/search_server_test.cpp).
#pragma once

#include <fcntl.h>
#include <httplib.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "test_util.h"

extern char** environ;

namespace sipur::testing {

// A running `sipur serve`: started on port 0 (the server picks a free port
// and prints it), ready once /healthz answers. Killed if a test leaves it
// running.
class ServerProcess {
 public:
  ServerProcess(const TempDir& dir, const std::vector<std::string>& extra, const std::string& db_name = "t.db")
      : db_(dir.file(db_name)), stderr_path_(dir.file("serve-" + std::to_string(counter_++) + ".err")) {
    std::vector<std::string> args = {SIPUR_BINARY, "serve", "--db", db_, "--port", "0"};
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    int out[2];
    if (pipe(out) != 0) return;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, stderr_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int spawned = posix_spawn(&pid_, SIPUR_BINARY, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    if (spawned != 0) {
      pid_ = -1;
      close(out[0]);
      return;
    }
    stdout_fd_ = out[0];
    port_ = read_port();
    if (port_ > 0) ready_ = wait_healthy();
  }
  ~ServerProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (stdout_fd_ >= 0) close(stdout_fd_);
  }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  [[nodiscard]] bool ready() const { return ready_; }
  [[nodiscard]] int port() const { return port_; }
  [[nodiscard]] pid_t pid() const { return pid_; }
  [[nodiscard]] std::string errors() const { return read_file(stderr_path_); }
  [[nodiscard]] httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_tcp_nodelay(true);  // a POST's headers and body go in two writes
    c.set_read_timeout(120, 0);
    c.set_write_timeout(120, 0);
    return c;
  }

  // Sends `signal` and waits for the exit; the exit status, or -1 if it did
  // not exit in time (or died of a signal).
  int stop(int signal = SIGTERM) {
    if (pid_ <= 0) return -1;
    kill(pid_, signal);
    const auto deadline = Clock::now() + kStopDeadline;
    int status = 0;
    while (Clock::now() < deadline) {
      const pid_t done = waitpid(pid_, &status, WNOHANG);
      if (done == pid_) {
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));  // polling the child, not timing a result
    }
    return -1;
  }
  // Waits for the process to exit by itself (a refused start).
  int wait_exit() {
    int status = 0;
    if (pid_ <= 0 || waitpid(pid_, &status, 0) != pid_) return -1;
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  // The port from "sipur serve: listening on http://127.0.0.1:PORT/ ...".
  int read_port() {
    std::string line;
    const auto deadline = Clock::now() + kStartDeadline;
    while (Clock::now() < deadline && line.find('\n') == std::string::npos) {
      pollfd p{stdout_fd_, POLLIN, 0};
      if (poll(&p, 1, 200) <= 0) continue;
      char buf[256];
      const ssize_t n = read(stdout_fd_, buf, sizeof buf);
      if (n <= 0) return -1;  // exited without listening
      line.append(buf, static_cast<std::size_t>(n));
    }
    const std::size_t at = line.find("127.0.0.1:");
    if (at == std::string::npos) return -1;
    return std::atoi(line.c_str() + at + 10);
  }
  bool wait_healthy() {
    httplib::Client c("127.0.0.1", port_);
    const auto deadline = Clock::now() + kStartDeadline;
    while (Clock::now() < deadline) {
      if (auto r = c.Get("/healthz"); r && r->status == 200) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }

  using Clock = std::chrono::steady_clock;
  // Generous: the sanitizer build is several times slower.
  static constexpr auto kStartDeadline = std::chrono::seconds(120);
  static constexpr auto kStopDeadline = std::chrono::seconds(120);
  static inline std::atomic<int> counter_{0};
  std::string db_;
  std::string stderr_path_;
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  int port_ = -1;
  bool ready_ = false;
};

}  // namespace sipur::testing
