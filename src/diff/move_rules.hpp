#pragma once
// The stage moves listed by `diff --fail-on 'mql->disqualified,sql->*'`: the moves that fail a CI job.
#include <string>
#include <vector>

#include "diff/diff_tally.hpp"

namespace qpl::diff {

struct MoveRule {
  std::string from, to;  // a stage name, "none", "unreadable" or "*"
};

// Whether the lead moves counted by `tally` include one the rules list. `*` matches any stage
// other than the one on the other side, so a lead that keeps its stage never fails the run.
bool listed_move_happened(const std::vector<MoveRule>& rules, const DiffShape& shape,
                          const DiffTally& tally);

}  // namespace qpl::diff
