// The evaluation depth (max_evaluation_depth). The evaluator recurses one level per
// expression node and goes on into the expressions of each let, icp, score or check it reads.
// The checker counts its levels the same way: a definition checked on first use continues the
// count of the place that reads it, and a definition checked earlier adds the levels it
// recorded. So a policy is refused at the same depth whatever the order of its declarations,
// and the checker itself never recurses deeper than the limit.
#include <algorithm>

#include <fmt/format.h>

#include "sema/checker.hpp"
#include "model/eval_limits.hpp"

namespace qpl::sema {
namespace {

constexpr std::size_t limit = max_evaluation_depth;

}  // namespace

void Checker::report_too_deep(const Walk& walk) {
  const std::string what = walk.definition ? walk.what : std::string("this condition");
  auto& d = diags_.error(code::too_deep, walk.span,
                         fmt::format("{} is nested too deeply: evaluating it goes more than {} "
                                     "levels deep through its expressions and the definitions "
                                     "they read",
                                     what, limit));
  d.help = "shorten the chain of lets, or split a long expression into lets that do not read "
           "each other";
}

void Checker::begin_walk(std::string what, Span span, bool definition) {
  walks_.push_back(Walk{std::move(what), span, definition, level_, reach_});
  reach_ = level_;
}

std::uint32_t Checker::end_walk(std::size_t allowed, bool& refused) {
  Walk walk = std::move(walks_.back());
  walks_.pop_back();
  const std::size_t levels = reach_ - walk.base;
  refused = walk.cut || walk.reads_refused || levels > allowed;
  if (refused && !walk.cut && !walk.reads_refused) report_too_deep(walk);
  if (refused && !walks_.empty()) walks_.back().reads_refused = true;
  reach_ = std::max(walk.outer_reach, reach_);
  return static_cast<std::uint32_t>(std::min(levels, limit + 1));
}

bool Checker::enter_level() {
  if (level_ >= limit) {
    // Reached through a chain of definitions checked on first use: the outermost one is the
    // one to report (the inner ones may be fine when read from elsewhere).
    const auto first = std::find_if(walks_.begin(), walks_.end(),
                                    [](const Walk& w) { return w.definition; });
    if (first != walks_.end() && !first->cut) report_too_deep(*first);
    if (first == walks_.end() && !walks_.empty() && !walks_.front().cut)
      report_too_deep(walks_.front());
    for (auto& w : walks_) w.cut = true;
    return false;
  }
  ++level_;
  reach_ = std::max(reach_, level_);
  return true;
}

void Checker::reach_through(std::uint32_t levels, bool refused) {
  reach_ = std::max(reach_, level_ + levels);
  if (refused && !walks_.empty()) walks_.back().reads_refused = true;
}

void Checker::check_root(Expr& e, TypeKind kind, std::string_view role) {
  begin_walk({}, e.span, false);
  expect_type(e, kind, role);
  bool refused = false;
  end_walk(limit, refused);
}

}  // namespace qpl::sema
