// The evaluator: a tree walk over the checked AST in Kleene three-valued logic.
//
// `eval` returns a reference to the value: either one that already exists (a lead field, a
// memoized let, a literal) or `out`, which the caller provides. Reading names thus copies
// nothing, and with no trace the only allocations are the values an expression builds (a
// lowered text, a list literal with computed elements).
#include "eval/evaluator.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <unordered_map>

#include <re2/re2.h>

#include "eval/program.hpp"
#include "eval/forward_only.hpp"
#include "eval/program_runner.hpp"
#include "eval/scalar_rules.hpp"
#include "eval/aggregates.hpp"
#include "eval/calendar.hpp"
#include "eval/decay.hpp"
#include "eval/trace.hpp"
#include "eval/trace_builder.hpp"
#include "eval/trace_listener.hpp"
#include "model/builtins.hpp"
#include "model/eval_limits.hpp"
#include "model/memory.hpp"
#include "model/types.hpp"
#include "support/date.hpp"
#include "support/utf8.hpp"

namespace qpl::eval {
namespace {

const Value unknown_missing{Unknown{Fault::missing}};
const Value always_true{true};

Value bool_value(bool b) { return Value(b); }

// The first unknown operand's fault travels on, so the trace can name the cause.
Value unknown_from(const Value& a) { return Value(Unknown{a.fault()}); }
Value unknown_from(const Value& a, const Value& b) {
  return a.is_unknown() ? unknown_from(a) : unknown_from(b);
}

// Kleene and / or / not on values that are bool or unknown.
Value kleene_and(const Value& a, const Value& b) {
  if (a.is_false() || b.is_false()) return bool_value(false);
  if (a.is_true() && b.is_true()) return bool_value(true);
  return unknown_from(a.is_true() ? b : a);
}
Value kleene_or(const Value& a, const Value& b) {
  if (a.is_true() || b.is_true()) return bool_value(true);
  if (a.is_false() && b.is_false()) return bool_value(false);
  return unknown_from(a.is_false() ? b : a);
}
Value kleene_not(const Value& a) {
  if (a.is_unknown()) return unknown_from(a);
  return bool_value(!a.is_true());
}

// Ordering of two known values of one comparable type: <0, 0, >0. Numbers by IEEE (R21), text
// by bytes = code points (R10), dates by day, bools false < true (only = and != reach them).
int compare_known(const Value& a, const Value& b) {
  if (const auto* x = std::get_if<double>(&a.data)) {
    return order(*x, std::get<double>(b.data));
  }
  if (const auto* s = std::get_if<std::string>(&a.data)) return s->compare(std::get<std::string>(b.data));
  if (const auto* d = std::get_if<Date>(&a.data)) {
    return order(d->days, std::get<Date>(b.data).days);
  }
  if (const auto* t = std::get_if<bool>(&a.data)) return int(*t) - int(std::get<bool>(b.data));
  return 0;
}

bool same_kind(const Value& a, const Value& b) { return a.data.index() == b.data.index(); }

bool is_comparison(BinaryOp op) {
  switch (op) {
    case BinaryOp::eq: case BinaryOp::ne: case BinaryOp::lt:
    case BinaryOp::le: case BinaryOp::gt: case BinaryOp::ge:
      return true;
    default: return false;
  }
}


Value compare(BinaryOp op, const Value& a, const Value& b) {
  if (a.is_unknown() || b.is_unknown()) return unknown_from(a, b);
  if (!same_kind(a, b)) return Value(Unknown{Fault::unknown_operand});  // the checker forbids it
  if (!is_comparison(op)) return Value(Unknown{Fault::unknown_operand});
  return bool_value(holds(op, compare_known(a, b)));
}

// R19: a non-finite result is a fault.
Value number_result(double x) {
  if (!std::isfinite(x)) return Value(Unknown{Fault::non_finite});
  return Value(x);
}

Value arithmetic(BinaryOp op, const Value& a, const Value& b) {
  if (a.is_unknown() || b.is_unknown()) return unknown_from(a, b);
  const auto* x = std::get_if<double>(&a.data);
  const auto* y = std::get_if<double>(&b.data);
  if (!x || !y) {
    // R13: date - date is a number of days.
    const auto* d = std::get_if<Date>(&a.data);
    const auto* e = std::get_if<Date>(&b.data);
    if (op == BinaryOp::sub && d && e) return Value(double(d->days) - double(e->days));
    // `text + text` joins them (the matrix of grades: "A" + "2").
    const auto* s = std::get_if<std::string>(&a.data);
    const auto* t = std::get_if<std::string>(&b.data);
    if (op == BinaryOp::add && s && t) return Value(*s + *t);
    return Value(Unknown{Fault::unknown_operand});
  }
  switch (op) {
    case BinaryOp::add: return number_result(*x + *y);
    case BinaryOp::sub: return number_result(*x - *y);
    case BinaryOp::mul: return number_result(*x * *y);
    case BinaryOp::div:
      if (*y == 0) return Value(Unknown{Fault::division_by_zero});
      return number_result(*x / *y);
    case BinaryOp::mod:  // R20: truncated remainder, sign of the dividend
      if (*y == 0) return Value(Unknown{Fault::division_by_zero});
      return number_result(std::fmod(*x, *y));
    default: return Value(Unknown{Fault::unknown_operand});
  }
}


const std::string* text_of(const Value& v) { return std::get_if<std::string>(&v.data); }

// `value` as a text, emptied, keeping the buffer it already had.
std::string& reset_text(Value& value) {
  if (auto* s = std::get_if<std::string>(&value.data)) {
    s->clear();
    return *s;
  }
  return value.data.emplace<std::string>();
}

}  // namespace

struct Evaluator::Impl final : TreeWalk {
  explicit Impl(const CheckedPolicy& policy)
      : p(policy), program(Program::compile(policy)), runner(policy, program, *this),
        previous_slot(qpl::previous_slot(policy.schema.lead)) {
    let_memo.resize(p.lets.size());
    icp_memo.resize(p.icps.size());
    score_memo.resize(p.scores.size());
    check_memo.resize(p.checks.size());
    grade_memo.resize(p.grades.size());
    literals.resize(p.expr_count);
    regexes.resize(p.expr_count);
    texts.resize(p.expr_count);
  }

