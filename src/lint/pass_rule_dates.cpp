// QPL450, QPL451: score rules whose `from ... until ...` window never opens or has closed.
#include <fmt/format.h>

#include "lint/codes.hpp"
#include "lint/passes.hpp"
#include "support/date.hpp"

namespace qpl::lint {

void check_rule_dates(LintContext& ctx) {
  for (const auto& score : ctx.policy.scores)
    for (const auto& rule : score.decl->rules) {
      if (!rule.in_force_until) continue;
      const std::int32_t until = *rule.in_force_until;
      if (rule.in_force_from && *rule.in_force_from > until) {
        auto& d = ctx.out.warning(
            code::rule_window_never_opens, rule.window_span,
            fmt::format("this rule of score '{}' never counts: it starts on {}, after it ends on {}",
                        score.name, format_date(*rule.in_force_from), format_date(until)));
        d.help = "swap the dates, or correct the one that is wrong";
      } else if (until < ctx.today) {
        auto& d = ctx.out.warning(
            code::rule_expired, rule.window_span,
            fmt::format("this rule of score '{}' stopped counting on {} (today is {})", score.name,
                        format_date(until), format_date(ctx.today)));
        d.help = "remove the rule, or move its 'until' date if the campaign goes on";
      }
    }
}

}  // namespace qpl::lint
