#include "eval/trace.hpp"

#include <algorithm>

namespace qpl::eval {
namespace {

// Visits `node` and, below it, every child for which `descend(child)` holds; each node once
// (a memoized node can hang under several parents), without recursion. `seen` and `stack` are
// the caller's buffers.
template <typename Descend, typename Visit>
void walk(const Trace& trace, std::uint32_t node, std::vector<bool>& seen,
          std::vector<std::uint32_t>& stack, Descend descend, Visit visit) {
  seen.assign(trace.nodes.size(), false);
  stack.assign(1, node);
  // Depth-first, children in order: push them reversed.
  while (!stack.empty()) {
    const auto id = stack.back();
    stack.pop_back();
    if (id >= trace.nodes.size() || seen[id]) continue;
    seen[id] = true;
    visit(trace.nodes[id]);
    const auto& children = trace.nodes[id].children;
    for (auto it = children.rbegin(); it != children.rend(); ++it)
      if (descend(trace.nodes[*it])) stack.push_back(*it);
  }
}

template <typename Descend, typename Visit>
void walk(const Trace& trace, std::uint32_t node, Descend descend, Visit visit) {
  std::vector<bool> seen;
  std::vector<std::uint32_t> stack;
  walk(trace, node, seen, stack, descend, visit);
}

}  // namespace

void Trace::reset_keeping_nodes() {
  // Field by field rather than `*this = Trace{}` and moving the vectors back: that cost a
  // lead's explanation some hundred instructions. A member added to Trace must be reset here.
  level = ExplainLevel::compact;
  today = 0;
  chosen_line = -1;
  lines.clear();
  recycles.clear();
  recycle_line = -1;
  held_rank = -1;
  others.clear();
  sla.reset();
  made_names.clear();
}

void UnknownCauses::find(const Trace& trace, std::uint32_t node) {
  missing_.clear();
  faults_.clear();
  if (node >= trace.nodes.size() || !trace.nodes[node].value.is_unknown()) return;
  walk(
      trace, node, seen_, stack_, [](const TraceNode& n) { return n.value.is_unknown(); },
      [&](const TraceNode& n) {
        for (const auto& r : n.reads)
          if (r.value->is_unknown() &&
              std::none_of(missing_.begin(), missing_.end(),
                           [&](std::string_view name) { return name == r.name; }))
            missing_.push_back(r.name);
        for (const auto f : n.faults)
          if (std::find(faults_.begin(), faults_.end(), f) == faults_.end()) faults_.push_back(f);
      });
}

std::vector<TraceRead> reads_below(const Trace& trace, std::uint32_t node) {
  std::vector<TraceRead> reads;
  if (node >= trace.nodes.size()) return reads;
  walk(
      trace, node, [](const TraceNode&) { return true; },
      [&](const TraceNode& n) {
        for (const auto& r : n.reads) {
          const bool known = std::any_of(reads.begin(), reads.end(),
                                         [&](const TraceRead& x) { return x.name == r.name; });
          if (!known) reads.push_back(r);
        }
      });
  return reads;
}

const char* fault_text(Fault f) {
  switch (f) {
    case Fault::missing: return "missing value";
    case Fault::division_by_zero: return "division by zero";
    case Fault::non_finite: return "number too large";
    case Fault::date_out_of_range: return "date outside years 1 to 9999";
    case Fault::no_domain: return "e-mail address without a domain";
    case Fault::unknown_operand: return "unknown operand";
    case Fault::no_element: return "no element to aggregate";
  }
  return "unknown";
}

}  // namespace qpl::eval
