#pragma once
// What `qualify diff` counts while it streams: the stage transition matrix, score sketches,
// icp and check result moves, and the first examples of every changed cell. One tally per
// thread, merged at the end; the leads themselves are not kept.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "diff/score_sketch.hpp"
#include "eval/evaluator.hpp"
#include "present/rule_diff.hpp"
#include "model/policy.hpp"

namespace qpl::diff {

// How the two policies line up: their stages, and their scores, icps and checks by name.
struct DiffShape {
  // Stage names in funnel order (a stage given by several lines once), then "none" (no line
  // true) and "unreadable" (the policy cannot read the record); "(none)", "(unreadable)" when
  // the policy has a stage of that name.
  std::vector<std::string> old_stages, new_stages;
  std::vector<std::size_t> old_stage_of_line, new_stage_of_line;  // funnel line -> stage index

  struct Pair {
    std::string name;
    std::string kind;    // "score", "icp", "check"
    int old_index = -1;  // in CheckedPolicy::scores / icps / checks; -1: not in that policy
    int new_index = -1;
  };
  std::vector<Pair> scores;   // old order, then the new policy's own
  std::vector<Pair> results;  // icps then checks, the same way

  static DiffShape of(const CheckedPolicy& old_policy, const CheckedPolicy& new_policy);

  std::size_t none_old() const { return old_stages.size() - 2; }
  std::size_t unreadable_old() const { return old_stages.size() - 1; }
  std::size_t none_new() const { return new_stages.size() - 2; }
  std::size_t unreadable_new() const { return new_stages.size() - 1; }
  std::size_t cell(std::size_t from, std::size_t to) const { return from * new_stages.size() + to; }
  bool same_stage(std::size_t from, std::size_t to) const {
    return old_stages[from] == new_stages[to];
  }
};

// A lead that moved, and why.
struct DiffExample {
  std::uint64_t record = 0;
  std::string id;        // as text ("L-3", "660737"); the record number without an id field
  std::string id_json;   // as JSON ("\"L-3\"", 660737, null)
  std::string old_error, new_error;  // why a policy could not read the record
  present::RuleDiff why;             // when both could
};

// Results of an icp or a check: true, false, unknown.
enum class Tristate : std::uint8_t { yes, no, unknown };
Tristate tristate(const Value& v);
const char* tristate_name(Tristate t);  // "true", "false", "unknown"

struct DiffTally {
  explicit DiffTally(const DiffShape& shape);

  std::uint64_t records = 0;
  std::vector<std::uint64_t> cells;               // DiffShape::cell(from, to)
  std::vector<std::vector<DiffExample>> examples;  // by cell: the lowest record numbers, sorted
  struct ScoreStats {
    ScoreSketch old_values, new_values;  // over the leads both policies read
    std::uint64_t changed = 0;
  };
  std::vector<ScoreStats> scores;                    // by DiffShape::scores
  std::vector<std::array<std::uint64_t, 9>> results;  // by DiffShape::results: old * 3 + new

  // Whether an example at `record` would be kept in `cell` (it is among the first `limit`).
  bool wants_example(std::size_t cell, std::uint64_t record, std::size_t limit) const;
  void add_example(std::size_t cell, DiffExample example, std::size_t limit);
  void merge(DiffTally&& other, std::size_t limit);
};

}  // namespace qpl::diff