  // One memoized let/icp/score/check: valid for the lead whose generation it carries.
  struct Memo {
    std::uint64_t generation = 0;
    bool in_progress = false;
    Value value;
    std::uint32_t node = 0;  // its trace node, when tracing
  };

  struct Cached {
    const Expr* expr = nullptr;
    Value value;
  };
  struct CachedRegex {
    const Expr* expr = nullptr;
    std::unique_ptr<RE2> regex;
  };

  const CheckedPolicy& p;
  // The untraced evaluation; the tree walk below serves traces and the forms it leaves out.
  const Program program;
  ProgramRunner runner;
  const int previous_slot;  // the lead's remembered `previous`, or -1
  const RecordValue* lead = nullptr;
  std::int32_t today = 0;
  std::uint64_t generation = 0;
  // `where` elements, innermost last. A let, icp, score or check evaluated from inside a `where`
  // does not see them: its scope starts at `element_base` (a stack, so no per-lead allocation).
  std::vector<const RecordValue*> elements;
  std::size_t element_base = 0;
  std::vector<std::size_t> saved_bases;
  std::vector<Memo> let_memo, icp_memo, score_memo, check_memo, grade_memo;
  std::vector<Cached> literals;  // text and list literals, by Expr::id
  // The texts lower(), upper() and trim() compute, by Expr::id: their buffers stay from lead to
  // lead, so these calls allocate nothing once grown. A node's value is used before the node
  // is evaluated again (an expression does not contain itself).
  std::vector<Cached> texts;
  std::unordered_map<const Expr*, Value> other_literals;  // expressions from outside the policy
  std::vector<CachedRegex> regexes;  // R32: each pattern compiled once, by Expr::id
  std::unordered_map<const Expr*, std::unique_ptr<RE2>> other_regexes;
  // Nested evaluations: expression levels plus chains of lets, icps, scores and checks. The
  // checker refuses a policy deeper than max_evaluation_depth; this guard keeps the stack safe
  // for anything else, and the lead then gets an error, not an answer.
  std::size_t depth = 0;
  bool too_deep = false;

  // The ledger: kept or not (keep_ledger), and the lead's while a traced evaluation runs.
  bool keep_ledger = false;
  Ledger* ledger = nullptr;

  // An account's aggregates over `contacts`, answered from their folds (evaluate_expression_with).
  const std::vector<std::pair<const Expr*, Value>>* fixed = nullptr;

  // Who listens to this lead's evaluation (eval/trace_listener.hpp), if anyone.
  TraceListener* listener = nullptr;
  // What builds the trace when evaluate() is asked for one at a level: kept from one lead to the
  // next with its buffers (one per lead cost an allocation each).
  std::optional<TraceBuilder> builder;
  ExplainLevel level = ExplainLevel::none;

  void begin_lead(const RecordValue& l, std::int32_t day) {
    lead = &l;
    today = day;
    ++generation;
    elements.clear();
    element_base = 0;
    saved_bases.clear();
    depth = 0;
    too_deep = false;
  }

  // ---------------------------------------------------------------------------------------------
  // Reporting to the listener.

  bool tracing() const { return listener != nullptr; }
  // Sub-expressions and reads inside a `where` would repeat per element: the query's own node
  // stands for them.
  bool tracing_here() const { return listener != nullptr && elements.size() == element_base; }

  std::uint32_t open_node(TraceKind kind, std::uint32_t index, const Expr* expr, Span span) {
    return listener->open(kind, index, expr, span);
  }
  void close_node(std::uint32_t id, const Value& value) { listener->close(id, value); }
  void record_read(const FieldSchema& field, const Value& v) {
    if (tracing_here()) listener->read(field.name, field.type, v);
  }
  // A fault raised here; a missing value or an unknown operand only passes one on.
  void record_fault(const Value& v) {
    if (!tracing_here() || !v.is_unknown() || v.fault() == Fault::missing ||
        v.fault() == Fault::unknown_operand)
      return;
    listener->fault(v.fault());
  }

  // ---------------------------------------------------------------------------------------------
  // Expressions.

  const Value& eval_tree(const Expr& e, Value& out) override { return eval(e, out); }
  const Value& eval_decayed_per(const ScoreRule& rule, Value& out) override {
    return decayed_per(rule, out, 0);
  }

  const Value& eval(const Expr& e, Value& out) {
    if (depth >= max_evaluation_depth) {
      too_deep = true;
      out = Value(Unknown{Fault::unknown_operand});
      return out;
    }
    ++depth;
    const Value* result;
    if (level == ExplainLevel::full && tracing_here() && !is_trivial(e)) {
      const auto id = open_node(TraceKind::expr, 0, &e, e.span);
      result = &eval_kind(e, out);
      close_node(id, *result);
    } else {
      result = &eval_kind(e, out);
    }
    --depth;
    return *result;
  }

  // Literals need no node of their own at the full level, nor do references to lets, icps,
  // scores and checks and named group tests: their own nodes stand for them.
  static bool is_trivial(const Expr& e) {
    switch (e.kind_case()) {
      case ExprKindCase::number: case ExprKindCase::text: case ExprKindCase::boolean:
      case ExprKindCase::date: case ExprKindCase::duration: case ExprKindCase::list:
        return true;
      case ExprKindCase::name: {
        const auto k = std::get<Name>(e.kind).ref.kind;
        return k == RefKind::let || k == RefKind::icp || k == RefKind::score ||
               k == RefKind::grade;
      }
      case ExprKindCase::member:
        return std::get<Member>(e.kind).ref.kind == RefKind::gate_check;
      case ExprKindCase::group_test:
        return true;
      default: return false;
    }
  }

