#pragma once
// A value a reader could not read and, as its field allows (`unreadable missing`), read as
// missing instead of failing the record. eval counts and reports them: never silent.
#include <string>
#include <vector>

namespace qpl::io {

struct ReadNote {
  std::string field;    // its path: "budget", "events[2].day"
  std::string message;  // the error it would have been: "budget: expected a number, got \"soon\""
};

using ReadNotes = std::vector<ReadNote>;

}  // namespace qpl::io
