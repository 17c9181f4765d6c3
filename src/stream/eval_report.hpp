#pragma once
// What `eval` tells people on stderr: a progress line on a terminal, the --summary table.
#include <chrono>
#include <string>
#include <vector>

#include "stream/eval_pipeline.hpp"

namespace qpl::stream {

// "N records" on stderr, rewritten in place at most every half second, only when stderr is a
// terminal; nothing at all otherwise.
class ProgressLine {
 public:
  ProgressLine();
  ~ProgressLine();
  bool enabled() const { return enabled_; }
  void update(std::uint64_t records, std::uint64_t errors);
  void clear();

 private:
  bool enabled_ = false;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

// The count and share of each stage (funnel order, lines of one stage added up), records
// without a stage, and error records; then `notes` (what was said about the inputs).
std::string summary_text(const CheckedPolicy& policy, const EvalStats& stats,
                         const std::vector<std::string>& notes = {});

}  // namespace qpl::stream
