#include "cli/diff/git_show.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>

#include <fmt/core.h>

#include "support/read_file.hpp"
#include "support/utf8.hpp"

extern char** environ;

namespace qpl::cli {
namespace {

struct Run {
  int status = -1;  // the exit status; -1 when git could not be started
  std::string out, err;
  int spawn_error = 0;
  bool too_large = false;  // stdout went past max_policy_file_bytes (the rest was read and dropped)
};

// Runs `git ARGS...` with stdin from /dev/null, collecting stdout and stderr.
Run run_git(const std::vector<std::string>& args) {
  Run run;
  int out_pipe[2], err_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0) {
    run.spawn_error = errno;
    return run;
  }
  if (pipe2(err_pipe, O_CLOEXEC) != 0) {
    run.spawn_error = errno;
    close(out_pipe[0]);
    close(out_pipe[1]);
    return run;
  }
  std::vector<std::string> argv_text{"git"};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, "git", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out_pipe[1]);
  close(err_pipe[1]);
  if (spawned != 0) {
    run.spawn_error = spawned;
    close(out_pipe[0]);
    close(err_pipe[0]);
    return run;
  }
  std::array<pollfd, 2> fds{pollfd{out_pipe[0], POLLIN, 0}, pollfd{err_pipe[0], POLLIN, 0}};
  std::array<std::string*, 2> sinks{&run.out, &run.err};
  int open_count = 2;
  char buffer[65536];
  while (open_count > 0) {
    if (poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (std::size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      const ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
      if (n > 0) {
        if (sinks[i]->size() < max_policy_file_bytes) {
          sinks[i]->append(buffer, static_cast<std::size_t>(n));
        } else {
          run.too_large = run.too_large || i == 0;
        }
      } else if (n == 0 || (n < 0 && errno != EINTR)) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_count;
      }
    }
  }
  for (const pollfd& fd : fds) {
    if (fd.fd >= 0) close(fd.fd);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  return run;
}

std::string first_line(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  if (line.rfind("fatal: ", 0) == 0) line.erase(0, 7);
  return sanitize_for_terminal(line);
}

std::optional<GitError> cannot_start(const Run& run) {
  if (run.status >= 0) return std::nullopt;
  return GitError{fmt::format("cannot run git: {}", system_error_text(run.spawn_error))};
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

}  // namespace

std::variant<std::string, GitError> git_toplevel(const std::string& folder) {
  const Run run = run_git({"-C", folder, "rev-parse", "--show-toplevel"});
  if (auto error = cannot_start(run)) return *error;
  if (run.status != 0) {
    return GitError{fmt::format("'{}' is not in a git repository", sanitize_for_terminal(folder))};
  }
  return trimmed(run.out);
}

std::variant<std::string, GitError> git_commit(const std::string& toplevel, const std::string& revision) {
  // `--end-of-options` keeps a revision starting with '-' from being read as an option.
  const Run run = run_git({"-C", toplevel, "rev-parse", "--verify", "--quiet", "--end-of-options",
                           revision + "^{commit}"});
  if (auto error = cannot_start(run)) return *error;
  if (run.status != 0 || revision.empty()) {
    return GitError{fmt::format("unknown revision '{}'", sanitize_for_terminal(revision))};
  }
  return trimmed(run.out);
}

std::variant<std::string, GitError> git_show_file(const std::string& toplevel, const std::string& commit,
                                                  const std::string& path) {
  const Run run = run_git({"-C", toplevel, "cat-file", "blob", commit + ":" + path});
  if (auto error = cannot_start(run)) return *error;
  if (run.status != 0) {
    const Run exists = run_git({"-C", toplevel, "cat-file", "-e", commit + ":" + path});
    if (exists.status != 0) return GitError{fmt::format("no such file at that revision")};
    return GitError{first_line(run.err)};
  }
  if (run.too_large) return GitError{"larger than 256 MiB"};
  return run.out;
}

}  // namespace qpl::cli
