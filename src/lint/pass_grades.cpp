// Grades and bands that cannot give a label: a grade line after a line that is always true, or
// with the condition of an earlier line (QPL460); a band that the number's static range never
// reaches, as a score's `from LO to HI` bounds it (QPL461).
#include <limits>
#include <unordered_map>

#include <fmt/format.h>

#include "lint/codes.hpp"
#include "lint/passes.hpp"
#include "model/ast_equal.hpp"
#include "support/number_format.hpp"

namespace qpl::lint {

namespace {

void check_grade_lines(LintContext& ctx, const GradeDecl& grade) {
  const GradeLine* always = nullptr;
  std::unordered_multimap<std::size_t, const GradeLine*> seen;  // by condition hash
  for (const GradeLine& line : grade.lines) {
    if (line.otherwise) break;  // the checker refuses lines after it
    if (always) {
      auto& d = ctx.out.warning(code::grade_line_unreachable, line.span,
                                fmt::format("grade '{}': the line \"{}\" never decides: an earlier "
                                            "line is always true", grade.name, line.label));
      d.notes.push_back({always->span, "this line decides for every lead that gets this far"});
      d.help = "move this line above it, or narrow the earlier line's condition";
      continue;
    }
    if (!line.condition) continue;
    const std::size_t h = expr_hash(*line.condition);
    auto [from, to] = seen.equal_range(h);
    bool repeated = false;
    for (auto it = from; it != to && !repeated; ++it) {
      if (!same_expr(*it->second->condition, *line.condition, NameMatch::as_resolved)) continue;
      auto& d = ctx.out.warning(code::grade_line_unreachable, line.span,
                                fmt::format("grade '{}': the line \"{}\" never decides: an earlier "
                                            "line has the same condition", grade.name, line.label));
      d.notes.push_back({it->second->span, "the earlier line with this condition"});
      d.help = "remove this line, or give it the condition it was meant to have";
      repeated = true;
    }
    seen.emplace(h, &line);
    if (!repeated && always_true(ctx.facts.truth(*line.condition))) always = &line;
  }
}

// Band i holds [bound of band i-1, bound of band i): unreachable when that range and the number's
// static range do not meet.
void check_band_ranges(LintContext& ctx, const GradeDecl& bands) {
  const Interval range = ctx.facts.range(*bands.of);
  if (!range.bounded_above() && !range.bounded_below()) return;
  double low = -std::numeric_limits<double>::infinity();
  for (const GradeLine& line : bands.lines) {
    const double high = line.below ? *line.below : std::numeric_limits<double>::infinity();
    const bool empty = range.high < low || range.low >= high;
    if (empty) {
      auto& d = ctx.out.warning(
          code::band_unreachable, line.span,
          fmt::format("bands '{}': no value of '{}' can be in the band \"{}\": it is always "
                      "between {} and {}", bands.name, range.score ? range.score->name : "the number",
                      line.label, format_number(range.low), format_number(range.high)));
      if (range.score) d.notes.push_back({range.score->decl->range_span, "the score's range"});
      d.help = "move the bound, or remove the band";
    }
    low = high;
  }
}

}  // namespace

void check_grades(LintContext& ctx) {
  for (const GradeInfo& grade : ctx.policy.grades) {
    if (grade.decl->bands()) check_band_ranges(ctx, *grade.decl);
    else check_grade_lines(ctx, *grade.decl);
  }
}

}  // namespace qpl::lint