  // The scalars go straight into `out.data`: no temporary Value moved in through a variant visit.
  const Value& eval_kind(const Expr& e, Value& out) {
    switch (e.kind_case()) {
      case ExprKindCase::number: out.data = std::get<NumberLit>(e.kind).value; return out;
      case ExprKindCase::boolean: out.data = std::get<BoolLit>(e.kind).value; return out;
      case ExprKindCase::date: out.data = Date{std::get<DateLit>(e.kind).days}; return out;
      case ExprKindCase::duration:  // only meaningful beside a date (handled there)
        out.data = double(std::get<DurationLit>(e.kind).days);
        return out;
      case ExprKindCase::text: return literal(e);
      case ExprKindCase::list: return eval_list(e, out);
      case ExprKindCase::today: out.data = Date{today}; return out;
      case ExprKindCase::lead: out = unknown_missing; return out;
      case ExprKindCase::name: return eval_name(std::get<Name>(e.kind), out);
      case ExprKindCase::member: return eval_member(std::get<Member>(e.kind), out);
      case ExprKindCase::call: return eval_call(e, std::get<Call>(e.kind), out);
      case ExprKindCase::unary: return eval_unary(std::get<Unary>(e.kind), out);
      case ExprKindCase::binary: return eval_binary(e, std::get<Binary>(e.kind), out);
      case ExprKindCase::in: return eval_in(std::get<In>(e.kind), out);
      case ExprKindCase::between: return eval_between(std::get<Between>(e.kind), out);
      case ExprKindCase::matches: return eval_matches(e, std::get<Matches>(e.kind), out);
      case ExprKindCase::is_missing: {
        const auto& m = std::get<IsMissing>(e.kind);
        Value tmp;
        const bool unknown = eval(*m.value, tmp).is_unknown();  // R18: never unknown itself
        out.data = m.present ? !unknown : unknown;
        return out;
      }
      case ExprKindCase::within: return eval_within(std::get<Within>(e.kind), out);
      case ExprKindCase::list_query:
        if (fixed != nullptr)
          for (const auto& [expr, value] : *fixed)
            if (expr == &e) {
              out = value;
              return out;
            }
        return eval_list_query(std::get<ListQuery>(e.kind), out);
      case ExprKindCase::group_test: return eval_group_test(e, std::get<GroupTest>(e.kind), out);
    }
    out = Value(Unknown{Fault::unknown_operand});
    return out;
  }

  // A text literal, or a list literal of literals: built once, then shared.
  const Value& literal(const Expr& e) {
    if (e.id < literals.size() && (!literals[e.id].expr || literals[e.id].expr == &e)) {
      auto& slot = literals[e.id];
      if (!slot.expr) {
        slot.expr = &e;
        slot.value = build_literal(e);
      }
      return slot.value;
    }
    auto it = other_literals.find(&e);
    if (it == other_literals.end()) it = other_literals.emplace(&e, build_literal(e)).first;
    return it->second;
  }
  Value build_literal(const Expr& e) {
    if (const auto* t = std::get_if<TextLit>(&e.kind)) return Value(t->value);
    auto list = std::make_shared<ListValue>();
    for (const auto& item : std::get<ListLit>(e.kind).items) {
      Value tmp;
      list->push_back(eval_kind(*item, tmp));
    }
    return Value(ListPtr(std::move(list)));
  }
  static bool is_constant(const Expr& e) {
    switch (e.kind_case()) {
      case ExprKindCase::number: case ExprKindCase::text: case ExprKindCase::boolean:
      case ExprKindCase::date:
        return true;
      case ExprKindCase::list:
        for (const auto& item : std::get<ListLit>(e.kind).items)
          if (!is_constant(*item)) return false;
        return true;
      default: return false;
    }
  }

  const Value& eval_list(const Expr& e, Value& out) {
    // A constant list is built once: after that, its cached value is found without walking
    // the items again.
    if (e.id < literals.size() && literals[e.id].expr == &e) return literals[e.id].value;
    if (is_constant(e)) return literal(e);
    auto list = std::make_shared<ListValue>();
    const auto& items = std::get<ListLit>(e.kind).items;
    list->reserve(items.size());
    for (const auto& item : items) {
      Value tmp;
      list->push_back(eval(*item, tmp));
    }
    out = Value(ListPtr(std::move(list)));
    return out;
  }

  const Value& lead_field(std::uint32_t index) {
    const Value& v = index < lead->fields.size() ? lead->fields[index] : unknown_missing;
    if (tracing_here() && index < p.schema.lead.fields.size())
      record_read(p.schema.lead.fields[index], v);
    return v;
  }

  const Value& eval_name(const Name& n, Value& out) {
    switch (n.ref.kind) {
      case RefKind::lead_field: return lead_field(n.ref.index);
      case RefKind::element_field: {
        if (n.ref.depth >= elements.size() - element_base) return unknown_missing;
        const RecordValue* element = elements[elements.size() - 1 - n.ref.depth];
        if (!element || n.ref.index >= element->fields.size()) return unknown_missing;
        return element->fields[n.ref.index];
      }
      case RefKind::let: return let_value(n.ref.index);
      case RefKind::icp: return icp_value(n.ref.index);
      case RefKind::score: return score_value(n.ref.index, out);
      case RefKind::grade: return grade_value(n.ref.index);
      default: out = Value(Unknown{Fault::unknown_operand}); return out;
    }
  }

  const Value& eval_member(const Member& m, Value& out) {
    switch (m.ref.kind) {
      case RefKind::lead_field: return lead_field(m.ref.index);
      case RefKind::gate_check: return check_value(m.ref.index);
      case RefKind::record_field: {
        Value tmp;
        const Value& object = eval(*m.object, tmp);
        if (object.is_unknown()) {
          out = unknown_from(object);
          return out;
        }
        const auto* record = std::get_if<RecordPtr>(&object.data);
        if (!record || !*record || m.ref.index >= (*record)->fields.size()) return unknown_missing;
        // `tmp` may own the record (a computed value): copy out of it then.
        if (&object == &tmp) {
          out = (*record)->fields[m.ref.index];
          return out;
        }
        return (*record)->fields[m.ref.index];
      }
      default: out = Value(Unknown{Fault::unknown_operand}); return out;
    }
  }

  const Value& eval_unary(const Unary& u, Value& out) {
    Value tmp;
    const Value& v = eval(*u.operand, tmp);
    if (u.op == UnaryOp::not_) {
      out = kleene_not(v);
    } else if (v.is_unknown()) {
      out = unknown_from(v);
    } else if (const auto* x = std::get_if<double>(&v.data)) {
      out = Value(-*x);
    } else {
      out = Value(Unknown{Fault::unknown_operand});
    }
    return out;
  }

