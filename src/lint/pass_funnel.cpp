// The funnel's reachability: a line after one that is always true (QPL410), a line with the
// same condition as an earlier one (QPL411), a stage that no line can give (QPL412), and a line
// whose condition implies an earlier line's (QPL413).
#include <map>
#include <unordered_map>

#include <fmt/format.h>

#include "lint/codes.hpp"
#include "model/ast_equal.hpp"
#include "lint/implies.hpp"
#include "lint/passes.hpp"

namespace qpl::lint {

namespace {

// QPL413: an earlier line is true whenever this one is, so this one never gives its stage.
bool report_implied_line(LintContext& ctx, const std::vector<FunnelLine>& lines, const FunnelLine& line) {
  if (never_true(ctx.facts.truth(*line.condition))) return false;  // QPL422 says it better
  for (const auto& earlier : lines) {
    if (&earlier == &line) break;
    if (!earlier.condition || !implies(ctx.policy, *line.condition, *earlier.condition)) continue;
    auto& d = ctx.out.warning(code::funnel_line_implied, line.span,
                              fmt::format("this '{}' line is never reached: whenever its condition "
                                          "is true, the earlier '{}' line's condition is true too",
                                          line.stage, earlier.stage));
    d.notes.push_back({earlier.span, fmt::format("this '{}' line takes every lead that this "
                                                 "'{}' line would", earlier.stage, line.stage)});
    d.help = "move this line above the earlier one, or narrow the earlier line's condition";
    return true;
  }
  return false;
}

}  // namespace

void check_funnel(LintContext& ctx) {
  const FunnelDecl* funnel = ctx.policy.funnel;
  if (!funnel) return;
  const auto& lines = funnel->lines;
  const FunnelLine* always = nullptr;
  std::unordered_multimap<std::size_t, const FunnelLine*> seen;  // by condition hash
  std::map<std::string, bool> can_give;                           // stage -> some line may fire
  std::map<std::string, const FunnelLine*> first_line;
  for (const auto& line : lines) {
    first_line.try_emplace(line.stage, &line);
    bool reachable = true;
    if (always) {
      auto& d = ctx.out.warning(code::funnel_line_shadowed, line.span,
                                fmt::format("this '{}' line is never reached: an earlier line is "
                                            "always true", line.stage));
      d.notes.push_back({always->span, "this line takes every lead that gets this far"});
      d.help = "move this line above it, or narrow the earlier line's condition";
      reachable = false;
    } else if (line.condition) {
      const std::size_t h = expr_hash(*line.condition);
      auto [from, to] = seen.equal_range(h);
      for (auto it = from; it != to; ++it) {
        if (!same_expr(*it->second->condition, *line.condition, NameMatch::as_resolved)) continue;
        auto& d = ctx.out.warning(code::funnel_line_repeated, line.span,
                                  fmt::format("this '{}' line is never reached: an earlier line "
                                              "has the same condition", line.stage));
        d.notes.push_back({it->second->span, "the earlier line with this condition"});
        d.help = "remove this line, or give it the condition it was meant to have";
        reachable = false;
        break;
      }
      seen.emplace(h, &line);
      if (reachable) reachable = !report_implied_line(ctx, lines, line);
    }
    bool fires = reachable;
    if (line.condition) {
      const TruthSet t = ctx.facts.truth(*line.condition);
      if (never_true(t)) fires = false;
      if (reachable && always_true(t) && !always) always = &line;
    } else if (reachable && !always) {
      always = &line;  // `otherwise`
    }
    can_give[line.stage] = can_give[line.stage] || fires;
  }
  for (const auto& [stage, fires] : can_give) {
    if (fires) continue;
    const FunnelLine* line = first_line[stage];
    auto& d = ctx.out.warning(code::funnel_stage_unreachable, line->stage_span,
                              fmt::format("no lead can get the stage '{}': every line that gives "
                                          "it is never reached or never true", stage));
    d.help = "see the warnings on its lines";
  }
}

}  // namespace qpl::lint
