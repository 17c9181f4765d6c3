#pragma once
// Small things every verb shares: messages on stderr, --as-of, policy files and their
// diagnostics.
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "stream/messages.hpp"
#include "qualify/qualify.hpp"
#include "sema/load.hpp"
#include "support/date.hpp"
#include "support/read_file.hpp"

namespace qpl::cli {

// The commands speak on stderr as a run of `eval` does.
using stream::print_error;

// strerror's text for `error`, lowercased as our messages are ("no such file or directory").
// A verb whose engine is not ready: says so, exit status 2.
int not_implemented(std::string_view verb);

// The --as-of option as days since 1970-01-01 (today, UTC, when absent); nullopt after printing
// an error when it is not a valid YYYY-MM-DD date or ISO date-time (only its date is used).
std::optional<std::int32_t> resolve_as_of(const std::optional<std::string>& as_of);
// The same with the instant hour SLAs are measured at: the date-time given, 00:00 UTC of a date
// alone, the clock when absent (docs/language.md, "Hour SLAs").
std::optional<Moment> resolve_as_of_moment(const std::optional<std::string>& as_of);

// The policy's diagnostics (errors and warnings), rendered for people on `stream`.
void print_diagnostics(const sema::LoadResult& loaded, bool color = false, std::FILE* stream = stderr);
// Loads a policy; on errors prints them and returns a null policy. With `shown`, a diagnostic
// already printed for another policy of the run (in a file both import) is not printed again.
std::unique_ptr<CheckedPolicy> load_policy_or_report(const std::string& path,
                                                     ShownDiagnostics* shown = nullptr);

// What was printed already when a run compiles several policies: an error in a file they
// share (an import, a test table) is the same mistake, printed once.
class ShownPolicyDiagnostics {
 public:
  // True the first time a diagnostic (file, place, code and message) is met.
  bool first_time(const qualify::Diagnostic& diagnostic);

 private:
  std::set<std::string> keys_;
};

// Compiles a policy file through libqualify, as any client would; on errors prints them (with
// colour on a terminal) and returns null. With `shown`, a diagnostic printed for another policy
// of the run is not printed again.
std::shared_ptr<const qualify::Policy> compile_policy_or_report(const std::string& path,
                                                                ShownPolicyDiagnostics* shown = nullptr);

// Every .qpl file named or found (recursively) under `paths`, each folder's files sorted;
// nullopt after printing an error for a path that does not exist.
std::optional<std::vector<std::string>> collect_policy_files(const std::vector<std::string>& paths);

}  // namespace qpl::cli