  const Value& eval_binary(const Expr& e, const Binary& b, Value& out) {
    // Kleene and/or. Short-circuit only off the trace: a trace shows both sides.
    if (b.op == BinaryOp::and_ || b.op == BinaryOp::or_) {
      Value l_tmp;
      const Value& l = eval(*b.lhs, l_tmp);
      const bool decided = b.op == BinaryOp::and_ ? l.is_false() : l.is_true();
      if (decided && !tracing()) {
        out.data = l.is_true();
        return out;
      }
      Value r_tmp;
      const Value& r = eval(*b.rhs, r_tmp);
      const auto* x = std::get_if<bool>(&l.data);
      const auto* y = std::get_if<bool>(&r.data);
      if (x && y) out.data = b.op == BinaryOp::and_ ? *x && *y : *x || *y;
      else out = b.op == BinaryOp::and_ ? kleene_and(l, r) : kleene_or(l, r);
      return out;
    }
    if (b.op == BinaryOp::otherwise) {  // R18: the right side where the left is unknown
      Value l_tmp;
      const Value& l = eval(*b.lhs, l_tmp);
      if (!l.is_unknown()) {
        if (&l == &l_tmp) {
          out = std::move(l_tmp);
          return out;
        }
        return l;
      }
      return eval(*b.rhs, out);
    }
    // Date shifted by a duration literal: `d + 30 days`, `d - 2 weeks`, `30 days + d`.
    if (b.op == BinaryOp::add || b.op == BinaryOp::sub) {
      const auto* right_duration = std::get_if<DurationLit>(&b.rhs->kind);
      const auto* left_duration = std::get_if<DurationLit>(&b.lhs->kind);
      if (right_duration || left_duration) {
        Value tmp;
        const Value& d = eval(right_duration ? *b.lhs : *b.rhs, tmp);
        const DurationLit& shift = right_duration ? *right_duration : *left_duration;
        if (d.is_unknown()) {
          out = unknown_from(d);
        } else if (const auto* date = std::get_if<Date>(&d.data)) {
          out = shifted_date(date->days, shift, b.op == BinaryOp::sub ? -1 : 1);
        } else {
          out = Value(Unknown{Fault::unknown_operand});
        }
        record_fault(out);
        return out;
      }
    }
    Value l_tmp, r_tmp;
    const Value& l = eval(*b.lhs, l_tmp);
    const Value& r = eval(*b.rhs, r_tmp);
    switch (b.op) {
      case BinaryOp::eq: case BinaryOp::ne: case BinaryOp::lt:
      case BinaryOp::le: case BinaryOp::gt: case BinaryOp::ge:
        if (const auto* x = std::get_if<double>(&l.data), *y = std::get_if<double>(&r.data); x && y)
          out.data = holds(b.op, order(*x, *y));
        else
          out = compare(b.op, l, r);
        if (tracing_here() && !out.is_true()) note_comparison(e, l, r, out);
        return out;
      case BinaryOp::contains: case BinaryOp::starts_with: case BinaryOp::ends_with: {
        // R24: exact code points, no normalisation; `contains ""` is true.
        const auto* t = text_of(l);
        const auto* s = text_of(r);
        if (!t || !s) {
          out = l.is_unknown() || r.is_unknown() ? unknown_from(l, r)
                                                 : Value(Unknown{Fault::unknown_operand});
          return out;
        }
        const std::string_view text = *t;
        if (b.op == BinaryOp::contains) out.data = text.find(*s) != std::string_view::npos;
        else if (b.op == BinaryOp::starts_with) out.data = text.starts_with(*s);
        else out.data = text.ends_with(*s);
        return out;
      }
      default:
        out = arithmetic(b.op, l, r);
        record_fault(out);
        return out;
    }
  }

  void note_comparison(const Expr& e, const Value& l, const Value& r, const Value& result) {
    listener->comparison_failed(e, l, r, result);
  }

  // R22: `x in [e1, e2...]` is `x = e1 or x = e2 or ...`; `unknown in []` is false.
  const Value& eval_in(const In& in, Value& out) {
    Value x_tmp;
    const Value& x = eval(*in.value, x_tmp);
    Value list_tmp;
    const Value& list_value = eval(*in.list, list_tmp);
    Value result;
    if (list_value.is_unknown()) {
      result = unknown_from(list_value);
    } else {
      const auto* list = std::get_if<ListPtr>(&list_value.data);
      result = bool_value(false);
      if (list && *list && text_in_texts(x, **list, result)) {
        // decided without building a Value per element
      } else if (list && *list) {
        for (const auto& element : **list) {
          const Value eq = compare(BinaryOp::eq, x, element);
          result = kleene_or(result, eq);
          if (result.is_true()) break;
        }
      }
    }
    out = in.negated ? kleene_not(result) : result;
    return out;
  }

  // A known text against a list: equal to some element gives true whatever the others are;
  // equal to none of a list of texts gives false. False when neither holds (an element that is
  // not a text, say unknown): the general Kleene loop decides then.
  static bool text_in_texts(const Value& x, const ListValue& list, Value& result) {
    const auto* text = text_of(x);
    if (!text) return false;
    const std::string_view wanted = *text;
    bool all_texts = true;
    for (const auto& element : list) {
      const auto* candidate = text_of(element);
      if (!candidate) {
        all_texts = false;
        continue;
      }
      if (wanted == *candidate) {
        result = bool_value(true);
        return true;
      }
    }
    if (!all_texts) return false;
    result = bool_value(false);
    return true;
  }

  // R23: `x between a and b` is `x >= a and x <= b`, and always false when `a > b`, even for
  // an unknown x: no value lies in an empty range.
  const Value& eval_between(const Between& b, Value& out) {
    Value x_tmp, lo_tmp, hi_tmp;
    const Value& x = eval(*b.value, x_tmp);
    const Value& lo = eval(*b.low, lo_tmp);
    const Value& hi = eval(*b.high, hi_tmp);
    if (!lo.is_unknown() && !hi.is_unknown() && compare(BinaryOp::gt, lo, hi).is_true()) {
      out = bool_value(false);
      return out;
    }
    out = kleene_and(compare(BinaryOp::ge, x, lo), compare(BinaryOp::le, x, hi));
    return out;
  }

