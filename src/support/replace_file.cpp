#include "support/replace_file.hpp"

#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <variant>

#include <fmt/format.h>

#include "support/read_file.hpp"
#include "support/utf8.hpp"

namespace qpl {
namespace {

namespace fs = std::filesystem;

constexpr std::array stopping_signals{SIGINT, SIGTERM, SIGHUP};

// The temporary file a signal handler must remove; a fixed buffer, as the handler may not
// allocate. `live` is set only while signals are held, so the handler never sees half a name.
char temporary_name[PATH_MAX];
volatile sig_atomic_t temporary_live = 0;
struct sigaction previous_actions[NSIG];

extern "C" void remove_temporary_and_stop(int signal) {
  if (temporary_live != 0) ::unlink(temporary_name);
  temporary_live = 0;
  ::sigaction(signal, &previous_actions[signal], nullptr);
  ::raise(signal);  // delivered when this handler returns, with the previous disposition
}

// Signals that stop the process are held (delivered when this goes out of scope).
class HeldSignals {
 public:
  HeldSignals() {
    sigset_t set;
    sigemptyset(&set);
    for (int signal : stopping_signals) sigaddset(&set, signal);
    pthread_sigmask(SIG_BLOCK, &set, &saved_);
  }
  ~HeldSignals() { pthread_sigmask(SIG_SETMASK, &saved_, nullptr); }
  HeldSignals(const HeldSignals&) = delete;
  HeldSignals& operator=(const HeldSignals&) = delete;

 private:
  sigset_t saved_;
};

// Owns the temporary file: removes it on every path out (an error, an exception, a signal)
// unless it was renamed, or kept as the copy of a file that could not be restored.
class TemporaryFile {
 public:
  // Creates `folder/NAME.qualify-fmt-XXXXXX` with O_EXCL (mkstemp): never an existing file or link.
  TemporaryFile(const fs::path& folder, const std::string& name) {
    install_handlers();
    // A long name would pass NAME_MAX once suffixed: the prefix only helps a reader find it.
    const std::string pattern =
        (folder / (name.substr(0, 200) + ".qualify-fmt-XXXXXX")).string();
    if (pattern.size() >= sizeof temporary_name) {
      errno_ = ENAMETOOLONG;
      return;
    }
    HeldSignals held;
    std::memcpy(temporary_name, pattern.c_str(), pattern.size() + 1);
    fd_ = ::mkstemp(temporary_name);
    if (fd_ < 0) {
      errno_ = errno;
      return;
    }
    path_ = temporary_name;
    temporary_live = 1;
  }
  ~TemporaryFile() {
    if (fd_ >= 0) ::close(fd_);
    if (temporary_live != 0) {
      HeldSignals held;
      ::unlink(temporary_name);
      temporary_live = 0;
    }
    restore_handlers();
  }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;

  int fd() const { return fd_; }
  int creation_error() const { return errno_; }
  const std::string& path() const { return path_; }

  // Renames the file over `target`; it is then no longer ours to remove. Returns errno or 0.
  int rename_over(const std::string& target) {
    HeldSignals held;
    if (::rename(path_.c_str(), target.c_str()) != 0) return errno;
    temporary_live = 0;
    return 0;
  }
  // Leaves the file where it is (a copy the user may need).
  void keep() {
    HeldSignals held;
    temporary_live = 0;
  }

 private:
  void install_handlers() {
    for (std::size_t i = 0; i < stopping_signals.size(); ++i) {
      const int signal = stopping_signals[i];
      struct sigaction current {};
      ::sigaction(signal, nullptr, &current);
      // An ignored signal (nohup) or one the program handles itself is left as it is.
      if (current.sa_handler != SIG_DFL) continue;
      previous_actions[signal] = current;
      struct sigaction action {};
      action.sa_handler = remove_temporary_and_stop;
      sigemptyset(&action.sa_mask);
      ::sigaction(signal, &action, nullptr);
      installed_[i] = true;
    }
    // Past a file size limit, write() fails with "file too large" instead of killing us.
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    ::sigaction(SIGXFSZ, &ignore, &previous_xfsz_);
  }
  void restore_handlers() {
    for (std::size_t i = 0; i < stopping_signals.size(); ++i)
      if (installed_[i]) ::sigaction(stopping_signals[i], &previous_actions[stopping_signals[i]], nullptr);
    ::sigaction(SIGXFSZ, &previous_xfsz_, nullptr);
  }

