#include "support/read_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

#include <fmt/format.h>

namespace qpl {
namespace {

ReadFileError system_error(int error) { return ReadFileError{system_error_text(error)}; }

}  // namespace

std::string system_error_text(int error) {
  std::string text = std::strerror(error);
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z')
    text[0] = static_cast<char>(text[0] - 'A' + 'a');
  return text;
}

std::variant<std::string, ReadFileError> read_text_file(const std::string& path,
                                                        std::size_t max_bytes) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return ReadFileError{"is a directory"};
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  if (!file) return system_error(errno);
  std::string text;
  char buffer[1 << 16];
  while (true) {
    const std::size_t got = std::fread(buffer, 1, sizeof buffer, file.get());
    if (got == 0) break;
    if (text.size() + got > max_bytes)
      return ReadFileError{fmt::format("is larger than {} MiB", max_bytes >> 20)};
    text.append(buffer, got);
  }
  if (std::ferror(file.get())) return system_error(errno);
  return text;
}

}  // namespace qpl
