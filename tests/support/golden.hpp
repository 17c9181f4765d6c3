#pragma once
// Golden files: a test renders an input file to text and compares it with the expected file
// next to it. QUALIFY_BLESS=1 rewrites the expected files instead (review the diff before
// committing it).
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

namespace qpl::testing {

// tests/ of the source tree, found from this header's own path so no configuration is needed.
inline std::filesystem::path tests_dir() {
#ifdef QUALIFY_SOURCE_DIR  // __FILE__ is relative to the build folder when ccache rewrote it
  return std::filesystem::path(QUALIFY_SOURCE_DIR) / "tests";
#else
  return std::filesystem::path(__FILE__).parent_path().parent_path();
#endif
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every file of `folder` (not recursive) ending with `extension`, sorted.
inline std::vector<std::filesystem::path> files_in(const std::filesystem::path& folder,
                                                   const std::string& extension) {
  std::vector<std::filesystem::path> found;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.is_regular_file() && entry.path().extension() == extension)
      found.push_back(entry.path());
  }
  std::sort(found.begin(), found.end());
  return found;
}

// Compares `actual` with the file `expected_path` (or writes it when blessing).
inline void check_golden(const std::filesystem::path& expected_path, const std::string& actual) {
  const char* bless = std::getenv("QUALIFY_BLESS");
  if (bless && std::string(bless) == "1") {
    std::ofstream(expected_path, std::ios::binary) << actual;
    return;
  }
  INFO("golden file: " << expected_path.string() << " (QUALIFY_BLESS=1 rewrites it)");
  REQUIRE(std::filesystem::exists(expected_path));
  CHECK(read_text(expected_path) == actual);
}

// Runs `body` with the working directory set to `folder`, so file names print relative.
class ScopedWorkingDirectory {
 public:
  explicit ScopedWorkingDirectory(const std::filesystem::path& folder)
      : saved_(std::filesystem::current_path()) {
    std::filesystem::current_path(folder);
  }
  ~ScopedWorkingDirectory() { std::filesystem::current_path(saved_); }
  ScopedWorkingDirectory(const ScopedWorkingDirectory&) = delete;
  ScopedWorkingDirectory& operator=(const ScopedWorkingDirectory&) = delete;

 private:
  std::filesystem::path saved_;
};

}  // namespace qpl::testing
