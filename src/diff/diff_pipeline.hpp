#pragma once
// The `diff` loop: every record read once per policy (each binds it through its own `fields`
// block; once for both when the blocks are the same), both policies evaluated, the outcome counted in a DiffTally. The main thread frames
// records in batches; with jobs > 1, worker threads bind, evaluate and count them, each in its
// own tally, merged at the end (the counts do not depend on the order). At most a fixed number
// of batches are in flight, so memory stays flat.
#include <cstddef>
#include <cstdint>
#include <functional>

#include "diff/diff_tally.hpp"
#include "io/lead_reader.hpp"

namespace qpl::diff {

struct DiffSettings {
  std::int32_t today = 0;
  unsigned jobs = 1;
  std::size_t examples = 3;  // per changed cell
  // A policy with an `account` block: sets a copy of each record's `account` before that policy
  // evaluates it (each side's own table; safe from several threads).
  std::function<void(RecordValue&)> old_account, new_account;
};

// `old_input` and `new_input` read the same records, bound to the old and the new policy's
// schema; `new_input` null: the policies have the same schema (same_schema), and each record
// read by `old_input` is bound once for both. Throws InputError when an input fails or the two
// disagree on the records.
DiffTally run_diff_pipeline(const CheckedPolicy& old_policy, const CheckedPolicy& new_policy,
                            const DiffShape& shape, io::LeadReader& old_input, io::LeadReader* new_input,
                            const DiffSettings& settings);

}  // namespace qpl::diff
