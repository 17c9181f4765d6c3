#include "repl/front_end.hpp"

namespace qpl::repl {

int run_lines(Session& session, std::istream& in, std::ostream& out) {
  std::string line;
  while (!session.finished() && std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();  // CRLF scripts
    out << session.handle(line);
    out.flush();
  }
  return 0;
}

}  // namespace qpl::repl
