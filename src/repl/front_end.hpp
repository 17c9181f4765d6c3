#pragma once
// The two ways a Session is driven: line by line from a pipe (no prompt, no colour, one
// response per input line), or on a terminal with libedit (prompt, history, tab completion).
#include <istream>
#include <optional>
#include <ostream>
#include <string>

#include "repl/session.hpp"

namespace qpl::repl {

// Reads lines until the end of the input or :quit; writes each response as it comes. A blank
// line gets no response. Returns the exit status (0).
int run_lines(Session& session, std::istream& in, std::ostream& out);

// The interactive loop on the controlling terminal (stdin and stdout): prompt `qualify> `,
// emacs key bindings, history loaded from and saved to `history_file` when given, TAB
// completion from Session::completions, Ctrl-C drops the line being typed, Ctrl-D leaves.
int run_terminal(Session& session, const std::optional<std::string>& history_file);

// $XDG_STATE_HOME/qualify/history, else ~/.local/state/qualify/history (the folder is created);
// nullopt when neither variable is set or the folder cannot be made.
std::optional<std::string> history_path();

// Colour on a terminal unless NO_COLOR is set to a non-empty value (no-color.org).
bool color_wanted(bool stdout_is_terminal);

}  // namespace qpl::repl
