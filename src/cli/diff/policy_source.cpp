#include "cli/diff/policy_source.hpp"

#include <unistd.h>

#include <filesystem>

#include <fmt/core.h>

#include "cli/common.hpp"
#include "cli/diff/git_show.hpp"
#include "sema/load.hpp"
#include "support/utf8.hpp"

namespace qpl::cli {
namespace {

namespace fs = std::filesystem;

std::unique_ptr<CheckedPolicy> report(sema::LoadResult loaded, const std::string& shown) {
  print_diagnostics(loaded, isatty(fileno(stderr)) != 0);
  if (!loaded.ok()) {
    if (loaded.diagnostics.empty()) {
      print_error(fmt::format("cannot load policy '{}'", sanitize_for_terminal(shown)));
    }
    return nullptr;
  }
  return std::move(loaded.policy);
}

std::unique_ptr<CheckedPolicy> load_at_revision(const PolicySpec& spec) {
  const std::string shown = sanitize_for_terminal(spec.shown);
  auto fail = [&](const std::string& why) -> std::unique_ptr<CheckedPolicy> {
    print_error(fmt::format("cannot read '{}': {}", shown, why));
    return nullptr;
  };
  const fs::path file(spec.path);
  const fs::path folder = file.has_parent_path() ? file.parent_path() : fs::path(".");
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return fail(fmt::format("no folder '{}'", folder.string()));
  auto toplevel = git_toplevel(folder.string());
  if (auto* error = std::get_if<GitError>(&toplevel)) return fail(error->message);
  const std::string& root = std::get<std::string>(toplevel);
  auto commit = git_commit(root, *spec.revision);
  if (auto* error = std::get_if<GitError>(&commit)) return fail(error->message);
  const fs::path relative =
      fs::weakly_canonical(fs::absolute(file), ec).lexically_relative(fs::weakly_canonical(root, ec));
  if (relative.empty() || *relative.begin() == "..") {
    return fail(fmt::format("it is outside the repository at '{}'", sanitize_for_terminal(root)));
  }
  auto text = git_show_file(root, std::get<std::string>(commit), relative.generic_string());
  if (auto* error = std::get_if<GitError>(&text)) {
    return fail(fmt::format("'{}' at revision '{}': {}", relative.generic_string(),
                            sanitize_for_terminal(*spec.revision), error->message));
  }
  const std::string commit_id = std::get<std::string>(commit);
  const sema::ImportReader read_import = [root, commit_id](const std::string& path)
      -> std::variant<std::string, ReadFileError> {
    auto imported = git_show_file(root, commit_id, fs::path(path).lexically_normal().generic_string());
    if (auto* error = std::get_if<GitError>(&imported)) return ReadFileError{error->message};
    return std::move(std::get<std::string>(imported));
  };
  return report(sema::load_policy_text(spec.shown, std::move(std::get<std::string>(text)),
                                 relative.parent_path().generic_string(), read_import),
                spec.shown);
}

}  // namespace

PolicySpec parse_policy_spec(const std::string& argument) {
  std::error_code ec;
  // After ".qpl" when there is one, so that a revision may hold an '@' (`HEAD@{1}`).
  const std::size_t qpl_at = argument.find(".qpl@");
  const std::size_t at = qpl_at != std::string::npos ? qpl_at + 4 : argument.rfind('@');
  // `team@v2.qpl` that does not exist is a missing file, not the revision "v2.qpl".
  const bool names_a_file = at != std::string::npos && argument.size() - at > 4 &&
                            argument.compare(argument.size() - 4, 4, ".qpl") == 0;
  if (at == std::string::npos || names_a_file || fs::exists(argument, ec)) return {argument, std::nullopt, argument};
  return {argument.substr(0, at), argument.substr(at + 1), argument};
}

std::unique_ptr<CheckedPolicy> load_policy_spec(const PolicySpec& spec) {
  if (!spec.revision) return load_policy_or_report(spec.path);
  return load_at_revision(spec);
}

}  // namespace qpl::cli
