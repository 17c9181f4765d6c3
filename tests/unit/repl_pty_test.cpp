// The terminal front end under a real pseudo-terminal: tab completion, Ctrl-C, and history
// that survives a restart (XDG_STATE_HOME pointed at a temporary folder).
#include <doctest/doctest.h>

#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "repl/front_end.hpp"
#include "repl_support.hpp"

namespace qpl::repl {
namespace {

class PtySession {
 public:
  PtySession() {
    auto session = testing::open_session();
    REQUIRE(session);
    std::fflush(stdout);  // the child must not write the test runner's buffered output
    pid_ = forkpty(&master_, nullptr, nullptr, nullptr);
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      ::setenv("TERM", "xterm", 1);
      ::unsetenv("NO_COLOR");
      const int status = run_terminal(*session, history_path());
      std::_Exit(status);
    }
  }
  ~PtySession() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    if (master_ >= 0) ::close(master_);
  }

  // Keys are typed once libedit has put the terminal in its editing (non-canonical) mode:
  // typed earlier, the line discipline would echo them or take Ctrl-D as its own end of file.
  void type(const std::string& keys) {
    for (int i = 0; i < 400; ++i) {
      termios mode{};
      if (::tcgetattr(master_, &mode) == 0 && (mode.c_lflag & ICANON) == 0) break;
      ::usleep(5000);
    }
    REQUIRE(::write(master_, keys.data(), keys.size()) == static_cast<ssize_t>(keys.size()));
  }

  // Reads the terminal until `text` shows up (true) or the time limit passes (false).
  bool wait_for(const std::string& text, std::chrono::milliseconds limit = std::chrono::seconds(3)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (seen_.find(text, from_) == std::string::npos) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      pollfd p{master_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
      char buffer[4096];
      const ssize_t n = ::read(master_, buffer, sizeof buffer);
      if (n <= 0) return false;
      seen_.append(buffer, static_cast<std::size_t>(n));
    }
    from_ = seen_.find(text, from_) + text.size();
    return true;
  }

  // Ctrl-D on an empty line: the front end returns and the child exits with status 0.
  bool leave() {
    type("\x04");
    int status = -1;
    for (int i = 0; i < 200; ++i) {
      wait_for("\x01", std::chrono::milliseconds(20));  // drains output; never appears
      ::usleep(10000);  // once the child is gone the read fails at once
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return WIFEXITED(status) && WEXITSTATUS(status) == 0;
      }
    }
    return false;
  }

  const std::string& seen() const { return seen_; }

 private:
  int master_ = -1;
  pid_t pid_ = -1;
  std::string seen_;
  std::size_t from_ = 0;
};

struct StateFolder {
  std::filesystem::path path = std::filesystem::temp_directory_path() /
                               ("qualify-repl-pty-" + std::to_string(::getpid()));
  StateFolder() {
    std::filesystem::remove_all(path);
    ::setenv("XDG_STATE_HOME", path.c_str(), 1);
  }
  ~StateFolder() {
    ::unsetenv("XDG_STATE_HOME");
    std::filesystem::remove_all(path);
  }
};

TEST_CASE("on a terminal: prompt, tab completion, Ctrl-C, history across a restart") {
  StateFolder state;
  {
    PtySession pty;
    REQUIRE(pty.wait_for("qualify> "));
    pty.type("enga\t");
    CHECK(pty.wait_for("gement"));  // completed from "enga" (libedit writes only what it adds)
    pty.type("+ 1\r");
    CHECK(pty.wait_for("1 : number"));
    REQUIRE(pty.wait_for("qualify> "));
    pty.type("no such thing");
    pty.type("\x03");  // Ctrl-C drops the line; the process lives on
    REQUIRE(pty.wait_for("qualify> "));
    pty.type("2 * 21\r");
    CHECK(pty.wait_for("42 : number"));
    CHECK(pty.seen().find("unknown name 'no'") == std::string::npos);
    REQUIRE(pty.wait_for("qualify> "));
    CHECK_MESSAGE(pty.leave(), pty.seen());
  }
  const auto history = state.path / "qualify" / "history";
  REQUIRE(std::filesystem::exists(history));
  {
    PtySession pty;
    REQUIRE(pty.wait_for("qualify> "));
    pty.type("\x1b[A\x1b[A\r");  // up twice: the line before `2 * 21`
    CHECK(pty.wait_for("engagement + 1"));
    CHECK(pty.wait_for("1 : number"));
    REQUIRE(pty.wait_for("qualify> "));
    CHECK_MESSAGE(pty.leave(), pty.seen());
  }
}

}  // namespace
}  // namespace qpl::repl
