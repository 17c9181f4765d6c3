#include "diff/move_rules.hpp"

namespace qpl::diff {

bool listed_move_happened(const std::vector<MoveRule>& rules, const DiffShape& shape,
                          const DiffTally& tally) {
  for (std::size_t from = 0; from < shape.old_stages.size(); ++from) {
    for (std::size_t to = 0; to < shape.new_stages.size(); ++to) {
      if (tally.cells[shape.cell(from, to)] == 0 || shape.same_stage(from, to)) continue;
      for (const MoveRule& rule : rules) {
        const bool from_matches = rule.from == "*" || rule.from == shape.old_stages[from];
        const bool to_matches = rule.to == "*" || rule.to == shape.new_stages[to];
        if (from_matches && to_matches) return true;
      }
    }
  }
  return false;
}

}  // namespace qpl::diff
