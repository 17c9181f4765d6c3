#pragma once
// A fresh folder for one test, removed when it goes out of scope. ctest runs each test case as
// its own process, in parallel, so a fixed folder name lets two cases overwrite each other's
// files; the process id and a per-process counter keep every folder apart.
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <string_view>

namespace qpl::testing {

class ScratchDir {
 public:
  explicit ScratchDir(std::string_view purpose) {
    static std::atomic<unsigned> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("qualify-" + std::string(purpose) + "-" + std::to_string(::getpid()) + "-" +
             std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::filesystem::path& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

}  // namespace qpl::testing
