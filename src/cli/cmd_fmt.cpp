#include "cli/commands.hpp"
#include "cli/common.hpp"

namespace qpl::cli {

int run_fmt(const FmtOptions& options) {
  (void)options;  // the formatter is being written; its options are registered already
  return not_implemented("fmt");
}

}  // namespace qpl::cli
