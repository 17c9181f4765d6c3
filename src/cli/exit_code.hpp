#pragma once

namespace qpl::cli {

enum class ExitCode : int {
  ok = 0,             // all evaluated, lint clean, tests passed
  record_errors = 1,  // some records were in error, lint errors, test failures
  failure = 2,        // usage, I/O or policy errors
};

inline int to_int(ExitCode c) { return static_cast<int>(c); }

}  // namespace qpl::cli
