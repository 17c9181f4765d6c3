// replace_file: the new text arrives whole or not at all, through no planted link, keeping
// links, mode and owner, with no temporary file left after an error or a signal.
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

#include "support/replace_file.hpp"
#include "tests/support/scratch_dir.hpp"

namespace fs = std::filesystem;
using qpl::replace_file;
using qpl::testing::ScratchDir;

namespace {

void write(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// Names in `folder` other than `expected` (a temporary file left behind shows here).
std::vector<std::string> others(const fs::path& folder, std::initializer_list<std::string> expected) {
  std::vector<std::string> found;
  for (const auto& entry : fs::directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    if (std::find(expected.begin(), expected.end(), name) == expected.end()) found.push_back(name);
  }
  return found;
}

// Runs `body` in a child process, with the signal dispositions `qualify` starts with (doctest
// catches SIGINT and SIGTERM); its exit status, or 128 + the signal that stopped it.
int in_child(const std::function<int()>& body) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    for (const int signal : {SIGINT, SIGTERM, SIGHUP}) ::signal(signal, SIG_DFL);
    ::_exit(body());
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

// Exit statuses of the children: the error message is checked in the child.
constexpr int as_expected = 0;
constexpr int wrong = 1;

}  // namespace

TEST_CASE("the file gets the new text, keeps its mode, and nothing else is left in the folder") {
  ScratchDir dir("replace");
  write(dir / "p.qpl", "old\n");
  fs::permissions(dir / "p.qpl", fs::perms(0751));
  CHECK_FALSE(replace_file((dir / "p.qpl").string(), "new text\n"));
  CHECK(read(dir / "p.qpl") == "new text\n");
  CHECK(fs::status(dir / "p.qpl").permissions() == fs::perms(0751));
  CHECK(others(dir.path(), {"p.qpl"}).empty());
}

TEST_CASE("a file named through a symbolic link is rewritten, and the link stays a link") {
  ScratchDir dir("replace");
  fs::create_directory(dir / "real");
  write(dir / "real" / "p.qpl", "old\n");
  fs::create_symlink("real/p.qpl", dir / "link.qpl");
  CHECK_FALSE(replace_file((dir / "link.qpl").string(), "new\n"));
  CHECK(fs::is_symlink(dir / "link.qpl"));
  CHECK(read(dir / "real" / "p.qpl") == "new\n");
  CHECK(others(dir / "real", {"p.qpl"}).empty());
}

TEST_CASE("links planted at temporary-looking names are never followed") {
  ScratchDir dir("replace");
  write(dir / "p.qpl", "old\n");
  write(dir / "victim", "precious\n");
  // The name the old code used, and the mkstemp pattern itself.
  fs::create_symlink("victim", dir / "p.qpl.qualify-fmt.tmp");
  fs::create_symlink("victim", dir / "p.qpl.qualify-fmt-XXXXXX");
  CHECK_FALSE(replace_file((dir / "p.qpl").string(), "new\n"));
  CHECK(read(dir / "p.qpl") == "new\n");
  CHECK(read(dir / "victim") == "precious\n");
  CHECK(fs::is_symlink(dir / "p.qpl.qualify-fmt.tmp"));
  CHECK(others(dir.path(), {"p.qpl", "victim", "p.qpl.qualify-fmt.tmp", "p.qpl.qualify-fmt-XXXXXX"})
            .empty());
}

TEST_CASE("a file with hard links is rewritten in place: every name sees the new text") {
  ScratchDir dir("replace");
  write(dir / "p.qpl", "old\n");
  fs::create_hard_link(dir / "p.qpl", dir / "other.qpl");
  struct stat before {};
  ::stat((dir / "p.qpl").c_str(), &before);
  CHECK_FALSE(replace_file((dir / "p.qpl").string(), "new, longer text\n"));
  CHECK(read(dir / "other.qpl") == "new, longer text\n");
  CHECK(fs::hard_link_count(dir / "p.qpl") == 2);
  struct stat after {};
  ::stat((dir / "p.qpl").c_str(), &after);
  CHECK(after.st_ino == before.st_ino);
  CHECK_FALSE(replace_file((dir / "other.qpl").string(), "short\n"));  // and cut when shorter
  CHECK(read(dir / "p.qpl") == "short\n");
  CHECK(others(dir.path(), {"p.qpl", "other.qpl"}).empty());
}

TEST_CASE("a read-only file is left alone, even by root") {
  ScratchDir dir("replace");
  write(dir / "p.qpl", "old\n");
  fs::permissions(dir / "p.qpl", fs::perms(0444));
  const auto error = replace_file((dir / "p.qpl").string(), "new\n");
  REQUIRE(error);
  CHECK(error->message == "the file is read-only");
  CHECK(read(dir / "p.qpl") == "old\n");
}

TEST_CASE("a folder that is not writable: the error says permission denied, the file is unchanged") {
  ScratchDir dir("replace");
  fs::permissions(dir.path(), fs::perms(0755));
  fs::create_directory(dir / "ro");
  write(dir / "ro" / "p.qpl", "old\n");
  fs::permissions(dir / "ro" / "p.qpl", fs::perms(0666));
  fs::permissions(dir / "ro", fs::perms(0555));
  // Root writes anywhere: the child runs as nobody, for whom the folder is really read-only.
  const int status = in_child([&] {
    if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) return 2;
    const auto error = replace_file((dir / "ro" / "p.qpl").string(), "new\n");
    const std::string expected =
        "cannot create a temporary file in '" + (dir / "ro").string() + "': permission denied";
    return error && error->message == expected ? as_expected : wrong;
  });
  fs::permissions(dir / "ro", fs::perms(0755));
  CHECK(status == as_expected);
  CHECK(read(dir / "ro" / "p.qpl") == "old\n");
  CHECK(others(dir / "ro", {"p.qpl"}).empty());
}

