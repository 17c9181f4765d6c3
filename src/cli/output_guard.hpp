#pragma once
// `eval --output FILE` truncates FILE before the first record is read: refuse a FILE that is one
// of the inputs, the policy, a file it imports or a table its tests read, whatever the name it
// is given by (a symbolic link, a hard link, another relative path).
#include <string>
#include <vector>

#include "stream/input_chain.hpp"
#include "qualify/qualify.hpp"

namespace qpl::cli {

// True (after printing why) when writing `output` would destroy a file the run depends on.
// `files` are the compiled policy's (Policy::files()): its own, its imports, its test tables.
bool output_would_destroy_a_source(const std::string& output, const std::vector<stream::InputSpec>& inputs,
                                   const std::string& policy_path,
                                   const std::vector<qualify::SourceFile>& files);

}  // namespace qpl::cli
