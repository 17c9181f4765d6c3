#include "eval/trace.hpp"

#include <algorithm>

namespace qpl::eval {
namespace {

// Visits `node` and, below it, every child for which `descend(child)` holds; each node once
// (a memoized node can hang under several parents), without recursion.
template <typename Descend, typename Visit>
void walk(const Trace& trace, std::uint32_t node, Descend descend, Visit visit) {
  std::vector<bool> seen(trace.nodes.size(), false);
  std::vector<std::uint32_t> stack{node};
  std::vector<std::uint32_t> order;
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

}  // namespace

std::vector<std::string> missing_fields(const Trace& trace, std::uint32_t node) {
  std::vector<std::string> names;
  if (node >= trace.nodes.size() || !trace.nodes[node].value.is_unknown()) return names;
  walk(
      trace, node, [](const TraceNode& n) { return n.value.is_unknown(); },
      [&](const TraceNode& n) {
        for (const auto& r : n.reads)
          if (r.value.is_unknown() && std::find(names.begin(), names.end(), r.name) == names.end())
            names.push_back(r.name);
      });
  return names;
}

std::vector<Fault> unknown_faults(const Trace& trace, std::uint32_t node) {
  std::vector<Fault> faults;
  if (node >= trace.nodes.size() || !trace.nodes[node].value.is_unknown()) return faults;
  walk(
      trace, node, [](const TraceNode& n) { return n.value.is_unknown(); },
      [&](const TraceNode& n) {
        for (const auto f : n.faults)
          if (std::find(faults.begin(), faults.end(), f) == faults.end()) faults.push_back(f);
      });
  return faults;
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
