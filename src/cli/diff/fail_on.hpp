#pragma once
// `diff --fail-on 'mql->disqualified,sql->*'`: the stage moves that fail a CI job.
#include <optional>
#include <string>
#include <vector>

#include "cli/diff/diff_tally.hpp"

namespace qpl::cli {

struct MoveRule {
  std::string from, to;  // a stage name, "none", "unreadable" or "*"
};

// Parses and checks the list against the stages of both policies; nullopt after printing an
// error (a malformed pair, an unknown stage with a "did you mean").
std::optional<std::vector<MoveRule>> parse_fail_on(const std::string& text, const DiffShape& shape);

// Whether the lead moves counted by `tally` include one the rules list. `*` matches any stage
// other than the one on the other side, so a lead that keeps its stage never fails the run.
bool listed_move_happened(const std::vector<MoveRule>& rules, const DiffShape& shape,
                          const DiffTally& tally);

}  // namespace qpl::cli
