#pragma once
// The `diff` report in its three forms: text for a terminal, markdown for a pull-request
// comment, JSON for tools (docs/commands.md describes each).
#include <cstdint>
#include <string>
#include <vector>

#include "diff/diff_tally.hpp"
#include "diff/move_rules.hpp"

namespace qpl::diff {

struct DiffReport {
  std::string old_name, new_name;    // as given: "policies/acme.qpl@main"
  std::string old_title, new_title;  // policy headers, may be empty
  std::string as_of;                 // YYYY-MM-DD
  const DiffShape& shape;
  const DiffTally& tally;
  std::vector<MoveRule> fail_on;
  bool failed = false;               // a --fail-on move happened
};

std::string diff_text(const DiffReport& report);
std::string diff_markdown(const DiffReport& report);
std::string diff_json(const DiffReport& report);

// Shared by the three forms.
namespace diff_detail {

struct Move {
  std::size_t from = 0, to = 0;  // stage indexes
  std::uint64_t count = 0;
};
// The cells off the diagonal with leads, most leads first (ties: old then new funnel order).
std::vector<Move> moves(const DiffReport& report);
std::uint64_t changed(const DiffReport& report);
// Leads at `stage` under the new policy minus under the old, for every stage of either policy
// (old order, then the new policy's own), "none" and "unreadable" only when not zero.
std::vector<std::pair<std::string, std::int64_t>> net_change(const DiffReport& report);
// "12 of 9,240 leads change stage: mql -> lead 8, sql -> mql 4"
std::string summary_line(const DiffReport& report, const char* arrow);
// Rows and columns worth showing: every real stage, "none"/"unreadable" only with leads.
std::vector<std::size_t> shown_rows(const DiffReport& report);
std::vector<std::size_t> shown_columns(const DiffReport& report);
std::uint64_t unreadable_old(const DiffReport& report);
// "6 records the old policy cannot read, 25 the new one"; empty when both read everything.
std::string unreadable_line(const DiffReport& report);
std::uint64_t unreadable_new(const DiffReport& report);
std::string with_commas(std::uint64_t n);
std::string signed_count(std::int64_t n);  // "+4", "-6", "0"
std::string number_text(double value);     // 42.5, rounded to 2 decimals for people

}  // namespace diff_detail
}  // namespace qpl::diff