  // R32: unanchored search; the pattern is compiled once per policy.
  const Value& eval_matches(const Expr& e, const Matches& m, Value& out) {
    Value tmp;
    const Value& v = eval(*m.value, tmp);
    const auto* t = text_of(v);
    if (!t) {
      out = v.is_unknown() ? unknown_from(v) : Value(Unknown{Fault::unknown_operand});
      return out;
    }
    const RE2* re = regex(e, m.pattern);
    if (!re) {
      out = Value(Unknown{Fault::unknown_operand});
      return out;
    }
    out.data = RE2::PartialMatch(*t, *re);
    return out;
  }
  const RE2* regex(const Expr& e, const std::string& pattern) {
    auto compile = [&] {
      RE2::Options options;
      options.set_log_errors(false);
      auto re = std::make_unique<RE2>(pattern, options);
      return re->ok() ? std::move(re) : nullptr;
    };
    if (e.id < regexes.size() && (!regexes[e.id].expr || regexes[e.id].expr == &e)) {
      auto& slot = regexes[e.id];
      if (!slot.expr) {
        slot.expr = &e;
        slot.regex = compile();
      }
      return slot.regex.get();
    }
    auto it = other_regexes.find(&e);
    if (it == other_regexes.end()) it = other_regexes.emplace(&e, compile()).first;
    return it->second.get();
  }

  // R31: 0 <= today - d <= N; with months, today - N months <= d <= today.
  const Value& eval_within(const Within& w, Value& out) {
    Value tmp;
    const Value& v = eval(*w.value, tmp);
    if (const auto* d = std::get_if<Date>(&v.data)) {
      const std::int64_t since = std::int64_t(today) - d->days;
      out.data = since >= 0 && since <= within_days(today, w);
    } else {
      out = v.is_unknown() ? unknown_from(v) : Value(Unknown{Fault::unknown_operand});
    }
    return out;
  }

  // A list operand's elements (an absent list has none), or null once `out` holds its unknown.
  // `tmp` keeps a computed list alive while the caller reads it.
  const ListValue* list_operand(const Expr& list, Value& tmp, Value& out) {
    const Value& value = eval(list, tmp);
    if (value.is_unknown()) {
      out = unknown_from(value);
      return nullptr;
    }
    const auto* list_ptr = std::get_if<ListPtr>(&value.data);
    static const ListValue empty;
    return list_ptr && *list_ptr ? list_ptr->get() : &empty;
  }

  // R33: count / any / all, with an optional `where` evaluated per element.
  const Value& eval_list_query(const ListQuery& q, Value& out) {
    Value list_tmp;
    const ListValue* operand = list_operand(*q.list, list_tmp, out);
    if (operand == nullptr) return out;
    const ListValue& list = *operand;
    if (q.project) return eval_aggregate(q, list, out);
    if (q.quantifier == Quantifier::count && !q.where) {
      out = Value(double(list.size()));
      return out;
    }
    double count = 0;
    Value folded = bool_value(q.quantifier == Quantifier::all);
    for (const auto& element : list) {
      Value cond_tmp;
      const Value* cond = &element;
      if (q.where) {
        const auto* record = std::get_if<RecordPtr>(&element.data);
        elements.push_back(record ? record->get() : nullptr);
        cond = &eval(*q.where, cond_tmp);
        elements.pop_back();
      }
      if (q.quantifier == Quantifier::count) {
        if (cond->is_true()) ++count;  // unknown conditions are not counted
        continue;
      }
      folded = q.quantifier == Quantifier::any ? kleene_or(folded, *cond) : kleene_and(folded, *cond);
      if (q.quantifier == Quantifier::any ? folded.is_true() : folded.is_false()) break;
    }
    if (q.quantifier == Quantifier::count) out = Value(count);
    else out = std::move(folded);
    return out;
  }

  // sum / avg / min / max: the fold is eval/aggregates.cpp; here, the element scope.
  const Value& eval_aggregate(const ListQuery& q, const ListValue& list, Value& out) {
    AggregateFold fold(q.quantifier);
    for (const auto& element : list) {
      const auto* record = std::get_if<RecordPtr>(&element.data);
      elements.push_back(record ? record->get() : nullptr);
      Value tmp;
      const bool selected = !q.where || eval(*q.where, tmp).is_true();
      bool more = true;
      if (selected) {
        Value value_tmp;
        more = fold.add(eval(*q.project, value_tmp));
      }
      elements.pop_back();
      if (!more) break;
    }
    out = fold.result();
    return out;
  }

  // R34: T true and U unknown members; at least K: true if T >= K, false if T + U < K.
  const Value& eval_group_test(const Expr& e, const GroupTest& g, Value& out) {
    const bool traced = tracing_here();
    std::uint32_t node = 0;
    if (traced) node = open_node(TraceKind::group, 0, &e, e.span);
    std::int64_t t = 0, u = 0, size = 0;
    Fault fault = Fault::unknown_operand;
    auto tally = [&](const Value& v) {
      ++size;
      if (v.is_true()) ++t;
      else if (v.is_unknown()) {
        if (u++ == 0) fault = v.fault();
      }
    };
    if (!g.group.empty()) {
      if (g.group_index < p.gates.size())
        for (const auto check : p.gates[g.group_index].checks) tally(check_value(check));
    } else {
      for (const auto& item : g.items) {
        Value tmp;
        tally(eval(*item, tmp));
      }
    }
    std::int64_t k = 1;
    switch (g.quantifier) {
      case GroupQuantifier::at_least: k = g.k; break;
      case GroupQuantifier::all: k = size; break;
      case GroupQuantifier::any: case GroupQuantifier::none: k = 1; break;
    }
    Value result;
    if (t >= k) result = bool_value(true);
    else if (t + u < k) result = bool_value(false);
    else result = Value(Unknown{fault});
    out = g.quantifier == GroupQuantifier::none ? kleene_not(result) : result;
    if (traced) close_node(node, out);
    return out;
  }

  // R25-R31: any unknown argument gives unknown (`max(5, unknown)` is unknown, not 5).
  // Where the text call `e` puts its value: its slot in `texts`, or `out` for an expression from
  // outside the policy whose id a policy expression already uses.
  Value& text_slot(const Expr& e, Value& out) {
    if (e.id < texts.size()) {
      auto& slot = texts[e.id];
      if (!slot.expr) slot.expr = &e;
      if (slot.expr == &e) return slot.value;
    }
    return out;
  }

