#include "eval/trace_builder.hpp"

#include <algorithm>

namespace qpl::eval {

TraceBuilder::TraceBuilder(ExplainLevel level, Lines lines)
    : level_(level == ExplainLevel::none ? ExplainLevel::compact : level), lines_(lines) {
  // Room for the usual nesting at once, rather than growing to it by reallocations.
  open_nodes_.reserve(16);
}

void TraceBuilder::begin_lead(std::int32_t today) {
  if (recycled_) {
    // A new trace in the old one's buffers: its vectors are cleared, not freed.
    trace_ = std::move(recycled_);
    trace_->reset_keeping_nodes();
  } else {
    trace_ = std::make_unique<Trace>();
  }
  used_ = 0;
  trace_->level = level_;
  trace_->today = today;
  open_nodes_.clear();
}

std::unique_ptr<Trace> TraceBuilder::take() {
  if (!trace_) return nullptr;
  // open() leaves a recycled node's value for close() to replace: one never closed has none.
  for (const auto id : open_nodes_) trace_->nodes[id].value = Value();
  trace_->nodes.resize(used_);
  return std::move(trace_);
}

std::uint32_t TraceBuilder::open(TraceKind kind, std::uint32_t index, const Expr* expr,
                                 Span span) {
  const std::uint32_t id = used_++;
  if (id == trace_->nodes.size()) trace_->nodes.emplace_back();
  TraceNode& node = trace_->nodes[id];  // new, or recycled: cleared, its vectors' buffers kept
  node.points = 0;
  node.exclude = false;
  node.reads.clear();
  node.faults.clear();
  node.failed.clear();
  node.children.clear();
  node.decayed.clear();
  node.kind = kind;
  node.index = index;
  node.expr = expr;
  node.span = span;
  if (kind == TraceKind::funnel_line) trace_->lines.push_back(id);
  if (kind == TraceKind::recycle_line) trace_->recycles.push_back(id);
  // A new node is no one's child yet: no need to look for it among the parent's children.
  if (!open_nodes_.empty()) trace_->nodes[open_nodes_.back()].children.push_back(id);
  open_nodes_.push_back(id);
  return id;
}

void TraceBuilder::close(std::uint32_t node, const Value& value) {
  trace_->nodes[node].value = value;
  open_nodes_.pop_back();
}

void TraceBuilder::again(std::uint32_t node) { attach(node); }

void TraceBuilder::next_outside_funnel() {
  trace_->others.push_back(used_);
}

void TraceBuilder::attach(std::uint32_t child) {
  if (open_nodes_.empty()) return;
  auto& children = trace_->nodes[open_nodes_.back()].children;
  if (std::find(children.begin(), children.end(), child) == children.end())
    children.push_back(child);
}

TraceNode* TraceBuilder::rule_node() {
  for (auto it = open_nodes_.rbegin(); it != open_nodes_.rend(); ++it)
    if (trace_->nodes[*it].kind != TraceKind::expr) return &trace_->nodes[*it];
  return nullptr;
}

void TraceBuilder::read(std::string_view field, TypeRef type, const Value& value) {
  TraceNode* node = rule_node();
  if (!node) return;
  for (const auto& r : node->reads)
    if (r.name == field) return;
  if (type == nullptr) field = *trace_->made_names.emplace_back(std::make_unique<std::string>(field));
  // Filled in place, no temporary to copy and destroy (member by member: clang 14 has no
  // parenthesized aggregate initialization for emplace_back).
  TraceRead& read = node->reads.emplace_back();
  read.name = field;
  read.value = &value;
  read.type = type;
}

void TraceBuilder::fault(Fault fault) {
  TraceNode* node = rule_node();
  if (node && std::find(node->faults.begin(), node->faults.end(), fault) == node->faults.end())
    node->faults.push_back(fault);
}

void TraceBuilder::comparison_failed(const Expr& binary, const Value& lhs, const Value& rhs,
                                     const Value& result) {
  TraceNode* node = rule_node();
  if (!node) return;
  node->failed.emplace_back(binary, lhs, rhs, result);
}

void TraceBuilder::exclude_clause(std::uint32_t node) { trace_->nodes[node].exclude = true; }

void TraceBuilder::rule_points(std::uint32_t node, const Value&, double added) {
  trace_->nodes[node].points = added;
}

void TraceBuilder::decayed(std::uint32_t node, const TraceDecayed& element) {
  trace_->nodes[node].decayed.push_back(element);
}

void TraceBuilder::funnel_decided(int line) { trace_->chosen_line = line; }

void TraceBuilder::backward_move(int recycle_line, int held_rank) {
  trace_->recycle_line = recycle_line;
  trace_->held_rank = held_rank;
}

}  // namespace qpl::eval
