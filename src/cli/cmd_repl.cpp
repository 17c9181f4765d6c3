#include "cli/commands.hpp"
#include "cli/common.hpp"

namespace qpl::cli {

int run_repl(const ReplOptions& options) {
  (void)options;  // the REPL is being written; its options are registered already
  return not_implemented("repl");
}

}  // namespace qpl::cli