  const Value& eval_call(const Expr& e, const Call& c, Value& out) {
    if (c.args.empty()) {
      out = Value(Unknown{Fault::unknown_operand});
      return out;
    }
    const BuiltinImplementation& impl = builtin_of(c.builtin).implementation;
    if (impl.shape == BuiltinShape::extreme) return eval_min_max(c, impl.sign, out);
    Value first_tmp;
    const Value& first = eval(*c.args[0], first_tmp);
    if (first.is_unknown()) {
      out = unknown_from(first);
      return out;
    }
    const auto* text = text_of(first);
    const auto* number = std::get_if<double>(&first.data);
    const auto* date = std::get_if<Date>(&first.data);
    const auto* list = std::get_if<ListPtr>(&first.data);
    Value result = Value(Unknown{Fault::unknown_operand});  // an argument the checker forbids
    switch (impl.shape) {
      case BuiltinShape::text_to_text:
        if (text) {
          Value& slot = text_slot(e, out);
          impl.text(reset_text(slot), *text);
          return slot;
        }
        break;
      case BuiltinShape::length:
        if (text) result = Value(impl.measure(*text));
        else if (list) result = Value(double(*list ? (*list)->size() : 0));
        break;
      case BuiltinShape::text_to_domain:
        if (text) {
          auto domain = impl.domain(*text);
          result = domain ? Value(std::move(*domain)) : Value(Unknown{Fault::no_domain});
          record_fault(result);
        }
        break;
      case BuiltinShape::number_to_number:
        if (number) result = Value(impl.number(*number));
        break;
      case BuiltinShape::days_since:
        if (date) result = Value(impl.days(today, date->days));
        break;
      case BuiltinShape::extreme: break;  // eval_min_max, above
    }
    out = std::move(result);
    return out;
  }

