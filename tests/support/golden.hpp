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

// tests/ of the source tree. CMake passes the source folder: __FILE__ is relative when ccache
// rewrites paths (CCACHE_BASEDIR), and the tests do not run from the folder it is relative to.
inline std::filesystem::path tests_dir() {
  return std::filesystem::path(QUALIFY_SOURCE_DIR) / "tests";
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

// The cases of a golden suite, in the order of its explicit list `folder`/cases.list (one name
// a line, '#' starts a comment line). tests/golden/CMakeLists.txt registers one CTest per name
// from the same list, and a ctest checks the list against the folder both ways.
inline std::vector<std::string> golden_cases(const std::filesystem::path& folder) {
  std::ifstream list(folder / "cases.list");
  // not REQUIRE: a run filtered to no case must count no assertion (tests/golden/CMakeLists.txt)
  if (!list) FAIL("no case list " << (folder / "cases.list").string());
  std::vector<std::string> names;
  std::string line;
  while (std::getline(list, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty() && line.front() != '#') names.push_back(line);
  }
  return names;
}

inline std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  if (!text.empty() && text.back() != '\n') lines.back() += "  (no newline at the end)";
  return lines;
}

// `expected` against `actual` line by line, as `diff -u` shows it without the hunk headers:
// '-' only expected, '+' only actual, and up to three unchanged lines around each change.
inline std::string line_diff(const std::string& expected, const std::string& actual) {
  const auto a = split_lines(expected);
  const auto b = split_lines(actual);
  // common[i][j]: the longest common subsequence of a[i..] and b[j..]
  std::vector<std::vector<std::size_t>> common(a.size() + 1, std::vector<std::size_t>(b.size() + 1, 0));
  for (std::size_t i = a.size(); i-- > 0;)
    for (std::size_t j = b.size(); j-- > 0;)
      common[i][j] = a[i] == b[j] ? common[i + 1][j + 1] + 1 : std::max(common[i + 1][j], common[i][j + 1]);
  std::vector<std::string> lines;
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      lines.push_back(" " + a[i++]);
      ++j;
    } else if (i < a.size() && (j == b.size() || common[i + 1][j] >= common[i][j + 1])) {
      lines.push_back("-" + a[i++]);
    } else {
      lines.push_back("+" + b[j++]);
    }
  }
  const std::size_t context = 3;
  std::vector<bool> shown(lines.size(), false);
  for (std::size_t k = 0; k < lines.size(); ++k) {
    if (lines[k][0] == ' ') continue;
    const std::size_t from = k > context ? k - context : 0;
    for (std::size_t m = from; m < std::min(lines.size(), k + context + 1); ++m) shown[m] = true;
  }
  std::string diff;
  for (std::size_t k = 0; k < lines.size(); ++k) {
    if (shown[k]) diff += lines[k] + "\n";
    else if (k == 0 || shown[k - 1]) diff += "...\n";
  }
  return diff;
}

// Compares `actual` with the file `expected_path` (or writes it when blessing); a difference
// fails with the diff.
inline void check_golden(const std::filesystem::path& expected_path, const std::string& actual) {
  const char* bless = std::getenv("QUALIFY_BLESS");
  if (bless && std::string(bless) == "1") {
    std::ofstream(expected_path, std::ios::binary) << actual;
    return;
  }
  REQUIRE_MESSAGE(std::filesystem::exists(expected_path),
                  "missing " << expected_path.string() << " (QUALIFY_BLESS=1 writes it)");
  const std::string expected = read_text(expected_path);
  if (expected != actual)
    FAIL_CHECK(expected_path.string() << " differs (- expected, + actual; QUALIFY_BLESS=1 rewrites it):\n"
                                      << line_diff(expected, actual));
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
