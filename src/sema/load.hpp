#pragma once
// Loading a policy: read, parse, follow imports, resolve and type-check.
#include <functional>
#include <memory>
#include <string>
#include <variant>

#include "model/ast.hpp"
#include "model/policy.hpp"
#include "support/diagnostic.hpp"
#include "support/read_file.hpp"

namespace qpl::sema {

struct LoadResult {
  std::unique_ptr<CheckedPolicy> policy;  // null when the main file could not be read
  Diagnostics diagnostics;                // errors and warnings of every file, sorted
  bool ok() const { return policy && !diagnostics.has_errors(); }
};

// Reads `path`, follows its imports, parses and checks everything.
LoadResult load_policy(const std::string& path);
// The same for a policy held in memory (tests, REPL, docs); imports resolve against `base_dir`.
LoadResult load_policy_text(const std::string& name, std::string text,
                            const std::string& base_dir = ".");
// The same, each import read by `read_import` (given the import's path joined to its importer's
// folder) instead of from disk: a policy at a git revision reads its imports at that revision.
using ImportReader = std::function<std::variant<std::string, ReadFileError>(const std::string& path)>;
LoadResult load_policy_text(const std::string& name, std::string text, const std::string& base_dir,
                            const ImportReader& read_import);

// Type-checks an expression parsed on its own (a REPL line) against a loaded, error-free policy:
// resolves its names, sets its types and numbers its nodes from policy.expr_count on (which
// grows, so an Evaluator built afterwards has room for them). Errors go to `diagnostics`;
// returns false when there was one.
bool check_expression(CheckedPolicy& policy, Expr& expr, Diagnostics& diagnostics);

}  // namespace qpl::sema
