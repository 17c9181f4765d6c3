#include "lint/run.hpp"

#include "lint/against.hpp"
#include "lint/lint.hpp"
#include "sema/load.hpp"

namespace qpl::lint {
namespace {

LintRun finish(sema::LoadResult loaded, const LintConfig* config, std::int32_t today) {
  LintRun run{std::move(loaded.policy), std::move(loaded.diagnostics)};
  if (run.policy && !run.diagnostics.has_errors()) {
    run.diagnostics.append(lint_policy(*run.policy, today));
    check_test_tables(*run.policy, run.diagnostics);
  }
  if (run.policy) apply_inline_allows(*run.policy, run.diagnostics);
  if (config) apply_config(*config, run.diagnostics);
  run.diagnostics.sort();
  return run;
}

}  // namespace

LintRun lint_file(const std::string& path, const LintConfig* config, std::int32_t today) {
  return finish(sema::load_policy(path), config, today);
}

LintRun lint_text(const std::string& name, std::string text, const LintConfig* config,
                  const std::string& base_dir, std::int32_t today) {
  return finish(sema::load_policy_text(name, std::move(text), base_dir), config, today);
}

}  // namespace qpl::lint
