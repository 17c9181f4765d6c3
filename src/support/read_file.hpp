#pragma once
// Reading a whole text file (a policy, an import) with a size bound, so that a device such as
// /dev/zero or a runaway file gives an error instead of exhausting memory.
#include <cstddef>
#include <string>
#include <variant>

namespace qpl {

// Policies are small; 256 MiB is far above any real one and still safe to hold in memory.
inline constexpr std::size_t max_policy_file_bytes = std::size_t{256} << 20;

struct ReadFileError {
  std::string message;  // "No such file or directory", "is a directory", "is larger than 256 MiB"
};

// strerror's text as our messages write it: "no such file or directory", lower case.
std::string system_error_text(int error);

std::variant<std::string, ReadFileError> read_text_file(
    const std::string& path, std::size_t max_bytes = max_policy_file_bytes);

}  // namespace qpl
