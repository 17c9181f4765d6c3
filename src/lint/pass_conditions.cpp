// Warnings found expression by expression: constant conditions (QPL420-423), a `where` element
// field hiding a lead field (QPL432), division by a literal zero (QPL440), an optional field
// read where unknown silently fails (QPL500), a `matches` without pattern syntax (QPL501).
#include <map>
#include <set>
#include <string_view>

#include <fmt/format.h>

#include "lint/codes.hpp"
#include "lint/passes.hpp"
#include "model/types.hpp"

namespace qpl::lint {
namespace {

// Expressions nested deeper are not inspected (the parser refuses far less deep ones).
constexpr int max_depth = 300;

bool reportable(const Expr& e) {
  switch (e.kind_case()) {
    case ExprKindCase::binary:
    case ExprKindCase::in:
    case ExprKindCase::between:
    case ExprKindCase::is_missing:
    case ExprKindCase::group_test:
      return e.type && e.type->kind == TypeKind::boolean;
    default:
      return false;  // literals say what they mean; names are reported where defined
  }
}

bool is_zero_literal(const Expr& e) {
  if (const auto* n = std::get_if<NumberLit>(&e.kind)) return n->value == 0;
  if (const auto* u = std::get_if<Unary>(&e.kind); u && u->op == UnaryOp::negate)
    return is_zero_literal(*u->operand);
  return false;
}

bool plain_pattern(std::string_view pattern) {
  if (pattern.empty()) return false;
  return pattern.find_first_of("\\.^$|?*+()[]{}") == std::string_view::npos;
}

class ConditionWalker {
 public:
  explicit ConditionWalker(LintContext& ctx) : ctx_(ctx), p_(ctx.policy) {}

  void root(const Expr& e, RootKind kind) {
    // A condition reported as never (or always) true needs that fixed first; "may be missing,
    // and then unknown" would contradict it (`x between 5 and 3` is false for a missing x too).
    const bool constant = visit(e, 0);
    if (constant) return;
    // Not on gates checks: an unknown check is how a policy says "not asked yet" (the SDR has
    // not called), and `at least K of` is built to wait for it; on an icp it is rarely meant.
    if (kind == RootKind::icp_require || kind == RootKind::icp_exclude) unhandled_missing(e);
  }

 private:
  // Returns whether something at or under `e` was reported as constant, so that an enclosing
  // expression that is constant only because of it is not reported again.
  bool visit(const Expr& e, int depth) {
    if (depth > max_depth) return true;
    bool reported = false;
    if (const auto* q = std::get_if<ListQuery>(&e.kind); q && (q->where || q->project)) {
      reported = visit(*q->list, depth + 1);
      ctx_.facts.enter_where(ctx_.facts.element_record(*q));
      scopes_.push_back(ctx_.facts.element_record(*q));
      if (q->where) reported = visit(*q->where, depth + 1) || reported;
      if (q->project) reported = visit(*q->project, depth + 1) || reported;
      scopes_.pop_back();
      ctx_.facts.leave_where();
    } else {
      for_each_child(e, [&](const Expr& c) { reported = visit(c, depth + 1) || reported; });
    }
    local_checks(e);
    if (reported || !reportable(e)) return reported;
    const TruthSet t = ctx_.facts.truth(e);
    const bool never = never_true(t);
    if (!never && !always_true(t)) return false;
    Reason why = ctx_.facts.explain(e);
    const char* code = why.from_score ? (never ? code::score_never : code::score_always)
                                      : (never ? code::condition_never : code::condition_always);
    auto& d = ctx_.out.warning(code, e.span,
                               fmt::format("'{}' is {}: {}", source_excerpt(p_, e.span),
                                           never ? "never true" : "always true", why.text));
    for (auto& [span, message] : why.notes) d.notes.push_back({span, std::move(message)});
    d.help = never ? "no lead can pass it: fix the condition or remove it"
                   : "every lead passes it: fix the condition or remove it";
    return true;
  }

