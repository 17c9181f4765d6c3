#pragma once
// One policy through the whole of `qualify lint`: load and check, then (without errors) the
// linter's passes, inline allows and the project configuration.
#include <memory>
#include <string>

#include "lint/config.hpp"
#include "model/policy.hpp"
#include "support/date.hpp"
#include "support/diagnostic.hpp"

namespace qpl::lint {

struct LintRun {
  std::unique_ptr<CheckedPolicy> policy;  // its sources render the diagnostics
  Diagnostics diagnostics;                // errors of the front end, else the lint's findings
};

// `today`: the --as-of date (days since 1970-01-01), default the current UTC date.
LintRun lint_file(const std::string& path, const LintConfig* config = nullptr,
                  std::int32_t today = today_utc());
LintRun lint_text(const std::string& name, std::string text, const LintConfig* config = nullptr,
                  const std::string& base_dir = ".", std::int32_t today = today_utc());

}  // namespace qpl::lint