  int fd_ = -1;
  int errno_ = 0;
  std::string path_;
  std::array<bool, stopping_signals.size()> installed_{};
  struct sigaction previous_xfsz_ {};
};

// Writes all of `text` at offset 0 of `fd`, then cuts the file there. Returns errno or 0.
int write_whole(int fd, std::string_view text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t wrote = ::pwrite(fd, text.data() + done, text.size() - done, static_cast<off_t>(done));
    if (wrote < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    done += static_cast<std::size_t>(wrote);
  }
  if (::ftruncate(fd, static_cast<off_t>(text.size())) != 0) return errno;
  return 0;
}

// The whole contents of `fd`, or errno.
std::variant<std::string, int> read_whole(int fd) {
  std::string text;
  char buffer[1 << 16];
  off_t offset = 0;
  while (true) {
    const ssize_t got = ::pread(fd, buffer, sizeof buffer, offset);
    if (got < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    if (got == 0) return text;
    text.append(buffer, static_cast<std::size_t>(got));
    offset += got;
  }
}

WriteFileError failure(int error) { return {system_error_text(error)}; }

std::string quoted_folder(const fs::path& folder) {
  return fmt::format("'{}'", sanitize_for_terminal(folder.empty() ? "." : folder.string()));
}

// The rename keeps every name but one pointing at the old text, and gives the file our owner
// when we may not give it the old one: write in place, the old text saved first.
std::optional<WriteFileError> rewrite_in_place(const std::string& target, TemporaryFile& copy,
                                               std::string_view text,
                                               const std::function<void()>& before_commit) {
  const int fd = ::open(target.c_str(), O_RDWR | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return failure(errno);
  struct FdCloser {
    int fd;
    ~FdCloser() { ::close(fd); }
  } closer{fd};
  auto old = read_whole(fd);
  if (const int* error = std::get_if<int>(&old)) return failure(*error);
  const std::string& old_text = std::get<std::string>(old);
  if (int error = write_whole(copy.fd(), old_text); error != 0) return failure(error);
  if (::fsync(copy.fd()) != 0) return failure(errno);
  if (before_commit) before_commit();

  HeldSignals held;  // from here on the file is half written until the end: no stopping halfway
  int error = write_whole(fd, text);
  if (error == 0 && ::fsync(fd) != 0) error = errno;
  if (error == 0) return std::nullopt;
  if (write_whole(fd, old_text) != 0 || ::fsync(fd) != 0) {
    copy.keep();
    return WriteFileError{fmt::format("{}; its old text is in '{}'", system_error_text(error),
                                      sanitize_for_terminal(copy.path()))};
  }
  return failure(error);
}

void sync_folder(const fs::path& folder) {
  const int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);  // the rename reaches the disk; a failure here changes nothing we could undo
  ::close(fd);
}

}  // namespace

std::optional<WriteFileError> replace_file(const std::string& path, std::string_view text,
                                           const std::function<void()>& before_commit) {
  std::error_code ec;
  const fs::path target = fs::canonical(path, ec);
  if (ec) return failure(ec.value());
  struct stat info {};
  if (::stat(target.c_str(), &info) != 0) return failure(errno);
  if (!S_ISREG(info.st_mode)) return WriteFileError{"not a regular file"};
  // Read-only even for root, who may write anything: someone wants it left as it is.
  if ((info.st_mode & 0222) == 0) return WriteFileError{"the file is read-only"};
  if (::access(target.c_str(), W_OK) != 0) return failure(errno);

  const fs::path folder = target.parent_path();
  TemporaryFile temporary(folder, target.filename().string());
  if (temporary.fd() < 0)
    return WriteFileError{fmt::format("cannot create a temporary file in {}: {}",
                                      quoted_folder(folder),
                                      system_error_text(temporary.creation_error()))};

  const bool owner_kept = ::fchown(temporary.fd(), info.st_uid, info.st_gid) == 0;
  if (info.st_nlink > 1 || !owner_kept)
    return rewrite_in_place(target.string(), temporary, text, before_commit);

  if (::fchmod(temporary.fd(), info.st_mode & 07777) != 0) return failure(errno);
  if (int error = write_whole(temporary.fd(), text); error != 0) return failure(error);
  if (::fsync(temporary.fd()) != 0) return failure(errno);
  if (before_commit) before_commit();
  if (int error = temporary.rename_over(target.string()); error != 0) return failure(error);
  sync_folder(folder);
  return std::nullopt;
}

}  // namespace qpl
