// `qualify lsp`: the language server, on stdin and stdout (docs/editors.md).
#include <iostream>

#include "cli/commands.hpp"
#include "lsp/server.hpp"

namespace qpl::cli {

int run_lsp() {
  std::ios::sync_with_stdio(false);
  return lsp::serve(std::cin, std::cout, std::cerr);
}

}  // namespace qpl::cli
