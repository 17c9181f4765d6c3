#pragma once
// The REPL's commands as :help lists them (and tab completion offers them).
#include <string>
#include <vector>

namespace qpl::repl {

struct CommandHelp {
  std::string name;     // ":why-not"
  std::string usage;    // ":why-not STAGE"
  std::string summary;  // one line
};

const std::vector<CommandHelp>& command_list();

}  // namespace qpl::repl