TEST_CASE("a write that fails (file size limit) leaves the old text and no temporary file") {
  ScratchDir dir("replace");
  write(dir / "p.qpl", "old\n");
  const std::string long_text(4096, 'x');
  const int status = in_child([&] {
    const rlimit limit{64, 64};
    ::setrlimit(RLIMIT_FSIZE, &limit);
    const auto error = replace_file((dir / "p.qpl").string(), long_text);
    return error && error->message == "file too large" ? as_expected : wrong;
  });
  CHECK(status == as_expected);
  CHECK(read(dir / "p.qpl") == "old\n");
  CHECK(others(dir.path(), {"p.qpl"}).empty());

  SUBCASE("in place (hard links): the old text is put back") {
    fs::create_hard_link(dir / "p.qpl", dir / "other.qpl");
    const int in_place = in_child([&] {
      const rlimit limit{64, 64};
      ::setrlimit(RLIMIT_FSIZE, &limit);
      const auto error = replace_file((dir / "p.qpl").string(), long_text);
      return error && error->message == "file too large" ? as_expected : wrong;
    });
    CHECK(in_place == as_expected);
    CHECK(read(dir / "other.qpl") == "old\n");
    CHECK(fs::hard_link_count(dir / "p.qpl") == 2);
    CHECK(others(dir.path(), {"p.qpl", "other.qpl"}).empty());
  }
}

TEST_CASE("SIGTERM or SIGINT while the temporary file exists: it is removed, the file unchanged") {
  for (const int signal : {SIGTERM, SIGINT}) {
    for (const bool hard_linked : {false, true}) {
      CAPTURE(signal);
      CAPTURE(hard_linked);
      ScratchDir dir("replace");
      write(dir / "p.qpl", "old\n");
      if (hard_linked) fs::create_hard_link(dir / "p.qpl", dir / "other.qpl");
      const int status = in_child([&] {
        replace_file((dir / "p.qpl").string(), "new\n", [&] {
          // The temporary file is complete here: the signal must remove it, then stop us.
          if (others(dir.path(), {"p.qpl", "other.qpl"}).size() != 1) ::_exit(3);
          ::raise(signal);
        });
        return wrong;  // the signal should have stopped the process
      });
      CHECK(status == 128 + signal);
      CHECK(read(dir / "p.qpl") == "old\n");
      CHECK(others(dir.path(), {"p.qpl", "other.qpl"}).empty());
    }
  }
}

TEST_CASE("an ignored signal stays ignored, and the handlers are put back afterwards") {
  ScratchDir dir("replace");
  write(dir / "p.qpl", "old\n");
  const int status = in_child([&] {
    ::signal(SIGHUP, SIG_IGN);
    const auto error = replace_file((dir / "p.qpl").string(), "new\n", [] { ::raise(SIGHUP); });
    struct sigaction term {};
    ::sigaction(SIGTERM, nullptr, &term);
    return !error && term.sa_handler == SIG_DFL ? as_expected : wrong;
  });
  CHECK(status == as_expected);
  CHECK(read(dir / "p.qpl") == "new\n");
}
