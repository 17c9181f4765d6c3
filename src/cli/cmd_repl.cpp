// `qualify repl POLICY [--leads FILE] [--as-of DATE]`: a Session driven by the terminal (libedit)
// or, when stdin is not a terminal, line by line with no prompt, colour or escape codes.
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/exit_code.hpp"
#include "repl/front_end.hpp"
#include "repl/session.hpp"
#include "support/utf8.hpp"

namespace qpl::cli {

int run_repl(const ReplOptions& options) {
  const auto today = resolve_as_of_moment(options.as_of);
  if (!today) return to_int(ExitCode::failure);
  auto policy = load_policy_or_report(options.policy);
  if (!policy) return to_int(ExitCode::failure);

  const bool interactive = isatty(STDIN_FILENO) != 0;
  repl::SessionOptions session_options;
  session_options.policy_path = options.policy;
  session_options.today = today->days;
  session_options.now = today->instant();
  session_options.timed = options.as_of && today->time;
  session_options.color = interactive && repl::color_wanted(isatty(STDOUT_FILENO) != 0);
  repl::Session session(std::move(policy), session_options);

  if (options.leads) {
    std::string response;
    if (!session.load_leads_file(*options.leads, response)) {
      if (!response.empty() && response.back() == '\n') response.pop_back();
      print_error(response);
      return to_int(ExitCode::failure);
    }
    // In the line protocol every response answers an input line: the load report stays quiet.
    if (interactive) std::fwrite(response.data(), 1, response.size(), stdout);
  }
  if (!interactive) return repl::run_lines(session, std::cin, std::cout);
  std::string banner = "qualify repl: " + sanitize_for_terminal(options.policy);
  if (const std::string title = policy_title(session.policy()); !title.empty())
    banner += " — " + sanitize_for_terminal(title);
  banner += " (:help lists the commands, Ctrl-D leaves)\n";
  std::fwrite(banner.data(), 1, banner.size(), stdout);
  return repl::run_terminal(session, repl::history_path());
}

}  // namespace qpl::cli
