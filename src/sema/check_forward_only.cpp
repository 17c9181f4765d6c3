// A forward-only funnel's `order` line and `recycle to` lines (docs/language.md, "Forward-only
// funnels"): QPL307 and QPL308, and the recycle conditions' types; the funnel's `sla` lines
// (docs/language.md, "SLAs"): QPL309 and QPL315.
#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "model/memory.hpp"
#include "sema/checker.hpp"
#include "support/suggest.hpp"

namespace qpl::sema {

void Checker::check_forward_only() {
  const FunnelDecl& funnel = *p_.funnel;
  std::vector<std::string> stages;
  for (const FunnelLine& line : funnel.lines)
    if (std::find(stages.begin(), stages.end(), line.stage) == stages.end()) stages.push_back(line.stage);
  const auto unknown_stage = [&](Span span, const std::string& stage, const char* code,
                                 std::string_view where) {
    auto& d = diags_.error(code, span, fmt::format("{} names the stage '{}', which no line of the funnel gives",
                                                   where, stage));
    if (auto s = suggest_(stage, stages)) d.message += fmt::format(" (did you mean '{}'?)", *s);
    d.help = "name a stage that a line of the funnel gives, such as 'mql when ...'";
  };
  const auto funnel_span = [&] {
    for (const auto& m : p_.modules)
      for (const auto& decl : m.decls)
        if (std::get_if<FunnelDecl>(&decl.kind) == p_.funnel) return decl.span;
    return Span{};
  };

  if (!funnel.forward_only) {
    for (const FunnelOrder& order : funnel.orders) {
      auto& d = diags_.error(code::funnel_order, order.span,
                             "an 'order' line in a funnel that is not forward-only");
      d.help = "write 'funnel forward-only {' to keep leads from moving back, or remove the line";
    }
    for (const RecycleLine& line : funnel.recycles) {
      auto& d = diags_.error(code::funnel_order, line.span,
                             "a 'recycle to' line in a funnel that is not forward-only");
      d.help = "write 'funnel forward-only {' with an 'order' line, or remove the line";
    }
  } else if (previous_slot(p_.schema.lead) < 0) {
    // The policy's own `previous` hides the memory the funnel compares each lead with.
    auto& d = diags_.error(code::funnel_order, funnel_span(),
                           "a forward-only funnel compares each lead with its previous stage, but the "
                           "policy declares the name 'previous' itself");
    d.help = "rename the policy's own 'previous'";
  }
  if (funnel.forward_only && funnel.orders.empty()) {
    auto& d = diags_.error(code::funnel_order, funnel_span(),
                           "a forward-only funnel needs an 'order' line: which stages come before which");
    d.help = stages.size() >= 2 ? fmt::format("add a line such as 'order {} < {}'", stages[stages.size() - 1],
                                              stages[stages.size() - 2])
                                : "add a line such as 'order lead < mql < sql'";
  }
  for (std::size_t i = 0; i < funnel.orders.size(); ++i) {
    const FunnelOrder& order = funnel.orders[i];
    if (i > 0) {
      auto& d = diags_.error(code::funnel_order, order.span, "the funnel has a second 'order' line");
      d.notes.push_back({funnel.orders.front().span, "the first 'order' line"});
      continue;
    }
    for (std::size_t s = 0; s < order.stages.size(); ++s) {
      const std::string& stage = order.stages[s];
      if (std::find(stages.begin(), stages.end(), stage) == stages.end()) {
        unknown_stage(order.stage_spans[s], stage, code::funnel_order, "the order");
        continue;
      }
      const auto first = std::find(order.stages.begin(), order.stages.begin() + static_cast<long>(s), stage);
      if (first != order.stages.begin() + static_cast<long>(s)) {
        auto& d = diags_.error(code::funnel_order, order.stage_spans[s],
                               fmt::format("the stage '{}' is twice in the order", stage));
        d.notes.push_back({order.stage_spans[static_cast<std::size_t>(first - order.stages.begin())],
                           "its first place"});
        d.help = "each stage has one place in the order";
      }
    }
  }
  for (const RecycleLine& line : funnel.recycles) {
    if (std::find(stages.begin(), stages.end(), line.stage) == stages.end())
      unknown_stage(line.stage_span, line.stage, code::recycle_stage, "'recycle to'");
    check_root(*line.condition, TypeKind::boolean, "a recycle condition");
  }
}

void Checker::check_slas() {
  const FunnelDecl& funnel = *p_.funnel;
  std::vector<std::string> stages;
  for (const FunnelLine& line : funnel.lines)
    if (std::find(stages.begin(), stages.end(), line.stage) == stages.end()) stages.push_back(line.stage);
  if (!funnel.slas.empty() && previous_slot(p_.schema.lead) < 0) {
    auto& d = diags_.error(code::sla_stage, funnel.slas.front().span,
                           "an sla counts from the day a lead entered its stage, which the lead's "
                           "memory 'previous' keeps, but the policy declares the name 'previous' itself");
    d.help = "rename the policy's own 'previous'";
  }
  for (std::size_t i = 0; i < funnel.slas.size(); ++i) {
    const FunnelSla& sla = funnel.slas[i];
    if (std::find(stages.begin(), stages.end(), sla.stage) == stages.end()) {
      auto& d = diags_.error(code::sla_stage, sla.stage_span,
                             fmt::format("the sla names the stage '{}', which no line of the funnel gives", sla.stage));
      if (auto s = suggest_(sla.stage, stages)) d.message += fmt::format(" (did you mean '{}'?)", *s);
      d.help = "name a stage that a line of the funnel gives, such as 'sla mql within 2 days'";
    } else if (const FunnelSla* first = funnel.sla(sla.stage); first != &sla) {
      auto& d = diags_.error(code::sla_stage, sla.stage_span,
                             fmt::format("the stage '{}' has a second sla", sla.stage));
      d.notes.push_back({first->span, "its first sla"});
      d.help = "keep one 'sla' line a stage";
    }
    if (sla.months != 0) {
      auto& d = diags_.error(code::sla_duration, sla.within_span,
                             fmt::format("an sla of '{}': a month has no fixed length", sla.within));
      d.help = fmt::format("count it in days or weeks, such as 'sla {} within {} days'", sla.stage, sla.months * 30);
    } else if (sla.in_hours && sla.hours == 0) {
      auto& d = diags_.error(code::sla_duration, sla.within_span,
                             fmt::format("an sla of '{}': every lead would be overdue the hour it enters the stage",
                                         sla.within));
      d.help = "give the stage at least '1 hour'";
    } else if (!sla.in_hours && sla.days == 0) {
      auto& d = diags_.error(code::sla_duration, sla.within_span,
                             fmt::format("an sla of '{}': every lead would be overdue the day it enters the stage",
                                         sla.within));
      d.help = "give the stage at least '1 day'";
    }
  }
}

}  // namespace qpl::sema
