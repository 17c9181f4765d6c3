#include "cli/output_guard.hpp"

#include <filesystem>

#include <fmt/format.h>

#include "stream/messages.hpp"
#include "support/utf8.hpp"

namespace qpl::cli {
namespace {

namespace fs = std::filesystem;

// Same device and inode, so links and other spellings of one file compare equal.
bool same_file(const std::string& a, const std::string& b) {
  std::error_code ec;
  return fs::equivalent(a, b, ec) && !ec;
}

bool refuse(const std::string& output, std::string_view what) {
  stream::print_error(fmt::format("--output '{}' is {}", sanitize_for_terminal(output), what));
  return true;
}

}  // namespace

bool output_would_destroy_a_source(const std::string& output, const std::vector<stream::InputSpec>& inputs,
                                   const std::string& policy_path,
                                   const std::vector<qualify::SourceFile>& files) {
  for (const stream::InputSpec& input : inputs)
    if (input.path != "-" && same_file(output, input.path)) return refuse(output, "one of the inputs");
  if (same_file(output, policy_path)) return refuse(output, "the policy file");
  // Imports are named by the paths the loader opened, resolved from the importing file.
  for (const qualify::SourceFile& file : files) {
    if (file.kind == qualify::SourceFile::Kind::import && same_file(output, file.path))
      return refuse(output, fmt::format("'{}', imported by the policy", sanitize_for_terminal(file.path)));
  }
  for (const qualify::SourceFile& file : files) {
    if (file.kind == qualify::SourceFile::Kind::test_table && same_file(output, file.path))
      return refuse(output, fmt::format("the leads table of test '{}'", sanitize_for_terminal(file.test)));
  }
  return false;
}

}  // namespace qpl::cli