  // R13/R25: one or more numbers or dates, all of one type; any unknown gives unknown.
  const Value& eval_min_max(const Call& c, int sign, Value& out) {
    Value best;  // the extreme so far, or the first unknown (which then stays)
    bool seen = false;
    for (const auto& arg : c.args) {
      Value tmp;
      const Value& v = eval(*arg, tmp);  // every argument, so a trace shows them all
      if (seen && best.is_unknown()) continue;
      if (v.is_unknown()) {
        best = unknown_from(v);
      } else if (!seen) {
        best = v;
      } else if (!same_kind(best, v)) {
        best = Value(Unknown{Fault::unknown_operand});  // the checker forbids it
      } else {
        const int cmp = compare_known(v, best);
        if (cmp * sign > 0) best = v;
      }
      seen = true;
    }
    out = std::move(best);
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Lets, icps, scores, checks: pure, so memoized per lead.

  // Starts computing a memoized entity; false when its value is ready (attached to the trace).
  bool enter(Memo& m, TraceKind kind, std::uint32_t index, const Expr* expr, Span span) {
    if (m.generation == generation) {
      if (tracing() && !m.in_progress) listener->again(m.node);
      return false;
    }
    m.generation = generation;
    m.in_progress = true;
    m.value = Value(Unknown{Fault::unknown_operand});  // what a (forbidden) cycle would see
    if (tracing()) m.node = open_node(kind, index, expr, span);
    // Reads inside a `where` are not traced, but an entity's own reads are: step out of it.
    saved_bases.push_back(element_base);
    element_base = elements.size();
    return true;
  }
  void leave(Memo& m, Value v) {
    element_base = saved_bases.back();
    saved_bases.pop_back();
    m.value = std::move(v);
    m.in_progress = false;
    if (tracing()) close_node(m.node, m.value);
  }

  const Value& let_value(std::uint32_t i) {
    auto& m = let_memo[i];
    const auto* decl = p.lets[i].decl;
    if (enter(m, TraceKind::let, i, decl->value.get(), decl->name_span)) {
      Value tmp;
      Value v = eval(*decl->value, tmp);
      leave(m, std::move(v));
    }
    return m.value;
  }

  // R37: the Kleene-and of the requires and of `not` each exclude; no clause gives true.
  const Value& icp_value(std::uint32_t i) {
    auto& m = icp_memo[i];
    const auto* decl = p.icps[i].decl;
    if (enter(m, TraceKind::icp, i, nullptr, decl->name_span)) {
      Value result = bool_value(true);
      for (std::uint32_t c = 0; c < decl->clauses.size(); ++c) {
        const auto& clause = decl->clauses[c];
        std::uint32_t node = 0;
        if (tracing()) {
          node = open_node(TraceKind::icp_clause, c, clause.condition.get(), clause.span);
          if (clause.exclude) listener->exclude_clause(node);
        }
        Value tmp;
        const Value& v = eval(*clause.condition, tmp);
        if (tracing()) close_node(node, v);
        if (const auto* known = std::get_if<bool>(&v.data)) {
          if (*known == clause.exclude) result.data = false;  // a failed require, a hit exclude
        } else {
          result = kleene_and(result, clause.exclude ? kleene_not(v) : v);
        }
        if (result.is_false() && !tracing()) break;
      }
      leave(m, std::move(result));
    }
    return m.value;
  }

  // R35/R36: each rule adds sign x points x per, capped by `up to`; 0 unless `when` is true and
  // `per` known and finite. The sum is clamped once to [LO, HI].
  const Value& score_value(std::uint32_t i, Value& out) {
    auto& m = score_memo[i];
    const auto* decl = p.scores[i].decl;
    if (enter(m, TraceKind::score, i, nullptr, decl->name_span)) {
      std::vector<LedgerEntry>* entries = ledger != nullptr ? &(*ledger)[i] : nullptr;
      double sum = 0;
      for (std::uint32_t r = 0; r < decl->rules.size(); ++r) {
        const auto& rule = decl->rules[r];
        if (!in_force(rule, today)) continue;  // outside its dates the rule is absent, not false
        std::uint32_t node = 0;
        if (tracing()) node = open_node(TraceKind::score_rule, r, rule.when.get(), rule.span);
        Value when_tmp;
        const Value* status = rule.when ? &eval(*rule.when, when_tmp) : &always_true;
        const Value* const when = status;
        Value adjusted;  // the status when `per` makes a true `when` unknown
        double added = 0;
        if (status->is_true() || tracing()) {
          double product = rule.points;
          if (rule.per) {
            Value tmp;
            const Value& per = rule.decay ? decayed_per(rule, tmp, node) : eval(*rule.per, tmp);
            const auto* x = std::get_if<double>(&per.data);
            product = x ? product * *x : std::nan("");
            if (per.is_unknown() && status->is_true()) {
              adjusted = unknown_from(per);
              status = &adjusted;
            }
          }
          if (!std::isfinite(product)) {
            product = 0;
            if (status->is_true()) {
              adjusted = Value(Unknown{Fault::non_finite});
              status = &adjusted;
            }
          }
          if (rule.up_to) product = std::clamp(product, -*rule.up_to, *rule.up_to);
          if (status->is_true()) added = product;
        }
        sum += added;
        if (entries != nullptr) {
          if (status->is_unknown()) entries->push_back({r, std::nullopt});
          else if (added != 0) entries->push_back({r, added});
        }
        if (tracing()) {
          listener->rule_points(node, *when, added);
          close_node(node, *status);
        }
      }
      const double unclamped = sum;
      if (decl->low) sum = std::max(sum, *decl->low);
      if (decl->high) sum = std::min(sum, *decl->high);
      if (entries != nullptr && sum != unclamped)
        entries->push_back({LedgerEntry::clamp, sum - unclamped});
      leave(m, Value(sum));
    }
    (void)out;
    return m.value;
  }

  // A decaying rule's `per` value: the sum of the decay factors of the elements its condition
  // keeps. A kept element without a date makes it unknown; a trace still lists every element.
  const Value& decayed_per(const ScoreRule& rule, Value& out, std::uint32_t node) {
    const auto& q = std::get<ListQuery>(rule.per->kind);
    Value list_tmp;
    const ListValue* operand = list_operand(*q.list, list_tmp, out);
    if (operand == nullptr) return out;
    const ListValue& list = *operand;
    double sum = 0;
    bool unknown_date = false;
    std::size_t position = 0;
    for (const auto& element : list) {
      ++position;
      const auto* record_ptr = std::get_if<RecordPtr>(&element.data);
      const RecordValue* record = record_ptr ? record_ptr->get() : nullptr;
      if (q.where) {
        elements.push_back(record);
        Value cond_tmp;
        const bool kept = eval(*q.where, cond_tmp).is_true();  // as `count`: only true keeps
        elements.pop_back();
        if (!kept) continue;
      }
      const std::uint32_t slot = rule.decay->date_slot;
      const Date* day = record && slot < record->fields.size()
                            ? std::get_if<Date>(&record->fields[slot].data)
                            : nullptr;
      const double factor = day ? decay_factor(*rule.decay, day->days, today) : 0;
      if (!day) unknown_date = true;
      sum += factor;
      if (tracing()) note_decayed(node, q, record, position, slot, day, rule.points * factor);
      else if (unknown_date) break;
    }
    out = unknown_date ? Value(Unknown{Fault::missing}) : Value(sum);
    return out;
  }

  void note_decayed(std::uint32_t node, const ListQuery& q, const RecordValue* record,
                    std::size_t position, std::uint32_t slot, const Date* day, double points) {
    TraceDecayed d;
    d.element = "element";
    if (record)
      for (const auto& field : record->fields)
        if (const auto* text = std::get_if<std::string>(&field.data)) {
          d.element = *text;
          break;
        }
    if (day) d.day = day->days;
    d.points = day ? points : 0;
    listener->decayed(node, d);
    if (!day) {  // named as explain names a missing field: "events[2].day"
      const auto* list_name = std::get_if<Name>(&q.list->kind);
      std::string name = list_name ? list_name->name : "element";
      name += "[" + std::to_string(position) + "]";
      const TypeRef t = q.list->type;
      if (t && t->element && t->element->record && slot < t->element->record->fields.size())
        name += "." + t->element->record->fields[slot].name;
      listener->read(name, nullptr, unknown_missing);
    }
  }

  const Value& check_value(std::uint32_t i) {
    auto& m = check_memo[i];
    const auto* decl = p.checks[i].decl;
    if (enter(m, TraceKind::check, i, decl->condition.get(), decl->span)) {
      Value tmp;
      Value v = eval(*decl->condition, tmp);
      leave(m, std::move(v));
    }
    return m.value;
  }

  // A grade: the first true line's label; an unknown line before any true one makes it unknown.
  // Bands: the first bound above the number, else the `otherwise` label; unknown number,
  // unknown band. Each line tried is a trace node, so the trace says which one decided.
  const Value& grade_value(std::uint32_t i) {
    auto& m = grade_memo[i];
    const auto* decl = p.grades[i].decl;
    if (enter(m, TraceKind::grade, i, decl->of.get(), decl->name_span)) {
      Value result = Value(Unknown{Fault::unknown_operand});  // no `otherwise`: refused
      Value of_tmp;
      const Value* cut = decl->of ? &eval(*decl->of, of_tmp) : nullptr;
      const auto* number = cut ? std::get_if<double>(&cut->data) : nullptr;
      if (cut && !number) {
        result = cut->is_unknown() ? unknown_from(*cut) : Value(Unknown{Fault::unknown_operand});
      } else {
        for (std::uint32_t l = 0; l < decl->lines.size(); ++l) {
          const GradeLine& line = decl->lines[l];
          std::uint32_t node = 0;
          if (tracing()) node = open_node(TraceKind::grade_line, l, line.condition.get(), line.span);
          Value tmp;
          const Value* held = &always_true;  // `otherwise`
          if (!line.otherwise && number) {
            tmp = line.below ? bool_value(*number < *line.below) : Value(Unknown{Fault::unknown_operand});
            held = &tmp;
          } else if (!line.otherwise) {
            held = line.condition ? &eval(*line.condition, tmp) : &unknown_missing;
          }
          const Value& v = *held;
          if (tracing()) close_node(node, v);
          if (v.is_true()) {
            result = Value(line.label);
            break;
          }
          if (!v.is_false()) {
            result = v.is_unknown() ? unknown_from(v) : Value(Unknown{Fault::unknown_operand});
            break;
          }
        }
      }
      leave(m, std::move(result));
    }
    return m.value;
  }

  // ---------------------------------------------------------------------------------------------
  // A whole lead.

  // No listener: the compiled program, which reports nothing.
  void evaluate(const RecordValue& l, std::int32_t day, TraceListener* to, LeadOutcome& out) {
    begin_lead(l, day);
    out.trace.reset();
    if (to == nullptr) {
      listener = nullptr;
      level = ExplainLevel::none;
      runner.keep_ledger(keep_ledger);
      runner.evaluate(l, day, out);
      out.too_deep = too_deep || runner.too_deep();
      return;
    }
    listener = to;
    level = to->level();
    const bool every_line = to->every_funnel_line();
    to->begin_lead(day);
    if (keep_ledger) {
      out.ledger.resize(p.scores.size());
      for (auto& entries : out.ledger) entries.clear();
      ledger = &out.ledger;
    } else if (!out.ledger.empty()) {
      out.ledger.clear();
    }

    out.funnel_line = -1;
    if (p.funnel) {
      const auto& lines = p.funnel->lines;
      for (std::uint32_t i = 0; i < lines.size(); ++i) {
        const auto& line = lines[i];
        std::uint32_t node = 0;
        node = open_node(TraceKind::funnel_line, i, line.condition.get(), line.span);
        Value tmp;
        const Value& v = line.condition ? eval(*line.condition, tmp) : always_true;  // `otherwise`
        close_node(node, v);
        if (v.is_true() && out.funnel_line < 0) {
          out.funnel_line = static_cast<int>(i);
          if (!every_line) break;
        }
      }
    }
    listener->funnel_decided(out.funnel_line);
    move_forward_only(out);

    // Every icp, score and check is part of the output (R47), used by the funnel or not.
    out.icps.resize(p.icps.size());
    for (std::uint32_t i = 0; i < p.icps.size(); ++i) {
      note_other(icp_memo[i]);
      out.icps[i] = icp_value(i);
    }
    out.scores.resize(p.scores.size());
    for (std::uint32_t i = 0; i < p.scores.size(); ++i) {
      note_other(score_memo[i]);
      Value tmp;
      const Value& v = score_value(i, tmp);
      const auto* x = std::get_if<double>(&v.data);
      out.scores[i] = x ? *x : 0;
    }
    out.checks.resize(p.checks.size());
    for (std::uint32_t i = 0; i < p.checks.size(); ++i) {
      note_other(check_memo[i]);
      out.checks[i] = check_value(i);
    }
    out.grades.resize(p.grades.size());
    for (std::uint32_t i = 0; i < p.grades.size(); ++i) {
      note_other(grade_memo[i]);
      out.grades[i] = grade_value(i);
    }
    listener = nullptr;
    ledger = nullptr;
    out.too_deep = too_deep;
  }

  // A forward-only funnel's backward move: the first eligible recycle line that is true, or held.
  void move_forward_only(LeadOutcome& out) {
    out.recycle_line = -1;
    out.held_rank = -1;
    if (!p.funnel) return;
    const int from = backward_from(*p.funnel, *lead, previous_slot, out.funnel_line);
    if (from < 0) return;
    const auto& recycles = p.funnel->recycles;
    for (std::uint32_t i = 0; i < recycles.size() && out.recycle_line < 0; ++i) {
      const RecycleLine& line = recycles[i];
      if (!recycle_eligible(*p.funnel, line, from)) continue;
      std::uint32_t node = 0;
      if (tracing()) node = open_node(TraceKind::recycle_line, i, line.condition.get(), line.span);
      Value tmp;
      const Value& v = eval(*line.condition, tmp);
      if (tracing()) close_node(node, v);
      if (v.is_true()) out.recycle_line = static_cast<int>(i);
    }
    if (out.recycle_line < 0) out.held_rank = from;
    if (tracing()) listener->backward_move(out.recycle_line, out.held_rank);
  }

  // An entity first computed outside the funnel is listed among the trace's `others`.
  void note_other(const Memo& m) {
    if (tracing() && m.generation != generation) listener->next_outside_funnel();
  }
};

Evaluator::Evaluator(const CheckedPolicy& policy) : impl_(std::make_unique<Impl>(policy)) {}
Evaluator::~Evaluator() = default;

void Evaluator::evaluate(const RecordValue& lead, std::int32_t today, TraceListener* listener,
                         LeadOutcome& out) {
  impl_->evaluate(lead, today, listener, out);
}

void Evaluator::evaluate(const RecordValue& lead, std::int32_t today, ExplainLevel level,
                         LeadOutcome& out) {
  if (level == ExplainLevel::none) return impl_->evaluate(lead, today, nullptr, out);
  std::optional<TraceBuilder>& builder = impl_->builder;
  if (!builder || builder->level() != level) builder.emplace(level);
  builder->recycle(std::move(out.trace));  // the previous lead's, if the caller reuses `out`
  impl_->evaluate(lead, today, &*builder, out);
  out.trace = builder->take();
}

void Evaluator::keep_ledger(bool on) { impl_->keep_ledger = on; }

bool Evaluator::stopped_too_deep() const { return impl_->too_deep; }

std::string Evaluator::too_deep_message() {
  return "the evaluation went more than " + std::to_string(max_evaluation_depth) +
         " levels deep through lets and expressions, so there is no answer";
}

Value Evaluator::evaluate_expression(const Expr& expr, const RecordValue& lead,
                                     std::int32_t today) {
  impl_->begin_lead(lead, today);
  impl_->listener = nullptr;
  impl_->level = ExplainLevel::none;
  Value tmp;
  return impl_->eval(expr, tmp);
}

Value Evaluator::evaluate_expression_same_lead(const Expr& expr) {
  impl_->depth = 0;
  Value tmp;
  return impl_->eval(expr, tmp);
}

Value Evaluator::evaluate_expression_with(const Expr& expr, const RecordValue& lead, std::int32_t today,
                                         const std::vector<std::pair<const Expr*, Value>>& fixed) {
  impl_->fixed = &fixed;
  Value v = evaluate_expression(expr, lead, today);
  impl_->fixed = nullptr;
  return v;
}

}  // namespace qpl::eval
