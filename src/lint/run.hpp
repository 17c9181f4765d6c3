#pragma once
// One policy through the whole of `qualify lint`: load and check, then (without errors) the
// linter's passes, inline allows and the project configuration.
#include <memory>
#include <string>

#include "lint/config.hpp"
#include "model/policy.hpp"
#include "support/diagnostic.hpp"

namespace qpl::lint {

struct LintRun {
  std::unique_ptr<CheckedPolicy> policy;  // its sources render the diagnostics
  Diagnostics diagnostics;                // errors of the front end, else the lint's findings
};

LintRun lint_file(const std::string& path, const LintConfig* config = nullptr);
LintRun lint_text(const std::string& name, std::string text, const LintConfig* config = nullptr,
                  const std::string& base_dir = ".");

}  // namespace qpl::lint
