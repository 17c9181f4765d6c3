#pragma once

namespace qpl::cli {

// Parses the command line, runs one verb and returns the process exit status.
int run(int argc, char** argv);

}  // namespace qpl::cli
