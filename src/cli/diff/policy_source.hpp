#pragma once
// Where `diff` reads a policy: a file, or a file at a git revision (`policies/acme.qpl@HEAD~1`),
// read with `git show REV:PATH` and its imports at the same revision.
#include <memory>
#include <optional>
#include <string>

#include "model/policy.hpp"

namespace qpl::cli {

struct PolicySpec {
  std::string path;                    // as given, without the revision
  std::optional<std::string> revision;  // set for PATH@REV
  std::string shown;                   // for reports: "policies/acme.qpl@main"
};

// A name that exists as a file, or ends with ".qpl", is that file; otherwise `PATH@REV` splits
// after `.qpl` (`acme.qpl@HEAD@{1}`), else at its last '@'.
PolicySpec parse_policy_spec(const std::string& argument);

// Loads and checks the policy; on a problem prints it (diagnostics, or why git could not read
// it) and returns null.
std::unique_ptr<CheckedPolicy> load_policy_spec(const PolicySpec& spec);

}  // namespace qpl::cli