  void local_checks(const Expr& e) {
    if (const auto* b = std::get_if<Binary>(&e.kind)) {
      if ((b->op == BinaryOp::div || b->op == BinaryOp::mod) && is_zero_literal(*b->rhs)) {
        auto& d = ctx_.out.warning(code::division_by_zero, e.span,
                                   fmt::format("'{}' divides by zero: it is always unknown",
                                               source_excerpt(p_, e.span)));
        d.help = "divide by a number other than zero";
      }
    } else if (const auto* m = std::get_if<Matches>(&e.kind)) {
      if (plain_pattern(m->pattern)) {
        auto& d = ctx_.out.warning(code::plain_matches, m->pattern_span,
                                   fmt::format("the pattern \"{}\" has no pattern syntax: it only "
                                               "looks for that text", m->pattern));
        d.help = fmt::format("write 'contains \"{}\"', which says the same more plainly",
                             m->pattern);
      }
    } else if (const auto* n = std::get_if<Name>(&e.kind)) {
      if (n->ref.kind == RefKind::element_field && n->ref.depth < scopes_.size()) {
        const RecordType* r = scopes_[scopes_.size() - 1 - n->ref.depth];
        const int lead_slot = p_.schema.lead.field_index(n->name);
        if (r && lead_slot >= 0 && shadow_reported_.insert({r, n->name}).second) {
          auto& d = ctx_.out.warning(code::where_shadows_field, e.span,
                                     fmt::format("'{}' here is the field of each '{}' element, "
                                                 "which hides the lead's field '{}'",
                                                 n->name, r->name, n->name));
          d.notes.push_back({p_.schema.lead.fields[static_cast<std::size_t>(lead_slot)].span,
                             "the lead's field"});
          d.help = fmt::format("write 'lead.{}' for the lead's field, or rename the record's "
                               "field", n->name);
        }
      }
    }
  }

  // QPL500: in an icp clause, an optional lead field read with no `is missing`,
  // `is present` or `otherwise` about it anywhere in the condition.
  void unhandled_missing(const Expr& root) {
    std::set<std::uint32_t> handled;
    std::map<std::uint32_t, Span> read;  // field slot -> first read
    struct Item { const Expr* e; bool guarded; int depth; };
    std::vector<Item> pending{{&root, false, 0}};
    std::vector<Item> reads;
    while (!pending.empty()) {
      auto [e, guarded, depth] = pending.back();
      pending.pop_back();
      if (depth > max_depth) continue;
      const Ref* ref = nullptr;
      if (const auto* n = std::get_if<Name>(&e->kind)) ref = &n->ref;
      if (const auto* m = std::get_if<Member>(&e->kind)) ref = &m->ref;
      if (ref && ref->kind == RefKind::lead_field && ref->index < p_.schema.lead.fields.size()) {
        if (guarded) handled.insert(ref->index);
        else if (p_.schema.lead.fields[ref->index].optional && !read.count(ref->index))
          read.emplace(ref->index, e->span);
        continue;
      }
      if (const auto* m = std::get_if<IsMissing>(&e->kind)) {
        pending.push_back({m->value.get(), true, depth + 1});
        continue;
      }
      if (const auto* b = std::get_if<Binary>(&e->kind); b && b->op == BinaryOp::otherwise) {
        pending.push_back({b->lhs.get(), true, depth + 1});
        pending.push_back({b->rhs.get(), guarded, depth + 1});
        continue;
      }
      // Copied into the lambda: clang before 16 cannot capture structured bindings.
      for_each_child(*e, [&pending, g = guarded, d = depth](const Expr& c) {
        pending.push_back({&c, g, d + 1});
      });
    }
    const char* what = "this icp";
    for (const auto& [slot, span] : read) {
      if (handled.count(slot)) continue;
      const auto& name = p_.schema.lead.fields[slot].name;
      auto& d = ctx_.out.info(code::unhandled_missing, span,
                              fmt::format("'{}' may be missing, and then {} is unknown and does "
                                          "not pass", name, what));
      d.notes.push_back({p_.schema.lead.fields[slot].span, "declared optional here"});
      d.help = fmt::format("say what a missing value means: '{0} is missing or ...', or "
                           "'({0} otherwise ...)'", name);
    }
  }

  LintContext& ctx_;
  const CheckedPolicy& p_;
  std::vector<const RecordType*> scopes_;
  std::set<std::pair<const RecordType*, std::string>> shadow_reported_;
};

}  // namespace

void check_conditions(LintContext& ctx) {
  ConditionWalker walker(ctx);
  for_each_rule_root(ctx.policy, [&](const Expr& e, RootKind kind) { walker.root(e, kind); });
}

}  // namespace qpl::lint
