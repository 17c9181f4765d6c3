#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "repl/front_end.hpp"

namespace qpl::repl {

std::optional<std::string> history_path() {
  namespace fs = std::filesystem;
  fs::path folder;
  if (const char* state = std::getenv("XDG_STATE_HOME"); state && *state) {
    folder = fs::path(state) / "qualify";
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    folder = fs::path(home) / ".local" / "state" / "qualify";
  } else {
    return std::nullopt;
  }
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) return std::nullopt;
  return (folder / "history").string();
}

bool color_wanted(bool stdout_is_terminal) {
  const char* no_color = std::getenv("NO_COLOR");
  return stdout_is_terminal && !(no_color && *no_color);
}

}  // namespace qpl::repl
