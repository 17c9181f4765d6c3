#pragma once
// Reading files from git: `git` run with an argument vector (no shell), its output captured.
#include <string>
#include <variant>
#include <vector>

namespace qpl::cli {

struct GitError {
  std::string message;  // for people: "'x' is not in a git repository", "unknown revision 'v9'"
};

// The root of the git work tree holding `folder`.
std::variant<std::string, GitError> git_toplevel(const std::string& folder);
// The commit `revision` names in the repository at `toplevel`.
std::variant<std::string, GitError> git_commit(const std::string& toplevel, const std::string& revision);
// The file `path` (relative to the root) at `commit`.
std::variant<std::string, GitError> git_show_file(const std::string& toplevel, const std::string& commit,
                                                  const std::string& path);

}  // namespace qpl::cli
